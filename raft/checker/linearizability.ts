// Decides whether a recorded key-value history is linearizable: whether some total order of its
// operations (1) agrees with real time — an operation that returned before another was invoked
// comes first — and (2) gives every answer a single atomic register per key would give.
//
// Partitioning (P-compositionality, Herlihy & Wing; Horn & Kroening): linearizability is local, so
// a history is linearizable iff each key's sub-history is. Each key is searched on its own, which
// turns one search exponential in the whole history's concurrency into many small ones.
//
// The search (Wing & Gong, with Lowe's memoisation, as in Porcupine). Every returned operation
// gives two entries, call and return, in one list sorted by time (calls before returns at equal
// times, so touching operations count as concurrent). At each node the candidates to linearize
// next are the calls before the first return entry left in the list: any of them may have taken
// effect before that return, none after it may. The search takes a candidate whose recorded
// answer the model accepts from the current state, applies it, lifts its call and return out of
// the list, and recurses; when no candidate fits it backtracks (unlifting restores the list in
// O(1), as the list is doubly linked and lifts nest like brackets). It succeeds when every
// returned operation is linearized.
//
// Memoisation: the future of the search depends only on which operations are linearized and on
// the model state, so the pair (bitset of linearized ops, state) is cached the first time it is
// reached and a second arrival is cut off. This turns the search over orders into a search over
// sets, bounded by (states × subsets of each concurrency window) instead of factorial. Keys are
// compared exactly (no false hits from hash collisions) and kept to a few words by storing the
// dense prefix of linearized returned ops as one number (see search.ts and state-cache.ts).
// Among the candidates, returned ops are tried first, earliest interval middle first.
//
// Operations that never returned (ret null: a client crashed or gave up) may have taken effect at
// any time after their call, or never. They are candidates whenever their call is no later than
// the first return left, they are tried after returned ones, a pending op that would not change
// the state is skipped (leaving it out is equivalent), and the search succeeds without them —
// equivalent to giving them return +∞ and putting the unused ones at the end. Pending gets, and
// pending writes whose value nothing observes, are dropped up front (see irrelevantKvOps).
//
// Reads: a get or failed cas that fits the current state and is a candidate is linearized at once,
// with no alternative tried (moving a read earlier, within its interval, never breaks a
// linearization), which removes the reads from the branching altogether.
//
// The search is exponential in the worst case, so it is bounded: after `exploredStatesMax`
// distinct states the verdict is "unknown", never "violation".
import { InvalidArgumentError } from "../../common/index.js";
import { formatOperation, validateHistory, type NumberedOperation, type Operation } from "./history.js";
import { irrelevantKvOps, KvPartitionModel, type KeyState } from "./kv-model.js";
import { searchLinearization } from "./search.js";

/**
 * Default bound on distinct (linearized set, state) pairs visited over a whole check. The search
 * visits about a million a second and keeps each in its memo (up to ~100 bytes with many pending
 * operations), so the bound caps a check near 15 s and 1 GB.
 */
export const exploredStatesMax = 10_000_000;

/** How many operations an explanation lists at most (the tail of the prefix, the candidates). */
export const explanationOpsMax = 20;

/** The three outcomes: proven linearizable, proven not, or the budget ran out first. */
export type Verdict = "linearizable" | "violation" | "unknown";

/** Options of checkLinearizable. */
export interface CheckOptions {
  /** Bound on distinct states visited over all keys; defaults to exploredStatesMax. */
  readonly exploredStatesMax?: number;
}

/** What a human needs to debug a violation on one key. */
export interface ViolationExplanation {
  /** The key whose sub-history is not linearizable. */
  readonly key: string;
  /** Length of the longest linearizable prefix the search found. */
  readonly prefixLength: number;
  /** Its last operations (at most explanationOpsMax), in linearization order. */
  readonly prefixTail: readonly NumberedOperation[];
  /** The key's value after that prefix. */
  readonly valueAfterPrefix: KeyState;
  /** The returned operation that had to come next (earliest return left) and could not. */
  readonly blocking: NumberedOperation;
  /** The operations that could have come next (at most explanationOpsMax); none fits. */
  readonly candidates: readonly NumberedOperation[];
  /** The above as readable text. */
  readonly message: string;
}

interface CheckCounts {
  /** Number of keys (sub-histories) in the history. */
  readonly partitions: number;
  /** Keys fully decided before the check stopped. */
  readonly partitionsChecked: number;
  /** Distinct (linearized set, state) pairs visited, over all keys. */
  readonly explored: number;
}

/** The result of a check: `ok` is true only for a proven linearizable history. */
export type CheckResult =
  | (CheckCounts & { readonly verdict: "linearizable"; readonly ok: true })
  | (CheckCounts & {
      readonly verdict: "violation";
      readonly ok: false;
      /** The first key found not linearizable. */
      readonly failingKey: string;
      readonly violation: ViolationExplanation;
    })
  | (CheckCounts & {
      readonly verdict: "unknown";
      readonly ok: false;
      /** Why the check could not decide. */
      readonly reason: "budget";
      /** The key being searched when the budget ran out. */
      readonly undecidedKey: string;
    });

/**
 * Checks a key-value history (get/put/cas) for linearizability, key by key, smallest keys first so
 * that a cheap violation is found before the budget goes to a hard key. Stops at the first
 * violation. Throws InvalidArgumentError for a malformed history or option.
 */
export function checkLinearizable(history: readonly Operation[], options: CheckOptions = {}): CheckResult {
  validateHistory(history);
  const budget = options.exploredStatesMax ?? exploredStatesMax;
  if (!Number.isSafeInteger(budget) || budget < 1)
    throw new InvalidArgumentError("exploredStatesMax", "must be a positive integer");

  const byKey = new Map<string, NumberedOperation[]>();
  history.forEach((operation, index) => {
    let ops = byKey.get(operation.key);
    if (ops === undefined) byKey.set(operation.key, (ops = []));
    ops.push({ index, operation });
  });
  const partitions = [...byKey].sort(([k1, o1], [k2, o2]) => o1.length - o2.length || (k1 < k2 ? -1 : k1 > k2 ? 1 : 0));

  let explored = 0;
  let partitionsChecked = 0;
  for (const [key, all] of partitions) {
    const irrelevant = irrelevantKvOps(all.map((n) => n.operation));
    const numbered = all.filter((_, i) => !irrelevant.has(i));
    const ops = numbered.map((n) => n.operation);
    const model = new KvPartitionModel(ops);
    const outcome = searchLinearization(ops, model, budget - explored);
    explored += outcome.explored;
    const counts = { partitions: byKey.size, partitionsChecked, explored };
    switch (outcome.kind) {
      case "linearizable":
        partitionsChecked++;
        break;
      case "unknown":
        return { ...counts, verdict: "unknown", ok: false, reason: "budget", undecidedKey: key };
      case "violation": {
        const at = (i: number): NumberedOperation => numbered[i]!;
        const violation = explain(
          key,
          outcome.prefix.map(at),
          model.stateValue(outcome.stateAfterPrefix),
          at(outcome.blocking),
          outcome.candidates.map(at),
        );
        return {
          ...counts,
          partitionsChecked: partitionsChecked + 1,
          verdict: "violation",
          ok: false,
          failingKey: key,
          violation,
        };
      }
    }
  }
  return { partitions: byKey.size, partitionsChecked, explored, verdict: "linearizable", ok: true };
}

function explain(
  key: string,
  prefix: readonly NumberedOperation[],
  valueAfterPrefix: KeyState,
  blocking: NumberedOperation,
  allCandidates: readonly NumberedOperation[],
): ViolationExplanation {
  const prefixTail = prefix.slice(-explanationOpsMax);
  const candidates = allCandidates.slice(0, explanationOpsMax);
  const show = (n: NumberedOperation): string => `  ${formatOperation(n.operation, n.index)}`;
  const lines = [
    `key ${JSON.stringify(key)} is not linearizable.`,
    `The longest linearizable prefix has ${prefix.length} operations${prefix.length > prefixTail.length ? `; its last ${prefixTail.length}` : ""}:`,
    ...prefixTail.map(show),
    `after which the value is ${valueAfterPrefix === null ? "absent" : JSON.stringify(valueAfterPrefix)}.`,
    `Then this operation must take effect before it returns, and cannot:`,
    show(blocking),
    `and no other operation that may come next leads to a linearization either (${allCandidates.length} candidates${allCandidates.length > candidates.length ? `, first ${candidates.length} shown` : ""}):`,
    ...candidates.filter((c) => c !== blocking).map(show),
  ];
  return {
    key,
    prefixLength: prefix.length,
    prefixTail,
    valueAfterPrefix,
    blocking,
    candidates,
    message: lines.join("\n"),
  };
}
