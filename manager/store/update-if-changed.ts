// Writes that change nothing are not proposed. Every write takes a raft entry, moves the object's
// version (so an operator's read-modify-write of it fails as out of sequence) and wakes every
// watcher; components that restate an object they own (a session that reopens, a manager that
// records itself again) must therefore write only when its content differs.
import { Buffer } from "node:buffer";
import { swarm } from "../../proto/index.js";
import { type ObjectKind, type ObjectsByKind, versionOf } from "./objects.js";
import type { WriteTx } from "./store.js";

/** The object's content as the store would encode it, without its meta (version and timestamps). */
function contentBytes<K extends ObjectKind>(kind: K, object: ObjectsByKind[K]): Buffer {
  const { meta: _meta, ...content } = object as ObjectsByKind[K] & { meta?: unknown };
  return Buffer.from(swarm.v1.StoreObject.encode({ [kind]: content }).finish());
}

/**
 * Whether two versions of an object hold the same content (meta aside). Decided on the encoded
 * form, so default values and absent fields compare equal, as they are equal once stored; two
 * maps with the same entries in another order count as different (a needless write, never a lost one).
 */
export function sameContent<K extends ObjectKind>(kind: K, a: ObjectsByKind[K], b: ObjectsByKind[K]): boolean {
  return contentBytes(kind, a).equals(contentBytes(kind, b));
}

/**
 * Replaces an object read in this transaction unless the replacement holds the same content as
 * the stored one; returns whether it wrote. Fails as `tx.update` does when the object is gone or
 * was written since it was read.
 */
export function updateIfChanged<K extends ObjectKind>(tx: WriteTx, kind: K, object: ObjectsByKind[K]): boolean {
  const stored = tx.get(kind, object.id ?? "");
  if (stored && versionOf(stored) === versionOf(object) && sameContent(kind, stored, object)) return false;
  tx.update(kind, object);
  return true;
}
