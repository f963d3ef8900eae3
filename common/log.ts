// The structured log every component writes to: an event name and its fields, at a level. swarmd
// backs it with pino (one JSON line per event); libraries and tests pass silentLog or collect the
// events. A function rather than a logger object, so a component depends on no logging library.

/** Levels, as pino names them. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Writes one event: a stable dotted name ("manager.write-failed") and the fields that explain it. */
export type Log = (level: LogLevel, event: string, fields: Record<string, unknown>) => void;

/** A log that drops everything. */
export const silentLog: Log = () => undefined;
