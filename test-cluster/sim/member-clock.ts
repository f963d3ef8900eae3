// A simulated process's view of the one simulated clock: a crash kills it, so none of the
// process's timers fire again and it arms no more, while the rest of the simulation goes on.
import { type Cancel, type Clock, type FakeClock, sleepOn } from "../../common/index.js";

/** A member's view of the shared clock that a crash can kill: its timers stop and it arms no more. */
export class MemberClock implements Clock {
  private deadFlag = false;
  private readonly live = new Set<Cancel>();
  constructor(private readonly base: FakeClock) {}
  now(): number {
    return this.base.now();
  }
  monotonicMs(): number {
    return this.base.monotonicMs();
  }
  after(ms: number, fn: () => void): Cancel {
    if (this.deadFlag) return () => undefined;
    const cancel = this.base.after(ms, () => {
      this.live.delete(cancel);
      if (!this.deadFlag) fn();
    });
    this.live.add(cancel);
    return () => {
      this.live.delete(cancel);
      cancel();
    };
  }
  every(ms: number, fn: () => void): Cancel {
    if (this.deadFlag) return () => undefined;
    const cancel = this.base.every(ms, () => {
      if (!this.deadFlag) fn();
    });
    this.live.add(cancel);
    return () => {
      this.live.delete(cancel);
      cancel();
    };
  }
  defer(fn: () => void): void {
    if (!this.deadFlag) this.base.defer(() => (this.deadFlag ? undefined : fn()));
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
  /** Whether the process was killed. */
  get dead(): boolean {
    return this.deadFlag;
  }

  /** Kills the process's timers for good. */
  kill(): void {
    this.deadFlag = true;
    for (const cancel of this.live) cancel();
    this.live.clear();
  }
}
