// A clock for the orchestrators' unit tests: time moves only when the test says, and timers fire
// as it passes them.
import type { OrchestratorClock } from "./service-orchestrator.js";

/** A clock whose time the test moves. */
export class FakeClock implements OrchestratorClock {
  /** Current time, ms. */
  ms = 1_000_000;
  private timers: { at: number; fn: () => void }[] = [];

  /** Current time. */
  now(): number {
    return this.ms;
  }

  /** Calls fn once the clock has moved ms on. */
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.ms + ms, fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  /** Moves time on, firing the timers that come due. */
  advance(ms: number): void {
    this.ms += ms;
    const due = this.timers.filter((t) => t.at <= this.ms);
    this.timers = this.timers.filter((t) => t.at > this.ms);
    for (const t of due) t.fn();
  }
}
