// What one Watch call asks for: its entries validated (each error names the field) and compiled into
// a predicate on store events, and the objects as the API may show them (no secret data, no keys).
import { InvalidArgumentError, serviceWithoutRegistryAuth, taskWithoutRegistryAuth } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  idOf,
  nameOf,
  type ObjectKind,
  objectKinds,
  type ObjectsByKind,
  type StoredObject,
  type StoreEvent,
} from "../store/index.js";

/** Most entries one Watch request may have. */
export const watchEntriesMax = 100;

const A = swarm.v1.WatchAction;
const allActions = Number(A.WATCH_ACTION_CREATE) | Number(A.WATCH_ACTION_UPDATE) | Number(A.WATCH_ACTION_REMOVE);
const kinds: ReadonlySet<string> = new Set(objectKinds);
const taskOnlyFields = ["serviceId", "nodeId", "slot", "hasDesiredState"] as const;

/** Whether a store event is wanted. */
export type EventFilter = (event: StoreEvent) => boolean;

/** The action bit of a store event's action. */
export function actionOf(action: StoreEvent["action"]): swarm.v1.WatchAction {
  if (action === "create") return A.WATCH_ACTION_CREATE;
  if (action === "update") return A.WATCH_ACTION_UPDATE;
  return A.WATCH_ACTION_REMOVE;
}

/**
 * Validates the entries and compiles them: an event is wanted when any entry matches it (no entry
 * at all wants every event). Throws InvalidArgumentError naming the field.
 */
export function compileEntries(entries: readonly swarm.v1.IWatchEntry[]): EventFilter {
  if (entries.length > watchEntriesMax) throw new InvalidArgumentError("entries", `at most ${watchEntriesMax}`);
  const compiled = entries.map((entry, i) => compileEntry(entry, `entries[${i}]`));
  if (compiled.length === 0) return () => true;
  return (event) => compiled.some((matches) => matches(event));
}

function compileEntry(entry: swarm.v1.IWatchEntry, field: string): EventFilter {
  const kind = entry.kind ?? "";
  if (!kinds.has(kind))
    throw new InvalidArgumentError(`${field}.kind`, `"${kind}" is not one of ${objectKinds.join(", ")}`);
  const action = Number(entry.action ?? 0);
  if ((action & ~allActions) !== 0)
    throw new InvalidArgumentError(
      `${field}.action`,
      `${action} has bits other than create (1), update (2) and remove (4)`,
    );
  const actions = action === 0 ? allActions : action;
  const s = entry.selector ?? {};
  if (kind !== "task") {
    for (const name of taskOnlyFields) {
      if (s[name]) throw new InvalidArgumentError(`${field}.selector.${name}`, "applies to tasks only");
    }
  }
  const desiredState = Number(s.desiredState ?? 0);
  if (s.hasDesiredState && swarm.v1.TaskState[desiredState] === undefined)
    throw new InvalidArgumentError(`${field}.selector.desiredState`, `${desiredState} is not a task state`);
  const matchesObject = (object: StoredObject): boolean => {
    if (s.id && idOf(object) !== s.id) return false;
    if (s.idPrefix && !idOf(object).startsWith(s.idPrefix)) return false;
    if (s.name && nameOf(kind as ObjectKind, object) !== s.name) return false;
    if (s.namePrefix && !nameOf(kind as ObjectKind, object).startsWith(s.namePrefix)) return false;
    const labels = labelsOf(kind as ObjectKind, object);
    for (const [key, value] of Object.entries(s.labels ?? {})) {
      if (!(key in labels) || (value !== "" && labels[key] !== value)) return false;
    }
    if (kind !== "task") return true;
    const task = object as ObjectsByKind["task"];
    if (s.serviceId && task.serviceId !== s.serviceId) return false;
    if (s.nodeId && task.nodeId !== s.nodeId) return false;
    if (s.slot && Number(task.slot ?? 0) !== Number(s.slot)) return false;
    if (s.hasDesiredState && Number(task.desiredState ?? 0) !== desiredState) return false;
    return true;
  };
  // An update matches when the object matched before or after it, so a watcher sees an object
  // leave its selection (e.g. a task whose desired state changes) as well as enter it.
  return (event) =>
    event.kind === kind &&
    (actions & Number(actionOf(event.action))) !== 0 &&
    (matchesObject(event.object) || (event.old !== null && matchesObject(event.old)));
}

/** An object's labels: a task's own annotations, any other kind's spec annotations. */
function labelsOf(kind: ObjectKind, object: StoredObject): Record<string, string> {
  if (kind === "task") return (object as ObjectsByKind["task"]).annotations?.labels ?? {};
  const spec = (object as { spec?: { annotations?: { labels?: Record<string, string> | null } | null } | null }).spec;
  return spec?.annotations?.labels ?? {};
}

/** An object as a StoreObject the API may show: secret data, registry credentials and the cluster's keys left out. */
export function storeObjectOf(kind: ObjectKind, object: StoredObject): swarm.v1.IStoreObject {
  switch (kind) {
    case "secret": {
      const secret = object as ObjectsByKind["secret"];
      return { secret: { ...secret, spec: { ...secret.spec, data: new Uint8Array(0) } } };
    }
    case "cluster": {
      const {
        unlockKey: _unlock,
        rootCaKeyPem: _caKey,
        networkKeys: _keys,
        ...cluster
      } = object as ObjectsByKind["cluster"];
      // A root rotation's key stays in the store too.
      const rotation = cluster.rootRotation;
      return {
        cluster: rotation ? { ...cluster, rootRotation: { ...rotation, caKeyPem: new Uint8Array() } } : cluster,
      };
    }
    case "node":
      return { node: object as ObjectsByKind["node"] };
    case "service":
      return { service: serviceWithoutRegistryAuth(object as ObjectsByKind["service"]) };
    case "task":
      return { task: taskWithoutRegistryAuth(object as ObjectsByKind["task"]) };
    case "config":
      return { config: object };
    case "network":
      return { network: object };
  }
}
