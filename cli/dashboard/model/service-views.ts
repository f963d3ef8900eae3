// Services as the page lists them: mode, replicas running/desired (the REPLICAS cell of `swarmctl
// service ls`), image, published ports, the progress of an update or rollback, and why tasks wait
// (the scheduler writes its reason into each unplaced task's status message).
import { msFromTimestamp } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import { portsText, replicasText, serviceMode } from "../../commands/service/service-view.js";
import type { PendingReason, ServiceView, UpdateProgress } from "../shared/view-models.js";
import { updateStateName } from "./enum-names.js";
import { serviceNetworks } from "./network-views.js";
import type { StoreMirror } from "./store-mirror.js";
import { stackLabel } from "./stack-label.js";
import { isTaskCurrent } from "./task-spec.js";

const S = swarm.v1.TaskState;

export { stackLabel } from "./stack-label.js";

/** Distinct pending reasons a service row lists. */
export const pendingReasonsMax = 5;

/** The replica counts of a service: running (and wanted running) over desired. */
export function replicaCounts(
  service: swarm.v1.IService,
  tasks: readonly swarm.v1.ITask[],
): { running: number; desired: number } {
  const wanted = tasks.filter((t) => Number(t.desiredState ?? 0) === Number(S.TASK_STATE_RUNNING));
  const running = wanted.filter((t) => Number(t.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING)).length;
  const spec = service.spec;
  if (spec?.replicated) return { running, desired: Number(spec.replicated.replicas ?? 0) };
  if (spec?.replicatedJob)
    return {
      running,
      desired: Number(spec.replicatedJob.maxConcurrent ?? 0) || Number(spec.replicatedJob.totalCompletions ?? 0),
    };
  return { running, desired: wanted.length };
}

/** Why the service's tasks wait for a node, most frequent first. */
export function pendingReasons(tasks: readonly swarm.v1.ITask[]): PendingReason[] {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    if (Number(t.desiredState ?? 0) > Number(S.TASK_STATE_RUNNING)) continue;
    if (Number(t.status?.state ?? 0) !== Number(S.TASK_STATE_PENDING) || t.nodeId) continue;
    const reason = t.status?.err || t.status?.message || "pending task scheduling";
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, pendingReasonsMax);
}

/** The update or rollback of a service and how far it got, or null when it never had one. */
export function updateProgress(service: swarm.v1.IService, tasks: readonly swarm.v1.ITask[]): UpdateProgress | null {
  const status = service.updateStatus;
  const state = updateStateName(status?.state);
  if (!status || !state) return null;
  const wanted = tasks.filter((t) => Number(t.desiredState ?? 0) === Number(S.TASK_STATE_RUNNING));
  const done = wanted.filter(
    (t) => Number(t.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING) && isTaskCurrent(t, service),
  ).length;
  return {
    state,
    message: status.message ?? "",
    startedMs: msFromTimestamp(status.startedAt),
    completedMs: msFromTimestamp(status.completedAt),
    done,
    total: replicaCounts(service, tasks).desired,
  };
}

/** The newest error of a task the managers still want running, or "". */
export function lastError(tasks: readonly swarm.v1.ITask[]): string {
  let newest = "";
  let at = -1;
  for (const t of tasks) {
    if (!t.status?.err) continue;
    const ms = msFromTimestamp(t.status.timestamp);
    if (ms > at) [newest, at] = [t.status.err, ms];
  }
  return newest;
}

/** One service's row. */
export function serviceView(mirror: StoreMirror, service: swarm.v1.IService): ServiceView {
  const tasks = mirror.serviceTasks(service.id ?? "");
  const { running, desired } = replicaCounts(service, tasks);
  const spec = service.spec;
  const ports = service.endpoint?.ports?.length ? service.endpoint.ports : spec?.endpoint?.ports;
  const labels = spec?.annotations?.labels ?? {};
  return {
    id: service.id ?? "",
    name: spec?.annotations?.name ?? "",
    mode: serviceMode(spec),
    image: spec?.task?.container?.image ?? "",
    replicas: {
      running,
      desired,
      text: replicasText(service, tasks),
    },
    ports: portsText(ports)
      .split(", ")
      .filter((p) => p !== ""),
    stack: labels[stackLabel] ?? "",
    labels: { ...labels },
    networks: serviceNetworks(mirror, service),
    update: updateProgress(service, tasks),
    pending: pendingReasons(tasks),
    canRollBack: Boolean(service.previousSpec),
    lastError: lastError(tasks.filter((t) => Number(t.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING))),
    createdMs: msFromTimestamp(service.meta?.createdAt),
    updatedMs: msFromTimestamp(service.meta?.updatedAt),
  };
}

/** Every service's row, by name. */
export function serviceViews(mirror: StoreMirror): ServiceView[] {
  return [...mirror.all("service").values()]
    .map((s) => serviceView(mirror, s))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}
