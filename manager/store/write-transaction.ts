// One write transaction of the store: the caller's reads see the stored tables with the
// transaction's own writes on top (an overlay), writes are checked against what the caller can
// already see (existence, unique names, versions) and recorded as changes to propose. A class with
// its state created on first use: every API write and every component pass opens one, and most
// write a single object.
import { timestampFromMs } from "../../common/index.js";
import type { StoreChange } from "./apply/apply-transaction.js";
import { type TaskQuery, taskMatches } from "./apply/tables.js";
import { NameConflictError, ObjectExistsError, ObjectNotFoundError, SequenceConflictError } from "./errors.js";
import { encodeStoreObject, storeActionOverheadBytes } from "./store-codec.js";
import {
  idOf,
  nameOf,
  type ObjectKind,
  type ObjectsByKind,
  type StoredObject,
  uniquelyNamedKinds,
  versionOf,
} from "./objects.js";
import type { ReadTx, WriteTx } from "./store.js";

type Task = ObjectsByKind["task"];

function note(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

/** A transaction over `base` at time `nowMs`; `changes()` gives what it wrote, one change per object. */
export class WriteTransaction implements WriteTx {
  private readonly recorded: StoreChange[] = [];
  /** The transaction's own writes by kind and id (null: removed). */
  private overlay: Map<ObjectKind, Map<string, StoredObject | null>> | null = null;
  /**
   * Its task writes by service and by node, so a transaction that writes many tasks (the
   * orchestrator's pass over every service) does not rescan all its writes on every query.
   */
  private tasksByService: Map<string, Set<string>> | null = null;
  private tasksByNode: Map<string, Set<string>> | null = null;
  private stamp: { seconds: number; nanos: number } | null = null;
  /**
   * Each written object encoded as it is recorded, so the transaction knows its size as it grows
   * (bulk writers stop adding work before a raft entry would be too large) and the store proposes
   * these bytes without encoding the objects again.
   */
  private readonly encoded = new Map<StoredObject, Uint8Array>();
  /** Encoded size of each object's latest change, by kind and id. */
  private readonly sizes = new Map<ObjectKind, Map<string, number>>();
  private sizeTotal = 0;
  /**
   * Whether an object was written more than once: only then do its changes need merging. Bulk
   * writers (the orchestrator's creations, the allocator's and scheduler's updates) write each
   * object once, thousands in a transaction.
   */
  private rewritten = false;

  constructor(
    private readonly base: ReadTx,
    private readonly nowMs: number,
  ) {}

  get<K extends ObjectKind>(kind: K, id: string): ObjectsByKind[K] | undefined {
    const written = this.overlay?.get(kind);
    if (written?.has(id)) return (written.get(id) ?? undefined) as ObjectsByKind[K] | undefined;
    return this.base.get(kind, id);
  }

  all<K extends ObjectKind>(kind: K): ObjectsByKind[K][] {
    const written = this.overlay?.get(kind);
    if (!written) return this.base.all(kind);
    const ids = new Set(this.base.all(kind).map(idOf));
    for (const id of written.keys()) ids.add(id);
    return [...ids]
      .sort()
      .map((id) => this.get(kind, id))
      .filter((o): o is ObjectsByKind[K] => o !== undefined);
  }

  byName<K extends ObjectKind>(kind: K, name: string): ObjectsByKind[K] | undefined {
    return this.all(kind).find((o) => nameOf(kind, o) === name);
  }

  count(kind: ObjectKind): number {
    return this.all(kind).length;
  }

  tasks(query: TaskQuery): Task[] {
    const written = this.overlay?.get("task");
    if (!written) return this.base.tasks(query);
    // The tables' indexes narrow the stored tasks; the transaction's own task writes are added on top.
    const ids = new Set(this.base.tasks(query).map(idOf));
    const mine =
      query.serviceId !== undefined
        ? this.tasksByService?.get(query.serviceId)
        : query.nodeId !== undefined
          ? this.tasksByNode?.get(query.nodeId)
          : written.keys();
    for (const id of mine ?? []) ids.add(id);
    return [...ids]
      .sort()
      .map((id) => this.get("task", id))
      .filter((t): t is Task => t !== undefined && taskMatches(t, query));
  }

  create<K extends ObjectKind>(kind: K, object: ObjectsByKind[K]): void {
    const id = idOf(object);
    if (this.get(kind, id)) throw new ObjectExistsError(kind, id);
    this.checkName(kind, object);
    const stamp = this.timestamp();
    const stored = { ...object, meta: { ...object.meta, createdAt: stamp, updatedAt: stamp } } as StoredObject;
    this.record(kind, id, stored);
    this.measure(kind, id, stored);
    this.recorded.push({ action: "create", kind, object: stored, expectedVersion: 0 });
  }

  update<K extends ObjectKind>(kind: K, object: ObjectsByKind[K]): void {
    const id = idOf(object);
    const existing = this.get(kind, id);
    if (!existing) throw new ObjectNotFoundError(kind, id);
    if (versionOf(existing) !== versionOf(object))
      throw new SequenceConflictError(kind, id, versionOf(object), versionOf(existing));
    this.checkName(kind, object);
    const stored = { ...object, meta: { ...object.meta, updatedAt: this.timestamp() } } as StoredObject;
    this.record(kind, id, stored);
    this.measure(kind, id, stored);
    this.recorded.push({ action: "update", kind, object: stored, expectedVersion: versionOf(object) });
  }

  remove(kind: ObjectKind, id: string): void {
    const existing = this.get(kind, id);
    if (!existing) throw new ObjectNotFoundError(kind, id);
    this.record(kind, id, null);
    this.measure(kind, id, existing);
    this.recorded.push({ action: "remove", kind, object: existing, expectedVersion: versionOf(existing) });
  }

  /**
   * The encoded size of the writes so far, about as proposed (within a few bytes per object):
   * bulk writers check it to end a transaction before it nears the store's transactionBytesMax.
   */
  bytes(): number {
    return this.sizeTotal;
  }

  /** An object of this transaction's changes, as encoded when it was written. */
  encodedObject(kind: ObjectKind, object: StoredObject): Uint8Array {
    return this.encoded.get(object) ?? encodeStoreObject(kind, object);
  }

  /**
   * The changes to propose: several changes of one object merged into the one with the same
   * effect (create+update → create, update+update → update with the first expected version,
   * create+remove → nothing, remove+create → update), so apply sees each object once.
   */
  changes(): StoreChange[] {
    if (this.recorded.length <= 1 || !this.rewritten) return this.recorded;
    // Per object: whether it existed before (its first change was not a create, whose expected
    // version is then kept), and its last change, which says whether it exists after.
    const merged = new Map<string, { first: StoreChange; last: StoreChange }>();
    for (const c of this.recorded) {
      const k = `${c.kind}/${idOf(c.object)}`;
      const seen = merged.get(k);
      if (seen) seen.last = c;
      else merged.set(k, { first: c, last: c });
    }
    const out: StoreChange[] = [];
    for (const { first, last } of merged.values()) {
      if (first === last) out.push(first);
      else if (first.action === "create") {
        if (last.action !== "remove") out.push({ ...last, action: "create", expectedVersion: 0 });
      } else if (last.action === "remove") out.push({ ...last, expectedVersion: first.expectedVersion });
      else out.push({ ...last, action: "update", expectedVersion: first.expectedVersion });
    }
    return out;
  }

  private measure(kind: ObjectKind, id: string, object: StoredObject): void {
    const bytes = encodeStoreObject(kind, object);
    this.encoded.set(object, bytes);
    let sizes = this.sizes.get(kind);
    if (!sizes) this.sizes.set(kind, (sizes = new Map<string, number>()));
    this.sizeTotal += bytes.length + storeActionOverheadBytes - (sizes.get(id) ?? 0);
    sizes.set(id, bytes.length + storeActionOverheadBytes);
  }

  private timestamp(): { seconds: number; nanos: number } {
    return (this.stamp ??= timestampFromMs(this.nowMs));
  }

  private record(kind: ObjectKind, id: string, object: StoredObject | null): void {
    const overlay = (this.overlay ??= new Map<ObjectKind, Map<string, StoredObject | null>>());
    let written = overlay.get(kind);
    if (!written) overlay.set(kind, (written = new Map<string, StoredObject | null>()));
    if (written.has(id)) this.rewritten = true;
    written.set(id, object);
    if (kind === "task" && object) {
      const task = object as Task;
      note((this.tasksByService ??= new Map<string, Set<string>>()), task.serviceId ?? "", id);
      note((this.tasksByNode ??= new Map<string, Set<string>>()), task.nodeId ?? "", id);
    }
  }

  private checkName(kind: ObjectKind, object: StoredObject): void {
    if (!uniquelyNamedKinds.has(kind)) return;
    const name = nameOf(kind, object);
    const holder = this.base.byName(kind, name);
    const holderNow = holder ? this.get(kind, idOf(holder)) : undefined;
    if (holderNow && idOf(holderNow) !== idOf(object) && nameOf(kind, holderNow) === name)
      throw new NameConflictError(kind, name);
    for (const [id, o] of this.overlay?.get(kind) ?? []) {
      if (o && id !== idOf(object) && nameOf(kind, o) === name) throw new NameConflictError(kind, name);
    }
  }
}
