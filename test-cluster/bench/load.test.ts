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
