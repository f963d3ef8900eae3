// A follower or candidate asked for a write while no leader is known (an election is under way)
// holds the call for a moment instead of failing it: elections end within a few election timeouts,
// and a client should not see an error across a normal failover. The wait is bounded in time and
// in the number of calls held; past either bound the call fails as before, with the quorum error.
import { type Clock, realClock } from "../common/index.js";

/** Longest a Control write waits for a leader to become known, in ms (a few election timeouts). */
export const leaderWaitMsMax = 5_000;
/** How often a held call looks again, in ms, besides being woken when raft's soft state changes. */
export const leaderWaitPollMs = 100;
/** Calls held at once; the calls beyond fail at once (call admission bounds them anyway). */
export const leaderWaitersMax = 1_024;

/** A held call: looks again, or lets the call go on. */
interface Waiter {
  readonly check: () => void;
  readonly release: () => void;
}

/** Holds calls until a leader is known, or a deadline passes. */
export class LeaderWait {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** `known()` tells whether a leader (this manager or another, with its address) is known now. */
  constructor(
    private readonly known: () => boolean,
    private readonly waitMsMax = leaderWaitMsMax,
    private readonly clock: Clock = realClock,
  ) {}

  /** Wakes the held calls to look again (raft's soft state changed). */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Resolves once a leader is known or after the deadline, whichever is first; never rejects. */
  wait(): Promise<void> {
    if (this.closed || this.known() || this.waiters.size >= leaderWaitersMax) return Promise.resolve();
    return new Promise((resolve) => {
      const release = (): void => {
        cancelDeadline();
        cancelPoll();
        this.waiters.delete(waiter);
        resolve();
      };
      const waiter: Waiter = { check: () => (this.known() ? release() : undefined), release };
      const cancelDeadline = this.clock.after(this.waitMsMax, release);
      const cancelPoll = this.clock.every(leaderWaitPollMs, waiter.check);
      this.waiters.add(waiter);
    });
  }

  /** Lets every held call go on at once (the manager stops): they fail as they would have. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.release();
  }
}
