// The scheduler's own read-only vocabulary. The store fills these views in from its tables, so the
// scheduler depends on neither the store nor the generated protobuf classes.
import type { TaskRuntimeKind } from "../../common/index.js";

/** Whether a node takes new tasks, as set by an operator (Docker's `--availability`). */
export type NodeAvailability = "active" | "pause" | "drain";

/** The node's observed state, as reported by the dispatcher. */
export type NodeState = "unknown" | "down" | "ready" | "disconnected";

/** A node's role in the cluster. */
export type NodeRole = "worker" | "manager";

/** Transport protocol of a published port. */
export type PortProtocol = "tcp" | "udp";

/** An operating system and CPU architecture pair; an empty field in a task's platform means any. */
export interface PlatformView {
  /** Operating system, e.g. "linux". */
  readonly os: string;
  /** CPU architecture, e.g. "x86_64" or "amd64". */
  readonly architecture: string;
}

/** An amount of CPU (in 1e-9 CPUs) and memory (in bytes), as Docker counts them. */
export interface ResourceAmounts {
  /** CPU in units of 1e-9 CPUs. */
  readonly nanoCpus: number;
  /** Memory in bytes. */
  readonly memoryBytes: number;
}

/**
 * Generic resources of one kind, as SwarmKit counts them: a named unit (`value`, e.g. a GPU's UUID)
 * or an amount (`count`, e.g. 3 SSDs) when `value` is empty.
 */
export interface GenericResourceView {
  /** Kind of resource, e.g. "gpu". */
  readonly kind: string;
  /** The unit's name, for a named resource. */
  readonly value?: string;
  /** How many units, for a counted resource. */
  readonly count?: number;
}

/** A host-mode published port: only the node that runs the task answers on it. */
export interface HostPort {
  /** Transport protocol. */
  readonly protocol: PortProtocol;
  /** Published port number on the node. */
  readonly port: number;
}

/** A task that already counts on a node: desired state at most RUNNING and not finished. */
export interface AssignedTaskView {
  /** The task's service. */
  readonly serviceId: string;
  /** What the task reserves on the node. */
  readonly reservations: ResourceAmounts;
  /** Host-mode ports the task holds on the node. */
  readonly hostPorts: readonly HostPort[];
  /** Generic resources assigned to the task from the node's; absent, none. */
  readonly genericResources?: readonly GenericResourceView[];
}

/** What the scheduler needs to know about one node. */
export interface NodeView {
  /** Node id. */
  readonly id: string;
  /** Hostname from the node's description. */
  readonly hostname: string;
  /** Role from the node's spec. */
  readonly role: NodeRole;
  /** Availability from the node's spec. */
  readonly availability: NodeAvailability;
  /** Observed state from the node's status. */
  readonly state: NodeState;
  /** Platform from the node's description. */
  readonly platform: PlatformView;
  /** Total resources the node offers. */
  readonly resources: ResourceAmounts;
  /** Generic resources the node advertises (`swarmd --node-generic-resource`); absent, none. */
  readonly genericResources?: readonly GenericResourceView[];
  /** Spec labels set by operators (`node.labels.KEY`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Engine labels reported by the node (`engine.labels.KEY`). */
  readonly engineLabels: Readonly<Record<string, string>>;
  /** Runtimes the node offers (container images, process tasks); absent, it runs any task. */
  readonly runtimes?: readonly TaskRuntimeKind[];
  /** Whether the node can put tasks on overlay networks (it runs a network agent); absent, it can. */
  readonly overlay?: boolean;
  /** Whether the node can join encrypted overlay networks (a working WireGuard tunnel); absent, it can. */
  readonly encrypted?: boolean;
  /** Tasks currently assigned to the node that count. */
  readonly tasks: readonly AssignedTaskView[];
  /** Per service id, how many of its tasks failed on this node recently; absent means none. */
  readonly recentFailures?: ReadonlyMap<string, number>;
}

/** The read-only cluster view one plan is made from. */
export interface SchedulingView {
  /** Every node of the cluster, whatever its state. */
  readonly nodes: readonly NodeView[];
}

/** Where a task may go and how its service spreads; all tasks of one service share it. */
export interface PlacementView {
  /** Constraints such as "node.role==manager"; all must match. */
  readonly constraints: readonly string[];
  /** Spread descriptors applied in order, e.g. "node.labels.zone". */
  readonly preferences: readonly string[];
  /** Most tasks of the service on one node; 0 means unlimited. */
  readonly maxReplicas: number;
  /** Platforms the task can run on; empty means any. */
  readonly platforms: readonly PlatformView[];
}

/** A task waiting for a node (state PENDING). */
export interface PendingTask {
  /** Task id. */
  readonly id: string;
  /** The task's service. */
  readonly serviceId: string;
  /** What the task reserves on its node. */
  readonly reservations: ResourceAmounts;
  /** Placement of the task's spec. */
  readonly placement: PlacementView;
  /** Host-mode ports the task publishes. */
  readonly hostPorts: readonly HostPort[];
  /** The runtime its image needs (process:// images run as processes); absent, any node's. */
  readonly runtime?: TaskRuntimeKind;
  /** The task is attached to overlay networks, so only nodes that can join them take it. */
  readonly overlay?: boolean;
  /** Generic resources the task reserves, as counts of kinds; absent, none. */
  readonly genericReservations?: readonly GenericResourceView[];
  /** The task is attached to an encrypted overlay network, so only nodes that can encrypt take it. */
  readonly encrypted?: boolean;
}

/** One decision of a plan: the task goes to the node. */
export interface Assignment {
  /** Task id. */
  readonly taskId: string;
  /** Node id. */
  readonly nodeId: string;
  /** The node's generic resources assigned to the task, when it reserves any. */
  readonly genericResources?: readonly GenericResourceView[];
}

/** A task the plan could not place, with a reason an operator can act on. */
export interface Unplaced {
  /** Task id. */
  readonly taskId: string;
  /** Human-readable explanation, e.g. "no suitable node (insufficient memory on 2 nodes)". */
  readonly reason: string;
}

/** The scheduler's output: every pending task appears exactly once in one of the two lists. */
export interface Plan {
  /** Tasks placed, in the order they were decided. */
  readonly assignments: readonly Assignment[];
  /** Tasks left pending, each with its reason. */
  readonly unplaced: readonly Unplaced[];
}
