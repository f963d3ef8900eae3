// Node.js timers hold at most 2^31 − 1 ms (about 24.8 days): a longer delay, or one that is not a
// number, makes the timer fire after 1 ms, with only a warning. A duration an operator gave (a
// heartbeat period, a restart delay, a monitor window) must never turn into "at once" that way,
// so every timer armed with one goes through timerDelayMs. Callers that must wait longer re-arm
// when the clamped timer fires (a wait that was cut short re-checks its deadline).

/** Longest delay one Node.js timer holds, in ms. */
export const timerDelayMsMax = 2 ** 31 - 1;

/**
 * A delay a Node.js timer keeps: `ms` within [0, timerDelayMsMax]. A delay that is not a number
 * counts as the longest one: waiting too long is recoverable, firing at once (a node marked DOWN,
 * a tight loop) may not be.
 */
export function timerDelayMs(ms: number): number {
  if (Number.isNaN(ms)) return timerDelayMsMax;
  return Math.min(timerDelayMsMax, Math.max(0, ms));
}
