// Goal: the churn of hollow workers stops running fake containers at the rate asked, half failing,
// never more than its cap in one tick, and reports each exit.
import test from "ava";
import { FakeClock } from "../../common/index.js";
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

test("hollow churn stops running tasks at the rate asked and reports each exit", (t) => {
  const executors = executorsWithRunning(4, 50);
  const exits: HollowExit[] = [];
  // 200 running, 180 per task-hour: 200 × 180 / 3600 = 10 exits per one-second tick.
  const clock = new FakeClock();
  const churn = new HollowChurn(executors, 180, (exit) => exits.push(exit), clock);
  clock.advance(churnTickMs - 1);
  t.is(exits.length, 0, "no exit before the first tick");
  clock.advance(1);
  t.is(exits.length, 10);
  t.is(running(executors), 190);
  t.is(new Set(exits.map((e) => e.taskId)).size, 10);
  for (const exit of exits) t.true(exit.exitCode === 0 || exit.exitCode === 1);
  churn.stop();
  clock.advance(churnTickMs * 3);
  t.is(exits.length, 10, "no exit once stopped");
});

test("hollow churn never stops more than its cap in one tick", (t) => {
  const executors = executorsWithRunning(2, 500);
  const exits: HollowExit[] = [];
  const clock = new FakeClock();
  const churn = new HollowChurn(executors, 3_600_000, (exit) => exits.push(exit), clock);
  clock.advance(churnTickMs);
  churn.stop();
  t.is(exits.length, churnExitsPerTickMax);
  t.is(running(executors), 1000 - churnExitsPerTickMax);
});
