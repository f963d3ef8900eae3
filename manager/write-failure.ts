// How a leader component answers a failed store write. The expected failures are operating errors:
// a concurrent write won (SEQUENCE_CONFLICT, or the object it read is gone or exists), leadership
// was lost (NOT_LEADER, PROPOSAL_DROPPED), or the disk failed (WAL_IO, DISK_FULL). The component
// then tries again from the store's new state, and the failure is logged once, with its context:
// the routine ones at debug, the others (which an operator must see) at warn. Anything else is a
// defect, an assertion failure above all, and is rethrown: swallowing it would leave the leader
// running on a broken invariant, where crashing hands leadership to a healthy member.
import { type Clock, type ErrorCode, type Log, realClock, SwarmError } from "../common/index.js";

/** Failures every busy cluster sees, logged at debug. */
const routineFailures: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "SEQUENCE_CONFLICT",
  "NOT_LEADER",
  "PROPOSAL_DROPPED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
]);

/** Failures that mean a concurrent write won the race: the store has moved, and a new look may succeed at once. */
const lostRaces: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["SEQUENCE_CONFLICT", "NOT_FOUND", "ALREADY_EXISTS"]);

/** Whether a failed write lost a race with a concurrent one (and may be planned again at once). */
export function isLostRace(error: unknown): boolean {
  return error instanceof SwarmError && lostRaces.has(error.code);
}

/**
 * Call in the catch of a component's store write, before arranging the retry: logs an operating
 * failure under `event` with `fields`, and rethrows anything that is not one.
 */
export function afterWriteFailure(error: unknown, log: Log, event: string, fields: Record<string, unknown> = {}): void {
  if (!(error instanceof SwarmError)) throw error;
  log(routineFailures.has(error.code) ? "debug" : "warn", event, {
    ...fields,
    code: error.code,
    error: error.message,
  });
}

/** First pause before a write is tried again, in milliseconds. */
export const writeRetryMsMin = 50;

/** Longest pause between two tries of a write, in milliseconds. */
export const writeRetryMsMax = 2_000;

/**
 * Runs `write` until it succeeds or the signal aborts (leadership lost: the next leader does the
 * write itself), pausing with exponential backoff between tries; each failure goes through
 * {@link afterWriteFailure}, so a defect still propagates. Resolves true once written.
 */
export async function writeUntilDone(
  signal: AbortSignal,
  write: () => Promise<void>,
  log: Log,
  event: string,
  fields: Record<string, unknown> = {},
  clock: Clock = realClock,
): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await write();
      return true;
    } catch (error) {
      afterWriteFailure(error, log, event, { ...fields, attempt });
      const waitMs = Math.min(writeRetryMsMax, writeRetryMsMin * 2 ** Math.min(attempt, 16));
      await clock.sleep(waitMs, signal).catch(() => undefined);
    }
  }
  return false;
}
