// The contract between the routing mesh's data path (worker/mesh) and whatever feeds it the
// cluster's endpoint set (the agent, from the managers over the session). Every node receives the
// same set: for each service with ingress-published ports, the live tasks that can take traffic.

/** Transport of a published port. */
export type MeshProtocol = "tcp" | "udp";

/** How a service's connections are spread over its endpoints. */
export type MeshBalancing = "round-robin" | "least-connections";

/** One ingress-published port of a service. */
export interface MeshPort {
  /** tcp or udp. */
  readonly protocol: MeshProtocol;
  /** The port every node listens on. */
  readonly publishedPort: number;
  /** The task's port behind it (the key into {@link MeshEndpoint.ports}). */
  readonly targetPort: number;
  /** Send a PROXY protocol header to the task first, so it sees the client's address (TCP only). */
  readonly proxyProtocol?: "v1" | "v2";
}

/** One task that can take a service's traffic. */
export interface MeshEndpoint {
  /** The task's id. */
  readonly taskId: string;
  /** Address the task's ports are reachable at from other nodes (its node's address). */
  readonly addr: string;
  /** Target port → port on `addr` where the task answers. */
  readonly ports: Readonly<Record<number, number>>;
  /** The task is stopping: no new connections; open ones finish within its grace period. */
  readonly draining: boolean;
}

/** A service as the mesh sees it. */
export interface MeshService {
  /** The service's id. */
  readonly serviceId: string;
  /** The service's name (for logs). */
  readonly name: string;
  /** Its ingress-published ports. */
  readonly ports: readonly MeshPort[];
  /** Its live tasks. */
  readonly endpoints: readonly MeshEndpoint[];
  /** Balancing; round robin unless the service asks otherwise. */
  readonly balancing: MeshBalancing;
}
