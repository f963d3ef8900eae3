// How long the leader itself could not run. A node is marked DOWN when the leader heard nothing
// from it for a few heartbeat periods; but on a starved machine (2 cores shared by a load of 30,
// each process on a core a tenth of the time) the leader's own event loop may not run for seconds,
// and when it does, Node.js fires the timers that came due before it reads the sockets, where the
// nodes' heartbeats have been waiting all along. Without a correction the leader blames the
// nodes for its own stall: at 120 nodes, 32 live nodes were marked DOWN after a leader change and
// 193 of their tasks restarted elsewhere.
//
// The meter arms a short timer again and again, while stall timers wait, and adds up how late each
// fires (an idle leader, with no session to expire, wakes for nothing); a stall timer
// (`after`) counts only the time in which the loop ran on time, so a node's silence is measured
// in the leader's running time. A node that is really gone is still found: the credit one timer
// takes is bounded, so even a leader that is late all the time marks a dead node DOWN within the
// usual expiry plus that bound.
import type { Cancel, Clock } from "../../common/index.js";

/** How often the meter looks at its own lateness while stall timers wait, in ms; one timer. */
export const stallProbeMs = 100;
/**
 * Lateness of one probe below which the loop counts as running on time, in ms: a timer's ordinary
 * jitter and a busy but moving loop, which still reads every socket several times a second.
 */
export const stallToleranceMs = 50;

/** Lateness that counts as a stall: all of it once past the tolerance, none below. */
function stallOf(lateMs: number): number {
  return lateMs > stallToleranceMs ? lateMs : 0;
}

/** Measures the event loop's stalls on a Clock and arms timers that do not count them. */
export class StallMeter {
  /** Sum of the stalls of the probes that fired. */
  private stalledMs = 0;
  /** Longest single stall since {@link takeLongestStallMs} was last called. */
  private longestMs = 0;
  /** When the pending probe is due (monotonic ms). */
  private dueMs = 0;
  private cancelProbe: Cancel | null = null;
  private started = false;
  /** Stall timers armed and not yet fired or cancelled: the probe runs only while there are some. */
  private waiting = 0;

  constructor(private readonly clock: Clock) {}

  /** Starts measuring (idempotent); the probe runs whenever a stall timer waits. */
  start(): void {
    this.started = true;
    this.probeIfNeeded();
  }

  /** Stops measuring; the timers already armed fire without further credit. */
  stop(): void {
    this.started = false;
    this.cancelProbe?.();
    this.cancelProbe = null;
  }

  /**
   * Stalls measured so far, in ms, including the lateness of the probe that is overdue now: after
   * a stall the timers that came due fire in the order they were due, and one that fires before
   * the probe still sees the stall it is part of.
   */
  stalledMsNow(): number {
    if (!this.cancelProbe) return this.stalledMs;
    return this.stalledMs + stallOf(this.clock.monotonicMs() - this.dueMs);
  }

  /** The longest single stall since the last call (the logs' periodic line reports it), in ms. */
  takeLongestStallMs(): number {
    const longest = this.longestMs;
    this.longestMs = 0;
    return longest;
  }

  /**
   * Calls fn once `ms` of running time has passed: when it comes due, the stalls measured since it
   * was armed (at most `creditMsMax` in all) move its due time on by as much. One that is past even
   * so looks again on the loop's next turn rather than now, after the sockets have been read: after a
   * stall Node.js fires the timers that came due before it reads what waited on the sockets. fn
   * is told the credit it was given, so that whoever acts on it can say why it came so late.
   */
  after(ms: number, fn: (creditedMs: number) => void, creditMsMax: number): Cancel {
    const dueMs = this.clock.monotonicMs() + ms;
    const startStalledMs = this.stalledMsNow();
    let creditedMs = 0;
    let cancelled = false;
    let cancel: Cancel;
    const done = (): void => {
      cancelled = true;
      this.waiting--;
      if (this.waiting === 0) {
        // Nothing waits for a measurement: the next timer's stalls count from when it is armed.
        this.cancelProbe?.();
        this.cancelProbe = null;
      }
    };
    const check = (): void => {
      if (cancelled) return;
      const owedMs = Math.min(creditMsMax, this.stalledMsNow() - startStalledMs) - creditedMs;
      if (owedMs <= 0) {
        done();
        return fn(creditedMs);
      }
      creditedMs += owedMs;
      const leftMs = dueMs + creditedMs - this.clock.monotonicMs();
      if (leftMs > 0) cancel = this.clock.after(leftMs, check);
      else this.clock.defer(check);
    };
    this.waiting++;
    this.probeIfNeeded();
    cancel = this.clock.after(ms, check);
    return () => {
      if (cancelled) return;
      done();
      cancel();
    };
  }

  private probeIfNeeded(): void {
    if (this.started && this.waiting > 0 && !this.cancelProbe) this.arm();
  }

  private arm(): void {
    this.dueMs = this.clock.monotonicMs() + stallProbeMs;
    // keepAlive false: a measurement must not keep a process alive that has nothing else to do.
    this.cancelProbe = this.clock.after(
      stallProbeMs,
      () => {
        const stallMs = stallOf(this.clock.monotonicMs() - this.dueMs);
        this.stalledMs += stallMs;
        this.longestMs = Math.max(this.longestMs, stallMs);
        this.arm();
      },
      { keepAlive: false },
    );
  }
}
