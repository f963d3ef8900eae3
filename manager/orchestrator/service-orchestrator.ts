// The service orchestrator: a leader-only component that keeps one live task per slot of every
// replicated service, and one per eligible node of every global service. It reconciles every service when it starts, then each service touched by a
// committed change (batched per turn of the event loop), and wakes up when a delayed restart is due.
import {
  isPredefinedNetwork,
  type Log,
  msFromTimestamp,
  randomId,
  runtimeOfImage,
  silentLog,
  type Clock,
  realClock,
  timestampFromMs,
} from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { isEncryptedSpec, needsNoAllocation, pendingSchedulingMessage, serviceOverlays } from "../allocator/index.js";
import { CoalescedPass, type ComponentOptions, type LeaderComponent, runWatching } from "../component.js";
import {
  type MemoryStore,
  type ObjectsByKind,
  type ReadTx,
  type StoreCommit,
  transactionBytesSoftMax,
  type WriteTx,
} from "../store/index.js";
import {
  type Constraint,
  matchConstraint,
  type NodeView,
  parseConstraint,
  platformMatches,
  runtimeMatches,
} from "../planner/index.js";
import { toNodeView } from "../scheduler/index.js";
import { reconcileGlobal } from "./reconcile-global.js";
import { type JobShape, reconcileJob } from "./reconcile-job.js";
import { reconcileReplicated, type SlotTask } from "./reconcile-replicated.js";
import { isTerminal } from "./restart-policy.js";
import { isTaskDirty, serviceSpecKey } from "./task-dirty.js";
import { afterWriteFailure } from "../write-failure.js";

type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];

/**
 * Builds a task as the orchestrator creates it (desired RUNNING): for a replicated service in a
 * slot, for a global service on a node (slot 0). It is NEW, for the allocator to give it addresses
 * and make it PENDING; or PENDING already, exactly as the allocator would have made it, when it
 * needs no allocation (no overlay, no VIP), which saves that write.
 */
export function newTask(service: Service, slot: number, id: string, nowMs: number, nodeId = ""): Task {
  const name = service.spec?.annotations?.name ?? service.id ?? "";
  const status = needsNoAllocation(service)
    ? { state: swarm.v1.TaskState.TASK_STATE_PENDING, message: pendingSchedulingMessage }
    : { state: swarm.v1.TaskState.TASK_STATE_NEW, message: "created" };
  return {
    id,
    serviceId: service.id ?? "",
    slot,
    ...(nodeId ? { nodeId } : {}),
    spec: service.spec?.task ?? {},
    specVersion: { index: service.meta?.version?.index ?? 0 },
    annotations: { name: `${name}.${nodeId || slot}` },
    serviceAnnotations: service.spec?.annotations ?? {},
    desiredState: swarm.v1.TaskState.TASK_STATE_RUNNING,
    status: { state: status.state, timestamp: timestampFromMs(nowMs), message: status.message },
    ...(service.endpoint ? { endpoint: service.endpoint } : {}),
  };
}

/**
 * Task writes per orchestrator transaction, counted between services; a transaction also ends once
 * it holds transactionBytesSoftMax, within a service if need be (its remaining writes go into the
 * next transaction, planned again from what the first committed).
 */
export const writesPerTransactionMax = 2_000;

/** Keeps replicated services at their replica count and global services on every eligible node. */
export class ServiceOrchestrator implements LeaderComponent {
  private readonly dirty = new Set<string>();
  private readonly pass: CoalescedPass;
  private cancelWake: (() => void) | null = null;
  /** When the wake-up timer fires, ms; null when none is armed. */
  private wakeAtMs: number | null = null;
  /**
   * Services reconciled again at the wake-up: those of every pass that planned a delayed restart
   * since the last one, so a later pass's earlier wake-up cannot drop an earlier pass's services.
   */
  private readonly waking = new Set<string>();
  /**
   * Tasks the transaction in flight creates. Their create events change nothing its reconcile did
   * not already plan for, so they do not make their service dirty again: a pass that creates
   * 100,000 tasks would otherwise be followed by a second pass over every service it touched.
   */
  private readonly creating = new Set<string>();
  /** Set when a service's reconcile stopped because its transaction was full. */
  private cutShort = false;
  private readonly clock: Clock;
  private readonly newId: () => string;

  private readonly log: Log;
  constructor(
    private readonly store: MemoryStore,
    options: ComponentOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.newId = options.newId ?? randomId;
    this.log = options.log ?? silentLog;
    this.pass = new CoalescedPass(() => this.reconcile(), { clock: this.clock });
  }

  /** Runs until the signal aborts (leadership lost); pending work is then dropped, as the next leader reconciles from the store. */
  async run(signal: AbortSignal): Promise<void> {
    for (const s of this.store.view((tx) => tx.all("service"))) this.dirty.add(s.id ?? "");
    await runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
    this.cancelWake?.();
    this.cancelWake = null;
    this.wakeAtMs = null;
    this.waking.clear();
    this.dirty.clear();
  }

  private onCommit(commit: StoreCommit): void {
    // Each service's node filter, made once per commit: a scheduler commit places thousands of tasks.
    const fits = new Map<string, ((node: NodeView) => boolean) | null>();
    const fitOf = (serviceId: string): ((node: NodeView) => boolean) | null => {
      let fit = fits.get(serviceId);
      if (fit === undefined) {
        fit = this.store.view((tx) => {
          const service = tx.get("service", serviceId);
          return service?.spec?.replicated ? fitFor(service, tx) : null;
        });
        fits.set(serviceId, fit);
      }
      return fit;
    };
    for (const e of commit.events) {
      if (e.action === "create" && e.kind === "task" && this.creating.delete(e.object.id ?? "")) continue;
      if (e.kind === "service") this.dirty.add(e.object.id ?? "");
      else if (
        e.kind === "task" &&
        changesReconcile(e.object as Task, e.old as Task | null) &&
        !placedToStay(this.store, e.object as Task, e.old as Task | null, fitOf)
      )
        this.dirty.add((e.object as Task).serviceId ?? "");
      else if (e.kind === "task" && startedBesideAnother(this.store, e.object as Task, e.old as Task | null))
        this.dirty.add((e.object as Task).serviceId ?? "");
      else if (e.kind === "node") {
        for (const t of this.store.view((tx) => tx.tasks({ nodeId: e.object.id ?? "" })))
          this.dirty.add(t.serviceId ?? "");
        // A node joining, leaving, draining or relabelled changes where global services and global jobs run.
        for (const s of this.store.view((tx) => tx.all("service")))
          if (s.spec?.global || s.spec?.globalJob) this.dirty.add(s.id ?? "");
      }
    }
    if (this.dirty.size > 0) this.pass.request();
  }

  private async reconcile(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const now = this.clock.now();
    let wakeAt: number | null = null;
    // Node views are built once per pass, not once per service.
    const nodes = this.store.view((tx) => new PassNodes(tx.all("node").map(passNodeView)));
    let next = 0;
    let committed = 0;
    try {
      // Services are reconciled in transactions of at most writesPerTransactionMax task writes, so
      // scaling many services at once commits (and reaches the allocator and scheduler) in steps
      // instead of one huge raft entry.
      while (next < ids.length) {
        let done = next;
        const transaction = this.store.update((tx) => {
          let writes = 0;
          // The store's transaction is a class: its methods are delegated, not spread.
          const counted: WriteTx = {
            get: (kind, id) => tx.get(kind, id),
            all: (kind) => tx.all(kind),
            byName: (kind, name) => tx.byName(kind, name),
            count: (kind) => tx.count(kind),
            tasks: (query) => tx.tasks(query),
            remove: (kind, id) => tx.remove(kind, id),
            create: (kind, object) => {
              writes++;
              tx.create(kind, object);
              if (kind === "task") this.creating.add(object.id ?? "");
            },
            update: (kind, object) => {
              writes++;
              tx.update(kind, object);
            },
            bytes: () => tx.bytes(),
          };
          done = next;
          while (done < ids.length && writes < writesPerTransactionMax && tx.bytes() < transactionBytesSoftMax) {
            this.cutShort = false;
            const wake = this.reconcileService(counted, ids[done]!, nodes, now);
            if (wake !== null) wakeAt = wakeAt === null ? wake : Math.min(wakeAt, wake);
            // The transaction is full: the rest of this service's writes go into the next one.
            if (this.cutShort) break;
            done++;
          }
        });
        // Its commit's events, if it committed, came before it settled.
        await transaction.finally(() => this.creating.clear());
        next = done;
        committed = next;
      }
    } catch (error) {
      afterWriteFailure(error, this.log, "orchestrator.write-failed", { services: ids.length - committed });
      // A conflict with a concurrent write (or lost leadership): try the services not committed again.
      for (const id of ids.slice(committed)) this.dirty.add(id);
      this.pass.requestAfterFailure(error);
      // The services committed before the failure are settled only until their delayed restarts are due.
      if (wakeAt !== null) this.wakeFor(ids.slice(0, committed), wakeAt, now);
      return;
    }
    if (wakeAt !== null) this.wakeFor(ids, wakeAt, now);
  }

  /**
   * Arms the wake-up for `ids` at `atMs` (or keeps an earlier one): the services of every pass
   * waiting for a delay are reconciled then; those whose delay has not passed yet arm it again.
   */
  private wakeFor(ids: readonly string[], atMs: number, now: number): void {
    for (const id of ids) this.waking.add(id);
    if (this.wakeAtMs !== null && this.wakeAtMs <= atMs) return;
    this.cancelWake?.();
    this.wakeAtMs = atMs;
    this.cancelWake = this.clock.after(Math.max(0, atMs - now), () => {
      this.cancelWake = null;
      this.wakeAtMs = null;
      for (const id of this.waking) this.dirty.add(id);
      this.waking.clear();
      this.pass.request();
    });
  }

  /**
   * Whether the transaction holds enough (transactionBytesSoftMax): the service's reconcile then
   * stops before its next write, and the pass continues it in a new transaction.
   */
  private full(tx: WriteTx): boolean {
    if (tx.bytes() < transactionBytesSoftMax) return false;
    this.cutShort = true;
    return true;
  }

  private reconcileService(tx: WriteTx, serviceId: string, nodes: PassNodes, now: number): number | null {
    const service = tx.get("service", serviceId);
    const storedTasks = tx.tasks({ serviceId });
    if (!service?.spec) {
      // The service is gone: stop its tasks; the reaper deletes them later.
      for (const t of storedTasks)
        if (Number(t.desiredState ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING)) {
          if (this.full(tx)) return null;
          shutdownTask(tx, t);
        }
      return null;
    }
    if (!(service.spec.replicated || service.spec.global || service.spec.replicatedJob || service.spec.globalJob))
      return null;
    const fit = fitFor(service, tx);
    // A task on a node that no longer exists (`node rm`) will never report again: its observed
    // state becomes ORPHANED, and its slot is refilled as for a node that is DOWN.
    const gone = (nodeId: string): boolean =>
      nodeId !== "" && !nodes.byId.has(nodeId) && tx.get("node", nodeId) === undefined;
    const tasks = orphanTasksOfRemovedNodes(tx, storedTasks, gone, now);
    // Only the nodes its tasks are on can force a task to leave: looked up per task, so a service
    // costs its own task count, not the cluster's node count (global services excepted).
    const mustLeave = (nodeId: string): boolean => {
      const node = nodes.byId.get(nodeId);
      return node === undefined ? gone(nodeId) : node.state === "down" || !fit(node);
    };
    if (service.spec.replicatedJob || service.spec.globalJob)
      return this.reconcileJob(tx, service, tasks, nodes, fit, mustLeave, now);
    if (service.spec.global) {
      // Global: every ready node that fits runs one task; tasks elsewhere stop.
      const plan = reconcileGlobal(
        eligibleNodes(nodes, fit),
        service.spec.task?.restart,
        slotView(tasks, (nodeId) => nodes.byId.get(nodeId)?.state === "down" || gone(nodeId)),
        now,
        pausedNodes(nodes),
      );
      for (const id of plan.shutdown) {
        if (this.full(tx)) return plan.wakeAtMs;
        shutdownTask(tx, tx.get("task", id)!);
      }
      for (const nodeId of plan.createOn) {
        if (this.full(tx)) return plan.wakeAtMs;
        tx.create("task", newTask(service, 0, this.newId(), now, nodeId));
      }
      return plan.wakeAtMs;
    }
    // Replicated: tasks on nodes that are down or no longer fit must leave (the constraint enforcer's rule).
    const plan = reconcileReplicated(
      service.spec.replicated?.replicas ?? 0,
      service.spec.task?.restart,
      slotView(tasks, mustLeave, serviceSpecKey(service)),
      now,
    );
    for (const id of plan.shutdown) {
      if (this.full(tx)) return plan.wakeAtMs;
      shutdownTask(tx, tx.get("task", id)!);
    }
    for (const slot of plan.createSlots) {
      if (this.full(tx)) return plan.wakeAtMs;
      tx.create("task", newTask(service, slot, this.newId(), now));
    }
    return plan.wakeAtMs;
  }

  private reconcileJob(
    tx: WriteTx,
    service: Service,
    tasks: readonly Task[],
    nodes: PassNodes,
    fit: (node: NodeView) => boolean,
    mustLeave: (nodeId: string) => boolean,
    now: number,
  ): number | null {
    const spec = service.spec!;
    const iteration = service.jobStatus?.jobIteration?.index ?? 0;
    const view = slotView(tasks, mustLeave).map((t, i) => ({ ...t, iteration: tasks[i]!.jobIteration?.index ?? 0 }));
    const shape: JobShape = spec.replicatedJob
      ? {
          kind: "replicated",
          totalCompletions: spec.replicatedJob.totalCompletions || 1,
          maxConcurrent: spec.replicatedJob.maxConcurrent ?? 0,
        }
      : { kind: "global", eligible: eligibleNodes(nodes, fit), paused: pausedNodes(nodes) };
    const plan = reconcileJob(shape, iteration, spec.task?.restart, view, now);
    for (const id of plan.shutdown) {
      if (this.full(tx)) return plan.wakeAtMs;
      shutdownTask(tx, tx.get("task", id)!);
    }
    // Written unchanged: the store checks the versions of written objects only (see JobPlan.claim).
    for (const id of plan.claim) {
      if (this.full(tx)) return plan.wakeAtMs;
      tx.update("task", tx.get("task", id)!);
    }
    const create = (slot: number, nodeId: string): void =>
      tx.create("task", { ...newTask(service, slot, this.newId(), now, nodeId), jobIteration: { index: iteration } });
    for (const slot of plan.createSlots) {
      if (this.full(tx)) return plan.wakeAtMs;
      create(slot, "");
    }
    for (const nodeId of plan.createOn) {
      if (this.full(tx)) return plan.wakeAtMs;
      create(0, nodeId);
    }
    return plan.wakeAtMs;
  }
}

/**
 * Node views by node object: a pass runs after every commit that touches a task's node (the
 * scheduler's, each of thousands of assignments), and store objects are replaced, never changed,
 * so only the nodes written since the last pass are converted again.
 */
const nodeViews = new WeakMap<ObjectsByKind["node"], NodeView>();

function passNodeView(node: ObjectsByKind["node"]): NodeView {
  let view = nodeViews.get(node);
  if (!view) nodeViews.set(node, (view = toNodeView(node)));
  return view;
}

/** The nodes as one reconcile pass sees them, in store order and by id. */
class PassNodes {
  readonly byId: ReadonlyMap<string, NodeView>;

  constructor(readonly all: readonly NodeView[]) {
    this.byId = new Map(all.map((n) => [n.id, n]));
  }
}

/** Nodes an operator paused: they keep their tasks and take no new one. */
function pausedNodes(nodes: PassNodes): Set<string> {
  const paused = new Set<string>();
  for (const n of nodes.all) if (n.availability === "pause") paused.add(n.id);
  return paused;
}

/** Ready nodes that can hold the service's tasks: where a global service (or job) runs one. */
function eligibleNodes(nodes: PassNodes, fit: (node: NodeView) => boolean): Set<string> {
  const eligible = new Set<string>();
  for (const n of nodes.all) if (n.state === "ready" && fit(n)) eligible.add(n.id);
  return eligible;
}

/**
 * Whether a task change can change a reconcile plan. The reconcilers look at a task's slot, node,
 * desired state and whether it has ended (with its final state and time); a task moving between
 * live states on the same node (NEW → PENDING → … → RUNNING, the allocator's and the agents'
 * reports) changes none of that, and skipping it spares a reconcile per status report.
 */
function changesReconcile(task: Task, old: Task | null): boolean {
  if (!old) return true;
  const state = Number(task.status?.state ?? 0);
  return (
    (task.nodeId ?? "") !== (old.nodeId ?? "") ||
    Number(task.desiredState ?? 0) !== Number(old.desiredState ?? 0) ||
    isTerminal(state) !== isTerminal(Number(old.status?.state ?? 0)) ||
    (isTerminal(state) && state !== Number(old.status?.state ?? 0))
  );
}

/**
 * Whether a task change only gave a replicated service's task its first node, one the service's
 * reconcile would keep it on (the node exists, is not DOWN and still fits the service): the
 * scheduler's assignments, one event per placed task. The reconcile that planned the task saw it
 * without a node, so neither leaving a node nor being gone applied, and it counted it as its slot's
 * live task; with such a node that all stays so, and the plan is the same. Where the task landed
 * matters to a reconcile only for a scale-down's choice of victims, and a service with more live
 * slots than replicas is dirty already (its scale-down committed, or is still to run). A node that
 * goes DOWN or stops fitting later makes its tasks' services dirty through its own event.
 */
function placedToStay(
  store: MemoryStore,
  task: Task,
  old: Task | null,
  fitOf: (serviceId: string) => ((node: NodeView) => boolean) | null,
): boolean {
  const nodeId = task.nodeId ?? "";
  if (!old || (old.nodeId ?? "") !== "" || nodeId === "") return false;
  if (Number(task.desiredState ?? 0) !== Number(old.desiredState ?? 0)) return false;
  if (isTerminal(Number(task.status?.state ?? 0)) || isTerminal(Number(old.status?.state ?? 0))) return false;
  const node = store.view((tx) => tx.get("node", nodeId));
  if (node === undefined) return false;
  const view = passNodeView(node);
  if (view.state === "down") return false;
  const fit = fitOf(task.serviceId ?? "");
  return fit !== null && fit(view);
}

/**
 * Whether a replicated task just reached RUNNING in a slot that holds another task: an older one
 * may be surplus now (see reconcileReplicated). Other tasks reaching RUNNING change nothing here.
 */
function startedBesideAnother(store: MemoryStore, task: Task, old: Task | null): boolean {
  const running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
  if (!old || (task.slot ?? 0) === 0 || Number(task.status?.state ?? 0) !== running) return false;
  if (Number(old.status?.state ?? 0) === running) return false;
  return store.view((tx) =>
    tx
      .tasks({ serviceId: task.serviceId ?? "", slot: task.slot ?? 0 })
      .some((t) => t.id !== task.id && Number(t.desiredState ?? 0) <= running && !isTerminal(t.status?.state ?? 0)),
  );
}

/**
 * Parsed constraints and platforms by the placement object they came from: store objects are
 * replaced, never changed in place, and an unchanged task spec keeps its very object from one
 * service version to the next (shared-parts.ts), so each placement is parsed once.
 */
const parsedPlacements = new WeakMap<
  object,
  { constraints: Constraint[]; platforms: { os: string; architecture: string }[] }
>();
const noPlacement = {};

/**
 * Whether a node can hold the service's tasks: not drained, matching its platforms and constraints,
 * offering the runtime its image needs (a global container service skips process-only nodes), and
 * able to join overlay networks when the service is on any (and to encrypt when one is encrypted).
 */
function fitFor(service: Service, tx: ReadTx): (node: NodeView) => boolean {
  const runtime = runtimeOfImage(service.spec?.task?.container?.image ?? "");
  // A service on overlay networks skips nodes that say they cannot join them.
  const overlay = (service.spec?.task?.networks ?? []).some((n) => !isPredefinedNetwork(n.target ?? ""));
  const encrypted = overlay && serviceOverlays(tx, service.spec).some((a) => isEncryptedSpec(a.network.spec));
  const placement = service.spec?.task?.placement ?? noPlacement;
  let parsed = parsedPlacements.get(placement);
  if (!parsed) {
    const p = placement as swarm.v1.Placement.$Properties;
    parsed = {
      constraints: (p.constraints ?? []).map((c) => parseConstraint(c)),
      platforms: (p.platforms ?? []).map((x) => ({ os: x.os ?? "", architecture: x.architecture ?? "" })),
    };
    parsedPlacements.set(placement, parsed);
  }
  const { constraints, platforms } = parsed;
  return (n) =>
    n.availability !== "drain" &&
    platformMatches(n.platform, platforms) &&
    runtimeMatches(n.runtimes, runtime) &&
    !(overlay && n.overlay === false) &&
    !(encrypted && n.encrypted === false) &&
    constraints.every((c) => matchConstraint(n, c));
}

/**
 * The reconcilers' view of a service's tasks; tasks on nodes that `mustLeave` names are flagged,
 * and, given the service's spec key, whether each was made from the current spec.
 */
function slotView(tasks: readonly Task[], mustLeave: (nodeId: string) => boolean, specKey?: string): SlotTask[] {
  return tasks.map((t) => ({
    mustLeaveNode: mustLeave(t.nodeId ?? ""),
    ...(specKey === undefined ? {} : { current: !isTaskDirty(t, specKey) }),
    id: t.id ?? "",
    slot: t.slot ?? 0,
    nodeId: t.nodeId ?? "",
    desiredState: t.desiredState ?? 0,
    state: t.status?.state ?? 0,
    createdAtMs: msFromTimestamp(t.meta?.createdAt),
    stateChangedAtMs: msFromTimestamp(t.status?.timestamp),
  }));
}

/**
 * Marks the live tasks on removed nodes ORPHANED (desired SHUTDOWN: nothing will run them again)
 * and returns the service's tasks as they are now.
 */
function orphanTasksOfRemovedNodes(
  tx: WriteTx,
  tasks: readonly Task[],
  gone: (nodeId: string) => boolean,
  now: number,
): Task[] {
  return tasks.map((t) => {
    if (isTerminal(Number(t.status?.state ?? 0)) || !gone(t.nodeId ?? "")) return t;
    const orphaned: Task = {
      ...t,
      desiredState: Math.max(Number(t.desiredState ?? 0), Number(swarm.v1.TaskState.TASK_STATE_SHUTDOWN)),
      status: {
        ...t.status,
        state: swarm.v1.TaskState.TASK_STATE_ORPHANED,
        timestamp: timestampFromMs(now),
        message: `node ${t.nodeId ?? ""} was removed from the cluster`,
      },
    };
    tx.update("task", orphaned);
    return orphaned;
  });
}

function shutdownTask(tx: WriteTx, task: Task): void {
  tx.update("task", { ...task, desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN });
}
