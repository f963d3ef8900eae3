// Per-line timestamps for output the process writes straight into files. The program's stdout and
// stderr are plain files (no pipe to the agent, so it survives an agent restart); beside each the
// agent keeps an index, <stream>.idx, with one text line "<endOffset> <timeMs>" per output line.
// A line's time is when the agent first saw it, polling every few tens of ms, clamped to the file's
// mtime, which is the time of the newest write. Lines written while no agent was running are stamped
// when the next agent catches up: with the mtime, i.e. no later than their last sibling's write.
// Stamping is synchronous so two executors in one process never interleave their appends.
import { realClock } from "../../../common/index.js";
import { appendFileSync, closeSync, openSync, readSync, statSync } from "node:fs";

/** Bytes read from a log file at a time. */
export const logChunkBytes = 64 * 1024;

/** Longest line kept whole; longer output is cut into lines of this size, as Docker does. */
export const logLineBytesMax = 16 * 1024;

/** One indexed line: bytes [start, end) of its stream's file, and when it was written. */
export interface IndexEntry {
  /** Offset just past the line (its newline included). */
  readonly end: number;
  /** When it was written, in ms since the epoch. */
  readonly timeMs: number;
}

function readRange(path: string, start: number, end: number): Buffer {
  const buf = Buffer.alloc(Math.max(0, end - start));
  if (buf.length === 0) return buf;
  const fd = openSync(path, "r");
  try {
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Parses index entries from byte `from` of an index file; returns them and the offset after the last whole line. */
export function readIndex(idxPath: string, from = 0): { entries: IndexEntry[]; next: number } {
  const text = readRange(idxPath, from, fileSize(idxPath)).toString("latin1");
  const whole = text.lastIndexOf("\n") + 1;
  const entries: IndexEntry[] = [];
  for (const line of text.slice(0, whole).split("\n")) {
    const match = /^(\d+) (\d+)$/.exec(line);
    if (match !== null) entries.push({ end: Number(match[1]), timeMs: Number(match[2]) });
  }
  return { entries, next: from + whole };
}

/** The writer of one stream's index. */
export class LogIndexer {
  private indexedEnd = 0;
  private lastTimeMs = 0;
  private knownIndexSize = -1;

  constructor(
    private readonly logPath: string,
    private readonly idxPath: string,
  ) {}

  /**
   * Indexes the lines appended since the last call. With `flush` (the process has exited) an
   * unterminated last line is indexed too. Throws only on a failing write of the index.
   */
  catchUp(flush: boolean): void {
    this.reload();
    let size: number;
    let mtimeMs: number;
    try {
      const stat = statSync(this.logPath);
      size = stat.size;
      mtimeMs = Math.floor(stat.mtimeMs);
    } catch {
      return;
    }
    if (size <= this.indexedEnd) return;
    // The clock is read after the stat: read before, it could precede a write the stat then sees,
    // and stamp that line earlier than a line of the other stream written before it.
    const timeMs = Math.max(this.lastTimeMs, Math.min(realClock.now(), mtimeMs));
    const ends: number[] = [];
    let lineStart = this.indexedEnd;
    let pos = this.indexedEnd;
    while (pos < size) {
      const chunk = readRange(this.logPath, pos, Math.min(size, pos + logChunkBytes));
      if (chunk.length === 0) break;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        const end = pos + i + 1;
        while (end - lineStart > logLineBytesMax + 1) ends.push((lineStart += logLineBytesMax));
        ends.push((lineStart = end));
      }
      pos += chunk.length;
    }
    while (pos - lineStart > logLineBytesMax) ends.push((lineStart += logLineBytesMax));
    if (flush && lineStart < pos) ends.push(pos);
    if (ends.length === 0) return;
    const text = ends.map((end) => `${end} ${timeMs}\n`).join("");
    appendFileSync(this.idxPath, text);
    this.indexedEnd = ends[ends.length - 1] ?? this.indexedEnd;
    this.lastTimeMs = timeMs;
    this.knownIndexSize += Buffer.byteLength(text);
  }

  /** Re-reads the index's last entry when someone else (another executor) appended to it. */
  private reload(): void {
    const size = fileSize(this.idxPath);
    if (size === this.knownIndexSize) return;
    const tail = readRange(this.idxPath, Math.max(0, size - 64), size).toString("latin1");
    const lines = tail.split("\n").filter((l) => /^\d+ \d+$/.test(l));
    const last = lines[lines.length - 1];
    if (last !== undefined) {
      const [end = "0", time = "0"] = last.split(" ");
      this.indexedEnd = Number(end);
      this.lastTimeMs = Number(time);
    } else {
      this.indexedEnd = 0;
      this.lastTimeMs = 0;
    }
    this.knownIndexSize = size;
  }
}

/** Reads the text of bytes [start, end) of a log file, without its newline. */
export function readLine(logPath: string, start: number, end: number): string {
  const text = readRange(logPath, start, end).toString("utf8");
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}
