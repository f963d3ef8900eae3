// What Docker derives from a service's tasks: the counts `service ls` shows as REPLICAS
// (`ServiceStatus`, swarmkit's ListServiceStatuses) and whether a task is up to date with its
// service's spec (the `_up-to-date` task filter every progress poll of the CLI uses). A task is up
// to date when the manager would not replace it in a rolling update: its task template and
// published endpoint equal the service's, compared on their canonical protobuf form (defaults
// dropped, map keys sorted), the manager's own rule.
import { swarm } from "../../proto/index.js";
import type { ServiceStatus } from "./service-out.js";

type Task = swarm.v1.Task.$Properties;
type Service = swarm.v1.Service.$Properties;

const running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
const complete = Number(swarm.v1.TaskState.TASK_STATE_COMPLETE);

/** JSON with object keys sorted, so equal values give equal strings. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof Uint8Array) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Canonical keys of spec parts, per object (answers are decoded afresh, so per-call objects). */
const keys = new WeakMap<object, string>();

function canonicalKey(
  task: swarm.v1.TaskSpec.$Properties | null | undefined,
  endpoint: swarm.v1.EndpointSpec.$Properties | null | undefined,
): string {
  const decodedTask = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode(task ?? {}).finish());
  const decodedEndpoint = endpoint
    ? swarm.v1.EndpointSpec.decode(swarm.v1.EndpointSpec.encode(endpoint).finish())
    : null;
  return stableStringify([decodedTask, decodedEndpoint]);
}

function cachedKey(
  owner: object,
  task: swarm.v1.TaskSpec.$Properties | null | undefined,
  endpoint: swarm.v1.EndpointSpec.$Properties | null | undefined,
): string {
  let key = keys.get(owner);
  if (key === undefined) keys.set(owner, (key = canonicalKey(task, endpoint)));
  return key;
}

/** Whether a task was made from its service's current task template and endpoint. */
export function isTaskUpToDate(task: Task, service: Service): boolean {
  const serviceKey = cachedKey(service, service.spec?.task, service.endpoint?.spec);
  return cachedKey(task, task.spec, task.endpoint?.spec) === serviceKey;
}

/**
 * Running, desired and completed task counts, as swarmkit reports them: jobs count only the tasks
 * of their current iteration; desired is the replica count (replicated), the concurrency
 * (replicated jobs), or the tasks meant to run (global) or still to complete (global jobs).
 */
export function serviceStatusOf(service: Service, tasks: readonly Task[]): ServiceStatus {
  const spec = service.spec ?? {};
  const iteration = Number(service.jobStatus?.jobIteration?.index ?? 0);
  const isJob = !!(spec.replicatedJob || spec.globalJob);
  let runningTasks = 0;
  let completed = 0;
  let desiredGlobal = 0;
  for (const task of tasks) {
    if (task.serviceId !== service.id) continue;
    if (isJob && Number(task.jobIteration?.index ?? 0) !== iteration) continue;
    const state = Number(task.status?.state ?? 0);
    const desired = Number(task.desiredState ?? 0);
    if (state === running && desired <= running) runningTasks++;
    if (state === complete) completed++;
    if (spec.global && desired === running) desiredGlobal++;
    if (spec.globalJob && desired === complete && state !== complete) desiredGlobal++;
  }
  let desiredTasks = desiredGlobal;
  if (spec.replicated) desiredTasks = Number(spec.replicated.replicas ?? 0);
  else if (spec.replicatedJob) desiredTasks = Number(spec.replicatedJob.maxConcurrent ?? 0);
  return { RunningTasks: runningTasks, DesiredTasks: desiredTasks, CompletedTasks: completed };
}
