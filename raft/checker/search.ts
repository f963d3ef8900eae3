// The Wing–Gong search with Lowe's memoisation, as Porcupine implements it, for the operations of
// one partition (one key). It knows nothing of keys or values: a model maps (state id, op index) to
// the next state id. linearizability.ts explains the algorithm as a whole; the comments here say
// how this implementation keeps it fast.
import { assert } from "../../common/index.js";
import { StateCache } from "./state-cache.js";

/** The timing of one operation: `ret` null means it never returned (it may or may not happen). */
export interface SearchOp {
  /** Invocation time. */
  readonly call: number;
  /** Answer time, or null when the answer never came. */
  readonly ret: number | null;
}

/** A sequential specification compiled to integers: states are small non-negative numbers. */
export interface SearchModel {
  /** The state before any operation. */
  readonly initial: number;
  /**
   * The state after operation `op` (an index into the partition's ops) from `state`, or -1 when
   * the operation's recorded answer cannot come from `state`.
   */
  step(state: number, op: number): number;
  /**
   * True when op `op` never changes any state (a read): the search then linearizes it as soon as
   * it is a candidate whose answer fits, and tries no alternative to it.
   */
  readOnly(op: number): boolean;
}

/** What the search decided for one partition. */
export type SearchOutcome =
  | {
      readonly kind: "linearizable";
      /** Distinct (linearized set, state) pairs visited. */
      readonly explored: number;
      /** A witness: op indexes in linearization order (every returned op, some pending ones). */
      readonly order: number[];
    }
  | {
      readonly kind: "violation";
      readonly explored: number;
      /** The longest sequence of ops the search could linearize, in order. */
      readonly prefix: number[];
      /** The model state after `prefix`. */
      readonly stateAfterPrefix: number;
      /** The returned op that had to come next (its return was the first one left) but could not. */
      readonly blocking: number;
      /** The ops that could have been linearized after `prefix`, `blocking` included; none fit. */
      readonly candidates: number[];
    }
  | { readonly kind: "unknown"; readonly explored: number };

/** One call or return event in the doubly linked entry lists. */
interface Entry {
  readonly op: number;
  readonly isCall: boolean;
  readonly time: number;
  readonly pending: boolean;
  /** Rank among returned ops (by call) or among pending ops (by call); indexes the bitsets. */
  readonly rank: number;
  /** Call time + return time of a returned op: the order in which candidates are tried. */
  readonly middle: number;
  /** A returned op's call entry points at its return entry. */
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

function newEntry(op: number, isCall: boolean, time: number, pending: boolean, rank: number, middle: number): Entry {
  return { op, isCall, time, pending, rank, middle, match: null, prev: null, next: null };
}

function link(head: Entry, entries: readonly Entry[]): void {
  let prev = head;
  for (const e of entries) {
    prev.next = e;
    e.prev = prev;
    prev = e;
  }
}

/** Removes a call entry and its return entry; their own links are kept so unlift can undo it. */
function lift(e: Entry): void {
  e.prev!.next = e.next;
  if (e.next) e.next.prev = e.prev;
  const m = e.match;
  if (m) {
    m.prev!.next = m.next;
    if (m.next) m.next.prev = m.prev;
  }
}

/** Undoes the matching lift; lifts and unlifts must nest like brackets. */
function unlift(e: Entry): void {
  const m = e.match;
  if (m) {
    m.prev!.next = m;
    if (m.next) m.next.prev = m;
  }
  e.prev!.next = e;
  if (e.next) e.next.prev = e;
}

function byMiddle(x: Entry, y: Entry): number {
  return x.middle - y.middle || x.op - y.op;
}

/**
 * Searches for a linearization of `ops` under `model`, visiting at most `exploredMax` distinct
 * states (then it answers "unknown"). Returned ops must all be linearized; ops that never returned
 * may be linearized anywhere after their call or left out.
 */
export function searchLinearization(ops: readonly SearchOp[], model: SearchModel, exploredMax: number): SearchOutcome {
  // Rank returned and pending ops separately by call time: the bitset of returned ops then has a
  // dense prefix of linearized ops, which keeps memo keys short (see memoKey).
  const byCall = ops.map((_, i) => i).sort((x, y) => ops[x]!.call - ops[y]!.call || x - y);
  const mainEntries: Entry[] = [];
  const pendingEntries: Entry[] = [];
  for (const i of byCall) {
    const op = ops[i]!;
    if (op.ret === null) {
      pendingEntries.push(newEntry(i, true, op.call, true, pendingEntries.length, Infinity));
    } else {
      const rank = mainEntries.length / 2;
      const call = newEntry(i, true, op.call, false, rank, op.call + op.ret);
      call.match = newEntry(i, false, op.ret, false, rank, op.call + op.ret);
      mainEntries.push(call, call.match);
    }
  }
  const returnedCount = mainEntries.length / 2;
  if (returnedCount === 0) return { kind: "linearizable", explored: 0, order: [] };
  // Porcupine's order: by time, calls before returns at equal times (so touching ops overlap).
  mainEntries.sort((x, y) => x.time - y.time || (x.isCall === y.isCall ? x.op - y.op : x.isCall ? -1 : 1));
  const head = newEntry(-1, true, -Infinity, false, -1, -Infinity);
  const pendingHead = newEntry(-1, true, -Infinity, true, -1, -Infinity);
  link(head, mainEntries);
  link(pendingHead, pendingEntries);

  const doneReturned = new Uint32Array((returnedCount >>> 5) + 1);
  const donePending = new Uint32Array((pendingEntries.length >>> 5) + 1);
  // low: the lowest rank of a returned op not yet linearized; every rank below it is linearized.
  // high: the highest linearized returned rank (-1: none). Bits above high are all clear.
  let low = 0;
  let high = -1;
  let state = model.initial;
  let doneCount = 0;

  const keyWords = new Uint32Array(2 + doneReturned.length + donePending.length);
  /**
   * Builds in keyWords the memo key of (linearized set, state) from the current variables, and
   * returns its length: low and the state, the pending bitset, then the returned-op words from
   * low's word to high's word — the words below are all ones and those above all zeros, so they
   * are implied. Long partitions thus get keys of a few words.
   */
  const memoKey = (nextState: number): number => {
    let n = 0;
    keyWords[n++] = low;
    keyWords[n++] = nextState;
    for (let w = 0; w < donePending.length; w++) keyWords[n++] = donePending[w]!;
    const last = Math.min(Math.max(high, low) >>> 5, doneReturned.length - 1);
    for (let w = low >>> 5; w <= last; w++) keyWords[n++] = doneReturned[w]!;
    return n;
  };
  const cache = new StateCache();
  let explored = 0;

  // The stack of linearized ops, with what is needed to undo each and to go on with the next
  // candidate of its node.
  const stackEntry: Entry[] = [];
  const stackState: number[] = [];
  const stackLow: number[] = [];
  const stackHigh: number[] = [];
  /** The candidates of the node the op was taken at, or null when it was forced. */
  const stackCandidates: (Entry[] | null)[] = [];
  const stackNext: number[] = [];

  // The candidates of the current node, in the order they are tried, and the next one to try.
  let candidates: Entry[] | null = null;
  let nextCandidate = 0;

  // The deepest dead end, for the explanation of a violation.
  let bestDepth = -1;
  let bestPrefix: number[] = [];
  let bestState = state;
  let bestBlocking = -1;
  let bestCandidates: number[] = [];

  /** Linearizes x next (reaching state `next`) unless that (set, state) was seen; says whether it did. */
  const push = (x: Entry, next: number, forced: boolean): boolean => {
    const savedLow = low;
    const savedHigh = high;
    const bits = x.pending ? donePending : doneReturned;
    bits[x.rank >>> 5]! |= 1 << (x.rank & 31);
    if (!x.pending) {
      if (x.rank > high) high = x.rank;
      while (low < returnedCount && (doneReturned[low >>> 5]! & (1 << (low & 31))) !== 0) low++;
    }
    if (!cache.add(keyWords, memoKey(next))) {
      bits[x.rank >>> 5]! &= ~(1 << (x.rank & 31));
      low = savedLow;
      high = savedHigh;
      return false;
    }
    explored++;
    stackEntry.push(x);
    stackState.push(state);
    stackLow.push(savedLow);
    stackHigh.push(savedHigh);
    stackCandidates.push(forced ? null : candidates);
    stackNext.push(nextCandidate);
    state = next;
    lift(x);
    if (!x.pending) doneCount++;
    return true;
  };

  /**
   * Leaves a dead end: notes it if it is the deepest so far, then undoes linearizations until one
   * whose node has candidates left (a forced op's node has none: it failed with the forced op, so
   * it fails without). Returns the violation when the root itself is dead, else null.
   */
  const backtrack = (): SearchOutcome | null => {
    const depth = stackEntry.length;
    if (depth > bestDepth) {
      bestDepth = depth;
      bestPrefix = stackEntry.map((e) => e.op);
      bestState = state;
      bestCandidates = [];
      let e = head.next;
      for (; e !== null && e.isCall; e = e.next) bestCandidates.push(e.op);
      assert(e !== null, "a dead end has a returned op left");
      // The blocking op's own call is among the calls above: it is not linearized.
      bestBlocking = e.op;
      for (let p = pendingHead.next; p !== null && p.time <= e.time; p = p.next) bestCandidates.push(p.op);
    }
    for (;;) {
      const e = stackEntry.pop();
      if (e === undefined) {
        return {
          kind: "violation",
          explored,
          prefix: bestPrefix,
          stateAfterPrefix: bestState,
          blocking: bestBlocking,
          candidates: bestCandidates,
        };
      }
      state = stackState.pop()!;
      low = stackLow.pop()!;
      high = stackHigh.pop()!;
      candidates = stackCandidates.pop()!;
      nextCandidate = stackNext.pop()! + 1;
      unlift(e);
      if (e.pending) {
        donePending[e.rank >>> 5]! &= ~(1 << (e.rank & 31));
      } else {
        doneReturned[e.rank >>> 5]! &= ~(1 << (e.rank & 31));
        doneCount--;
      }
      if (candidates !== null) return null;
    }
  };

  for (;;) {
    if (candidates === null) {
      // A new node. Its candidates are the calls before the first return left in the main list,
      // then the pending ops called no later than that return.
      //
      // A read-only op the current state satisfies is linearized at once, and no alternative is
      // tried before or after it: if any order of the rest works, the same order with this op
      // first works too (it is a candidate, so everything that must precede it in real time is
      // already linearized, and it changes no state). A read-only op the state does not satisfy
      // cannot come next, so it is no candidate.
      let forced: Entry | null = null;
      const list: Entry[] = [];
      let e = head.next;
      for (; e !== null && e.isCall; e = e.next) {
        if (!model.readOnly(e.op)) {
          list.push(e);
        } else if (model.step(state, e.op) === state) {
          forced = e;
          break;
        }
      }
      if (forced !== null) {
        if (!push(forced, state, true)) {
          // Seen before with the forced op: that node failed, so this one does too.
          const outcome = backtrack();
          if (outcome !== null) return outcome;
          continue;
        }
      } else {
        assert(e !== null, "a returned op is left, so its return entry is in the main list");
        // Returned ops are tried first (they must be linearized anyway), those likeliest to have
        // taken effect early (earliest middle of their interval) first.
        list.sort(byMiddle);
        for (let p = pendingHead.next; p !== null && p.time <= e.time; p = p.next) list.push(p);
        candidates = list;
        nextCandidate = 0;
        continue;
      }
    } else {
      const x = candidates[nextCandidate];
      if (x === undefined) {
        const outcome = backtrack();
        if (outcome !== null) return outcome;
        continue;
      }
      const next = model.step(state, x.op);
      // A pending op that changes nothing is never needed: leaving it out gives the same state.
      if (next < 0 || (x.pending && next === state) || !push(x, next, false)) {
        nextCandidate++;
        continue;
      }
    }
    // An op was linearized: the search is at a new node.
    if (doneCount === returnedCount) return { kind: "linearizable", explored, order: stackEntry.map((e) => e.op) };
    if (explored >= exploredMax) return { kind: "unknown", explored };
    candidates = null;
  }
}
