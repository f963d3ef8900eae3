// Goal: the closed-loop load generator counts what its clients complete, and a call that never
// returns fails the run instead of hanging it (the benchmarks' calls carry no deadline).
import test from "ava";
import { runClosedLoop } from "./load.js";

test("runClosedLoop counts completed operations after the warm-up", async (t) => {
  const result = await runClosedLoop({
    concurrency: 4,
    durationMs: 200,
    warmupMs: 50,
    op: () => new Promise((resolve) => setTimeout(resolve, 10)),
  });
  t.is(result.concurrency, 4);
  t.is(result.errors, 0);
  // 4 clients, one operation per ~10 ms each, for 200 ms.
  t.true(result.ops >= 40 && result.ops <= 90, `ops ${result.ops}`);
  t.true(result.p50Ms >= 9, `p50 ${result.p50Ms}`);
});

test("runClosedLoop fails when an operation never returns", async (t) => {
  const error = await t.throwsAsync(
    runClosedLoop({
      concurrency: 3,
      durationMs: 50,
      warmupMs: 0,
      drainMsMax: 100,
      op: (client) => (client === 1 ? new Promise<void>(() => undefined) : new Promise((r) => setTimeout(r, 5))),
    }),
  );
  t.regex(error?.message ?? "", /1 of 3 clients still waiting 100 ms after the measured time/);
});

// Serial: its CPU-bound operations would starve the timers of the other tests in this file.
test.serial("runClosedLoop reports the server processes' CPU per completed operation", async (t) => {
  // The "server" is this process: each operation burns a fixed amount of CPU (hashing), so the
  // CPU per operation holds whatever else the machine runs; it is calibrated here first.
  const { createHash } = await import("node:crypto");
  const data = Buffer.alloc(1 << 20, 7);
  const burn = (): void => void createHash("sha256").update(data).digest();
  for (let i = 0; i < 10; i++) burn();
  const before = process.cpuUsage();
  for (let i = 0; i < 50; i++) burn();
  const used = process.cpuUsage(before);
  const burnUs = (used.user + used.system) / 50;
  const result = await runClosedLoop({
    concurrency: 2,
    durationMs: 1_000,
    warmupMs: 100,
    serverPids: [process.pid],
    op: async () => {
      burn();
      await new Promise((resolve) => setImmediate(resolve));
    },
  });
  t.is(result.serverCpuMs.length, 1);
  t.true(result.windowOps >= result.ops, `window ${result.windowOps}, measured ${result.ops}`);
  // /proc counts in 10 ms ticks: a second of CPU is precise to about 1%. The bounds are wide: on a
  // machine shared with other busy processes the same hash can take twice the CPU from one second to the next.
  t.true(
    result.serverCpuUsPerOp >= burnUs * 0.25 && result.serverCpuUsPerOp <= burnUs * 4,
    `${result.serverCpuUsPerOp.toFixed(0)} µs per op, a burn takes ${burnUs.toFixed(0)} µs`,
  );
  t.true(result.clientCpuUsPerOp > 0);
});
