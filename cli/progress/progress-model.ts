// What `service create/update/scale/rollback` show while a service converges, computed from one
// reading of the service and its tasks: one line per slot (per node for global services), how
// many are done, whether the whole service has converged, and why it failed if it did. Pure, so
// its rules are tested without a cluster.
import { msFromTimestamp } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { shortId, taskStateLabel } from "../output/plain.js";

const S = swarm.v1.TaskState;
const U = swarm.v1.UpdateStatus.State;

/** Failed or rejected tasks of the new spec after which the wait gives up and reports the error. */
export const failedTasksMax = 3;

/** What the operator asked for, which decides what "converged" means. */
export type ProgressGoal = "create" | "update" | "rollback";

/** One line of progress. */
export interface ProgressLine {
  /** "1/3" for a slot, a short node id for a global service. */
  readonly label: string;
  /** Lower-case state word ("running", "preparing", "" when no task yet). */
  readonly state: string;
  /** Fraction of the way to the goal state, 0..1. */
  readonly fraction: number;
  /** The task's error, when its newest attempt failed. */
  readonly error: string;
}

/** The state of convergence at one reading. */
export interface Progress {
  /** Slots (or nodes, or completions) done. */
  readonly done: number;
  /** Slots (or nodes, or completions) wanted. */
  readonly total: number;
  /** Noun of the overall line: "tasks". */
  readonly lines: readonly ProgressLine[];
  /** The service has converged. */
  readonly converged: boolean;
  /** Why waiting is pointless, when it is (paused update, repeated task failures). */
  readonly failure: string | null;
}

/** Everything the model reads. */
export interface ProgressInput {
  readonly service: swarm.v1.Service.$Properties;
  readonly tasks: readonly swarm.v1.Task.$Properties[];
  readonly goal: ProgressGoal;
  /** Tasks created before this time (ms since the epoch) do not count as failures of this operation. */
  readonly sinceMs: number;
}

/** Steps from NEW to RUNNING, as Docker numbers them for its bars. */
const stepsToRunning = 8;
const stateSteps: ReadonlyMap<number, number> = new Map([
  [S.TASK_STATE_NEW, 0],
  [S.TASK_STATE_PENDING, 1],
  [S.TASK_STATE_ASSIGNED, 2],
  [S.TASK_STATE_ACCEPTED, 3],
  [S.TASK_STATE_PREPARING, 4],
  [S.TASK_STATE_READY, 5],
  [S.TASK_STATE_STARTING, 6],
  [S.TASK_STATE_RUNNING, 8],
  [S.TASK_STATE_COMPLETE, 8],
]);

const n = (x: number | null | undefined): number => Number(x ?? 0);
const stateOf = (t: swarm.v1.Task.$Properties): number => n(t.status?.state);
const createdMs = (t: swarm.v1.Task.$Properties): number => msFromTimestamp(t.meta?.createdAt);
const isFailed = (t: swarm.v1.Task.$Properties): boolean =>
  stateOf(t) === n(S.TASK_STATE_FAILED) || stateOf(t) === n(S.TASK_STATE_REJECTED);

/** A canonical text of a task template, equal exactly when the templates are (defaults and map order aside). */
export function taskSpecKey(spec: swarm.v1.TaskSpec.$Properties | null | undefined): string {
  const canonical = swarm.v1.TaskSpec.toObject(
    swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode(spec ?? {}).finish()),
    { longs: Number, bytes: String },
  );
  return JSON.stringify(canonical, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function line(label: string, task: swarm.v1.Task.$Properties | undefined, failedError: string): ProgressLine {
  if (!task) return { label, state: "", fraction: 0, error: failedError };
  const state = stateOf(task);
  return {
    label,
    state: taskStateLabel(state).toLowerCase(),
    fraction: (stateSteps.get(state) ?? 0) / stepsToRunning,
    error: isFailed(task) ? task.status?.err || task.status?.message || "failed" : failedError,
  };
}

/** Computes the progress of one reading. */
export function progressOf(input: ProgressInput): Progress {
  const { service, goal } = input;
  const spec = service.spec ?? {};
  const key = taskSpecKey(spec.task);
  const current = (t: swarm.v1.Task.$Properties): boolean => taskSpecKey(t.spec) === key;
  const recentFailures = input.tasks.filter((t) => isFailed(t) && current(t) && createdMs(t) >= input.sinceMs);
  const lastError = (tasks: readonly swarm.v1.Task.$Properties[]): string => {
    const failed = tasks
      .filter((t) => isFailed(t) && current(t) && createdMs(t) >= input.sinceMs)
      .sort((a, b) => createdMs(b) - createdMs(a))[0];
    return failed ? failed.status?.err || failed.status?.message || "failed" : "";
  };
  const failure =
    updateFailure(service, goal) ??
    (recentFailures.length >= failedTasksMax
      ? `${recentFailures.length} tasks failed; the last: ${lastError(input.tasks)}`
      : null);
  const updating = [U.UPDATE_STATE_UPDATING, U.UPDATE_STATE_ROLLBACK_STARTED]
    .map(Number)
    .includes(n(service.updateStatus?.state));
  const newestFirst = [...input.tasks].sort((a, b) => createdMs(b) - createdMs(a));

  if (spec.replicatedJob || spec.globalJob) {
    const iteration = n(service.jobStatus?.jobIteration?.index);
    const run = newestFirst.filter((t) => n(t.jobIteration?.index) === iteration);
    const completed = run.filter((t) => stateOf(t) === n(S.TASK_STATE_COMPLETE)).length;
    const total = spec.replicatedJob ? n(spec.replicatedJob.totalCompletions) || 1 : run.length;
    const lines = run
      .filter((t) => n(t.desiredState) <= n(S.TASK_STATE_COMPLETE))
      .map((t) => line(t.slot ? `${n(t.slot)}/${total}` : shortId(t.nodeId), t, ""));
    return { done: completed, total, lines, converged: total > 0 && completed >= total, failure };
  }

  if (spec.global) {
    const byNode = new Map<string, swarm.v1.Task.$Properties>();
    for (const t of newestFirst)
      if (n(t.desiredState) === n(S.TASK_STATE_RUNNING) && !byNode.has(t.nodeId ?? "")) byNode.set(t.nodeId ?? "", t);
    const lines = [...byNode].map(([node, t]) =>
      line(shortId(node), t, lastError(input.tasks.filter((x) => x.nodeId === node))),
    );
    const done = [...byNode.values()].filter((t) => stateOf(t) === n(S.TASK_STATE_RUNNING) && current(t)).length;
    return {
      done,
      total: byNode.size,
      lines,
      converged: byNode.size > 0 && done === byNode.size && !updating,
      failure,
    };
  }

  // The orchestrator keeps whichever slots it ranks best when scaling down, so slots are not
  // always 1..replicas: lines follow the live slots in order, blank ones standing for missing tasks.
  const replicas = n(spec.replicated?.replicas);
  const liveBySlot = new Map<number, swarm.v1.Task.$Properties>();
  for (const t of newestFirst)
    if (n(t.desiredState) === n(S.TASK_STATE_RUNNING) && !liveBySlot.has(n(t.slot))) liveBySlot.set(n(t.slot), t);
  const slots = [...liveBySlot.keys()].sort((a, b) => a - b);
  // Slots whose last task failed and whose replacement does not exist yet fill the blank lines.
  const waiting = [
    ...new Set(input.tasks.filter((t) => isFailed(t) && !liveBySlot.has(n(t.slot))).map((t) => n(t.slot))),
  ].sort((a, b) => a - b);
  const lines: ProgressLine[] = [];
  for (let i = 0; i < Math.max(replicas, slots.length); i++) {
    const slot = slots[i] ?? waiting[i - slots.length];
    const live = slot === undefined ? undefined : liveBySlot.get(slot);
    lines.push(
      line(
        `${i + 1}/${replicas}`,
        live,
        slot === undefined ? "" : lastError(input.tasks.filter((t) => n(t.slot) === slot)),
      ),
    );
  }
  const done = [...liveBySlot.values()].filter((t) => stateOf(t) === n(S.TASK_STATE_RUNNING) && current(t)).length;
  const desiredRunning = input.tasks.filter((t) => n(t.desiredState) === n(S.TASK_STATE_RUNNING)).length;
  return {
    done: Math.min(done, replicas),
    total: replicas,
    lines,
    converged: done === replicas && desiredRunning === replicas && !updating,
    failure,
  };
}

function updateFailure(service: swarm.v1.Service.$Properties, goal: ProgressGoal): string | null {
  const state = n(service.updateStatus?.state);
  const why = service.updateStatus?.message ? `: ${service.updateStatus.message}` : "";
  if (state === n(U.UPDATE_STATE_PAUSED)) return `update paused${why}`;
  if (state === n(U.UPDATE_STATE_ROLLBACK_PAUSED)) return `rollback paused${why}`;
  if (goal === "update" && state === n(U.UPDATE_STATE_ROLLBACK_COMPLETED)) return `update rolled back${why}`;
  return null;
}
