import { SwarmError } from "../../common/index.js";
import type { ObjectKind } from "./objects.js";

/** Create of an object whose id is taken. */
export class ObjectExistsError extends SwarmError {
  constructor(kind: ObjectKind, id: string) {
    super("ALREADY_EXISTS", `${kind} ${id} already exists`, { context: { kind, id } });
  }
}

/** Update or removal of an object that does not exist. */
export class ObjectNotFoundError extends SwarmError {
  constructor(kind: ObjectKind, id: string) {
    super("NOT_FOUND", `${kind} ${id} not found`, { context: { kind, id } });
  }
}

/** Create or rename that would give two objects of a uniquely named kind the same name. */
export class NameConflictError extends SwarmError {
  constructor(kind: ObjectKind, name: string) {
    super("ALREADY_EXISTS", `a ${kind} named ${JSON.stringify(name)} already exists`, { context: { kind, name } });
  }
}

/** Update based on a version that is no longer current (someone else wrote first). */
export class SequenceConflictError extends SwarmError {
  constructor(kind: ObjectKind, id: string, expected: number, actual: number) {
    super(
      "SEQUENCE_CONFLICT",
      `update of ${kind} ${id} is out of sequence: read version ${expected}, current ${actual}`,
      {
        context: { kind, id, expected, actual },
      },
    );
  }
}

/**
 * A transaction whose encoded size passes transactionBytesMax: it would not fit in one raft entry
 * (or would stall the log behind it). Nothing was proposed. The API bounds every spec so that no
 * single valid object comes near; a writer of many objects splits its work (WriteTx.bytes).
 */
export class TransactionTooLargeError extends SwarmError {
  constructor(bytes: number, bytesMax: number) {
    super(
      "TRANSACTION_TOO_LARGE",
      `a store transaction of ${bytes} bytes is refused: one raft entry holds at most ${bytesMax} bytes of it`,
      { context: { bytes, bytesMax } },
    );
  }
}

/** Which error a failed transaction carries, as recorded identically on every manager. */
export type StoreErrorCode = "exists" | "not-found" | "name-conflict" | "sequence-conflict";

/** Rebuilds the typed error of a failed transaction. */
export function storeError(
  code: StoreErrorCode,
  kind: ObjectKind,
  id: string,
  detail: { name?: string; expected?: number; actual?: number },
): SwarmError {
  switch (code) {
    case "exists":
      return new ObjectExistsError(kind, id);
    case "not-found":
      return new ObjectNotFoundError(kind, id);
    case "name-conflict":
      return new NameConflictError(kind, detail.name ?? "");
    case "sequence-conflict":
      return new SequenceConflictError(kind, id, detail.expected ?? 0, detail.actual ?? 0);
  }
}
