// Conversions between milliseconds and protobuf Timestamps ({seconds, nanos}), the form every
// time in the API takes. Pure: the caller supplies the time.

/** A protobuf Timestamp as the generated code accepts it. */
export interface TimestampFields {
  /** Whole seconds since the epoch. */
  seconds?: number | null;
  /** Nanoseconds within the second. */
  nanos?: number | null;
}

/** Milliseconds since the epoch as a Timestamp. */
export function timestampFromMs(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/** A Timestamp (absent: the epoch) as milliseconds since the epoch. */
export function msFromTimestamp(ts: TimestampFields | null | undefined): number {
  return (ts?.seconds ?? 0) * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6);
}
