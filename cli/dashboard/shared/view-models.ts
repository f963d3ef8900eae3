// The dashboard's view models: what the server sends the page, already translated from store
// objects (cli/dashboard/model/) into words and numbers a table shows. The page only renders them,
// so everything here is plain JSON, and nothing here may hold secret data or join tokens.

/** A task state as the page names it (Docker's words, lower case). */
export type TaskStateName =
  | "new"
  | "pending"
  | "assigned"
  | "accepted"
  | "preparing"
  | "ready"
  | "starting"
  | "running"
  | "complete"
  | "shutdown"
  | "failed"
  | "rejected"
  | "orphaned"
  | "remove";

/** The phases the tasks-by-state chart stacks: every task state falls in one. */
export const taskPhases = ["pending", "starting", "running", "complete", "failed"] as const;
/** One phase of {@link taskPhases}. */
export type TaskPhase = (typeof taskPhases)[number];

/** A task named in a node's row. */
export interface TaskRef {
  readonly id: string;
  /** "web.1", or "web.<node id>" for a global service's task. */
  readonly name: string;
  readonly serviceId: string;
  readonly state: TaskStateName;
}

/** A manager's part of a node. */
export interface ManagerInfo {
  readonly leader: boolean;
  /** Raft reachability as the store records it, lowered to "unreachable" when the node is down. */
  readonly reachability: "reachable" | "unreachable" | "unknown";
  /** Address the other managers reach it at. */
  readonly addr: string;
  readonly raftId: number;
}

/** One node. */
export interface NodeView {
  readonly id: string;
  readonly hostname: string;
  readonly role: "manager" | "worker";
  readonly availability: "active" | "pause" | "drain";
  readonly state: "unknown" | "down" | "ready" | "disconnected";
  /** Why the node is in its state, when the managers say. */
  readonly message: string;
  /** The address the node reported. */
  readonly addr: string;
  readonly manager: ManagerInfo | null;
  readonly labels: Readonly<Record<string, string>>;
  /** "process" or the Docker Engine version. */
  readonly engine: string;
  /** "linux/amd64". */
  readonly platform: string;
  /** Total and reserved resources: reservations of the tasks the node holds. */
  readonly resources: {
    readonly nanoCpus: number;
    readonly memoryBytes: number;
    readonly reservedNanoCpus: number;
    readonly reservedMemoryBytes: number;
  };
  /** Tasks on the node that the managers want running, and the first of them by name. */
  readonly tasks: { readonly running: number; readonly total: number; readonly shown: readonly TaskRef[] };
}

/** A service's rolling update or rollback, as its update status says. */
export interface UpdateProgress {
  /** "updating", "paused", "completed", "rollback started", "rollback paused", "rollback completed". */
  readonly state: string;
  readonly message: string;
  readonly startedMs: number;
  readonly completedMs: number;
  /** Tasks already at the service's current spec, of those desired running. */
  readonly done: number;
  readonly total: number;
}

/** Why some of a service's tasks are not placed: one reason and how many tasks give it. */
export interface PendingReason {
  readonly reason: string;
  readonly count: number;
}

/** An address on a network: a service's virtual IP, or a task's address. */
export interface NetworkAddress {
  readonly networkId: string;
  /** The network's name (its id once it is gone). */
  readonly network: string;
  /** CIDR form, "10.0.1.2/24"; "" for a service without a virtual IP there. */
  readonly addr: string;
}

/** One service, as a row of the services list. */
export interface ServiceView {
  readonly id: string;
  readonly name: string;
  /** "replicated", "global", "replicated job", "global job". */
  readonly mode: string;
  readonly image: string;
  /** Replicas running and desired, and the REPLICAS cell as `swarmctl service ls` prints it. */
  readonly replicas: { readonly running: number; readonly desired: number; readonly text: string };
  /** "*:8080->80/tcp" for each published port. */
  readonly ports: readonly string[];
  /** The stack it belongs to (label com.docker.stack.namespace), or "". */
  readonly stack: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The networks its tasks attach to, with its virtual IP on each. */
  readonly networks: readonly NetworkAddress[];
  readonly update: UpdateProgress | null;
  readonly pending: readonly PendingReason[];
  /** Whether a previous spec exists to roll back to. */
  readonly canRollBack: boolean;
  /** The last task error of a task desired running, if any (the newest). */
  readonly lastError: string;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** One state a task passed through, as this dashboard saw it. */
export interface TaskTransition {
  readonly state: TaskStateName;
  readonly atMs: number;
}

/** One task of the service on show. */
export interface TaskView {
  readonly id: string;
  readonly name: string;
  readonly slot: number;
  /** Tasks of one slot (or one node, for global services) share a group; the newest leads it. */
  readonly group: string;
  /** Whether this is the newest task of its group. */
  readonly current: boolean;
  readonly nodeId: string;
  readonly nodeName: string;
  readonly image: string;
  readonly desired: TaskStateName;
  readonly state: TaskStateName;
  readonly sinceMs: number;
  readonly createdMs: number;
  readonly message: string;
  readonly error: string;
  readonly exitCode: number | null;
  readonly ports: readonly string[];
  /** Its addresses on the networks it attaches to. */
  readonly addresses: readonly NetworkAddress[];
  /** The states this task went through, oldest first (since the dashboard started, and its current one). */
  readonly history: readonly TaskTransition[];
}

/** The service on show: its row, its spec as `service inspect` prints it, and its tasks. */
export interface ServiceDetail {
  readonly service: ServiceView;
  /** The spec as plain JSON (enums by name). */
  readonly spec: unknown;
}

/** A manager in the cluster view. */
export interface ManagerView {
  readonly nodeId: string;
  readonly hostname: string;
  readonly addr: string;
  readonly raftId: number;
  readonly leader: boolean;
  readonly reachability: ManagerInfo["reachability"];
  readonly state: NodeView["state"];
}

/** The cluster as a whole. */
export interface ClusterView {
  readonly id: string;
  readonly name: string;
  readonly createdMs: number;
  readonly managers: readonly ManagerView[];
  readonly leader: ManagerView | null;
  /** Raft health from the managers' records: how many are reachable of how many, and the quorum. */
  readonly raft: {
    readonly managers: number;
    readonly reachable: number;
    readonly quorum: number;
    /** Managers that may fail before writes stop (negative: the quorum is lost). */
    readonly faultTolerance: number;
    readonly healthy: boolean;
  };
  /** A few cluster settings, as words ("5 s"). */
  readonly settings: readonly { readonly name: string; readonly value: string }[];
  readonly counts: {
    readonly nodes: number;
    readonly readyNodes: number;
    readonly services: number;
    readonly tasks: number;
    readonly runningTasks: number;
  };
}

/** A secret's or config's name and metadata (never its data). */
export interface DataView {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** Names of the services that reference it. */
  readonly usedBy: readonly string[];
  readonly stack: string;
}

/** A network, as `swarmctl network ls` and `network inspect` describe it. */
export interface NetworkView {
  readonly id: string;
  readonly name: string;
  /** "overlay" (every network spans the cluster). */
  readonly driver: string;
  /** Its subnets, each with its gateway and the range tasks draw addresses from. */
  readonly subnets: readonly { readonly subnet: string; readonly gateway: string; readonly range: string }[];
  /** VXLAN network identifier. */
  readonly vni: number;
  /** MTU of its interfaces, in bytes. */
  readonly mtu: number;
  /** The routing-mesh network. */
  readonly ingress: boolean;
  /** Standalone containers may attach. */
  readonly attachable: boolean;
  /** No traffic leaves it. */
  readonly internal: boolean;
  /** Traffic between nodes is encrypted (`--opt encrypted`). */
  readonly encrypted: boolean;
  /** Driver options. */
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly stack: string;
  readonly createdMs: number;
  /** The services attached, by name, with their virtual IP on it. */
  readonly services: readonly { readonly id: string; readonly name: string; readonly addr: string }[];
}

/** A stack: the objects that carry its namespace label. */
export interface StackView {
  readonly name: string;
  readonly services: readonly string[];
  readonly running: number;
  readonly desired: number;
  readonly secrets: number;
  readonly configs: number;
  readonly networks: number;
}

/** One change in the events feed. */
export interface EventView {
  /** Increasing number of the event in this dashboard's feed. */
  readonly seq: number;
  readonly atMs: number;
  readonly kind: string;
  readonly action: "create" | "update" | "remove";
  readonly id: string;
  readonly name: string;
  /** What changed, in words ("web.2: starting → running"). */
  readonly text: string;
}

/** One sample of the tasks-by-state chart: tasks the managers want running or complete, by phase. */
export interface ChartPoint {
  readonly atMs: number;
  readonly counts: Readonly<Record<TaskPhase, number>>;
}

/** The lists the page keeps by id (stacks by name). */
export interface Collections {
  readonly nodes: readonly NodeView[];
  readonly services: readonly ServiceView[];
  readonly secrets: readonly DataView[];
  readonly configs: readonly DataView[];
  readonly stacks: readonly StackView[];
  readonly networks: readonly NetworkView[];
}

/** The name of one collection. */
export type CollectionName = keyof Collections;

/** Every collection name, in a fixed order. */
export const collectionNames: readonly CollectionName[] = [
  "nodes",
  "services",
  "secrets",
  "configs",
  "stacks",
  "networks",
];
