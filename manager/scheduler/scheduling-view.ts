// Builds the scheduler's read-only view from the store: nodes with what their assigned tasks
// reserve, and the pending tasks with their placement. Kept apart from the planner so the planner
// stays pure and independent of the store's shapes.
import { runtimeOfImage, runtimesOfPlugins } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { isEncryptedSpec } from "../allocator/index.js";
import type {
  AssignedTaskView,
  GenericResourceView,
  HostPort,
  NodeView,
  PendingTask,
  PinnedTask,
  SchedulingView,
} from "../planner/index.js";
import type { ObjectsByKind, ReadTx } from "../store/index.js";

type Task = ObjectsByKind["task"];

const Availability = swarm.v1.NodeSpec.Availability;
const State = swarm.v1.NodeStatus.State;
const availabilityName = (a: swarm.v1.NodeSpec.Availability): NodeView["availability"] =>
  a === Availability.AVAILABILITY_PAUSE ? "pause" : a === Availability.AVAILABILITY_DRAIN ? "drain" : "active";
const stateName = (s: swarm.v1.NodeStatus.State): NodeView["state"] =>
  s === State.STATE_READY
    ? "ready"
    : s === State.STATE_DOWN
      ? "down"
      : s === State.STATE_DISCONNECTED
        ? "disconnected"
        : "unknown";

function hostPorts(task: Task): HostPort[] {
  return (task.endpoint?.ports ?? task.endpoint?.spec?.ports ?? [])
    .filter((p) => p.publishMode === swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST && p.publishedPort)
    .map((p) => ({
      protocol: p.protocol === swarm.v1.PortConfig.Protocol.PROTOCOL_UDP ? "udp" : "tcp",
      port: p.publishedPort ?? 0,
    }));
}

const reservationsOf = (task: Task): { nanoCpus: number; memoryBytes: number } => ({
  nanoCpus: task.spec?.resources?.reservations?.nanoCpus ?? 0,
  memoryBytes: task.spec?.resources?.reservations?.memoryBytes ?? 0,
});

/** Generic resources from the store's shape; entries without a kind are dropped. */
function genericViews(list: readonly swarm.v1.GenericResource.$Properties[] | null | undefined): GenericResourceView[] {
  const out: GenericResourceView[] = [];
  for (const g of list ?? []) {
    if (!g.kind) continue;
    out.push(g.value ? { kind: g.kind, value: g.value } : { kind: g.kind, count: Number(g.count ?? 0) });
  }
  return out;
}

/** The generic resources a task's spec reserves, as a PendingTask field (absent when none). */
function genericReservationsOf(task: Task): Pick<PendingTask, "genericReservations"> {
  const generic = task.spec?.resources?.reservations?.generic;
  return generic && generic.length > 0 ? { genericReservations: genericViews(generic) } : {};
}

/**
 * What an assigned task holds, as the planner sees it, by task object: the view is built on every
 * pass from every task, and store objects are replaced, never changed, so a task that did not
 * change since the last pass is not converted again.
 */
const assignedViews = new WeakMap<Task, AssignedTaskView>();

function assignedView(t: Task): AssignedTaskView {
  let view = assignedViews.get(t);
  if (!view) {
    view = {
      serviceId: t.serviceId ?? "",
      reservations: reservationsOf(t),
      hostPorts: hostPorts(t),
      ...(t.assignedGenericResources?.length ? { genericResources: genericViews(t.assignedGenericResources) } : {}),
    };
    assignedViews.set(t, view);
  }
  return view;
}

/** Whether a task holds resources on its node (assigned and not finished). */
function holdsResources(task: Task): boolean {
  const desired = Number(task.desiredState ?? 0);
  const state = Number(task.status?.state ?? 0);
  return (
    Boolean(task.nodeId) &&
    desired <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING) &&
    state < Number(swarm.v1.TaskState.TASK_STATE_COMPLETE)
  );
}

/** A node as the planner and the orchestrators' eligibility checks see it. */
export function toNodeView(n: ObjectsByKind["node"], tasks: NodeView["tasks"] = []): NodeView {
  return {
    id: n.id ?? "",
    hostname: n.description?.hostname ?? "",
    role: n.role === swarm.v1.NodeSpec.Role.ROLE_MANAGER ? "manager" : "worker",
    availability: availabilityName(n.spec?.availability ?? 0),
    state: stateName(n.status?.state ?? 0),
    platform: { os: n.description?.platform?.os ?? "", architecture: n.description?.platform?.architecture ?? "" },
    resources: {
      nanoCpus: n.description?.resources?.nanoCpus ?? 0,
      memoryBytes: n.description?.resources?.memoryBytes ?? 0,
    },
    ...(n.description?.resources?.generic?.length
      ? { genericResources: genericViews(n.description.resources.generic) }
      : {}),
    labels: n.spec?.annotations?.labels ?? {},
    engineLabels: n.description?.engine?.labels ?? {},
    ...runtimesOf(n),
    ...overlayOf(n),
    tasks,
  };
}

/** The runtimes a node's description announces, as a NodeView field (absent when it names none). */
function runtimesOf(n: ObjectsByKind["node"]): Pick<NodeView, "runtimes"> {
  const runtimes = runtimesOfPlugins(n.description?.engine?.plugins);
  return runtimes === undefined ? {} : { runtimes };
}

/** Whether a node serves overlay networks, and encrypted ones, as it reports (absent when it reports nothing). */
function overlayOf(n: ObjectsByKind["node"]): Pick<NodeView, "overlay" | "encrypted"> {
  const capabilities = n.description?.networkCapabilities;
  return capabilities ? { overlay: capabilities.overlay === true, encrypted: capabilities.encrypted === true } : {};
}

/**
 * The view of every node and the tasks that are waiting for one; `preassigned` are the pending
 * tasks that already name their node (a global service's), which only need confirming. One scan
 * of the tasks serves all three.
 */
export function buildSchedulingView(tx: ReadTx): {
  view: SchedulingView;
  pending: PendingTask[];
  preassigned: Task[];
  pinned: PinnedTask[];
} {
  const byNode = new Map<string, AssignedTaskView[]>();
  const preassigned: Task[] = [];
  const waiting: Task[] = [];
  for (const t of tx.all("task")) {
    const pendingState = t.status?.state === swarm.v1.TaskState.TASK_STATE_PENDING;
    if (pendingState && t.nodeId) preassigned.push(t);
    else if (pendingState && Number(t.desiredState ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING))
      waiting.push(t);
    if (!holdsResources(t)) continue;
    const list = byNode.get(t.nodeId ?? "");
    if (list) list.push(assignedView(t));
    else byNode.set(t.nodeId ?? "", [assignedView(t)]);
  }
  const nodes: NodeView[] = tx.all("node").map((n) => toNodeView(n, byNode.get(n.id ?? "") ?? []));
  // Whether a network is encrypted, asked once per network however many tasks are pending on it.
  const encryptedNetworks = new Map<string, boolean>();
  const isEncrypted = (networkId: string): boolean => {
    let encrypted = encryptedNetworks.get(networkId);
    if (encrypted === undefined)
      encryptedNetworks.set(networkId, (encrypted = isEncryptedSpec(tx.get("network", networkId)?.spec)));
    return encrypted;
  };
  const pending: PendingTask[] = waiting.map((t) => ({
    id: t.id ?? "",
    serviceId: t.serviceId ?? "",
    reservations: reservationsOf(t),
    placement: {
      constraints: t.spec?.placement?.constraints ?? [],
      preferences: (t.spec?.placement?.preferences ?? []).map((p) => p.spreadDescriptor ?? ""),
      maxReplicas: t.spec?.placement?.maxReplicas ?? 0,
      platforms: (t.spec?.placement?.platforms ?? []).map((p) => ({
        os: p.os ?? "",
        architecture: p.architecture ?? "",
      })),
    },
    hostPorts: hostPorts(t),
    runtime: runtimeOfImage(t.spec?.container?.image ?? ""),
    // An overlay attachment has an address; host and none have none.
    overlay: (t.networks ?? []).some((a) => (a.addresses ?? []).length > 0),
    ...genericReservationsOf(t),
    encrypted: (t.networks ?? []).some((a) => (a.addresses ?? []).length > 0 && isEncrypted(a.networkId ?? "")),
  }));
  // Preassigned tasks that reserve generic resources are given units of their node's by the planner.
  const pinned: PinnedTask[] = [];
  for (const t of preassigned) {
    const { genericReservations } = genericReservationsOf(t);
    if (genericReservations) pinned.push({ id: t.id ?? "", nodeId: t.nodeId ?? "", genericReservations });
  }
  return {
    view: { nodes },
    pending,
    preassigned: preassigned.filter((t) => !genericReservationsOf(t).genericReservations),
    pinned,
  };
}
