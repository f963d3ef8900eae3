// Goal: the churn of hollow workers stops running fake containers at the rate asked, half failing,
// never more than its cap in one tick, and reports each exit.
import test from "ava";
import { FakeExecutor } from "../../worker/index.js";
import { churnExitsPerTickMax, churnTickMs, HollowChurn, type HollowExit } from "./hollow-churn.js";

function executorsWithRunning(executors: number, tasksEach: number): FakeExecutor[] {
  return Array.from({ length: executors }, (_, e) => {
    const executor = new FakeExecutor();
    for (let t = 0; t < tasksEach; t++) executor.state.addRunning(`task-${e}-${t}`);
    return executor;
  });
}

function running(executors: readonly FakeExecutor[]): number {
  let n = 0;
  for (const executor of executors) for (const c of executor.state.containers.values()) if (c.running) n++;
  return n;
}

test("hollow churn stops running tasks at the rate asked and reports each exit", async (t) => {
  const executors = executorsWithRunning(4, 50);
  const exits: HollowExit[] = [];
  // 200 running, 180 per task-hour: 200 × 180 / 3600 = 10 exits per one-second tick.
  const churn = new HollowChurn(executors, 180, (exit) => exits.push(exit));
  try {
    await new Promise((resolve) => setTimeout(resolve, churnTickMs * 1.5));
  } finally {
    churn.stop();
  }
  t.is(exits.length, 10);
  t.is(running(executors), 190);
  t.is(new Set(exits.map((e) => e.taskId)).size, 10);
  for (const exit of exits) t.true(exit.exitCode === 0 || exit.exitCode === 1);
});

test("hollow churn never stops more than its cap in one tick", async (t) => {
  const executors = executorsWithRunning(2, 500);
  const exits: HollowExit[] = [];
  const churn = new HollowChurn(executors, 3_600_000, (exit) => exits.push(exit));
  try {
    await new Promise((resolve) => setTimeout(resolve, churnTickMs * 1.5));
  } finally {
    churn.stop();
  }
  t.is(exits.length, churnExitsPerTickMax);
  t.is(running(executors), 1000 - churnExitsPerTickMax);
});
