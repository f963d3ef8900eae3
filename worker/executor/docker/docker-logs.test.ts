// DockerRuntime.logs against the engine: both streams with timestamps, tail, since and follow.
import test from "ava";
import type { LogLine } from "../executor.js";
import { DockerExecutor } from "./docker-executor.js";
import { engineTestRun, prepareAndStart } from "./test-tasks.js";

const run = engineTestRun(test);
const executor = new DockerExecutor();

async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const all: LogLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

test("DockerRuntime logs returns stdout and stderr lines with their times, and tail and since select", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(
    run.context({ command: ["sh", "-c", "echo out1; echo err1 >&2; echo out2; sleep 1; echo late"] }),
  );
  const signal = AbortSignal.timeout(15_000);
  const before = Date.now();
  await prepareAndStart(runtime, signal);
  await runtime.wait(signal);
  const after = Date.now();
  const lines = await collect(runtime.logs({ follow: false }, signal));
  // The engine copies the two streams separately, so only the order within a stream is kept.
  t.deepEqual(
    lines.filter((l) => l.stream === "stdout").map((l) => l.line),
    ["out1", "out2", "late"],
  );
  t.deepEqual(
    lines.filter((l) => l.stream === "stderr").map((l) => l.line),
    ["err1"],
  );
  t.is(lines.length, 4);
  for (const line of lines) {
    t.true(
      line.timeMs >= before - 1_000 && line.timeMs <= after + 1_000,
      `time ${line.timeMs} in [${before}, ${after}]`,
    );
  }
  const late = lines.find((l) => l.line === "late")?.timeMs ?? 0;
  t.true(
    late - (lines.find((l) => l.line === "out1")?.timeMs ?? 0) >= 900,
    "the times are the engine's, not when they were read",
  );
  const tail = await collect(runtime.logs({ follow: false, tail: 2 }, signal));
  t.deepEqual(tail.map((l) => l.line).slice(-1), ["late"]);
  t.is(tail.length, 2);
  const since = await collect(runtime.logs({ follow: false, sinceMs: late }, signal));
  t.deepEqual(
    since.map((l) => l.line),
    ["late"],
  );
});

test("DockerRuntime logs follows new lines until aborted", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(
    run.context({ command: ["sh", "-c", "echo first; sleep 1; echo second; exec sleep 100"], init: true }),
  );
  await runtime.prepare(AbortSignal.timeout(15_000));
  await runtime.start();
  const controller = new AbortController();
  const seen: string[] = [];
  const timer = setTimeout(() => controller.abort(), 15_000);
  for await (const line of runtime.logs({ follow: true }, controller.signal)) {
    seen.push(line.line);
    if (line.line === "second") controller.abort();
  }
  clearTimeout(timer);
  t.deepEqual(seen, ["first", "second"]);
  t.true((await runtime.inspect()).running);
  await runtime.terminate();
});

test("DockerRuntime logs with follow ends when the container exits", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sh", "-c", "echo one; sleep 0.5; echo two >&2"] }));
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  const lines = await collect(runtime.logs({ follow: true, tail: 10 }, signal));
  t.deepEqual(
    lines.map((l) => [l.stream, l.line]),
    [
      ["stdout", "one"],
      ["stderr", "two"],
    ],
  );
});

test("DockerRuntime logs of a TTY container come as stdout", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sh", "-c", "echo a; echo b >&2"], tty: true }));
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.wait(signal);
  const lines = await collect(runtime.logs({ follow: false }, signal));
  t.deepEqual(
    lines.map((l) => [l.stream, l.line]),
    [
      ["stdout", "a"],
      ["stdout", "b"],
    ],
  );
});
