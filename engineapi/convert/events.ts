// Store changes as Docker's swarm events (`GET /events`): one message per created, updated or
// removed service, node, secret, config or network, with the attributes moby adds (a service's
// image, replicas and update state before and after; a node's availability, role, state and
// manager status), and Docker's event filters.
import { swarm } from "../../proto/index.js";
import { nodeAvailabilities, nodeRoles, nodeStates, reachabilities, updateStates } from "./enums.js";
import { type Filters, filterValues, matchAny, matchLabels } from "./filters.js";
import { nodeName } from "./node.js";

/** Filter keys of `GET /events` (container, image, volume, plugin and daemon never match a swarm event). */
export const eventFilterKeys = [
  "config",
  "container",
  "daemon",
  "event",
  "image",
  "label",
  "network",
  "node",
  "plugin",
  "scope",
  "secret",
  "service",
  "type",
  "volume",
] as const;

/** The kinds of objects that make events, as the Watch service names them. */
export const eventKinds = ["service", "node", "secret", "config", "network"] as const;

/** One Docker event. */
export interface DockerEvent {
  readonly Type: string;
  readonly Action: string;
  readonly Actor: { readonly ID: string; readonly Attributes: Readonly<Record<string, string>> };
  readonly scope: "swarm";
  readonly time: number;
  /** Nanoseconds since the epoch; a bigint, since the value exceeds 2^53. */
  readonly timeNano: bigint;
}

/** One event as Docker's JSON line (without the newline), `timeNano` as an exact integer. */
export function eventJson(event: DockerEvent): string {
  const { timeNano, ...rest } = event;
  return `${JSON.stringify(rest).slice(0, -1)},"timeNano":${timeNano.toString()}}`;
}

const Action = swarm.v1.WatchAction;

function actionName(action: number): string {
  if (action === Number(Action.WATCH_ACTION_CREATE)) return "create";
  if (action === Number(Action.WATCH_ACTION_REMOVE)) return "remove";
  return "update";
}

/** The object of a StoreObject with its kind, or null for kinds that make no events. */
function objectOf(object: swarm.v1.StoreObject.$Properties | null | undefined): {
  kind: (typeof eventKinds)[number];
  value: { id?: string | null; meta?: swarm.v1.Meta.$Properties | null };
} | null {
  if (object?.service) return { kind: "service", value: object.service };
  if (object?.node) return { kind: "node", value: object.node };
  if (object?.secret) return { kind: "secret", value: object.secret };
  if (object?.config) return { kind: "config", value: object.config };
  if (object?.network) return { kind: "network", value: object.network };
  return null;
}

function change(attributes: Record<string, string>, key: string, before: string, after: string): void {
  if (before === after) return;
  attributes[`${key}.old`] = before;
  attributes[`${key}.new`] = after;
}

function serviceAttributes(
  service: swarm.v1.Service.$Properties,
  old: swarm.v1.Service.$Properties | null | undefined,
  attributes: Record<string, string>,
): void {
  attributes.name = service.spec?.annotations?.name ?? "";
  if (!old) return;
  change(attributes, "image", old.spec?.task?.container?.image ?? "", service.spec?.task?.container?.image ?? "");
  if (service.spec?.replicated && old.spec?.replicated)
    change(
      attributes,
      "replicas",
      String(old.spec.replicated.replicas ?? 0),
      String(service.spec.replicated.replicas ?? 0),
    );
  change(
    attributes,
    "updatestate",
    updateStates.format(old.updateStatus?.state),
    updateStates.format(service.updateStatus?.state),
  );
}

function nodeAttributes(
  node: swarm.v1.Node.$Properties,
  old: swarm.v1.Node.$Properties | null | undefined,
  attributes: Record<string, string>,
): void {
  attributes.name = nodeName(node);
  if (!old) return;
  change(
    attributes,
    "availability",
    nodeAvailabilities.format(old.spec?.availability),
    nodeAvailabilities.format(node.spec?.availability),
  );
  change(attributes, "role", nodeRoles.format(old.role), nodeRoles.format(node.role));
  change(attributes, "state", nodeStates.format(old.status?.state), nodeStates.format(node.status?.state));
  if (node.managerStatus && old.managerStatus) {
    change(attributes, "leader", String(old.managerStatus.leader ?? false), String(node.managerStatus.leader ?? false));
    change(
      attributes,
      "reachability",
      reachabilities.format(old.managerStatus.reachability),
      reachabilities.format(node.managerStatus.reachability),
    );
  }
}

/** The name of any event-making object. */
function nameOf(value: { spec?: { annotations?: swarm.v1.Annotations.$Properties | null } | null }): string {
  return value.spec?.annotations?.name ?? "";
}

/** Labels of an event's object (for the `label` filter). */
export type EventLabels = Readonly<Record<string, string>>;

/**
 * The Docker event of one watch event, with its object's labels, or null for objects that make no
 * events (tasks, the cluster). `nowMs` stamps removals, which carry no time of their own.
 */
export function dockerEventOf(
  event: swarm.v1.WatchEvent.$Properties,
  nowMs: number,
): { event: DockerEvent; labels: EventLabels } | null {
  const found = objectOf(event.object);
  if (!found) return null;
  const old = objectOf(event.oldObject)?.value;
  const action = actionName(Number(event.action ?? 0));
  const attributes: Record<string, string> = {};
  if (found.kind === "service")
    serviceAttributes(
      found.value as swarm.v1.Service.$Properties,
      old as swarm.v1.Service.$Properties | undefined,
      attributes,
    );
  else if (found.kind === "node")
    nodeAttributes(found.value as swarm.v1.Node.$Properties, old as swarm.v1.Node.$Properties | undefined, attributes);
  else
    attributes.name = nameOf(
      found.value as { spec?: { annotations?: swarm.v1.Annotations.$Properties | null } | null },
    );
  const stamp =
    action === "create" ? found.value.meta?.createdAt : action === "update" ? found.value.meta?.updatedAt : null;
  const seconds = stamp ? Number(stamp.seconds ?? 0) : Math.floor(nowMs / 1000);
  const nanos = stamp ? Number(stamp.nanos ?? 0) : (nowMs % 1000) * 1e6;
  const labels =
    found.kind === "node"
      ? ((found.value as swarm.v1.Node.$Properties).spec?.annotations?.labels ?? {})
      : ((found.value as { spec?: { annotations?: swarm.v1.Annotations.$Properties | null } | null }).spec?.annotations
          ?.labels ?? {});
  return {
    event: {
      Type: found.kind,
      Action: action,
      Actor: { ID: found.value.id ?? "", Attributes: attributes },
      scope: "swarm",
      time: seconds,
      timeNano: BigInt(seconds) * 1_000_000_000n + BigInt(nanos),
    },
    labels,
  };
}

/** Whether an event passes Docker's event filters. */
export function eventMatches(filters: Filters, event: DockerEvent, labels: EventLabels): boolean {
  for (const key of ["container", "image", "volume", "plugin", "daemon"])
    if (filterValues(filters, key).length > 0) return false;
  if (!matchAny(filterValues(filters, "type"), (v) => v === event.Type)) return false;
  if (!matchAny(filterValues(filters, "event"), (v) => v === event.Action)) return false;
  if (!matchAny(filterValues(filters, "scope"), (v) => v === "swarm")) return false;
  if (!matchLabels(filterValues(filters, "label"), labels)) return false;
  for (const kind of eventKinds) {
    const values = filterValues(filters, kind);
    if (values.length === 0) continue;
    if (event.Type !== kind) return false;
    const name = event.Actor.Attributes.name ?? "";
    if (!values.some((v) => v === event.Actor.ID || v === name || event.Actor.ID.startsWith(v))) return false;
  }
  return true;
}
