import test from "ava";
import { swarm } from "../../proto/index.js";
import { reconcileReplicated, type SlotTask } from "./reconcile-replicated.js";

const S = swarm.v1.TaskState;
const C = swarm.v1.RestartPolicy.Condition;

const running = (id: string, slot: number, nodeId = "n1", createdAtMs = 0): SlotTask => ({
  id,
  slot,
  nodeId,
  desiredState: S.TASK_STATE_RUNNING,
  state: S.TASK_STATE_RUNNING,
  createdAtMs,
  stateChangedAtMs: createdAtMs,
});

const stopped = (id: string, slot: number, state: number, atMs: number): SlotTask => ({
  ...running(id, slot, "n1", atMs - 1000),
  state,
  stateChangedAtMs: atMs,
});

test("reconcileReplicated creates the missing slots from 1", (t) => {
  const plan = reconcileReplicated(3, null, [running("a", 2)], 0);
  t.deepEqual(plan.createSlots, [1, 3]);
  t.deepEqual(plan.shutdown, []);
});

test("reconcileReplicated scales down the highest slots on the busiest nodes first", (t) => {
  const tasks = [
    running("a", 1, "n1"),
    running("b", 2, "n2"),
    running("c", 3, "n2"),
    running("d", 4, "n1"),
    running("e", 5, "n2"),
  ];
  const plan = reconcileReplicated(3, null, tasks, 0);
  // n2 runs three tasks: its highest slots (5, 3) go first.
  t.deepEqual([...plan.shutdown].sort(), ["c", "e"]);
  t.deepEqual(plan.createSlots, []);
});

test("reconcileReplicated replaces a failed task after the restart delay, in the same slot", (t) => {
  const policy = { condition: C.RESTART_CONDITION_ANY, delayNs: 2_000_000_000 };
  const tasks = [running("a", 1), stopped("b", 2, S.TASK_STATE_FAILED, 10_000)];
  const early = reconcileReplicated(2, policy, tasks, 11_000);
  t.deepEqual(early.createSlots, []);
  t.is(early.wakeAtMs, 12_000);
  const due = reconcileReplicated(2, policy, tasks, 12_000);
  t.deepEqual(due.createSlots, [2]);
  t.deepEqual(due.shutdown, ["b"]);
});

test("reconcileReplicated follows the restart condition", (t) => {
  const completed = [stopped("b", 1, S.TASK_STATE_COMPLETE, 0)];
  t.deepEqual(
    reconcileReplicated(1, { condition: C.RESTART_CONDITION_ON_FAILURE, delayNs: 0 }, completed, 1).createSlots,
    [],
  );
  t.deepEqual(
    reconcileReplicated(1, { condition: C.RESTART_CONDITION_ANY, delayNs: 0 }, completed, 1).createSlots,
    [1],
  );
  const failed = [stopped("b", 1, S.TASK_STATE_FAILED, 0)];
  t.deepEqual(reconcileReplicated(1, { condition: C.RESTART_CONDITION_NONE }, failed, 1).createSlots, []);
  t.deepEqual(
    reconcileReplicated(1, { condition: C.RESTART_CONDITION_ON_FAILURE, delayNs: 0 }, failed, 1).createSlots,
    [1],
  );
});

test("reconcileReplicated stops restarting after maxAttempts within the window", (t) => {
  const policy = { condition: C.RESTART_CONDITION_ANY, delayNs: 0, maxAttempts: 2, windowNs: 60_000_000_000 };
  const history = [
    stopped("a", 1, S.TASK_STATE_FAILED, 1_000),
    stopped("b", 1, S.TASK_STATE_FAILED, 2_000),
    stopped("c", 1, S.TASK_STATE_FAILED, 3_000),
  ];
  t.deepEqual(
    reconcileReplicated(1, policy, history.slice(0, 2), 4_000).createSlots,
    [1],
    "one restart so far: another is allowed",
  );
  t.deepEqual(reconcileReplicated(1, policy, history, 4_000).createSlots, [], "two restarts used up");
  // Once the window has moved past them, old attempts no longer count.
  t.deepEqual(reconcileReplicated(1, policy, history, 3_000 + 61_000).createSlots, [1]);
});

test("reconcileReplicated leaves a converged service alone", (t) => {
  const plan = reconcileReplicated(2, null, [running("a", 1), running("b", 2)], 5);
  t.deepEqual(plan, { createSlots: [], shutdown: [], wakeAtMs: null });
});

test("reconcileReplicated replaces at once a task whose node is down", (t) => {
  const policy = { condition: C.RESTART_CONDITION_ANY, delayNs: 60_000_000_000 };
  const plan = reconcileReplicated(
    2,
    policy,
    [running("a", 1, "n1"), { ...running("b", 2, "n2"), mustLeaveNode: true }],
    10,
  );
  t.deepEqual(plan.createSlots, [2]);
  t.deepEqual(plan.shutdown, ["b"]);
});

test("reconcileReplicated retires an older task once its slot's task of the current spec runs", (t) => {
  // A start-first update paused after its new task failed; the restart of that task runs now.
  const old = { ...running("old", 1, "n1"), current: false };
  const restarted = { ...running("new", 1, "n2"), current: true };
  const plan = reconcileReplicated(1, null, [old, restarted], 0);
  t.deepEqual(plan.shutdown, ["old"]);
  t.deepEqual(plan.createSlots, []);
});

test("reconcileReplicated keeps an older task while its slot's new task has not started", (t) => {
  const old = { ...running("old", 1, "n1"), current: false };
  const starting = { ...running("new", 1, "n2"), state: S.TASK_STATE_STARTING, current: true };
  t.deepEqual(reconcileReplicated(1, null, [old, starting], 0).shutdown, []);
});

test("reconcileReplicated stops a task that must leave its node though its slot's start-first task has not started", (t) => {
  // Cluster simulator seed 35: a start-first update's new task waited, ASSIGNED, on a node whose
  // agent was down, while the old one ran on a node just drained; nothing stopped the old one.
  const old = { ...running("old", 1, "drained"), current: false, mustLeaveNode: true };
  const waiting = { ...running("new", 1, "n2"), state: S.TASK_STATE_ASSIGNED, current: true };
  const plan = reconcileReplicated(1, null, [old, waiting], 0);
  t.deepEqual(plan.shutdown, ["old"]);
  t.deepEqual(plan.createSlots, [], "the new task holds the slot");
});

test("reconcileReplicated stops a task that must leave its node even when the policy replaces nothing", (t) => {
  const policy = { condition: C.RESTART_CONDITION_NONE };
  const plan = reconcileReplicated(1, policy, [{ ...running("a", 1, "drained"), mustLeaveNode: true }], 0);
  t.deepEqual(plan.shutdown, ["a"]);
  t.deepEqual(plan.createSlots, [], "restart condition none: no replacement");
});
