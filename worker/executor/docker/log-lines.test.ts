// The log demultiplexer on hand-made engine output: frames, timestamps, split frames and lines.
import test from "ava";
import type { LogLine } from "../executor.js";
import { lineCharsMax, logLines, parseTimestampMs } from "./log-lines.js";

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function read(chunks: Buffer[], tty = false): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const line of logLines(chunks, tty)) lines.push(line);
  return lines;
}

const t0 = "2024-05-01T10:00:00.123456789Z";
const t0Ms = Date.UTC(2024, 4, 1, 10, 0, 0, 123);

test("parseTimestampMs reads RFC3339Nano times to the millisecond", (t) => {
  t.is(parseTimestampMs(t0), t0Ms);
  t.is(parseTimestampMs("2024-05-01T10:00:00Z"), t0Ms - 123);
  t.is(parseTimestampMs("2024-05-01T12:00:00.5+02:00"), t0Ms - 123 + 500);
  t.is(parseTimestampMs("hello"), undefined);
});

test("logLines separates stdout and stderr frames and strips the timestamps", async (t) => {
  const lines = await read([Buffer.concat([frame(1, `${t0} out\n`), frame(2, `${t0} err\r\n`)])]);
  t.deepEqual(lines, [
    { stream: "stdout", timeMs: t0Ms, line: "out" },
    { stream: "stderr", timeMs: t0Ms, line: "err" },
  ]);
});

test("logLines joins frames split across chunks", async (t) => {
  const bytes = Buffer.concat([frame(1, `${t0} one\n`), frame(1, `${t0} two\n`)]);
  const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 20), bytes.subarray(20)];
  t.deepEqual(
    (await read(chunks)).map((l) => l.line),
    ["one", "two"],
  );
});

test("logLines joins a long line sent as several messages and keeps its first time", async (t) => {
  const later = "2024-05-01T10:00:01.000Z";
  const lines = await read([frame(1, `${t0} abc`), frame(1, `${later} def\n`), frame(1, `${later} next\n`)]);
  t.deepEqual(lines, [
    { stream: "stdout", timeMs: t0Ms, line: "abcdef" },
    { stream: "stdout", timeMs: t0Ms + 877, line: "next" },
  ]);
});

test("logLines gives an unfinished last line at the end", async (t) => {
  t.deepEqual(
    (await read([frame(2, `${t0} no newline`)])).map((l) => [l.stream, l.line]),
    [["stderr", "no newline"]],
  );
});

test("logLines reads unframed TTY output as stdout, whole lines only", async (t) => {
  const text = Buffer.from(`${t0} a\r\n${t0} b\r\n`);
  const lines = await read([text.subarray(0, 10), text.subarray(10)], true);
  t.deepEqual(lines, [
    { stream: "stdout", timeMs: t0Ms, line: "a" },
    { stream: "stdout", timeMs: t0Ms, line: "b" },
  ]);
});

test("logLines cuts a line longer than lineCharsMax", async (t) => {
  const long = "x".repeat(lineCharsMax + 10);
  const lines = await read([frame(1, `${t0} ${long}`), frame(1, `${t0} y\n`)]);
  t.is(lines.length, 2);
  t.is(lines[0]?.line.length, lineCharsMax + 10);
  t.is(lines[1]?.line, "y");
});
