// The vocabulary of a recorded key-value history: one operation per client request, with the
// times it was invoked and answered, and a validation that turns a malformed history (often read
// from a JSON file) into an InvalidArgumentError naming the field, before any search starts.
import { InvalidArgumentError } from "../../common/index.js";

/** The three requests of the key-value store. */
export type OperationKind = "get" | "put" | "cas";

/**
 * What the store answered. A get answers `{ ok: true, value }` (null: the key is absent); a put
 * answers `{ ok: true }`; a cas answers `{ ok: true }` when it took effect, `{ ok: false }` when the
 * current value differed from `expected`, optionally with that current value in `value`.
 */
export interface OperationOutput {
  /** Whether the request took effect (always true for get and put). */
  readonly ok: boolean;
  /** A get's value, or a failed cas's current value; null means absent. */
  readonly value?: string | null;
}

/**
 * One request of one client. Times are any monotonic numbers from one clock; two operations are
 * ordered in real time only when one's `ret` is strictly before the other's `call` (equal times
 * count as overlapping, which never invents a violation).
 */
export interface Operation {
  /** The client that issued it; used only in explanations. */
  readonly clientId: number;
  /** The request. */
  readonly kind: OperationKind;
  /** The key it addresses; histories are checked key by key. */
  readonly key: string;
  /** put: the value written; cas: the new value. */
  readonly value?: string;
  /** cas: the value compared; null or omitted means "the key is absent". */
  readonly expected?: string | null;
  /** When the request was invoked. */
  readonly call: number;
  /**
   * When the answer arrived, or null when none did (the client crashed or gave up): such an
   * operation may have taken effect at any time after `call`, or never.
   */
  readonly ret: number | null;
  /** The answer; present exactly when `ret` is not null. */
  readonly output?: OperationOutput;
}

/** A request as a client issues it, before its times and answer are known. */
export type OperationInput =
  | { readonly kind: "get"; readonly key: string }
  | { readonly kind: "put"; readonly key: string; readonly value: string }
  | { readonly kind: "cas"; readonly key: string; readonly expected: string | null; readonly value: string };

/** An operation with its position in the history, so explanations can point back at it. */
export interface NumberedOperation {
  /** Index of the operation in the history given to the checker. */
  readonly index: number;
  /** The operation itself. */
  readonly operation: Operation;
}

/**
 * Checks that every operation is well formed: a known kind, a key, the values its kind needs,
 * finite times with `ret >= call`, and an output that matches its kind exactly when it returned.
 * An error answer whose effect is unknown (a timeout) must be recorded as never returned, so a
 * completed put must be ok and a completed get must carry a value.
 * Throws InvalidArgumentError whose field names the operation, e.g. "history[3].output.value".
 */
export function validateHistory(history: readonly Operation[]): void {
  history.forEach((op, i) => validateOperation(op, `history[${i}]`));
}

function validateOperation(op: Operation, at: string): void {
  if (typeof op !== "object" || op === null) throw new InvalidArgumentError(at, "must be an object");
  if (op.kind !== "get" && op.kind !== "put" && op.kind !== "cas")
    throw new InvalidArgumentError(`${at}.kind`, 'must be "get", "put" or "cas"');
  if (typeof op.key !== "string") throw new InvalidArgumentError(`${at}.key`, "must be a string");
  if (!Number.isFinite(op.call)) throw new InvalidArgumentError(`${at}.call`, "must be a finite number");
  if (op.ret !== null && !(Number.isFinite(op.ret) && op.ret >= op.call)) {
    throw new InvalidArgumentError(`${at}.ret`, "must be null or a finite number not before call");
  }
  if (op.kind !== "get" && typeof op.value !== "string")
    throw new InvalidArgumentError(`${at}.value`, `must be a string for ${op.kind}`);
  if (op.kind === "cas" && op.expected !== undefined && op.expected !== null && typeof op.expected !== "string") {
    throw new InvalidArgumentError(`${at}.expected`, "must be a string, null or omitted");
  }
  if (op.ret === null) {
    if (op.output !== undefined)
      throw new InvalidArgumentError(`${at}.output`, "must be omitted when the operation never returned");
    return;
  }
  const output = op.output;
  if (typeof output !== "object" || output === null || typeof output.ok !== "boolean") {
    throw new InvalidArgumentError(`${at}.output`, "must be { ok: boolean, value? } when the operation returned");
  }
  const value = output.value;
  const isValue = value === null || typeof value === "string";
  switch (op.kind) {
    case "get":
      if (!output.ok)
        throw new InvalidArgumentError(
          `${at}.output.ok`,
          "must be true for get (record a failed read as never returned)",
        );
      if (!isValue) throw new InvalidArgumentError(`${at}.output.value`, "must be a string or null for get");
      return;
    case "put":
      if (!output.ok)
        throw new InvalidArgumentError(
          `${at}.output.ok`,
          "must be true for put (record a failed write as never returned)",
        );
      return;
    case "cas":
      if (value !== undefined && (output.ok || !isValue)) {
        throw new InvalidArgumentError(
          `${at}.output.value`,
          "must be omitted for a successful cas, and a string or null for a failed one",
        );
      }
      return;
  }
}

/** A one-line human description, e.g. `#4 client 2 cas("k", "a" → "b") → failed (value "c") [call 10, ret 12]`. */
export function formatOperation(op: Operation, index?: number): string {
  const show = (v: string | null | undefined): string => (v == null ? "null" : JSON.stringify(v));
  const prefix = `${index === undefined ? "" : `#${index} `}client ${op.clientId} `;
  const times = `[call ${op.call}, ${op.ret === null ? "never returned" : `ret ${op.ret}`}]`;
  const out = op.output;
  let request: string;
  let answer: string;
  switch (op.kind) {
    case "get":
      request = `get(${show(op.key)})`;
      answer = out ? show(out.value) : "?";
      break;
    case "put":
      request = `put(${show(op.key)}, ${show(op.value)})`;
      answer = out ? (out.ok ? "ok" : "failed") : "?";
      break;
    case "cas":
      request = `cas(${show(op.key)}, ${show(op.expected)} → ${show(op.value)})`;
      answer = out ? (out.ok ? "ok" : `failed${out.value === undefined ? "" : ` (value ${show(out.value)})`}`) : "?";
      break;
  }
  return `${prefix}${request} → ${answer} ${times}`;
}
