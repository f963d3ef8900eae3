// The timers the transport uses to space reconnection attempts, injectable so a test or a
// simulation can drive backoff without waiting in real time.

/** Schedules and cancels one-shot timers. */
export interface TransportClock {
  /** Calls `callback` once after `ms` milliseconds; returns a handle for clearTimeout. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired yet; a handle that already fired is ignored. */
  clearTimeout(handle: unknown): void;
}

/** The process's real timers. */
export const systemClock: TransportClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
