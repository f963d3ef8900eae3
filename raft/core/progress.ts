// The leader's view of each follower's log, and its flow control (as in etcd's raft):
// - probe: we do not know where the follower's log ends; send one append and wait for the answer;
// - replicate: the follower keeps up; stream appends optimistically, at most inflightMessagesMax
//   unacknowledged at a time;
// - snapshot: the follower needs a snapshot; send nothing until it reports the outcome.
import type { RaftId } from "./types.js";

/** Flow-control state of one follower. */
export type ProgressState = "probe" | "replicate" | "snapshot";

/** What the leader knows about one member. */
export class Progress {
  /** Highest index known to match the leader's log. */
  match = 0;
  /** Next index to send. */
  next: number;
  /** Flow-control state. */
  state: ProgressState = "probe";
  /** In probe state, an append is outstanding; wait for an answer (or a heartbeat answer). */
  probeSent = false;
  /** In snapshot state, the index of the snapshot being sent. */
  pendingSnapshot = 0;
  /** Heard from within the current CheckQuorum period. */
  recentActive = false;
  /** An append went to this member since the leader's last tick (it stands in for a heartbeat). */
  appendedSinceTick = false;
  /** Last index of each unacknowledged append, oldest first (replicate state). */
  private readonly inflight: number[] = [];

  constructor(
    readonly id: RaftId,
    next: number,
    readonly inflightMax: number,
  ) {
    this.next = next;
  }

  /** Whether the leader must hold further appends to this member. */
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

  /** Records an append sent with entries up to lastIndex. */
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

  /** Records an acknowledgement up to index; returns whether match advanced. */
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
   */
  maybeDecrement(rejectedPrevIndex: number, nextHint: number): boolean {
    if (this.state === "replicate") {
      if (rejectedPrevIndex <= this.match) return false;
      this.next = Math.max(this.match + 1, Math.min(nextHint, rejectedPrevIndex));
      return true;
    }
    if (this.next - 1 !== rejectedPrevIndex) return false;
    this.next = Math.max(1, Math.min(nextHint, rejectedPrevIndex));
    this.probeSent = false;
    return true;
  }

  /** Forgets the oldest unacknowledged append, so one more may be sent (it was probably lost). */
  freeOldestInflight(): void {
    this.inflight.shift();
  }

  /** Moves to probe state, resuming from match + 1 (or after a pending snapshot). */
  becomeProbe(): void {
    const after = this.state === "snapshot" ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.reset("probe");
    this.next = after;
  }

  /** Moves to replicate state. */
  becomeReplicate(): void {
    this.reset("replicate");
    this.next = this.match + 1;
  }

  /** Moves to snapshot state for a snapshot at index. */
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

/** The largest index that a majority of voters have (Raft's commit candidate). */
export function quorumMatch(voters: readonly RaftId[], matchOf: (id: RaftId) => number): number {
  if (voters.length === 0) return 0;
  const matches = voters.map(matchOf).sort((a, b) => b - a);
  return matches[Math.floor(voters.length / 2)]!;
}

/** Whether the ids include a majority of voters. */
export function hasQuorum(voters: readonly RaftId[], ids: ReadonlySet<RaftId>): boolean {
  let count = 0;
  for (const v of voters) if (ids.has(v)) count++;
  return count > voters.length / 2;
}
