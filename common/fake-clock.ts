// The simulated clock: time moves only when its driver says (a unit test, or the cluster
// simulator), and timers fire in a fixed order — by due time, then by the order they were armed —
// so a run replays exactly. Deferred work (defer) runs on the real event loop's next turns, whose
// order is first-in first-out and so just as fixed while nothing real (sockets, files) is in play;
// the clock counts it, so a driver knows when every deferred callback has run (quiescent).
import { type Cancel, type Clock, realClock, sleepOn } from "./clock.js";

interface Timer {
  at: number;
  seq: number;
  readonly fn: () => void;
  /** Repeat period for every(), or 0. */
  readonly periodMs: number;
  cancelled: boolean;
}

/** Simulated time: a Clock whose time the test or simulator moves. */
export class FakeClock implements Clock {
  /** Current time, ms. */
  ms: number;
  private seq = 0;
  private deferredCount = 0;
  /** Pending timers as a binary min-heap on (at, seq). */
  private heap: Timer[] = [];

  constructor(startMs = 1_000_000) {
    this.ms = startMs;
  }

  /** Current time. */
  now(): number {
    return this.ms;
  }

  monotonicMs(): number {
    return this.ms;
  }

  /** Calls fn once the clock has moved ms on; returns the function that cancels it. */
  after(ms: number, fn: () => void): Cancel {
    return this.arm(Math.max(0, Number.isNaN(ms) ? 0 : ms), fn, 0);
  }

  every(ms: number, fn: () => void): Cancel {
    const period = Math.max(1, Number.isNaN(ms) ? 1 : ms);
    return this.arm(period, fn, period);
  }

  defer(fn: () => void): void {
    this.deferredCount++;
    realClock.defer(() => {
      this.deferredCount--;
      fn();
    });
  }

  /** Deferred callbacks that have not run yet. */
  get deferred(): number {
    return this.deferredCount;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Timers pending (cancelled ones excluded). */
  get pending(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** The time of the next timer, or undefined when none is pending. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Moves time on, firing the timers that come due, in order. */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      const at = this.nextAt();
      if (at === undefined || at > end) break;
      this.fireOne();
    }
    this.ms = Math.max(this.ms, end);
  }

  /**
   * Fires the next timer (moving time to it, never backwards) and returns true; false when none is
   * pending. The simulator's step.
   */
  fireOne(): boolean {
    this.dropCancelled();
    const timer = this.pop();
    if (!timer) return false;
    this.ms = Math.max(this.ms, timer.at);
    if (timer.periodMs > 0) {
      // Re-armed before it runs, so a callback that cancels its own interval stops it.
      timer.at = this.ms + timer.periodMs;
      timer.seq = this.seq++;
      this.push(timer);
    }
    timer.fn();
    return true;
  }

  /** Moves to the next timer, fires it, and lets the promises it starts settle a few turns. */
  async fireNext(): Promise<void> {
    if (!this.fireOne()) throw new Error("no timer pending");
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }

  private arm(delayMs: number, fn: () => void, periodMs: number): Cancel {
    const timer: Timer = { at: this.ms + delayMs, seq: this.seq++, fn, periodMs, cancelled: false };
    this.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
