// Turns the engine's log stream into LogLines. Without a TTY the engine multiplexes stdout and
// stderr in frames, each with an 8-byte header: the stream (1 stdout, 2 stderr), three zero bytes,
// then the payload length as a big-endian uint32. With `timestamps` every log message starts with
// an RFC3339Nano time and a space. A message longer than the engine's buffer arrives as several
// messages, each with its own timestamp, so lines are joined per stream and keep the first time.
import { realClock } from "../../../common/index.js";
import type { LogLine } from "../executor.js";

/** Bytes of a multiplexed frame's header. */
export const frameHeaderBytes = 8;

/** Longest line kept whole, in characters (bytes for unframed TTY output); longer ones are cut so memory stays bounded. */
export const lineCharsMax = 1024 * 1024;

type Stream = LogLine["stream"];

/** Milliseconds since the epoch of an RFC3339Nano time such as 2024-05-01T10:00:00.123456789Z. */
export function parseTimestampMs(text: string): number | undefined {
  // Date.parse wants at most millisecond precision, so the fraction is cut to three digits.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (m === null) return undefined;
  const fraction = (m[2] ?? "").slice(0, 3).padEnd(3, "0");
  const ms = Date.parse(`${m[1] ?? ""}.${fraction}${m[3] ?? ""}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Collects the text of one stream and emits complete lines, each with its first message's time. */
class LineJoiner {
  private pending = "";
  private pendingMs: number | undefined;

  constructor(private readonly stream: Stream) {}

  /** Adds one log message ("<time> <text>") and returns the lines it completes. */
  push(message: string): LogLine[] {
    const space = message.indexOf(" ");
    const timeMs = space > 0 ? parseTimestampMs(message.slice(0, space)) : undefined;
    const text = timeMs === undefined ? message : message.slice(space + 1);
    this.pendingMs ??= timeMs ?? realClock.now();
    const lines: LogLine[] = [];
    const parts = (this.pending + text).split("\n");
    this.pending = parts.pop() ?? "";
    for (const line of parts) {
      lines.push({ stream: this.stream, timeMs: this.pendingMs, line: line.endsWith("\r") ? line.slice(0, -1) : line });
      this.pendingMs = timeMs ?? this.pendingMs;
    }
    if (this.pending === "") this.pendingMs = undefined;
    if (this.pending.length > lineCharsMax) lines.push(...this.flush());
    return lines;
  }

  /** The unfinished line, if any, as a line of its own. */
  flush(): LogLine[] {
    if (this.pending === "") return [];
    const line: LogLine = { stream: this.stream, timeMs: this.pendingMs ?? realClock.now(), line: this.pending };
    this.pending = "";
    this.pendingMs = undefined;
    return [line];
  }
}

/** Splits raw bytes into timestamped messages; a TTY container's output is one stdout stream. */
class Demuxer {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly joiners = { stdout: new LineJoiner("stdout"), stderr: new LineJoiner("stderr") };

  constructor(private readonly tty: boolean) {}

  /** Feeds a chunk of the engine's response and returns the lines it completes. */
  push(chunk: Buffer): LogLine[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const lines: LogLine[] = [];
    if (this.tty) {
      // Unframed: only whole lines are parsed, so a timestamp or a character split between
      // chunks is not misread.
      const end = this.buffer.lastIndexOf(0x0a);
      if (end >= 0) {
        lines.push(...this.pushMessages("stdout", this.buffer.subarray(0, end + 1)));
        this.buffer = this.buffer.subarray(end + 1);
      } else if (this.buffer.length > lineCharsMax) {
        lines.push(...this.pushMessages("stdout", this.buffer));
        this.buffer = Buffer.alloc(0);
      }
      return lines;
    }
    while (this.buffer.length >= frameHeaderBytes) {
      const type = this.buffer.readUInt8(0);
      const size = this.buffer.readUInt32BE(4);
      if (this.buffer.length < frameHeaderBytes + size) break;
      const payload = this.buffer.subarray(frameHeaderBytes, frameHeaderBytes + size);
      this.buffer = this.buffer.subarray(frameHeaderBytes + size);
      lines.push(...this.pushMessages(type === 2 ? "stderr" : "stdout", payload));
    }
    return lines;
  }

  /** The unfinished lines of both streams. */
  flush(): LogLine[] {
    const rest = this.tty && this.buffer.length > 0 ? this.pushMessages("stdout", this.buffer) : [];
    this.buffer = Buffer.alloc(0);
    return [...rest, ...this.joiners.stdout.flush(), ...this.joiners.stderr.flush()];
  }

  private pushMessages(stream: Stream, payload: Buffer): LogLine[] {
    // A frame normally holds one message, but TTY output is unframed: each line is a message,
    // so the text is split after every newline.
    const text = payload.toString("utf8");
    const lines: LogLine[] = [];
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf("\n", start);
      const end = nl < 0 ? text.length : nl + 1;
      lines.push(...this.joiners[stream].push(text.slice(start, end)));
      start = end;
    }
    return lines;
  }
}

/** The log lines in the engine's (multiplexed unless `tty`) log output, as it arrives. */
export async function* logLines(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  tty: boolean,
): AsyncGenerator<LogLine> {
  const demuxer = new Demuxer(tty);
  for await (const chunk of chunks) {
    yield* demuxer.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  yield* demuxer.flush();
}
