import test from "ava";
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";
import { tasksToReap } from "./task-reaper.js";

const S = swarm.v1.TaskState;
type Task = ObjectsByKind["task"];

const dead = (id: string, serviceId: string, slot: number, createdSeconds: number): Task => ({
  id,
  serviceId,
  slot,
  nodeId: "n1",
  desiredState: S.TASK_STATE_SHUTDOWN,
  status: { state: S.TASK_STATE_FAILED },
  meta: { createdAt: { seconds: createdSeconds, nanos: 0 } },
});

test("tasksToReap keeps the newest dead tasks of each slot up to the limit", (t) => {
  const tasks = [1, 2, 3, 4].map((n) => dead(`t${n}`, "s1", 1, n));
  const live: Task = {
    id: "live",
    serviceId: "s1",
    slot: 1,
    nodeId: "n1",
    desiredState: S.TASK_STATE_RUNNING,
    status: { state: S.TASK_STATE_RUNNING },
  };
  t.deepEqual(
    tasksToReap([...tasks, live], () => true, 2),
    ["t1", "t2"],
  );
  t.deepEqual(
    tasksToReap([...tasks, dead("o1", "s1", 2, 1)], () => true, 4),
    [],
    "other slots count apart",
  );
});

test("tasksToReap deletes stopped or never-assigned tasks of removed services and waits for running ones", (t) => {
  const running: Task = {
    id: "r",
    serviceId: "gone",
    slot: 1,
    nodeId: "n1",
    desiredState: S.TASK_STATE_SHUTDOWN,
    status: { state: S.TASK_STATE_RUNNING },
  };
  const pending: Task = {
    id: "p",
    serviceId: "gone",
    slot: 2,
    desiredState: S.TASK_STATE_SHUTDOWN,
    status: { state: S.TASK_STATE_PENDING },
  };
  const stopped = dead("d", "gone", 3, 1);
  t.deepEqual(tasksToReap([running, pending, stopped], (id) => id !== "gone", 5).sort(), ["d", "p"]);
});
