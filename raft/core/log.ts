// The in-memory raft log of one member. It holds the entries after the compaction point and
// tracks which of them the caller has persisted ("stable") and applied. The caller's storage is the
// durable copy; this one is what the state machine reasons about.
//
// The indexes keep an order: applied ≤ committed ≤ last index and stabled ≤ last index; the offset
// is ≤ applied too, except while a received snapshot waits for the caller to apply it.
// Entries up to committed never change (Raft §5.4.3, State Machine Safety);
// entries after it may be replaced by a leader's (Raft §5.3), which is the only way anything in
// this log is ever removed other than compaction (Raft §7).
import { assert } from "../../common/index.js";
import type { Entry, Snapshot } from "./types.js";

/** Index and term of a log position. */
export interface LogPosition {
  /** Log index. */
  readonly index: number;
  /** Term of the entry at that index. */
  readonly term: number;
}

/** A member's log: entries (offset.index, last], commit and apply progress, persistence progress. */
export class RaftLog {
  /** Position just before entries[0]: the compaction point (a snapshot's index, or 0). */
  private offset: LogPosition;
  private entries: Entry[];
  /** Highest index known committed. */
  committed: number;
  /** Highest index handed to the caller to apply. */
  applied: number;
  /** Highest index the caller has persisted (raised by RaftCore.advance()). */
  stabled: number;
  /** A snapshot received from the leader, not yet handed to the caller. */
  pendingSnapshot: Snapshot | null = null;

  constructor(options: { offset: LogPosition; entries: readonly Entry[]; committed: number; applied: number }) {
    this.offset = options.offset;
    this.entries = [...options.entries];
    for (let i = 0; i < this.entries.length; i++) {
      assert(
        this.entries[i]!.index === this.offset.index + 1 + i,
        "restored entries must be contiguous after the offset",
      );
    }
    this.committed = options.committed;
    this.applied = options.applied;
    this.stabled = this.lastIndex();
    assert(this.committed <= this.lastIndex(), `commit ${this.committed} beyond last index ${this.lastIndex()}`);
    assert(this.applied <= this.committed, `applied ${this.applied} beyond commit ${this.committed}`);
  }

  /** Index of the first entry held (offset + 1). */
  firstIndex(): number {
    return this.offset.index + 1;
  }

  /** Index of the last entry (the offset when empty). */
  lastIndex(): number {
    return this.offset.index + this.entries.length;
  }

  /** Term of the last entry. */
  lastTerm(): number {
    return this.entries.length ? this.entries[this.entries.length - 1]!.term : this.offset.term;
  }

  /** The compaction point. */
  compactedTo(): LogPosition {
    return this.offset;
  }

  /** Term at index, or null when the index is compacted away or beyond the end. */
  term(index: number): number | null {
    if (index === this.offset.index) return this.offset.term;
    if (index < this.offset.index || index > this.lastIndex()) return null;
    return this.entries[index - this.offset.index - 1]!.term;
  }

  /** Whether the log holds an entry at index with the given term. */
  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /**
   * Whether a candidate's last position is at least as up to date as ours (Raft §5.4.1): "If the
   * logs have last entries with different terms, then the log with the later term is more
   * up-to-date. If the logs end with the same term, then whichever log is longer is more
   * up-to-date." A voter grants only such a candidate, so a winner's log holds every entry a quorum
   * stored, hence every committed entry (Leader Completeness).
   */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    return lastTerm > this.lastTerm() || (lastTerm === this.lastTerm() && lastIndex >= this.lastIndex());
  }

  /**
   * Entries in [lo, hi), at most bytesMax of data but at least one entry (so an entry larger than
   * bytesMax still makes progress). lo must not be compacted.
   */
  slice(lo: number, hi: number, bytesMax = Number.POSITIVE_INFINITY): Entry[] {
    assert(lo > this.offset.index, `slice from compacted index ${lo}`);
    assert(hi <= this.lastIndex() + 1, `slice beyond the end: ${hi}`);
    const out: Entry[] = [];
    let bytes = 0;
    for (let i = lo; i < hi; i++) {
      const entry = this.entries[i - this.offset.index - 1]!;
      bytes += entry.data.length;
      if (out.length > 0 && bytes > bytesMax) break;
      out.push(entry);
    }
    return out;
  }

  /**
   * Appends entries that start right after the last one (leader side). Raft §5.3, Leader
   * Append-Only: a leader never overwrites or deletes its own entries, it only appends.
   */
  append(entries: readonly Entry[]): void {
    for (const entry of entries) {
      assert(entry.index === this.lastIndex() + 1, `append of index ${entry.index} after ${this.lastIndex()}`);
      this.entries.push(entry);
    }
  }

  /**
   * Follower side: merges entries from the leader that follow position (prevIndex, prevTerm),
   * which the caller checked matches. Existing entries that agree are kept; at the first conflict
   * the rest of our log is replaced (it was never committed, by Log Matching). Returns the index
   * of the last new entry.
   */
  maybeAppend(prevIndex: number, entries: readonly Entry[]): number {
    const lastNew = prevIndex + entries.length;
    for (const entry of entries) {
      if (entry.index <= this.offset.index) continue; // already compacted, hence committed and equal
      const existing = this.term(entry.index);
      // Raft Figure 2, receiver rule 4: append only entries not already in the log. Keeping an
      // agreeing entry (instead of rewriting from prevIndex on) is what makes a stale append harmless:
      // it cannot cut off entries a newer append already added after it.
      if (existing === entry.term) continue;
      // A conflict at a committed index would mean two leaders disagree about a committed entry,
      // which Leader Completeness (Raft §5.4) rules out: a bug, not an input to tolerate.
      assert(entry.index > this.committed, `conflict at committed index ${entry.index}`);
      // Truncate from the conflict and append the rest.
      // Raft Figure 2, receiver rule 3: "If an existing entry conflicts with a new one (same index
      // but different terms), delete the existing entry and all that follow it." Lowering stabled
      // makes the next Ready hand the replacements to the caller, whose storage overwrites from the
      // first of them (an entry whose index is already stored replaces it and everything after it).
      this.entries.length = entry.index - this.offset.index - 1;
      this.stabled = Math.min(this.stabled, entry.index - 1);
      const rest = entries.filter((e) => e.index >= entry.index);
      this.append(rest);
      break;
    }
    return lastNew;
  }

  /**
   * Raises the commit index; it never decreases. A lower value comes from a stale message and says
   * nothing new; a commit, once learned, is permanent (Raft §5.4).
   */
  commitTo(index: number): void {
    if (index <= this.committed) return;
    assert(index <= this.lastIndex(), `commit ${index} beyond last index ${this.lastIndex()}`);
    this.committed = index;
  }

  /** Entries the caller must persist: everything after the last one handed out for persisting. */
  unstableEntries(): Entry[] {
    return this.stabled >= this.lastIndex()
      ? []
      : this.slice(Math.max(this.stabled + 1, this.firstIndex()), this.lastIndex() + 1);
  }

  /**
   * Committed entries the caller has not applied yet (Raft Figure 2: "If commitIndex > lastApplied:
   * increment lastApplied, apply log[lastApplied] to state machine"), at most bytesMax at a time.
   */
  nextCommitted(bytesMax: number): Entry[] {
    const lo = Math.max(this.applied + 1, this.firstIndex());
    return this.committed < lo ? [] : this.slice(lo, this.committed + 1, bytesMax);
  }

  /**
   * Drops entries up to index (inclusive), which a snapshot covers. The entry at index stays
   * known by its term as the new offset, so the consistency check of the next append (Raft §5.3)
   * and the election restriction (Raft §5.4.1) still work on an empty log: Raft §7's "last
   * included index" and "last included term". Only applied entries may go: they live on in the
   * state machine, hence in the snapshot.
   */
  compact(index: number): void {
    if (index <= this.offset.index) return;
    assert(index <= this.applied, `compact to ${index} beyond applied ${this.applied}`);
    const term = this.term(index);
    assert(term !== null, `compact to unknown index ${index}`);
    this.entries = this.entries.slice(index - this.offset.index);
    this.offset = { index, term };
  }

  /**
   * Replaces the whole log by a snapshot received from the leader (Raft §7: "discard the entire log").
   * The snapshot is committed state, so commit moves to its index; it counts as stable because the
   * caller persists it before anything else in the Ready that carries it (pendingSnapshot).
   */
  restore(snapshot: Snapshot): void {
    this.offset = { index: snapshot.meta.index, term: snapshot.meta.term };
    this.entries = [];
    this.committed = snapshot.meta.index;
    this.stabled = snapshot.meta.index;
    this.pendingSnapshot = snapshot;
  }
}
