// A clock for unit tests of components that take an injected clock (`now()` and `after()`):
// time moves only when the test says, and timers fire as it passes them.

/** A clock whose time the test moves. */
export class FakeClock {
  /** Current time, ms. */
  ms = 1_000_000;
  private timers: { at: number; fn: () => void }[] = [];

  /** Current time. */
  now(): number {
    return this.ms;
  }

  /** Calls fn once the clock has moved ms on; returns the function that cancels it. */
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.ms + ms, fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  /** The time of the next timer, or undefined when none is pending. */
  nextAt(): number | undefined {
    return this.timers.length > 0 ? Math.min(...this.timers.map((t) => t.at)) : undefined;
  }

  /** Moves time on, firing the timers that come due. */
  advance(ms: number): void {
    this.ms += ms;
    this.fireDue();
  }

  /** Moves to the next timer, fires it, and lets the promises it starts settle a few turns. */
  async fireNext(): Promise<void> {
    const at = this.nextAt();
    if (at === undefined) throw new Error("no timer pending");
    this.ms = Math.max(this.ms, at);
    this.fireDue();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }

  private fireDue(): void {
    const due = this.timers.filter((t) => t.at <= this.ms);
    this.timers = this.timers.filter((t) => t.at > this.ms);
    for (const t of due) t.fn();
  }
}
