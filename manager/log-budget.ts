// A log whose lines are rationed per event. The events that explain a large cluster's trouble (a
// session expired, a store write failed) come in sweeps: 87 nodes expiring in one second, or every
// status report failing while an election runs. One line each is what an operator needs to see
// the first of them and their number, not thousands of lines that bury everything else; the lines
// beyond an event's ration are counted, and the next line of that event that is logged says how
// many were left out.
import { type Clock, type Log, type LogLevel, realClock } from "../common/index.js";

/** Lines of one event logged per window before the rest are only counted. */
export const logLinesPerWindowDefault = 10;
/** Length of a ration's window, in ms. */
export const logWindowMsDefault = 10_000;
/**
 * Events rationed apart. Event names are constants of the code, so this bound is never reached in
 * practice; past it, every new event shares the last one's ration rather than growing the map.
 */
export const logBudgetEventsMax = 256;

/** Options of {@link budgetedLog}. */
export interface LogBudgetOptions {
  /** Lines of one event per window (default {@link logLinesPerWindowDefault}). */
  readonly linesPerWindow?: number;
  /** Window length in ms (default {@link logWindowMsDefault}). */
  readonly windowMs?: number;
  /** Time source (default: the real clock). */
  readonly clock?: Pick<Clock, "monotonicMs">;
}

interface Ration {
  windowStartMs: number;
  lines: number;
  /** Lines left out since the last one logged. */
  suppressed: number;
}

/**
 * Wraps a log so that each event writes at most `linesPerWindow` lines per window; the first line
 * logged after some were left out carries `suppressed: n`. Debug lines pass unrationed (they are off
 * in production and a developer who turns them on wants them all).
 */
export function budgetedLog(log: Log, options: LogBudgetOptions = {}): Log {
  const linesPerWindow = options.linesPerWindow ?? logLinesPerWindowDefault;
  const windowMs = options.windowMs ?? logWindowMsDefault;
  const clock = options.clock ?? realClock;
  const rations = new Map<string, Ration>();
  let shared: Ration | null = null;
  return (level: LogLevel, event: string, fields: Record<string, unknown>): void => {
    if (level === "debug") return log(level, event, fields);
    let ration = rations.get(event);
    if (!ration) {
      const nowMs = clock.monotonicMs();
      if (rations.size < logBudgetEventsMax)
        rations.set(event, (ration = { windowStartMs: nowMs, lines: 0, suppressed: 0 }));
      else ration = shared ??= { windowStartMs: nowMs, lines: 0, suppressed: 0 };
    }
    const nowMs = clock.monotonicMs();
    if (nowMs - ration.windowStartMs >= windowMs) {
      ration.windowStartMs = nowMs;
      ration.lines = 0;
    }
    if (ration.lines >= linesPerWindow) {
      ration.suppressed++;
      return;
    }
    ration.lines++;
    const suppressed = ration.suppressed;
    ration.suppressed = 0;
    log(level, event, suppressed > 0 ? { ...fields, suppressed } : fields);
  };
}
