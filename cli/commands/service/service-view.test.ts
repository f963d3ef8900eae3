// Goal: `service ps` rows show a preparing task's pull progress in CURRENT STATE, and nothing
// else of the status message (Docker's columns stay as Docker prints them).
import test from "ava";
import { swarm } from "../../../proto/index.js";
import { taskRows } from "./service-view.js";

const S = swarm.v1.TaskState;
const nowMs = Date.parse("2026-12-07T12:00:10Z");
const at = { seconds: Date.parse("2026-12-07T12:00:07Z") / 1000, nanos: 0 };

function task(state: swarm.v1.TaskState, message: string): swarm.v1.Task.$Properties {
  return {
    id: "t1",
    slot: 1,
    serviceAnnotations: { name: "web" },
    desiredState: S.TASK_STATE_RUNNING,
    status: { state, message, timestamp: at },
  };
}

test("taskRows shows a preparing task's pull progress in CURRENT STATE", (t) => {
  const [row] = taskRows([task(S.TASK_STATE_PREPARING, "pulling reg:5000/app:1@sha256:ab: 2/5 layers")], new Map(), {
    nowMs,
  });
  t.is(row?.CurrentState, "Preparing 3 seconds ago (2/5 layers pulled)");
});

test("taskRows shows no other status message in CURRENT STATE", (t) => {
  const rows = taskRows(
    [
      { ...task(S.TASK_STATE_RUNNING, "pulling x: 1/2 layers"), id: "t2", slot: 2 },
      task(S.TASK_STATE_PREPARING, "preparing"),
    ],
    new Map(),
    { nowMs },
  );
  t.deepEqual(
    rows.map((r) => r.CurrentState),
    ["Preparing 3 seconds ago", "Running 3 seconds ago"],
  );
});

test("taskRows words CURRENT STATE and ERROR as docker service ps does", (t) => {
  const err = "task: non-zero exit (1): the program wrote nothing";
  const fresh = {
    ...task(S.TASK_STATE_FAILED, "finished"),
    status: { state: S.TASK_STATE_FAILED, err, timestamp: at },
  };
  const [row] = taskRows([fresh], new Map(), { nowMs: nowMs - 2_800 });
  t.is(row?.CurrentState, "Failed less than a second ago");
  t.is(row?.Error, `"${err.slice(0, 29)}…"`);
  t.is(taskRows([fresh], new Map(), { nowMs, noTrunc: true })[0]?.Error, `"${err}"`);
});
