// The filters of `GET /services` and `GET /tasks`, with Docker's meanings: ids and names match by
// prefix; a task's `label` filter matches its service's labels (swarmkit compares the service
// annotations each task carries); `service` and `node` take an id or a name; `_up-to-date` keeps
// the tasks made from their service's current spec (the CLI's progress bars use it).
import type { swarm } from "../../proto/index.js";
import { taskStates } from "./enums.js";
import { type Filters, filterBool, filterValues, matchAny, matchLabels } from "./filters.js";
import { isTaskUpToDate } from "./service-status.js";

type Service = swarm.v1.Service.$Properties;
type Task = swarm.v1.Task.$Properties;

/** Filter keys of `GET /services`. */
export const serviceFilterKeys = ["id", "label", "mode", "name", "runtime"] as const;

/** Filter keys of `GET /tasks`. */
export const taskFilterKeys = [
  "_up-to-date",
  "desired-state",
  "id",
  "label",
  "name",
  "node",
  "runtime",
  "service",
] as const;

/** The mode name Docker filters on. */
export function serviceModeName(spec: swarm.v1.ServiceSpec.$Properties | null | undefined): string {
  if (spec?.global) return "global";
  if (spec?.replicatedJob) return "replicated-job";
  if (spec?.globalJob) return "global-job";
  return "replicated";
}

/** Whether a service passes `GET /services` filters. */
export function serviceMatches(filters: Filters, service: Service): boolean {
  const id = service.id ?? "";
  const name = service.spec?.annotations?.name ?? "";
  if (!matchAny(filterValues(filters, "id"), (v) => id.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "name"), (v) => name.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "mode"), (v) => v === serviceModeName(service.spec))) return false;
  // Every swarm-ts task is a container (or a process standing in for one).
  if (!matchAny(filterValues(filters, "runtime"), (v) => v === "container")) return false;
  return matchLabels(filterValues(filters, "label"), service.spec?.annotations?.labels);
}

/** What task filters need to know besides the task: services by id, and names of services and nodes. */
export interface TaskFilterContext {
  /** The service of an id (null when it is gone). */
  readonly service: (id: string) => Service | null;
  /** Ids of the services a `service` filter value names (id, name or id prefix). */
  readonly serviceIds: (ref: string) => readonly string[];
  /** Ids of the nodes a `node` filter value names (id, name or id prefix). */
  readonly nodeIds: (ref: string) => readonly string[];
}

/** Whether a task passes `GET /tasks` filters. */
export function taskMatches(filters: Filters, task: Task, context: TaskFilterContext): boolean {
  const id = task.id ?? "";
  if (!matchAny(filterValues(filters, "id"), (v) => id.startsWith(v))) return false;
  const serviceName = task.serviceAnnotations?.name ?? "";
  const shortName = `${serviceName}.${Number(task.slot ?? 0) || task.nodeId || ""}`;
  const fullName = task.annotations?.name ?? "";
  if (!matchAny(filterValues(filters, "name"), (v) => shortName.startsWith(v) || fullName.startsWith(v))) return false;
  if (!matchAny(filterValues(filters, "service"), (v) => context.serviceIds(v).includes(task.serviceId ?? "")))
    return false;
  if (!matchAny(filterValues(filters, "node"), (v) => context.nodeIds(v).includes(task.nodeId ?? ""))) return false;
  if (
    !matchAny(
      filterValues(filters, "desired-state"),
      (v) => taskStates.parse("filters.desired-state", v) === Number(task.desiredState ?? 0),
    )
  )
    return false;
  if (!matchAny(filterValues(filters, "runtime"), (v) => v === "container")) return false;
  if (!matchLabels(filterValues(filters, "label"), task.serviceAnnotations?.labels)) return false;
  const upToDate = filterValues(filters, "_up-to-date");
  if (upToDate.length > 0) {
    const service = context.service(task.serviceId ?? "");
    const current = service !== null && isTaskUpToDate(task, service);
    if (!upToDate.some((v) => filterBool("_up-to-date", v) === current)) return false;
  }
  return true;
}
