// The one source of time for the whole code base. Every component that reads the time, arms a
// timer, sleeps or defers work takes a Clock through its options (the real one by default), so a
// test or the cluster simulator can run it on simulated time, where timers fire in a fixed order
// and a run replays exactly from its seed. This file holds the only real implementation: lint
// bans Date.now, timers and performance.now everywhere else outside process entry points and tests.
import { timerDelayMs, timerDelayMsMax } from "./timer-delay.js";

/** Cancels a timer; cancelling one that already fired (or was cancelled) does nothing. */
export type Cancel = () => void;

/** Options of a timer. */
export interface TimerOptions {
  /**
   * Whether the timer alone keeps the process alive (default true). Background chores (a
   * certificate renewal weeks ahead, a retry) pass false so an idle process can exit.
   */
  readonly keepAlive?: boolean;
}

/** Time, timers and deferred work. */
export interface Clock {
  /** Wall-clock time in ms since the epoch (for timestamps and deadlines other hosts read). */
  now(): number;
  /** A monotonic time in ms, for measuring durations; only differences between readings mean anything. */
  monotonicMs(): number;
  /**
   * Calls fn once, `ms` from now. A delay longer than one Node.js timer holds (about 24.8 days, a
   * certificate renewal) is waited out in several; one that is not a number counts as the longest
   * one timer holds (see timerDelayMs).
   */
  after(ms: number, fn: () => void, options?: TimerOptions): Cancel;
  /** Calls fn every `ms` until cancelled. */
  every(ms: number, fn: () => void, options?: TimerOptions): Cancel;
  /** Calls fn on a later turn of the event loop, after the I/O and work already queued (setImmediate). */
  defer(fn: () => void): void;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Sleeps on `clock`, settling early when `signal` aborts (shared by the real and the simulated clock). */
export function sleepOn(clock: Pick<Clock, "after">, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(abortReason(signal!));
    };
    const cancel = clock.after(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new Error(typeof reason === "string" ? reason : "aborted");
}

/** The process's real clock: Date, performance.now and the Node.js timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  monotonicMs: () => performance.now(),
  after: (ms, fn, options) => {
    let timer: NodeJS.Timeout;
    const arm = (left: number): void => {
      timer = setTimeout(() => (left > timerDelayMsMax ? arm(left - timerDelayMsMax) : fn()), timerDelayMs(left));
      if (options?.keepAlive === false) timer.unref();
    };
    arm(Number.isNaN(ms) ? timerDelayMsMax : Math.max(0, ms));
    return () => clearTimeout(timer);
  },
  every: (ms, fn, options) => {
    const timer = setInterval(fn, Math.max(1, timerDelayMs(ms)));
    if (options?.keepAlive === false) timer.unref();
    return () => clearInterval(timer);
  },
  defer: (fn) => void setImmediate(fn),
  sleep: (ms, signal) => sleepOn(realClock, ms, signal),
};

/**
 * Lets the real event loop run every callback already queued (I/O, setImmediate, promise
 * reactions): used by drivers of simulated time to reach quiescence between simulated events.
 */
export function nextRealTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
