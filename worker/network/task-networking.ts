// What the executors need from the node's network agent to put a task on its overlay networks. The
// executors learn a task's attachments from the task itself (`Task.networks`: network id, address
// in CIDR form, aliases, all chosen by the manager); the agent knows the networks (from the view)
// and owns the kernel. The process executor gets a network namespace plumbed onto each network's
// bridge; the Docker executor gets the Docker networks to create the container on.
import type { swarm } from "../../proto/index.js";

/** A task's place on one overlay network, as the manager allocated it. */
export interface OverlayAttachment {
  /** The network's id. */
  readonly networkId: string;
  /** The task's address with the subnet's prefix length, e.g. "10.0.1.7/24". */
  readonly cidr: string;
  /** DNS aliases of the task on the network. */
  readonly aliases: readonly string[];
}

/** A port a task in its own namespace publishes on the node's publish address. */
export interface PublishedPort {
  /** tcp or udp. */
  readonly protocol: "tcp" | "udp";
  /** The port on the node's publish address. */
  readonly nodePort: number;
  /** The port the task listens on inside its namespace. */
  readonly targetPort: number;
}

/** What a process task's namespace was given. */
export interface TaskNetns {
  /** The namespace's name (`ip netns exec` it). */
  readonly netns: string;
  /** The task's address on each attachment, in order. */
  readonly addrs: readonly string[];
}

/** One Docker network a container joins. */
export interface DockerAttachment {
  /** The Docker network's name. */
  readonly network: string;
  /** The task's address on it (no prefix length). */
  readonly addr: string;
}

/** The hooks executors call; implemented by the NetworkAgent. */
export interface TaskNetworking {
  /**
   * Why this node cannot put a task on these networks (not root, an encrypted network, …); the
   * executor rejects the task with that reason. Undefined when it can.
   */
  refusal(attachments: readonly OverlayAttachment[], executor: "process" | "docker"): string | undefined;
  /**
   * Process executor: creates (or finds, after a restart) the task's namespace, plumbs it onto
   * each network's bridge with the task's address, writes its resolv.conf and hosts, and publishes
   * its ports. Waits, bounded, for networks the view does not name yet. Idempotent.
   */
  enterNetns(
    taskId: string,
    attachments: readonly OverlayAttachment[],
    options: { readonly names: readonly string[]; readonly publish: readonly PublishedPort[] },
    signal: AbortSignal,
  ): Promise<TaskNetns>;
  /** Docker executor: the Docker networks of the attachments, in order, and the DNS server to give the container. */
  dockerNetworks(
    attachments: readonly OverlayAttachment[],
    signal: AbortSignal,
  ): Promise<{ readonly networks: readonly DockerAttachment[]; readonly dns: string }>;
  /** Docker executor: connects a created container to a further network before it starts. */
  connectContainer(network: DockerAttachment, containerId: string): Promise<void>;
  /** Docker executor: the container runs; its ports get hairpin mode so it can reach its own VIP. */
  containerStarted(taskId: string): Promise<void>;
  /** Either executor: the task is removed; its namespace (process), rules and state go. Idempotent. */
  releaseTask(taskId: string): Promise<void>;
}

/** The overlay attachments of a task: entries of `Task.networks` with an address. */
export function overlayAttachments(task: swarm.v1.ITask): OverlayAttachment[] {
  return (task.networks ?? [])
    .filter((n) => (n.addresses ?? []).length > 0 && (n.networkId ?? "") !== "")
    .map((n) => ({ networkId: n.networkId ?? "", cidr: n.addresses?.[0] ?? "", aliases: [...(n.aliases ?? [])] }));
}
