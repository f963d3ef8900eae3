// Encodes store transactions as raft entry payloads (proto StoreBatch) and back. Objects travel
// as the API's own messages, so a store entry is readable with the API's schema.
import { swarm } from "../../proto/index.js";
import type { StoreChange } from "./apply/apply-transaction.js";
import { type ObjectKind, objectKinds, type StoredObject, versionOf } from "./objects.js";
import { ScratchWriter } from "./scratch-writer.js";
import { withSharedParts } from "./shared-parts.js";

/** A transaction as proposed: its id and its changes. */
export interface ProposedTransaction {
  /** Proposer-chosen id. */
  readonly id: string;
  /** Changes in order. */
  readonly changes: readonly StoreChange[];
}

const Kind = swarm.v1.StoreAction.Kind;
const toWireAction = { create: Kind.KIND_CREATE, update: Kind.KIND_UPDATE, remove: Kind.KIND_REMOVE } as const;
const kinds: ReadonlySet<string> = new Set(objectKinds);
/** Every store object a write records is encoded here; transactions and batches are joined in the other. */
const objectWriter = new ScratchWriter();
const joinWriter = new ScratchWriter();

function toWire(tx: ProposedTransaction): swarm.v1.StoreTransaction.$Properties {
  return {
    id: tx.id,
    actions: tx.changes.map((c) => ({
      kind: toWireAction[c.action],
      object: { [c.kind]: c.object },
      expectedVersion: c.expectedVersion,
    })),
  };
}

/** Encodes transactions as one StoreBatch. */
export function encodeStoreBatch(transactions: readonly ProposedTransaction[]): Uint8Array {
  return swarm.v1.StoreBatch.encode({ transactions: transactions.map(toWire) }).finish();
}

/** Encodes one transaction as a StoreTransaction message (a batch's element, see joinStoreBatch). */
export function encodeStoreTransaction(tx: ProposedTransaction): Uint8Array {
  return joinStoreTransaction(tx, (change) => encodeStoreObject(change.kind, change.object));
}

/** One object as the `object` of a StoreAction (a StoreObject message), encoded. */
export function encodeStoreObject(kind: ObjectKind, object: StoredObject): Uint8Array {
  return objectWriter.encode((writer) => swarm.v1.StoreObject.encode({ [kind]: object }, writer));
}

/**
 * A StoreTransaction made of its changes' objects already encoded (encodeStoreObject), so a write
 * transaction that measured its size as it went need not encode its objects again. The bytes are
 * those StoreTransaction.encode makes (fields in order, defaults left out).
 */
export function joinStoreTransaction(
  tx: ProposedTransaction,
  objectBytes: (change: StoreChange) => Uint8Array,
): Uint8Array {
  // The objects first: one missing its bytes is encoded in the object writer, not in the middle of this one.
  const objects = tx.changes.map(objectBytes);
  return joinWriter.encode((writer) => {
    if (tx.id !== "") writer.uint32((1 << 3) | 2).string(tx.id);
    tx.changes.forEach((change, i) => {
      writer.uint32((2 << 3) | 2).fork();
      const kind = toWireAction[change.action];
      if (kind !== Kind.KIND_CREATE) writer.uint32((1 << 3) | 0).int32(kind);
      writer.uint32((2 << 3) | 2).bytes(objects[i]!);
      if (change.expectedVersion !== 0) writer.uint32((3 << 3) | 0).uint64(change.expectedVersion);
      writer.ldelim();
    });
  });
}

/** Bytes a change adds to a StoreTransaction besides its object's own: tags, lengths and varints. */
export const storeActionOverheadBytes = 32;

/**
 * A StoreBatch made of already encoded transactions: a repeated message field on the wire is each
 * element's bytes behind its tag and length, so the batch needs no second encoding of its objects.
 */
export function joinStoreBatch(encodedTransactions: readonly Uint8Array[]): Uint8Array {
  return joinWriter.encode((writer) => {
    for (const bytes of encodedTransactions) writer.uint32((1 << 3) | 2).bytes(bytes);
  });
}

/**
 * Decodes a StoreBatch into plain transactions; equal task specs, endpoints and annotations within it
 * are one shared object, and task specs and endpoints also stay shared with earlier batches (see
 * shared-parts.ts).
 */
export function decodeStoreBatch(data: Uint8Array): ProposedTransaction[] {
  const batch = withSharedParts(
    () =>
      swarm.v1.StoreBatch.toObject(swarm.v1.StoreBatch.decode(data), {
        defaults: false,
      }) as swarm.v1.StoreBatch.$Properties,
  );
  return (batch.transactions ?? []).map((tx) => ({
    id: tx.id ?? "",
    changes: (tx.actions ?? []).map((a): StoreChange => {
      const holder = (a.object ?? {}) as Record<string, StoredObject | undefined>;
      const kind = Object.keys(holder).find((k) => kinds.has(k) && holder[k]) as ObjectKind | undefined;
      if (!kind) throw new Error(`store action without an object in transaction ${tx.id ?? ""}`);
      const action = a.kind === Kind.KIND_UPDATE ? "update" : a.kind === Kind.KIND_REMOVE ? "remove" : "create";
      return { action, kind, object: holder[kind]!, expectedVersion: a.expectedVersion ?? 0 };
    }),
  }));
}

/** Encodes every object of the store (for raft snapshots) as one transaction of creates. */
export function encodeStoreSnapshot(objects: readonly { kind: ObjectKind; object: StoredObject }[]): Uint8Array {
  return encodeStoreBatch([
    {
      id: "snapshot",
      changes: objects.map(({ kind, object }) => ({
        action: "create",
        kind,
        object,
        expectedVersion: versionOf(object),
      })),
    },
  ]);
}
