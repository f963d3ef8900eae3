// The store's tables: one map per object kind plus the indexes the managers' components query
// (objects by name; tasks by service, node, slot and desired state). Pure data structure: it is
// changed only by applyTransaction, on every manager in the same order.
import {
  objectKinds,
  type ObjectKind,
  type ObjectsByKind,
  type StoredObject,
  idOf,
  nameOf,
  uniquelyNamedKinds,
} from "../objects.js";

type TaskObject = ObjectsByKind["task"];

/** Criteria for listing tasks; set fields must all match. */
export interface TaskQuery {
  /** Tasks of this service. */
  readonly serviceId?: string;
  /** Tasks on this node. */
  readonly nodeId?: string;
  /** Tasks in this slot (needs serviceId). */
  readonly slot?: number;
  /** Tasks with this desired state. */
  readonly desiredState?: number;
}

/** Whether a task matches every criterion the query sets. */
export function taskMatches(task: TaskObject, query: TaskQuery): boolean {
  return (
    (query.serviceId === undefined || task.serviceId === query.serviceId) &&
    (query.nodeId === undefined || task.nodeId === query.nodeId) &&
    (query.slot === undefined || (task.slot ?? 0) === query.slot) &&
    (query.desiredState === undefined || Number(task.desiredState ?? 0) === query.desiredState)
  );
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(key);
}

/**
 * A kind's ids in order as of the last `all()`, and those created since, not yet in order: the
 * components list every task on each pass (the scheduler's view, the allocator's first scan), and
 * sorting 100,000 ids each time cost more than the rest of the listing. Merging in the few ids
 * created since keeps a listing linear.
 */
interface IdOrder {
  /** Ids in order; null until the next `all()` sorts them all (also after `clear()`). */
  sorted: string[] | null;
  /** Ids created since `sorted` was made, in creation order (some may be removed since). */
  added: string[];
  /** Whether an object was deleted since `sorted` was made. */
  removed: boolean;
}

/**
 * Merges sorted ids with sorted newer ones, leaving out those no longer stored and the duplicates
 * of an id removed and created again. `objects` is null when nothing was removed since `sorted`
 * was made: every id is then still stored and none is in both lists (an id is created again only
 * after its removal), so the merge need not look each one up.
 */
function mergeIds(
  sorted: readonly string[],
  added: readonly string[],
  objects: ReadonlyMap<string, unknown> | null,
): string[] {
  if (objects === null) {
    const merged = new Array<string>(sorted.length + added.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k++)
      merged[k] = j >= added.length || (i < sorted.length && sorted[i]! <= added[j]!) ? sorted[i++]! : added[j++]!;
    return merged;
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let last: string | undefined;
  while (i < sorted.length || j < added.length) {
    const id = j >= added.length || (i < sorted.length && sorted[i]! <= added[j]!) ? sorted[i++]! : added[j++]!;
    if (id === last || !objects.has(id)) continue;
    out.push(id);
    last = id;
  }
  return out;
}

/** All stored objects with their indexes. */
export class Tables {
  private readonly objects = new Map<ObjectKind, Map<string, StoredObject>>(objectKinds.map((k) => [k, new Map()]));
  private readonly order = new Map<ObjectKind, IdOrder>(
    objectKinds.map((k) => [k, { sorted: null, added: [], removed: false }]),
  );
  private readonly names = new Map<ObjectKind, Map<string, string>>(objectKinds.map((k) => [k, new Map()]));
  private readonly tasksByService = new Map<string, Set<string>>();
  private readonly tasksByNode = new Map<string, Set<string>>();
  private readonly tasksBySlot = new Map<string, Set<string>>();
  private readonly tasksByDesiredState = new Map<string, Set<string>>();

  /** One object, or undefined. */
  get<K extends ObjectKind>(kind: K, id: string): ObjectsByKind[K] | undefined {
    return this.objects.get(kind)!.get(id) as ObjectsByKind[K] | undefined;
  }

  /** Every object of a kind, in id order. */
  all<K extends ObjectKind>(kind: K): ObjectsByKind[K][] {
    const objects = this.objects.get(kind)!;
    const order = this.order.get(kind)!;
    // The default sort compares UTF-16 code units, as `<` on strings does.
    if (order.sorted === null) order.sorted = [...objects.keys()].sort();
    else if (order.added.length > 0 || order.removed)
      order.sorted = mergeIds(order.sorted, order.added.sort(), order.removed ? objects : null);
    order.added = [];
    order.removed = false;
    const out: ObjectsByKind[K][] = new Array<ObjectsByKind[K]>(order.sorted.length);
    for (let i = 0; i < out.length; i++) out[i] = objects.get(order.sorted[i]!) as ObjectsByKind[K];
    return out;
  }

  /** Number of objects of a kind. */
  count(kind: ObjectKind): number {
    return this.objects.get(kind)!.size;
  }

  /** The object of a uniquely named kind with this name. */
  byName<K extends ObjectKind>(kind: K, name: string): ObjectsByKind[K] | undefined {
    const id = this.names.get(kind)!.get(name);
    return id === undefined ? undefined : this.get(kind, id);
  }

  /** Tasks matching a query, in id order, using the narrowest index. */
  tasks(query: TaskQuery): TaskObject[] {
    let ids: Iterable<string> | undefined;
    if (query.serviceId !== undefined && query.slot !== undefined)
      ids = this.tasksBySlot.get(`${query.serviceId}/${query.slot}`);
    else if (query.serviceId !== undefined) ids = this.tasksByService.get(query.serviceId);
    else if (query.nodeId !== undefined) ids = this.tasksByNode.get(query.nodeId);
    else if (query.desiredState !== undefined) ids = this.tasksByDesiredState.get(String(query.desiredState));
    else ids = this.objects.get("task")!.keys();
    const out: TaskObject[] = [];
    for (const id of ids ?? []) {
      const task = this.get("task", id)!;
      if (taskMatches(task, query)) out.push(task);
    }
    return out.sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
  }

  /** Stores an object (create or replace), keeping indexes right. */
  put(kind: ObjectKind, object: StoredObject): void {
    const id = idOf(object);
    const objects = this.objects.get(kind)!;
    const old = objects.get(id);
    objects.set(id, object);
    if (!old) {
      this.noteCreated(kind, id, objects.size);
      this.index(kind, object);
      return;
    }
    if (uniquelyNamedKinds.has(kind)) {
      const names = this.names.get(kind)!;
      const oldName = nameOf(kind, old);
      const name = nameOf(kind, object);
      if (oldName !== name && names.get(oldName) === id) names.delete(oldName);
      names.set(name, id);
    }
    // Most task writes are status reports: only the indexes whose key changed are touched.
    if (kind === "task") this.reindexTask(id, old as TaskObject, object as TaskObject);
  }

  /** Deletes an object. */
  delete(kind: ObjectKind, id: string): void {
    const old = this.objects.get(kind)!.get(id);
    if (!old) return;
    this.unindex(kind, old);
    this.objects.get(kind)!.delete(id);
    this.order.get(kind)!.removed = true;
  }

  /** Removes every object. */
  clear(): void {
    for (const kind of objectKinds) {
      this.objects.get(kind)!.clear();
      this.names.get(kind)!.clear();
      this.order.set(kind, { sorted: null, added: [], removed: false });
    }
    for (const index of [this.tasksByService, this.tasksByNode, this.tasksBySlot, this.tasksByDesiredState])
      index.clear();
  }

  /** Remembers a created id for the next `all()`; past the kind's own size, that one sorts them all instead. */
  private noteCreated(kind: ObjectKind, id: string, size: number): void {
    const order = this.order.get(kind)!;
    if (order.sorted === null) return;
    if (order.added.length >= size) {
      order.sorted = null;
      order.added = [];
      order.removed = false;
      return;
    }
    order.added.push(id);
  }

  private index(kind: ObjectKind, object: StoredObject): void {
    const id = idOf(object);
    if (uniquelyNamedKinds.has(kind)) this.names.get(kind)!.set(nameOf(kind, object), id);
    if (kind !== "task") return;
    const task = object as TaskObject;
    addTo(this.tasksByService, task.serviceId ?? "", id);
    if (task.nodeId) addTo(this.tasksByNode, task.nodeId, id);
    addTo(this.tasksBySlot, `${task.serviceId ?? ""}/${task.slot ?? 0}`, id);
    addTo(this.tasksByDesiredState, String(task.desiredState ?? 0), id);
  }

  private reindexTask(id: string, old: TaskObject, task: TaskObject): void {
    const oldService = old.serviceId ?? "";
    const service = task.serviceId ?? "";
    if (oldService !== service) {
      removeFrom(this.tasksByService, oldService, id);
      addTo(this.tasksByService, service, id);
    }
    if ((old.nodeId ?? "") !== (task.nodeId ?? "")) {
      if (old.nodeId) removeFrom(this.tasksByNode, old.nodeId, id);
      if (task.nodeId) addTo(this.tasksByNode, task.nodeId, id);
    }
    if (oldService !== service || (old.slot ?? 0) !== (task.slot ?? 0)) {
      removeFrom(this.tasksBySlot, `${oldService}/${old.slot ?? 0}`, id);
      addTo(this.tasksBySlot, `${service}/${task.slot ?? 0}`, id);
    }
    const oldDesired = String(old.desiredState ?? 0);
    const desired = String(task.desiredState ?? 0);
    if (oldDesired !== desired) {
      removeFrom(this.tasksByDesiredState, oldDesired, id);
      addTo(this.tasksByDesiredState, desired, id);
    }
  }

  private unindex(kind: ObjectKind, object: StoredObject): void {
    const id = idOf(object);
    if (uniquelyNamedKinds.has(kind)) {
      const names = this.names.get(kind)!;
      const name = nameOf(kind, object);
      if (names.get(name) === id) names.delete(name);
    }
    if (kind !== "task") return;
    const task = object as TaskObject;
    removeFrom(this.tasksByService, task.serviceId ?? "", id);
    if (task.nodeId) removeFrom(this.tasksByNode, task.nodeId, id);
    removeFrom(this.tasksBySlot, `${task.serviceId ?? ""}/${task.slot ?? 0}`, id);
    removeFrom(this.tasksByDesiredState, String(task.desiredState ?? 0), id);
  }
}
