// Applies one store transaction to the tables: all of its actions or none. This runs on every
// manager for every committed raft entry, in log order, so it must be deterministic: the outcome
// depends only on the tables and the transaction (and the raft index, which becomes the version).
import type { StoreErrorCode } from "../errors.js";
import { type ObjectKind, type StoredObject, idOf, nameOf, uniquelyNamedKinds, versionOf } from "../objects.js";
import type { Tables } from "./tables.js";

/** One change within a transaction. */
export interface StoreChange {
  /** Create, update or remove. */
  readonly action: "create" | "update" | "remove";
  /** Object kind. */
  readonly kind: ObjectKind;
  /** The object (for remove, at least its id). */
  readonly object: StoredObject;
  /** Version the writer read; 0 skips the check. */
  readonly expectedVersion: number;
}

/** What happened to one object, reported to watchers after the transaction applied. */
export interface StoreEvent {
  /** Create, update or remove. */
  readonly action: "create" | "update" | "remove";
  /** Object kind. */
  readonly kind: ObjectKind;
  /** The object as stored (for removals, as it was). */
  readonly object: StoredObject;
  /** The object before an update. */
  readonly old: StoredObject | null;
}

/** Outcome of a transaction, the same on every manager. */
export type ApplyOutcome =
  | { readonly ok: true; readonly events: readonly StoreEvent[] }
  | {
      readonly ok: false;
      readonly code: StoreErrorCode;
      readonly kind: ObjectKind;
      /** The object whose action failed. */
      readonly objectId: string;
      readonly detail: { readonly name?: string; readonly expected?: number; readonly actual?: number };
    };

/** Stamps the raft index as the object's version. */
function withVersion(object: StoredObject, index: number): StoredObject {
  return { ...object, meta: { ...object.meta, version: { index } } };
}

/** Applies the changes at raft index `index`; on any failure the tables are left as they were. */
export function applyTransaction(tables: Tables, changes: readonly StoreChange[], index: number): ApplyOutcome {
  const undo: (() => void)[] = [];
  const events: StoreEvent[] = [];
  const fail = (outcome: Extract<ApplyOutcome, { ok: false }>): ApplyOutcome => {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
    return outcome;
  };
  for (const change of changes) {
    const { kind } = change;
    const id = idOf(change.object);
    const current = tables.get(kind, id);
    if (change.action === "create") {
      if (current) return fail({ ok: false, code: "exists", kind, objectId: id, detail: {} });
    } else if (!current) {
      return fail({ ok: false, code: "not-found", kind, objectId: id, detail: {} });
    } else if (change.expectedVersion !== 0 && versionOf(current) !== change.expectedVersion) {
      return fail({
        ok: false,
        code: "sequence-conflict",
        kind,
        objectId: id,
        detail: { expected: change.expectedVersion, actual: versionOf(current) },
      });
    }
    if (change.action !== "remove" && uniquelyNamedKinds.has(kind)) {
      const name = nameOf(kind, change.object);
      const holder = tables.byName(kind, name);
      if (holder && idOf(holder) !== id)
        return fail({ ok: false, code: "name-conflict", kind, objectId: id, detail: { name } });
    }
    if (change.action === "remove") {
      tables.delete(kind, id);
      undo.push(() => tables.put(kind, current!));
      events.push({ action: "remove", kind, object: current!, old: null });
    } else {
      const stored = withVersion(change.object, index);
      tables.put(kind, stored);
      undo.push(() => (current ? tables.put(kind, current) : tables.delete(kind, id)));
      events.push({ action: change.action, kind, object: stored, old: current ?? null });
    }
  }
  return { ok: true, events };
}
