import { type Clock, realClock } from "./clock.js";

/**
 * Default deadline of {@link waitFor}: generous, because the waits of tests run on loaded CI
 * machines (2 cores shared with other test files' clusters); a wait ends as soon as its condition holds.
 */
export const waitForMsDefault = 60_000;

/**
 * Polls `probe` until it returns a value other than undefined, for tests and tools that wait on
 * asynchronous effects; throws naming `what` after `timeoutMs` (default {@link waitForMsDefault}).
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  options: { timeoutMs?: number; pollMs?: number; clock?: Clock } = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const end = clock.monotonicMs() + (options.timeoutMs ?? waitForMsDefault);
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (clock.monotonicMs() > end) throw new Error(`timed out waiting for ${what}`);
    await clock.sleep(options.pollMs ?? 10);
  }
}
