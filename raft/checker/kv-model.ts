// The sequential specification the checker compares histories with: one register per key, whose
// state is the key's value or null when absent. `kvStep` states it plainly on strings; the
// compiled form (`KvPartitionModel`) is the same rules on interned integers, which is what the
// search runs millions of times.
import type { Operation } from "./history.js";
import type { SearchModel } from "./search.js";

/** The state of one key: its value, or null when the key is absent. */
export type KeyState = string | null;

/** Every key starts absent. */
export const kvInitialState: KeyState = null;

/** Outcome of one sequential step: the next state, or "impossible" when the answer cannot happen. */
export type KvStepResult = { readonly ok: true; readonly next: KeyState } | { readonly ok: false };

/**
 * Applies `op` to a key whose value is `state`. A returned operation's answer must be the one
 * the register gives; an operation that never returned has no answer, so any is accepted and
 * only its effect is applied (a pending cas succeeds exactly when `expected` matches).
 */
export function kvStep(state: KeyState, op: Operation): KvStepResult {
  const out = op.output;
  switch (op.kind) {
    case "get":
      return out === undefined || out.value === state ? { ok: true, next: state } : { ok: false };
    case "put":
      return out === undefined || out.ok ? { ok: true, next: op.value ?? null } : { ok: false };
    case "cas": {
      const matches = state === (op.expected ?? null);
      if (out === undefined) return { ok: true, next: matches ? (op.value ?? null) : state };
      if (out.ok) return matches ? { ok: true, next: op.value ?? null } : { ok: false };
      return !matches && (out.value === undefined || out.value === state) ? { ok: true, next: state } : { ok: false };
    }
  }
}

/**
 * Which operations of one key cannot matter to the verdict, so the search can leave them out:
 * - a get that never returned: no answer to check, no effect;
 * - a put or cas that never returned and whose value is never observed — no returned get reads
 *   it, no cas expects it, no failed cas reports it — provided no failed cas of this key lacks its
 *   reported value. If a linearization holds such a write, the next operation after it changes
 *   the state without looking at it (a put) or is a pending op that can be left out too, so
 *   leaving the write out keeps the linearization valid. The proviso matters: a failed cas that
 *   reports nothing is satisfied by any value but its `expected`, so it could "observe" that the
 *   value changed.
 * Crash tests leave many writes unanswered; without this, each adds a factor of two to the
 * search on every key where it lies.
 * Returns the indexes (into `ops`) to leave out.
 */
export function irrelevantKvOps(ops: readonly Operation[]): Set<number> {
  const irrelevant = new Set<number>();
  const observed = new Set<string | null>();
  let blindCasFailure = false;
  for (const op of ops) {
    if (op.kind === "cas") observed.add(op.expected ?? null);
    const out = op.output;
    if (out === undefined) continue;
    if (op.kind === "get") observed.add(out.value ?? null);
    if (op.kind === "cas" && !out.ok) {
      if (out.value === undefined) blindCasFailure = true;
      else observed.add(out.value);
    }
  }
  ops.forEach((op, i) => {
    if (op.ret !== null) return;
    if (op.kind === "get" || (!blindCasFailure && !observed.has(op.value ?? null))) irrelevant.add(i);
  });
  return irrelevant;
}

// Compiled step kinds; see KvPartitionModel.step.
const stepGet = 0;
const stepWrite = 1;
const stepCasOk = 2;
const stepCasFailed = 3;
const stepCasPending = 4;
const stepNothing = 5;

/** State id of "absent" in a compiled partition. */
const absentId = 0;
/** Marks "no value recorded" for a failed cas's current value. */
const noValueId = -1;

/**
 * kvStep compiled for the operations of one key: values are interned to small integers (0 is
 * absent) so that a state is a number and a step is a few integer comparisons.
 */
export class KvPartitionModel implements SearchModel {
  readonly initial = absentId;
  private readonly kinds: Uint8Array;
  /** get: value read; cas: expected. */
  private readonly a: Int32Array;
  /** put, cas: value written. */
  private readonly b: Int32Array;
  /** failed cas: current value reported, or noValueId. */
  private readonly c: Int32Array;
  private readonly values: KeyState[] = [null];

  /** @param ops the operations of one key, validated; step's `op` indexes this array. */
  constructor(ops: readonly Operation[]) {
    const ids = new Map<string, number>();
    const intern = (v: string | null | undefined): number => {
      if (v == null) return absentId;
      let id = ids.get(v);
      if (id === undefined) {
        id = this.values.length;
        ids.set(v, id);
        this.values.push(v);
      }
      return id;
    };
    this.kinds = new Uint8Array(ops.length);
    this.a = new Int32Array(ops.length);
    this.b = new Int32Array(ops.length);
    this.c = new Int32Array(ops.length).fill(noValueId);
    ops.forEach((op, i) => {
      const out = op.output;
      switch (op.kind) {
        case "get":
          this.kinds[i] = out === undefined ? stepNothing : stepGet;
          this.a[i] = intern(out?.value);
          break;
        case "put":
          // validateHistory guarantees a returned put is ok, so a put always writes.
          this.kinds[i] = stepWrite;
          this.b[i] = intern(op.value);
          break;
        case "cas":
          this.kinds[i] = out === undefined ? stepCasPending : out.ok ? stepCasOk : stepCasFailed;
          this.a[i] = intern(op.expected);
          this.b[i] = intern(op.value);
          if (out !== undefined && out.value !== undefined) this.c[i] = intern(out.value);
          break;
      }
    });
  }

  /** The next state id after op `op` from state id `state`, or -1 when its answer is impossible. */
  step(state: number, op: number): number {
    switch (this.kinds[op]) {
      case stepGet:
        return state === this.a[op] ? state : -1;
      case stepWrite:
        return this.b[op]!;
      case stepCasOk:
        return state === this.a[op] ? this.b[op]! : -1;
      case stepCasFailed: {
        const reported = this.c[op]!;
        return state !== this.a[op] && (reported === noValueId || reported === state) ? state : -1;
      }
      case stepCasPending:
        return state === this.a[op] ? this.b[op]! : state;
      default:
        return state;
    }
  }

  /** Returned gets, failed cas and pending gets never change the value. */
  readOnly(op: number): boolean {
    const kind = this.kinds[op];
    return kind === stepGet || kind === stepCasFailed || kind === stepNothing;
  }

  /** The value a state id stands for. */
  stateValue(state: number): KeyState {
    return this.values[state] ?? null;
  }
}
