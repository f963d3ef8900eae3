// `swarmctl events --filter` with Docker's keys: type, event, service, node, scope, label. Values
// of one key are alternatives; different keys must all match, as Docker's events filters.
import { UsageError } from "../client/usage-error.js";
import { parseFilters, type FilterValues } from "./filters.js";

/** Object kinds the Watch API streams. */
export const eventKinds = ["node", "service", "task", "secret", "config", "network", "cluster"] as const;

/** The keys `events --filter` takes. */
export const eventFilterKeys = ["type", "event", "service", "node", "scope", "label"] as const;

/** Actions an event may carry (`event=`). */
export const eventActions = ["create", "update", "remove"] as const;

/** What the filters read of one event: its kind, action and object (plain JSON, camelCase). */
export interface FilterableEvent {
  readonly type: string;
  readonly action: string;
  readonly id: string;
  readonly name: string;
  readonly object: Record<string, unknown>;
}

/** Parsed `--filter` values, checked; `type` and `event` values must be known words. */
export function parseEventFilters(values: readonly string[] | undefined): FilterValues {
  const filters = parseFilters(values, eventFilterKeys);
  for (const kind of filters.get("type") ?? [])
    if (!(eventKinds as readonly string[]).includes(kind))
      throw new UsageError("--filter", `"type=${kind}": expected type=${eventKinds.join("|")}`);
  for (const action of filters.get("event") ?? [])
    if (!(eventActions as readonly string[]).includes(action))
      throw new UsageError("--filter", `"event=${action}": expected event=${eventActions.join("|")}`);
  for (const scope of filters.get("scope") ?? [])
    if (scope !== "swarm" && scope !== "local")
      throw new UsageError("--filter", `"scope=${scope}": expected scope=swarm|local`);
  return filters;
}

/** The kinds to watch: the `type=` values, or every kind. */
export function watchedKinds(filters: FilterValues): string[] {
  return filters.get("type") ?? [...eventKinds];
}

function field(object: Record<string, unknown>, ...path: string[]): unknown {
  let at: unknown = object;
  for (const key of path) at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** A string field, or "" when absent or not a string. */
function text(object: Record<string, unknown>, ...path: string[]): string {
  const value = field(object, ...path);
  return typeof value === "string" ? value : "";
}

/** Id and names of the service an event is about (a service, or a task's service). */
function serviceRefs(event: FilterableEvent): string[] {
  if (event.type === "service") return [event.id, event.name];
  if (event.type === "task") return [text(event.object, "serviceId"), text(event.object, "serviceAnnotations", "name")];
  return [];
}

/** Id and names of the node an event is about (a node, or a task's node). */
function nodeRefs(event: FilterableEvent): string[] {
  if (event.type === "node") return [event.id, event.name, text(event.object, "description", "hostname")];
  if (event.type === "task") return [text(event.object, "nodeId")];
  return [];
}

function labelsOf(event: FilterableEvent): Record<string, unknown> {
  const labels = field(event.object, "spec", "annotations", "labels") ?? field(event.object, "annotations", "labels");
  return labels !== null && typeof labels === "object" ? (labels as Record<string, unknown>) : {};
}

function labelMatches(labels: Record<string, unknown>, filter: string): boolean {
  const eq = filter.indexOf("=");
  if (eq === -1) return Object.hasOwn(labels, filter);
  const key = filter.slice(0, eq);
  return Object.hasOwn(labels, key) && String(labels[key]) === filter.slice(eq + 1);
}

/** Whether an event passes every filter. Every event here is the swarm's: scope=local matches none. */
export function eventMatches(event: FilterableEvent, filters: FilterValues): boolean {
  const any = (key: string, test: (value: string) => boolean): boolean => {
    const values = filters.get(key);
    return values === undefined || values.some(test);
  };
  return (
    any("type", (v) => v === event.type) &&
    any("event", (v) => v === event.action) &&
    any("scope", (v) => v === "swarm") &&
    any("service", (v) =>
      serviceRefs(event).some((r) => r !== "" && (r === v || (r.length >= 25 && r.startsWith(v)))),
    ) &&
    any("node", (v) => nodeRefs(event).some((r) => r !== "" && (r === v || (r.length >= 25 && r.startsWith(v))))) &&
    any("label", (v) => labelMatches(labelsOf(event), v))
  );
}
