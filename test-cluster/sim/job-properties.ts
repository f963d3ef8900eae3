// The cluster simulator's properties about jobs (replicated-job and global-job services) and about
// placement, as pure checks over a store's read transaction:
// - `job-completion-final`: a job task that completed never changes state again, and no task is
//   created for a slot (a node, for a global job) whose task of the same iteration completed;
// - `job-max-concurrent`: never more live tasks of one job iteration than its maxConcurrent (its
//   totalCompletions when unset), never two in one slot (or on one node);
// - `eligible-nodes` (with its grace): the live tasks that sit on a node unable to hold them;
// - `job-liveness`: once the faults stop, every slot of the current iteration completes
//   (or, under restart condition none, ends), no task of an earlier iteration stays live.
import type { ReadTx, StoreEvent } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import type { Problem } from "./problem.js";
import { ineligibility, isEligible } from "./node-eligibility.js";

type Task = swarm.v1.Task.$Properties;
type Service = swarm.v1.Service.$Properties;

const S = swarm.v1.TaskState;
const running = Number(S.TASK_STATE_RUNNING);
const complete = Number(S.TASK_STATE_COMPLETE);

/** Whether a service is a job (replicated-job or global-job). */
export function isJob(spec: swarm.v1.ServiceSpec.$Properties | null | undefined): boolean {
  return spec?.replicatedJob != null || spec?.globalJob != null;
}

/** The job iteration a service runs now (0 before its first re-run). */
export function iterationOf(service: Service): number {
  return Number(service.jobStatus?.jobIteration?.index ?? 0);
}

/** The job iteration a task belongs to, -1 for a task of no job (an index of 0 may be absent once encoded). */
function taskIteration(task: Task): number {
  return task.jobIteration == null ? -1 : Number(task.jobIteration.index ?? 0);
}

function stateOf(task: Task): number {
  return Number(task.status?.state ?? 0);
}

function stateName(task: Task): string {
  return (S[stateOf(task)] ?? "?").replace("TASK_STATE_", "");
}

/** Whether a task is meant to run and has not finished. */
function isLive(task: Task): boolean {
  return Number(task.desiredState ?? 0) <= running && stateOf(task) <= running;
}

/** The slot a job task fills: its slot number, or its node for a global job. */
function slotKey(service: Service, task: Task): string {
  return service.spec?.globalJob ? `node ${task.nodeId ?? ""}` : `slot ${task.slot ?? 0}`;
}

function describe(tasks: readonly Task[]): string {
  return tasks.map((t) => `${t.id} ${stateName(t)} on ${t.nodeId || "-"}`).join(", ");
}

/**
 * Checks one commit's task events against the job properties, reading the store as the commit left
 * it: `job-completion-final` for every job task the commit touched, `job-max-concurrent` for the
 * jobs whose tasks it touched.
 */
export function jobCommitProblem(tx: ReadTx, events: readonly StoreEvent[]): Problem | null {
  const touched = new Set<string>();
  for (const e of events) {
    if (e.kind !== "task" || e.action === "remove") continue;
    const task = e.object as Task;
    if (task.jobIteration == null) continue;
    const old = e.old as Task | null;
    if (old && stateOf(old) === complete && stateOf(task) !== complete)
      return {
        property: "job-completion-final",
        detail: `job task ${task.id} moved from COMPLETE to ${stateName(task)}`,
      };
    const service = tx.get("service", task.serviceId ?? "");
    if (!service) continue;
    touched.add(service.id ?? "");
    if (e.action !== "create") continue;
    const key = slotKey(service, task);
    const done = tx
      .tasks({ serviceId: service.id ?? "" })
      .find(
        (t) =>
          t.id !== task.id &&
          stateOf(t) === complete &&
          taskIteration(t) === taskIteration(task) &&
          slotKey(service, t) === key,
      );
    if (done)
      return {
        property: "job-completion-final",
        detail: `job ${service.id} iteration ${taskIteration(task)} ${key}: task ${task.id} created after ${done.id} completed`,
      };
  }
  for (const id of touched) {
    const service = tx.get("service", id);
    if (!service || !isJob(service.spec)) continue;
    const iteration = iterationOf(service);
    const live = tx.tasks({ serviceId: id }).filter((t) => taskIteration(t) === iteration && isLive(t));
    const replicated = service.spec?.replicatedJob;
    if (replicated) {
      const total = Number(replicated.totalCompletions || 1);
      const allowed = Math.min(total, Number(replicated.maxConcurrent || total));
      if (live.length > allowed)
        return {
          property: "job-max-concurrent",
          detail: `job ${id} iteration ${iteration} has ${live.length} live tasks (maxConcurrent ${allowed}): ${describe(live)}`,
        };
    }
    const bySlot = new Map<string, Task[]>();
    for (const t of live) {
      if (service.spec?.globalJob && !t.nodeId) continue;
      const key = slotKey(service, t);
      bySlot.set(key, [...(bySlot.get(key) ?? []), t]);
    }
    for (const [key, tasks] of bySlot)
      if (tasks.length > 1)
        return {
          property: "job-max-concurrent",
          detail: `job ${id} iteration ${iteration} ${key} holds ${tasks.length} live tasks: ${describe(tasks)}`,
        };
  }
  return null;
}

/** A live task on a node that cannot hold it, and why. */
export interface MisplacedTask {
  /** The task. */
  readonly taskId: string;
  /** What was seen. */
  readonly detail: string;
}

/** The live tasks that sit on a node unable to keep them (down, drained, or failing a constraint). */
export function misplacedTasks(tx: ReadTx): MisplacedTask[] {
  const nodes = new Map(tx.all("node").map((n) => [n.id ?? "", n]));
  const misplaced: MisplacedTask[] = [];
  for (const service of tx.all("service")) {
    const spec = service.spec ?? {};
    for (const task of tx.tasks({ serviceId: service.id ?? "" })) {
      if (!task.nodeId || !isLive(task)) continue;
      const why = ineligibility(nodes.get(task.nodeId), spec, true);
      if (why !== null)
        misplaced.push({
          taskId: task.id ?? "",
          detail: `task ${task.id} of ${service.id} is ${stateName(task)} on ${task.nodeId}, which ${why}`,
        });
    }
  }
  return misplaced;
}

/** Whether a job's restart policy gives up on a slot whose task ended without completing. */
function givesUp(service: Service): boolean {
  return (
    Number(service.spec?.task?.restart?.condition ?? -1) ===
    Number(swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE)
  );
}

/**
 * `job-liveness` of one job once the faults stopped: no task of an earlier iteration is live; every
 * slot of the current iteration (every eligible node, for a global job) holds a completed task, or
 * under restart condition none a task that ended and none live. A replicated job with no eligible
 * node at all is left pending, as Docker leaves it.
 */
export function jobEndProblem(tx: ReadTx, service: Service): Problem | null {
  const id = service.id ?? "";
  const spec = service.spec ?? {};
  const iteration = iterationOf(service);
  const tasks = tx.tasks({ serviceId: id });
  const stale = tasks.filter((t) => taskIteration(t) !== iteration && isLive(t));
  if (stale.length > 0)
    return { property: "job-liveness", detail: `job ${id}: tasks of earlier iterations live: ${describe(stale)}` };
  const current = tasks.filter((t) => taskIteration(t) === iteration);
  const eligible = tx.all("node").filter((n) => isEligible(n, spec));
  const keys = spec.replicatedJob
    ? eligible.length === 0
      ? []
      : Array.from({ length: Number(spec.replicatedJob.totalCompletions || 1) }, (_, i) => `slot ${i + 1}`)
    : eligible.map((n) => `node ${n.id ?? ""}`);
  for (const key of keys) {
    const list = current.filter((t) => slotKey(service, t) === key);
    if (list.some((t) => stateOf(t) === complete)) continue;
    if (givesUp(service) && list.length > 0 && !list.some(isLive)) continue;
    return {
      property: "job-liveness",
      detail: `job ${id} iteration ${iteration} ${key} has not completed (${describe(list) || "no task"})`,
    };
  }
  return null;
}
