// Times as Docker's JSON carries them: Go's time.Time marshals as RFC 3339 with nanoseconds and the
// trailing zeros of the fraction removed; an unset time is Go's zero time. Log timestamps use a
// fixed nine-digit fraction instead (Docker's RFC3339NanoFixed).
import type { TimestampFields } from "../../common/index.js";

/** How Go writes its zero time, the value of every unset time.Time. */
export const goZeroTime = "0001-01-01T00:00:00Z";

function secondsPart(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/** A protobuf timestamp as Go's RFC3339Nano; Go's zero time when absent. */
export function formatTime(ts: TimestampFields | null | undefined): string {
  const seconds = Number(ts?.seconds ?? 0);
  const nanos = Number(ts?.nanos ?? 0);
  if (!ts || (seconds === 0 && nanos === 0)) return goZeroTime;
  const fraction = nanos === 0 ? "" : `.${String(nanos).padStart(9, "0").replace(/0+$/, "")}`;
  return `${secondsPart(seconds)}${fraction}Z`;
}

/** A protobuf timestamp with exactly nine fraction digits, as Docker stamps log lines. */
export function formatTimeFixed(ts: TimestampFields | null | undefined): string {
  const seconds = Number(ts?.seconds ?? 0);
  const nanos = Number(ts?.nanos ?? 0);
  return `${secondsPart(seconds)}.${String(nanos).padStart(9, "0")}Z`;
}

/** Whether a timestamp is set (not absent, not the epoch). */
export function isSetTime(ts: TimestampFields | null | undefined): boolean {
  return !!ts && (Number(ts.seconds ?? 0) !== 0 || Number(ts.nanos ?? 0) !== 0);
}

/**
 * Parses Docker's `since`/`until` query values: Unix seconds with an optional fraction
 * ("1700000000.123456789"), as the CLI sends them after converting durations and RFC 3339 times.
 * Returns null for text that is not such a number.
 */
export function parseUnixTime(text: string): { seconds: number; nanos: number } | null {
  const match = /^(-?\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]);
  const nanos = match[2] ? Number(match[2].padEnd(9, "0")) : 0;
  return { seconds, nanos };
}
