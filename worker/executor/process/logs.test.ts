// Log lines of real processes: per-line timestamps, tail, since, follow, and timestamps that stay
// true across an agent restart.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import test from "ava";
import { waitFor } from "../../../common/index.js";
import type { LogLine } from "../executor.js";
import { cleanUp, collect, never, newExecutor, shellTask, tempDir } from "./test-support.js";

test.after.always(cleanUp);

const script = "echo one; echo err1 >&2; sleep 0.4; echo two; sleep 0.4; printf partial";
/** Real time between the last write and the read, longer than the 500 ms the stamps must differ by. */
const stampGapMs = 700;

const brief = (lines: readonly LogLine[]): string[] => lines.map((l) => `${l.stream}:${l.line}`);

test("process runtime logs stamp each line with the time it was written", async (t) => {
  t.timeout(10_000);
  const stateDir = tempDir();
  const context = shellTask(script);
  const runtime = newExecutor(stateDir).runtime(context);
  await runtime.prepare(never);
  const began = Date.now();
  await runtime.start();
  t.is((await runtime.wait(never)).exitCode, 0);
  const lines = await collect(runtime.logs({ follow: false }, never));
  t.deepEqual(brief(lines), ["stdout:one", "stderr:err1", "stdout:two", "stdout:partial"]);
  const [one, , two, partial] = lines.map((l) => l.timeMs);
  t.true((one ?? 0) >= began - 1000 && (one ?? 0) < began + 3000, `one at +${(one ?? 0) - began} ms`);
  t.true((two ?? 0) - (one ?? 0) >= 300, `two ${(two ?? 0) - (one ?? 0)} ms after one`);
  t.true((partial ?? 0) - (two ?? 0) >= 300, `partial ${(partial ?? 0) - (two ?? 0)} ms after two`);

  t.deepEqual(brief(await collect(runtime.logs({ follow: false, tail: 2 }, never))), ["stdout:two", "stdout:partial"]);
  t.deepEqual(await collect(runtime.logs({ follow: false, tail: 0 }, never)), []);
  t.deepEqual(brief(await collect(runtime.logs({ follow: false, sinceMs: two ?? 0 }, never))), [
    "stdout:two",
    "stdout:partial",
  ]);
  // A restarted agent reads the same times from the index.
  const again = await collect(newExecutor(stateDir).runtime(context).logs({ follow: false }, never));
  t.deepEqual(again, lines);
});

test("process runtime logs follow until the process exits", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(shellTask(script));
  await runtime.prepare(never);
  await runtime.start();
  const lines = await collect(runtime.logs({ follow: true, tail: 1 }, never));
  t.deepEqual(brief(lines).slice(-2), ["stdout:two", "stdout:partial"]);
  t.false((await runtime.inspect()).running);
});

test("process runtime logs follow stops when aborted", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(shellTask("while :; do echo tick; sleep 0.1; done"));
  await runtime.prepare(never);
  await runtime.start();
  // Following, the reader gets lines as they come; aborting it after the third ends the iteration.
  const abort = new AbortController();
  const lines: LogLine[] = [];
  for await (const line of runtime.logs({ follow: true }, abort.signal)) {
    lines.push(line);
    if (lines.length === 3) abort.abort();
  }
  t.true(lines.length >= 3 && lines.every((l) => l.line === "tick"), `${lines.length} lines`);
  t.true((await runtime.inspect()).running);
  await runtime.terminate();
});

test("process runtime logs keep real times for lines written while no agent ran", async (t) => {
  t.timeout(15_000);
  const stateDir = tempDir();
  const context = shellTask("echo early; sleep 0.3; echo late; sleep 1.5");
  const module = join(import.meta.dirname, "process-executor.ts");
  const agent = `const { ProcessExecutor } = await import(${JSON.stringify(module)});
    const runtime = new ProcessExecutor({ stateDir: ${JSON.stringify(stateDir)} }).runtime(JSON.parse(process.argv[1]));
    const never = new AbortController().signal;
    await runtime.prepare(never); await runtime.start(); process.exit(0);`;
  const began = Date.now();
  t.is(
    spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", agent, JSON.stringify(context)], {
      encoding: "utf8",
    }).status,
    0,
  );
  // No agent watches now; the next one comes after both lines are written (reading them does not
  // change the file's time), and after a real pause: a stamp of the write and a stamp of the read
  // differ only by the real time between them.
  await waitFor(
    "both lines in the log",
    async () =>
      brief(await collect(newExecutor(stateDir).runtime(context).logs({ follow: false }, never))).length === 2
        ? true
        : undefined,
    { timeoutMs: 10_000, pollMs: 50 },
  );
  await new Promise((resolve) => setTimeout(resolve, stampGapMs));
  const lines = await collect(newExecutor(stateDir).runtime(context).logs({ follow: false }, never));
  const readAt = Date.now();
  t.deepEqual(brief(lines), ["stdout:early", "stdout:late"]);
  // Unwatched lines get the file's modification time: when "late" was written, not when it was read.
  t.true(
    (lines[1]?.timeMs ?? 0) <= readAt - 500,
    `late stamped ${readAt - (lines[1]?.timeMs ?? 0)} ms before the read`,
  );
  t.true((lines[1]?.timeMs ?? 0) >= began, "not before the task began");
});
