// The rows of `service ls` and `service ps` (and `task ls`, `node ps`-like views), as Docker shows
// them: REPLICAS "2/3", PORTS "*:8080->80/tcp", CURRENT STATE "Running 5 seconds ago", older
// tasks of a slot under their successor as " \_ web.1".
import { msFromTimestamp } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import { shortId, taskStateLabel } from "../../output/plain.js";
import { timeAgo } from "../../output/time-ago.js";

const S = swarm.v1.TaskState;
const n = (x: number | null | undefined): number => Number(x ?? 0);

/** Longest task error `service ps` shows untruncated, in characters (Docker's width of the column). */
export const taskErrCharsMax = 30;

/** The mode word of a service. */
export function serviceMode(spec: swarm.v1.ServiceSpec.$Properties | null | undefined): string {
  if (spec?.global) return "global";
  if (spec?.replicatedJob) return "replicated job";
  if (spec?.globalJob) return "global job";
  return "replicated";
}

/** "*:8080->80/tcp" for each published port. */
export function portsText(ports: readonly swarm.v1.PortConfig.$Properties[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const proto = n(p.protocol) === n(swarm.v1.PortConfig.Protocol.PROTOCOL_UDP) ? "udp" : "tcp";
      const host = n(p.publishMode) === n(swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST) ? "" : "*";
      return `${host}:${n(p.publishedPort)}->${n(p.targetPort)}/${proto}`;
    })
    .join(", ");
}

/** The REPLICAS cell: running/desired, with completions for jobs. */
export function replicasText(
  service: swarm.v1.Service.$Properties,
  tasks: readonly swarm.v1.Task.$Properties[],
): string {
  const mine = tasks.filter((t) => t.serviceId === service.id);
  const running = mine.filter(
    (t) => n(t.status?.state) === n(S.TASK_STATE_RUNNING) && n(t.desiredState) === n(S.TASK_STATE_RUNNING),
  ).length;
  const spec = service.spec;
  if (spec?.replicatedJob || spec?.globalJob) {
    const iteration = n(service.jobStatus?.jobIteration?.index);
    const run = mine.filter((t) => n(t.jobIteration?.index) === iteration);
    const completed = run.filter((t) => n(t.status?.state) === n(S.TASK_STATE_COMPLETE)).length;
    const total = spec.replicatedJob ? n(spec.replicatedJob.totalCompletions) : run.length;
    return `${running}/${spec.replicatedJob ? n(spec.replicatedJob.maxConcurrent) || total : run.length} (${completed}/${total} completed)`;
  }
  const desired = spec?.global
    ? mine.filter((t) => n(t.desiredState) === n(S.TASK_STATE_RUNNING)).length
    : n(spec?.replicated?.replicas);
  return `${running}/${desired}`;
}

/** One `service ls` row per service. */
export function serviceRows(
  services: readonly swarm.v1.Service.$Properties[],
  tasks: readonly swarm.v1.Task.$Properties[],
  noTrunc = false,
): Record<string, string>[] {
  return services.map((s) => ({
    ID: noTrunc ? (s.id ?? "") : shortId(s.id),
    Name: s.spec?.annotations?.name ?? "",
    Mode: serviceMode(s.spec),
    Replicas: replicasText(s, tasks),
    Image: s.spec?.task?.container?.image ?? "",
    Ports: portsText(s.endpoint?.ports?.length ? s.endpoint.ports : s.spec?.endpoint?.ports),
  }));
}

/** Columns of `service ls`. */
export const serviceColumns = ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"];
/** Columns of `service ps` and `task ls`. */
export const taskColumns = ["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"];

/** The display name of a task: "web.1" (slot) or "web.<node id>" (global). */
export function taskDisplayName(task: swarm.v1.Task.$Properties): string {
  const service = task.serviceAnnotations?.name ?? task.serviceId ?? "";
  return n(task.slot) ? `${service}.${n(task.slot)}` : `${service}.${task.nodeId ?? ""}`;
}

/**
 * `service ps` rows: tasks grouped by slot (or node), newest first within a group, older ones
 * shown as " \_ name" as Docker does. `hostnames` maps node ids to hostnames.
 */
export function taskRows(
  tasks: readonly swarm.v1.Task.$Properties[],
  hostnames: ReadonlyMap<string, string>,
  options: { nowMs: number; noTrunc?: boolean },
): Record<string, string>[] {
  const groupKey = (t: swarm.v1.Task.$Properties): string =>
    `${t.serviceAnnotations?.name ?? ""}\u0000${String(n(t.slot)).padStart(10, "0")}\u0000${n(t.slot) ? "" : (t.nodeId ?? "")}`;
  const sorted = [...tasks].sort(
    (a, b) =>
      groupKey(a).localeCompare(groupKey(b)) || msFromTimestamp(b.meta?.createdAt) - msFromTimestamp(a.meta?.createdAt),
  );
  let previous = "";
  return sorted.map((t) => {
    const key = groupKey(t);
    const first = key !== previous;
    previous = key;
    const state = n(t.status?.state);
    return {
      ID: options.noTrunc ? (t.id ?? "") : shortId(t.id),
      Name: first ? taskDisplayName(t) : ` \\_ ${taskDisplayName(t)}`,
      Image: t.spec?.container?.image ?? "",
      Node: hostnames.get(t.nodeId ?? "") ?? t.nodeId ?? "",
      DesiredState: taskStateLabel(t.desiredState),
      // Docker lowercases the span here ("Running less than a second ago"), unlike its other columns.
      CurrentState: `${taskStateLabel(state)} ${timeAgo(msFromTimestamp(t.status?.timestamp), options.nowMs).toLowerCase()}${pullSuffix(t)}`,
      Error: t.status?.err
        ? options.noTrunc || t.status.err.length <= taskErrCharsMax
          ? `"${t.status.err}"`
          : `"${t.status.err.slice(0, taskErrCharsMax - 1)}…"`
        : "",
      Ports: portsText(t.status?.portStatus?.ports),
    };
  });
}

/**
 * A preparing task's pull progress for CURRENT STATE (" (2/5 layers pulled)"), or "": the node
 * reports "pulling IMAGE: n/m layers" as the status message while the engine pulls.
 */
export function pullSuffix(task: swarm.v1.Task.$Properties): string {
  if (n(task.status?.state) !== Number(swarm.v1.TaskState.TASK_STATE_PREPARING)) return "";
  const layers = /^pulling .*: (\d+\/\d+) layers$/.exec(task.status?.message ?? "")?.[1];
  return layers === undefined ? "" : ` (${layers} layers pulled)`;
}

/** Node hostnames by id, for the NODE column. */
export function hostnamesOf(nodes: readonly swarm.v1.Node.$Properties[]): Map<string, string> {
  return new Map(nodes.map((x) => [x.id ?? "", x.description?.hostname || x.spec?.annotations?.name || x.id || ""]));
}
