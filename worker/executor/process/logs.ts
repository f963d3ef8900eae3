// Reads a task's output lines from its log files and their timestamp indexes, merging stdout and
// stderr by time, with tail, since and follow as `docker service logs` offers them.
import { realClock } from "../../../common/index.js";
import type { LogLine, LogOptions } from "../executor.js";
import { readIndex, readLine } from "./log-index.js";
import type { TaskDir } from "./task-dir.js";

/** How often a following reader looks for new output, in ms. */
export const logFollowPollMs = 50;

const streams = ["stdout", "stderr"] as const;

interface Span {
  readonly stream: "stdout" | "stderr";
  readonly start: number;
  readonly end: number;
  readonly timeMs: number;
}

/** What the reader needs from the runtime. */
export interface LogSource {
  /** The task's files. */
  readonly dir: TaskDir;
  /** Brings the indexes up to date; `flush` once the process has exited. */
  catchUp(flush: boolean): void;
  /** Whether the process has exited (or never started and never will). */
  exited(): boolean;
}

/** Yields the task's lines as `options` asks until done or `signal` aborts. */
export async function* readLogs(source: LogSource, options: LogOptions, signal: AbortSignal): AsyncGenerator<LogLine> {
  const cursor = { stdout: { idx: 0, end: 0 }, stderr: { idx: 0, end: 0 } };
  const fresh = (): Span[] => {
    const spans: Span[] = [];
    for (const stream of streams) {
      const c = cursor[stream];
      const { entries, next } = readIndex(source.dir.indexPath(stream), c.idx);
      c.idx = next;
      for (const entry of entries) {
        spans.push({ stream, start: c.end, end: entry.end, timeMs: entry.timeMs });
        c.end = entry.end;
      }
    }
    // A stable sort keeps each stream's own order and interleaves the two by time.
    return spans.sort((a, b) => a.timeMs - b.timeMs);
  };
  const text = (span: Span): LogLine => ({
    stream: span.stream,
    timeMs: span.timeMs,
    line: readLine(source.dir.logPath(span.stream), span.start, span.end),
  });

  let done = source.exited();
  source.catchUp(done);
  let first = fresh();
  if (options.sinceMs !== undefined) {
    const since = options.sinceMs;
    first = first.filter((s) => s.timeMs >= since);
  }
  if (options.tail !== undefined) first = options.tail > 0 ? first.slice(-options.tail) : [];
  for (const span of first) {
    if (signal.aborted) return;
    yield text(span);
  }
  if (!options.follow) return;
  while (!signal.aborted && !done) {
    // Polled rather than listened on: many readers may share one signal.
    await realClock.sleep(logFollowPollMs);
    if (signal.aborted) return;
    done = source.exited();
    source.catchUp(done);
    for (const span of fresh()) {
      if (signal.aborted) return;
      if (options.sinceMs === undefined || span.timeMs >= options.sinceMs) yield text(span);
    }
  }
}
