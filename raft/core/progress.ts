// The leader's view of each follower's log, and its flow control (as in etcd's raft):
// - probe: we do not know where the follower's log ends; send one append and wait for the answer;
// - replicate: the follower keeps up; stream appends optimistically, at most inflightMessagesMax
//   unacknowledged at a time;
// - snapshot: the follower needs a snapshot; send nothing until it reports the outcome.
//
// Raft §5.3 describes only the probe part: the leader keeps nextIndex per follower, starts it
// just after its own last entry, and decrements it after each rejection until the logs match.
// Sending a whole pipeline of appends while nextIndex is a guess would waste the bandwidth of
// every append behind a rejected one, so a follower is streamed to only once an acknowledgement
// has shown where its log ends (replicate), and falls back to probing at the first rejection.
// Bounding the appends in flight keeps a slow follower from making the leader buffer its whole
// log. None of this affects safety: the follower's consistency check (Raft §5.3) does that.
//
// Transitions: probe → replicate on an acknowledgement; replicate → probe on a rejection;
// any → snapshot when the entries the follower needs are compacted (Raft §7); snapshot → probe
// when the transport reports the outcome, → replicate when the follower acknowledges the snapshot.
import type { RaftId } from "./types.js";

/** Flow-control state of one follower. */
export type ProgressState = "probe" | "replicate" | "snapshot";

/** What the leader knows about one member. */
export class Progress {
  /**
   * Highest index known to match the leader's log (Raft Figure 2's matchIndex). Only ever raised
   * while this leader leads; it is what maybeCommit counts (Raft §5.3).
   */
  match = 0;
  /** Next index to send (Raft Figure 2's nextIndex). */
  next: number;
  /** Flow-control state. */
  state: ProgressState = "probe";
  /** In probe state, an append is outstanding; wait for an answer (or a heartbeat answer). */
  probeSent = false;
  /** In snapshot state, the index of the snapshot being sent. */
  pendingSnapshot = 0;
  /** Heard from within the current CheckQuorum period (thesis §6.2); cleared at each check. */
  recentActive = false;
  /** Last index of each unacknowledged append, oldest first (replicate state). */
  private readonly inflight: number[] = [];

  constructor(
    readonly id: RaftId,
    next: number,
    readonly inflightMax: number,
  ) {
    this.next = next;
  }

  /**
   * Whether the leader must hold further appends to this member: a probe is unanswered, the
   * in-flight window is full, or a snapshot is on its way. Heartbeats are sent regardless.
   */
  isPaused(): boolean {
    switch (this.state) {
      case "probe":
        return this.probeSent;
      case "replicate":
        return this.inflight.length >= this.inflightMax;
      case "snapshot":
        return true;
    }
  }

  /**
   * Records an append sent with entries up to lastIndex. In replicate state next moves past them at
   * once (optimistically: the follower will most likely accept); in probe state next stays, as the
   * answer decides where the follower's log ends.
   */
  sentEntries(lastIndex: number, count: number): void {
    if (this.state === "replicate") {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflight.push(lastIndex);
      }
    } else if (this.state === "probe") {
      this.probeSent = true;
    }
  }

  /**
   * Records an acknowledgement up to index; returns whether match advanced. A stale or duplicate
   * acknowledgement lowers nothing: match and next only grow here. It frees every in-flight append
   * ending at or before index: the follower's log matches ours that far, whatever became of them.
   */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    while (this.inflight.length > 0 && this.inflight[0]! <= index) this.inflight.shift();
    return updated;
  }

  /**
   * Handles a rejected append for prevIndex. Returns false when the rejection is stale (it answers
   * an older append). nextHint is where the next probe starts.
   *
   * Raft §5.3's "decrement nextIndex and retry", with the follower's hint to skip a term at a time.
   * next never goes below match + 1 in replicate state: entries up to match are known to agree, so
   * a rejection below that answers an append older than our latest knowledge.
   */
  maybeDecrement(rejectedPrevIndex: number, nextHint: number): boolean {
    if (this.state === "replicate") {
      if (rejectedPrevIndex <= this.match) return false;
      this.next = Math.max(this.match + 1, Math.min(nextHint, rejectedPrevIndex));
      return true;
    }
    // In probe state only the answer to the append we are waiting for counts.
    if (this.next - 1 !== rejectedPrevIndex) return false;
    this.next = Math.max(1, Math.min(nextHint, rejectedPrevIndex));
    this.probeSent = false;
    return true;
  }

  /** Forgets the oldest unacknowledged append, so one more may be sent (it was probably lost). */
  freeOldestInflight(): void {
    this.inflight.shift();
  }

  /**
   * Moves to probe state, resuming from match + 1 (or after a pending snapshot, which the follower
   * most likely installed: its answer to the first probe will tell).
   */
  becomeProbe(): void {
    const after = this.state === "snapshot" ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.reset("probe");
    this.next = after;
  }

  /** Moves to replicate state, streaming from just after the acknowledged match. */
  becomeReplicate(): void {
    this.reset("replicate");
    this.next = this.match + 1;
  }

  /** Moves to snapshot state for a snapshot at index; appends stop until the outcome is known. */
  becomeSnapshot(index: number): void {
    this.reset("snapshot");
    this.pendingSnapshot = index;
  }

  private reset(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.inflight.length = 0;
  }
}

/**
 * The largest index that a majority of voters have (Raft's commit candidate). Sorted descending, the
 * match at position ⌊n/2⌋ is held by ⌊n/2⌋ + 1 voters, a majority. The caller still checks that the
 * entry there is of the current term before committing it (Raft §5.4.2). Learners are not passed in.
 */
export function quorumMatch(voters: readonly RaftId[], matchOf: (id: RaftId) => number): number {
  if (voters.length === 0) return 0;
  const matches = voters.map(matchOf).sort((a, b) => b - a);
  return matches[Math.floor(voters.length / 2)]!;
}

/**
 * Whether the ids include a majority of voters: strictly more than half (Raft §5.2), so two such
 * sets always share a voter. Ids that are not voters (learners, removed members) do not count.
 */
export function hasQuorum(voters: readonly RaftId[], ids: ReadonlySet<RaftId>): boolean {
  let count = 0;
  for (const v of voters) if (ids.has(v)) count++;
  return count > voters.length / 2;
}
