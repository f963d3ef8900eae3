// The scheduler component (leader only): whenever tasks become PENDING or the cluster's capacity
// changes, it builds a view from the store, asks the pure planner for a plan, and commits it in
// batches: assigned tasks get their node and state ASSIGNED; tasks that fit nowhere stay PENDING
// with the planner's reason as their status message, and are retried on the next change.
import { type Clock, realClock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { type GenericResourceView, planTasks } from "../planner/index.js";
import {
  CoalescedPass,
  type ComponentOptions,
  type LeaderComponent,
  type PassDebounce,
  runWatching,
} from "../component.js";
import type { SchedulerMetrics } from "../manager-metrics.js";
import { type MemoryStore, type ObjectsByKind, type StoreCommit, transactionBytesSoftMax } from "../store/index.js";
import { buildSchedulingView } from "./scheduling-view.js";
import { type Log, silentLog } from "../../common/index.js";
import { afterWriteFailure } from "../write-failure.js";

/** Most task updates in one store transaction, so one plan does not become one huge raft entry. */
export const assignmentsPerTransactionMax = 2_000;
/**
 * A pass waits for this long without new pending tasks (SwarmKit waits 50 ms too): a burst of
 * creations is then planned in one pass instead of one pass per commit, each rebuilding the view.
 */
export const schedulingQuietMs = 50;
/** But a pass runs at most this long after the first task of a burst became pending. */
export const schedulingLatencyMsMax = 1_000;

type Task = ObjectsByKind["task"];

/** Whether a task has ended (COMPLETE or later) and so holds nothing on its node any more. */
function endedState(task: Task): boolean {
  return Number(task.status?.state ?? 0) >= Number(swarm.v1.TaskState.TASK_STATE_COMPLETE);
}

/** Places pending tasks on nodes. */
export class TaskScheduler implements LeaderComponent {
  private readonly planning: CoalescedPass;
  private passes = 0;
  private readonly metrics: SchedulerMetrics | undefined;
  private readonly log: Log;
  private readonly clock: Clock;

  /** `debounce: null` plans on every turn of the event loop (tests that settle by turns). */
  constructor(
    private readonly store: MemoryStore,
    options: ComponentOptions & { debounce?: PassDebounce | null; metrics?: SchedulerMetrics } = {},
  ) {
    this.log = options.log ?? silentLog;
    this.metrics = options.metrics;
    this.clock = options.clock ?? realClock;
    const debounce =
      options.debounce === undefined
        ? { quietMs: schedulingQuietMs, latencyMsMax: schedulingLatencyMsMax }
        : options.debounce;
    this.planning = new CoalescedPass(() => this.pass(), { debounce: debounce ?? undefined, clock: this.clock });
  }

  /** Planning passes run so far (for tests and metrics). */
  get passCount(): number {
    return this.passes;
  }

  /** Runs until the signal aborts. */
  run(signal: AbortSignal): Promise<void> {
    return runWatching(this.store, signal, this.planning, (commit) => this.onCommit(commit));
  }

  private onCommit(commit: StoreCommit): void {
    // Pending tasks to place, or a change of capacity (nodes, tasks leaving) that may place them.
    const relevant = commit.events.some((e) => {
      if (e.kind === "node") return true;
      if (e.kind !== "task") return false;
      const task = e.object as Task;
      const old = e.old as Task | null;
      // A task stopping frees capacity (its desired state drops, or it ends on its own and frees
      // what it held, generic resources included); a new (NEW) task is not the scheduler's until
      // it is PENDING.
      return (
        e.action === "remove" ||
        task.status?.state === swarm.v1.TaskState.TASK_STATE_PENDING ||
        (old !== null && old.desiredState !== task.desiredState) ||
        (old !== null && !endedState(old) && endedState(task))
      );
    });
    if (relevant) this.planning.request();
  }

  private async pass(): Promise<void> {
    this.passes++;
    const startMs = this.clock.monotonicMs();
    // Global services' tasks are created on their node already (preassigned): they only need confirming.
    const { view, pending, preassigned, pinned } = this.store.view((tx) => buildSchedulingView(tx));
    if (pending.length === 0 && preassigned.length === 0 && pinned.length === 0) return;
    const plan = planTasks(view, pending, { pinned });
    const updates: { taskId: string; nodeId?: string; reason?: string; generic?: GenericResourceView[] }[] = [
      ...preassigned.map((t) => ({ taskId: t.id ?? "", nodeId: t.nodeId ?? "" })),
      ...plan.assignments.map((a) => ({
        taskId: a.taskId,
        nodeId: a.nodeId,
        ...(a.genericResources ? { generic: [...a.genericResources] } : {}),
      })),
      ...plan.unplaced.map((u) => ({ taskId: u.taskId, reason: u.reason })),
    ];
    try {
      // Transactions of at most assignmentsPerTransactionMax updates, ended early once large
      // (tasks carry their spec), so one plan never becomes one huge raft entry.
      for (let i = 0; i < updates.length;) {
        let placed = 0;
        let taken = 0;
        await this.store.update((tx) => {
          placed = 0;
          taken = 0;
          while (
            i + taken < updates.length &&
            (taken === 0 || (taken < assignmentsPerTransactionMax && tx.bytes() < transactionBytesSoftMax))
          ) {
            const u = updates[i + taken]!;
            taken++;
            const task = tx.get("task", u.taskId);
            if (!task || task.status?.state !== swarm.v1.TaskState.TASK_STATE_PENDING) continue;
            if (u.nodeId) {
              placed++;
              tx.update("task", {
                ...task,
                nodeId: u.nodeId,
                // The units the task may use, recorded so that no other task is given them while it runs.
                ...(u.generic ? { assignedGenericResources: u.generic } : {}),
                status: {
                  ...task.status,
                  state: swarm.v1.TaskState.TASK_STATE_ASSIGNED,
                  message: "scheduler assigned task to node",
                },
              });
            } else if (task.status.message !== u.reason) {
              tx.update("task", { ...task, status: { ...task.status, message: u.reason ?? "" } });
            }
          }
        });
        // Counted once committed: a transaction function may run again after a conflict.
        this.metrics?.placements.inc(placed);
        i += taken;
      }
    } catch (error) {
      afterWriteFailure(error, this.log, "scheduler.write-failed");
      this.planning.requestAfterFailure(error); // plan again from the new state
    }
    this.metrics?.passSeconds.observe((this.clock.monotonicMs() - startMs) / 1000);
  }
}
