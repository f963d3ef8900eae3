// The job orchestrators' decision for one job service (Docker's replicated-job and global-job
// modes): tasks run to completion and a completed task is never restarted. A replicated job has
// `total_completions` slots and runs at most `max_concurrent` of them at once; a global job has
// one slot per eligible node, nodes that join later included. A slot whose task failed is retried
// per the restart policy (on-failure by default); a slot the policy gives up on stays failed.
// Only tasks of the service's current job iteration count: an updated job runs again from scratch.
import { swarm } from "../../proto/index.js";
import type { SlotTask } from "./reconcile-replicated.js";
import { isTerminal, shouldRestart } from "./restart-policy.js";

const runningState: number = swarm.v1.TaskState.TASK_STATE_RUNNING;
const completeState: number = swarm.v1.TaskState.TASK_STATE_COMPLETE;
const shutdownState: number = swarm.v1.TaskState.TASK_STATE_SHUTDOWN;

/** A job's tasks, tagged with the iteration they belong to. */
export interface JobTask extends SlotTask {
  /** Job iteration the task was created for. */
  readonly iteration: number;
}

/** What to do for one job. */
export interface JobPlan {
  /** Slots (replicated job) that need a task now. */
  readonly createSlots: readonly number[];
  /** Nodes (global job) that need a task now. */
  readonly createOn: readonly string[];
  /** Tasks to stop: those of older iterations, and failed ones being retried. */
  readonly shutdown: readonly string[];
  /**
   * Tasks of retried slots that have not ended yet (moved off their node): the plan relied on their
   * state, so the component writes them unchanged, and a status report that lands first (the task
   * completed after all) makes the pass conflict and plan again, instead of running the slot twice.
   */
  readonly claim: readonly string[];
  /** Earliest time (ms) a delayed retry becomes due; null when none waits. */
  readonly wakeAtMs: number | null;
  /** Whether every slot has completed. */
  readonly done: boolean;
}

/** The shape of a job: its slots and how many may run at once. */
export type JobShape =
  | { readonly kind: "replicated"; readonly totalCompletions: number; readonly maxConcurrent: number }
  | {
      readonly kind: "global";
      readonly eligible: ReadonlySet<string>;
      /** Eligible nodes an operator paused: they keep their tasks, and a node with none gets none. */
      readonly paused?: ReadonlySet<string>;
    };

/** Jobs retry failed tasks and never restart completed ones, whatever the policy's condition says. */
function jobPolicy(policy: swarm.v1.RestartPolicy.$Properties | null | undefined): swarm.v1.RestartPolicy.$Properties {
  const Condition = swarm.v1.RestartPolicy.Condition;
  const condition = Number(policy?.condition ?? Condition.RESTART_CONDITION_ON_FAILURE);
  return {
    ...policy,
    condition:
      condition === Number(Condition.RESTART_CONDITION_NONE)
        ? Condition.RESTART_CONDITION_NONE
        : Condition.RESTART_CONDITION_ON_FAILURE,
  };
}

/** Plans one pass over a job's tasks. */
export function reconcileJob(
  shape: JobShape,
  iteration: number,
  restartPolicy: swarm.v1.RestartPolicy.$Properties | null | undefined,
  tasks: readonly JobTask[],
  nowMs: number,
): JobPlan {
  const policy = jobPolicy(restartPolicy);
  const shutdown = new Set<string>();
  const bySlot = new Map<string, JobTask[]>();
  for (const t of tasks) {
    if (t.iteration !== iteration) {
      // A task of an earlier run: stop it if it still runs.
      if (t.desiredState <= runningState && !isTerminal(t.state)) shutdown.add(t.id);
      continue;
    }
    const key = shape.kind === "replicated" ? String(t.slot) : t.nodeId;
    const list = bySlot.get(key);
    if (list) list.push(t);
    else bySlot.set(key, [t]);
  }
  if (shape.kind === "global") {
    // The node left, was drained or no longer matches: stop what runs there.
    for (const [nodeId, list] of bySlot)
      if (!shape.eligible.has(nodeId))
        for (const t of list) if (t.desiredState <= runningState && !isTerminal(t.state)) shutdown.add(t.id);
  }
  const keys =
    shape.kind === "replicated"
      ? Array.from({ length: shape.totalCompletions }, (_, i) => String(i + 1))
      : [...shape.eligible].sort();
  let busy = 0;
  let wakeAtMs: number | null = null;
  let completed = 0;
  const retry: string[] = [];
  const claim: string[] = [];
  const fresh: string[] = [];
  for (const key of keys) {
    const list = bySlot.get(key) ?? [];
    if (list.some((t) => t.state === completeState)) {
      completed++;
      // A task moved off an unreachable node may complete there after its replacement started:
      // the slot is done, and the replacement would only run it again beyond maxConcurrent.
      for (const t of list) if (t.desiredState <= runningState && !isTerminal(t.state)) shutdown.add(t.id);
      continue;
    }
    const live = list.filter((t) => t.desiredState <= runningState && !isTerminal(t.state) && !t.mustLeaveNode);
    if (live.length > 0) {
      busy++;
      continue;
    }
    // A task that must leave its node (down, drained, no longer matching) stops whatever the
    // policy says of its replacement (the constraint enforcer's rule): left running it would
    // hold a place beside its slot's next task, beyond maxConcurrent.
    for (const t of list)
      if (t.mustLeaveNode && t.desiredState <= runningState && !isTerminal(t.state)) shutdown.add(t.id);
    if (list.length === 0) {
      // A paused node takes no new task (Docker's pause stops placement only); it gets its run
      // once it is active again.
      if (shape.kind === "global" && shape.paused?.has(key)) continue;
      fresh.push(key);
      continue;
    }
    const last = [...list].sort((a, b) => b.createdAtMs - a.createdAtMs)[0]!;
    // A task the orchestrator stopped (it had to leave its node, and it ended SHUTDOWN or never
    // ended) did not fail by itself, nor complete: its slot is retried as after a failure, at once.
    // A global job's node drained and made active again gets its task this way.
    const movedOff = last.mustLeaveNode || last.state === shutdownState || !isTerminal(last.state);
    // Nor does a paused node get a task in place of one moved off it: that is a new placement.
    if (movedOff && shape.kind === "global" && shape.paused?.has(key)) continue;
    const stopped = movedOff
      ? { state: swarm.v1.TaskState.TASK_STATE_FAILED, stoppedAtMs: Number.NEGATIVE_INFINITY }
      : { state: last.state, stoppedAtMs: last.stateChangedAtMs };
    const decision = shouldRestart(policy, stopped, list, nowMs);
    if (!decision.restart) continue;
    if (decision.notBeforeMs > nowMs) {
      wakeAtMs = wakeAtMs === null ? decision.notBeforeMs : Math.min(wakeAtMs, decision.notBeforeMs);
      busy++; // the slot waits for its retry and keeps its place in the concurrency budget
      continue;
    }
    for (const t of list) if (t.desiredState <= runningState) shutdown.add(t.id);
    for (const t of list) if (!isTerminal(t.state) && !shutdown.has(t.id)) claim.push(t.id);
    retry.push(key);
  }
  // Retries first (they were started before), then untouched slots in order, within the budget.
  const budget =
    shape.kind === "replicated"
      ? Math.max(0, (shape.maxConcurrent || shape.totalCompletions) - busy)
      : Number.POSITIVE_INFINITY;
  const start = [...retry, ...fresh].slice(0, budget);
  return {
    createSlots: shape.kind === "replicated" ? start.map(Number) : [],
    createOn: shape.kind === "global" ? start : [],
    shutdown: [...shutdown],
    claim,
    wakeAtMs,
    done: completed === keys.length,
  };
}
