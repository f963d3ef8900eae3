// Goal: the status reporter coalesces per task (latest wins, first-seen order), paces its sends,
// retries a failed batch without losing newer statuses, re-sends everything on a new session, and
// sends a task that stopped running without waiting for the pace.
import test from "ava";
import { FakeClock, nextRealTurn, waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { StatusReporter, statusTextBytesMax } from "./status-reporter.js";
import { memoryLog } from "./test-support.js";

const S = swarm.v1.TaskState;
type Batch = [string, number][];

function recorder(fail: () => boolean): {
  batches: Batch[];
  send: (u: swarm.v1.TaskStatusUpdate.$Properties[]) => Promise<void>;
} {
  const batches: Batch[] = [];
  return {
    batches,
    send: (updates) => {
      if (fail()) return Promise.reject(new Error("unavailable"));
      batches.push(updates.map((u) => [u.taskId ?? "", Number(u.status?.state)]));
      return Promise.resolve();
    },
  };
}

test("status reporter coalesces, batches and re-sends on a new session", async (t) => {
  const reporter = new StatusReporter({ flushMs: 30, batchMax: 3, log: memoryLog().log });
  t.teardown(() => reporter.close());
  reporter.report("a", { state: S.TASK_STATE_ACCEPTED });
  reporter.report("b", { state: S.TASK_STATE_ACCEPTED });
  reporter.report("a", { state: S.TASK_STATE_PREPARING });
  const first = recorder(() => false);
  reporter.attach(first.send);
  await waitFor("the first batch", () => first.batches[0]);
  t.deepEqual(first.batches[0], [
    ["a", S.TASK_STATE_PREPARING],
    ["b", S.TASK_STATE_ACCEPTED],
  ]);
  for (const id of ["c", "d", "e", "f"]) reporter.report(id, { state: S.TASK_STATE_ACCEPTED });
  await waitFor("two more batches", () => first.batches[2]);
  t.deepEqual(
    first.batches.slice(1).map((b) => b.length),
    [3, 1],
  );

  // A new session hears every task's latest status again.
  reporter.detach();
  reporter.forget("f");
  const second = recorder(() => false);
  reporter.attach(second.send);
  await waitFor("the re-sent statuses", () => (second.batches.flat().length === 5 ? true : undefined));
  t.deepEqual(
    second.batches
      .flat()
      .map(([id]) => id)
      .sort(),
    ["a", "b", "c", "d", "e"],
  );
});

test("status reporter retries a failed batch and keeps newer statuses", async (t) => {
  const clock = new FakeClock();
  const reporter = new StatusReporter({ flushMs: 10, retryMsMin: 20, retryMsMax: 40, clock, log: memoryLog().log });
  t.teardown(() => reporter.close());
  let failures = 2;
  const r = recorder(() => failures-- > 0);
  reporter.attach(r.send);
  reporter.report("a", { state: S.TASK_STATE_ACCEPTED });
  clock.advance(10);
  // The first batch is in flight (its send fails): a newer status arrives meanwhile.
  reporter.report("a", { state: S.TASK_STATE_RUNNING });
  await nextRealTurn();
  t.deepEqual(r.batches, []);
  t.is(reporter.pendingCount, 1);
  // The retries, each on its backoff timer.
  const delivered = await waitFor("a delivered batch", async () => {
    if (r.batches[0] === undefined && clock.pending > 0) await clock.fireNext();
    return r.batches[0];
  });
  t.is(failures, -1, "two failed sends, then one delivered");
  t.deepEqual(delivered, [["a", S.TASK_STATE_RUNNING]]);
  t.deepEqual(r.batches, [[["a", S.TASK_STATE_RUNNING]]]);
  t.is(reporter.pendingCount, 0);
});

test("status reporter cuts a huge message and error so a batch always fits what the manager receives", async (t) => {
  const reporter = new StatusReporter({ flushMs: 10, log: memoryLog().log });
  t.teardown(() => reporter.close());
  const sent: swarm.v1.TaskStatusUpdate.$Properties[] = [];
  reporter.attach((updates) => {
    sent.push(...updates);
    return Promise.resolve();
  });
  reporter.report("a", { state: S.TASK_STATE_FAILED, message: "m".repeat(100_000), err: "é".repeat(2_000_000) });
  const update = await waitFor("the report", () => sent[0]);
  t.is(update.status?.state, S.TASK_STATE_FAILED);
  t.true(Buffer.byteLength(update.status?.message ?? "") <= statusTextBytesMax);
  t.true(Buffer.byteLength(update.status?.err ?? "") <= statusTextBytesMax);
  t.true((update.status?.err ?? "").startsWith("éé"));
});

test("status reporter sends a task that stopped running at once, without waiting for the pace", async (t) => {
  const clock = new FakeClock();
  const reporter = new StatusReporter({ flushMs: 1_000, clock, log: memoryLog().log });
  t.teardown(() => reporter.close());
  const r = recorder(() => false);
  reporter.attach(r.send);
  const settle = async (): Promise<void> => {
    clock.advance(0);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  reporter.report("a", { state: S.TASK_STATE_RUNNING });
  await settle();
  t.deepEqual(r.batches, [[["a", S.TASK_STATE_RUNNING]]]);
  // Within the pace a running task waits...
  reporter.report("b", { state: S.TASK_STATE_RUNNING });
  clock.advance(10);
  await settle();
  t.is(r.batches.length, 1);
  // ...and a failed one goes now, taking the waiting one along.
  reporter.report("a", { state: S.TASK_STATE_FAILED });
  await settle();
  t.deepEqual(r.batches[1], [
    ["b", S.TASK_STATE_RUNNING],
    ["a", S.TASK_STATE_FAILED],
  ]);
  // The pace holds again for what follows.
  reporter.report("c", { state: S.TASK_STATE_RUNNING });
  clock.advance(10);
  await settle();
  t.is(r.batches.length, 2);
  clock.advance(1_000);
  await settle();
  t.deepEqual(r.batches[2], [["c", S.TASK_STATE_RUNNING]]);
});
