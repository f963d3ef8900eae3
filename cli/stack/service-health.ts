// Whether a service a deploy created or updated became healthy: every replica RUNNING (which, for
// a service with a healthcheck, means its healthcheck passed: a task becomes RUNNING only then),
// or, for jobs, run to completion. A service is judged not to become healthy as soon as enough of
// its new tasks failed, so a dependency that crashes or fails its healthcheck is reported within
// a few task lifetimes; a service that neither runs nor fails is given up on at the deadline.
import { swarm } from "../../proto/index.js";

/** How often a service's tasks are polled while a deploy waits for it. */
export const healthPollMs = 200;

/** The calls the wait needs. */
export interface TaskLister {
  listTasks(serviceId: string): Promise<swarm.v1.Task.$Properties[]>;
}

/** A service to wait for. */
export interface AwaitedService {
  /** The cluster name, for messages. */
  readonly name: string;
  readonly serviceId: string;
  readonly spec: swarm.v1.ServiceSpec.$Properties;
  /** Ids of the tasks that existed before this deploy touched the service: their failures are old news. */
  readonly previousTaskIds: ReadonlySet<string>;
}

/** Limits of one wait. */
export interface HealthWaitOptions {
  /** Wall-clock time (ms since the epoch) after which the service is given up on. */
  readonly deadlineMs: number;
  /** New failed tasks after which the service is given up on at once. */
  readonly taskFailuresMax: number;
}

/** The outcome: healthy, or why not in one line ("0 of 1 running; 3 tasks failed, the last: …"). */
export type HealthOutcome = { readonly healthy: true } | { readonly healthy: false; readonly reason: string };

const S = swarm.v1.TaskState;
const running = Number(S.TASK_STATE_RUNNING);
const complete = Number(S.TASK_STATE_COMPLETE);
const failedStates = new Set([Number(S.TASK_STATE_FAILED), Number(S.TASK_STATE_REJECTED)]);

/** Polls the service's tasks until it is healthy, has failed `taskFailuresMax` times, or the deadline passes. */
export async function waitHealthy(
  control: TaskLister,
  service: AwaitedService,
  options: HealthWaitOptions,
): Promise<HealthOutcome> {
  const want = service.spec.replicated ? Number(service.spec.replicated.replicas ?? 1) : 1;
  if (want === 0) return { healthy: true };
  for (;;) {
    const tasks = await control.listTasks(service.serviceId);
    const live = tasks.filter((t) => Number(t.desiredState) <= running || Number(t.desiredState) === complete);
    const done = live.filter((t) => Number(t.status?.state) === running || Number(t.status?.state) === complete).length;
    if (done >= want) return { healthy: true };
    const failed = tasks
      .filter((t) => !service.previousTaskIds.has(t.id ?? "") && failedStates.has(Number(t.status?.state)))
      .sort((a, b) => Number(a.status?.timestamp?.seconds ?? 0) - Number(b.status?.timestamp?.seconds ?? 0));
    const last = failed[failed.length - 1]?.status;
    // A check's output may be empty ("check exited with 1: "): no dangling separator.
    const lastError = last ? (last.err || last.message || "no reason given").replace(/[\s:]+$/, "") : "";
    const counts = `${done} of ${want} running`;
    if (failed.length >= options.taskFailuresMax)
      return { healthy: false, reason: `${counts}; ${failed.length} tasks failed, the last: ${lastError}` };
    if (Date.now() >= options.deadlineMs) {
      const pending = live.find((t) => Number(t.status?.state) < running)?.status;
      const why = lastError
        ? `; the last failed task: ${lastError}`
        : pending?.err || pending?.message
          ? `; a task is ${stateName(pending.state)}: ${pending.err || pending.message}`
          : live.length === 0
            ? "; no task was scheduled"
            : "";
      return { healthy: false, reason: `${counts} in time${why}` };
    }
    await new Promise((resolve) => setTimeout(resolve, healthPollMs));
  }
}

function stateName(state: swarm.v1.TaskState | null | undefined): string {
  return (S[Number(state ?? 0)] ?? "unknown").replace(/^TASK_STATE_/, "").toLowerCase();
}
