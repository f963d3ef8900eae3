import { type Clock, realClock } from "./clock.js";

/**
 * Default deadline of {@link waitFor}: generous, because the waits of tests run on loaded CI
 * machines (2 cores shared with other test files' clusters); a wait ends as soon as its condition holds.
 */
export const waitForMsDefault = 60_000;

/** Default pause of {@link waitFor} between two probes. */
export const waitForPollMsDefault = 10;

/**
 * Polls `probe` until it returns (or resolves to) a value other than undefined, for tests and tools
 * that wait on asynchronous effects; throws naming `what` after `timeoutMs` (default
 * {@link waitForMsDefault}). An error the probe throws ends the wait: a probe that must ride out an
 * expected error (UNAVAILABLE while an election settles) catches that one and returns undefined.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | PromiseLike<T | undefined>,
  options: { timeoutMs?: number; pollMs?: number; clock?: Clock } = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const timeoutMs = options.timeoutMs ?? waitForMsDefault;
  const end = clock.monotonicMs() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (clock.monotonicMs() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await clock.sleep(options.pollMs ?? waitForPollMsDefault);
  }
}
