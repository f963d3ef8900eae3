import test from "ava";
import { swarm } from "../../proto/index.js";
import { reconcileGlobal } from "./reconcile-global.js";
import type { SlotTask } from "./reconcile-replicated.js";

const S = swarm.v1.TaskState;
const task = (id: string, nodeId: string, state: number = S.TASK_STATE_RUNNING, at = 0): SlotTask => ({
  id,
  slot: 0,
  nodeId,
  desiredState: S.TASK_STATE_RUNNING,
  state,
  createdAtMs: at,
  stateChangedAtMs: at,
});

test("reconcileGlobal runs one task on every eligible node and none elsewhere", (t) => {
  const plan = reconcileGlobal(new Set(["n1", "n2", "n3"]), null, [task("a", "n1"), task("b", "n4")], 0);
  t.deepEqual(plan.createOn, ["n2", "n3"]);
  t.deepEqual(plan.shutdown, ["b"]);
});

test("reconcileGlobal replaces a failed task on its node after the restart delay", (t) => {
  const policy = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ON_FAILURE, delayNs: 1_000_000_000 };
  const tasks = [task("a", "n1", S.TASK_STATE_FAILED, 10_000)];
  t.deepEqual(reconcileGlobal(new Set(["n1"]), policy, tasks, 10_500).createOn, []);
  const due = reconcileGlobal(new Set(["n1"]), policy, tasks, 11_000);
  t.deepEqual(due.createOn, ["n1"]);
  t.deepEqual(due.shutdown, ["a"]);
  t.deepEqual(
    reconcileGlobal(new Set(["n1"]), policy, [task("a", "n1", S.TASK_STATE_COMPLETE, 0)], 99_999).createOn,
    [],
    "on-failure: a clean exit stays",
  );
});

test("reconcileGlobal places no new task on a paused node but keeps and restarts the one it has", (t) => {
  const paused = new Set(["n2", "n3"]);
  const eligible = new Set(["n1", "n2", "n3"]);
  const any = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 0 };
  const plan = reconcileGlobal(eligible, any, [task("a", "n2"), task("b", "n3", S.TASK_STATE_FAILED)], 0, paused);
  t.deepEqual(plan.createOn, ["n1", "n3"], "n2 keeps its task, n3 restarts its failed one, n1 gets one");
  t.deepEqual(plan.shutdown, ["b"]);
  t.deepEqual(reconcileGlobal(eligible, null, [], 0, paused).createOn, ["n1"], "a paused node gets no first task");
});

test("reconcileGlobal gives a node whose task it stopped a new task at once, unless the node is paused", (t) => {
  // The node failed the service's constraint a while (promoted, then demoted again) and its task
  // was shut down: no restart policy or delay applies to it, and a paused node takes no new task.
  const none = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE };
  const stopped = { ...task("a", "n1", S.TASK_STATE_SHUTDOWN, 1_000), desiredState: S.TASK_STATE_SHUTDOWN };
  const stopping = { ...task("b", "n2", S.TASK_STATE_RUNNING, 1_000), desiredState: S.TASK_STATE_SHUTDOWN };
  const eligible = new Set(["n1", "n2"]);
  t.deepEqual(reconcileGlobal(eligible, none, [stopped, stopping], 1_000).createOn, ["n1", "n2"]);
  const paused = reconcileGlobal(eligible, none, [stopped, stopping], 1_000, new Set(["n1", "n2"]));
  t.deepEqual(paused.createOn, [], "a paused node gets no task in place of one stopped there");
  t.deepEqual(paused.shutdown, []);
});

test("reconcileGlobal restarts a task that failed while wanted though the task it replaced is as new", (t) => {
  // An update's new task can be created in the same millisecond as the old one it stopped; the
  // failed one is still the node's to restart, and it is stopped as it is replaced.
  const any = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 0 };
  const old = { ...task("old", "n1", S.TASK_STATE_SHUTDOWN, 5_000), desiredState: S.TASK_STATE_SHUTDOWN };
  const failed = task("new", "n1", S.TASK_STATE_FAILED, 5_000);
  for (const tasks of [
    [old, failed],
    [failed, old],
  ]) {
    const plan = reconcileGlobal(new Set(["n1"]), any, tasks, 6_000, new Set(["n1"]));
    t.deepEqual(plan.createOn, ["n1"], "restarted, though the node is paused");
    t.deepEqual(plan.shutdown, ["new"]);
  }
});
