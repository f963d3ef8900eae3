// Goal: the updater visits the slots whose live task is of an older spec, except a global
// service's task on a paused node, which stays as it is (a replacement would be a new task there).
import test from "ava";
import { swarm } from "../../proto/index.js";
import { dirtySlots } from "./updater.js";

const running = swarm.v1.TaskState.TASK_STATE_RUNNING;
const spec = (image: string): swarm.v1.TaskSpec.$Properties => ({ container: { image } });
const task = (id: string, slot: number, nodeId: string, image: string): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "s",
  slot,
  nodeId,
  spec: spec(image),
  desiredState: running,
  status: { state: running },
});

test("dirtySlots leaves a global service's task on a paused node alone", (t) => {
  const service = { id: "s", spec: { task: spec("process://v2"), global: {} } };
  const tasks = [task("a", 0, "n1", "process://v1"), task("b", 0, "n2", "process://v1")];
  t.deepEqual(dirtySlots(service, tasks), ["node:n1", "node:n2"]);
  t.deepEqual(
    dirtySlots(service, tasks, (nodeId) => nodeId === "n2"),
    ["node:n1"],
  );
});

test("dirtySlots still updates a replicated task on a paused node", (t) => {
  const service = { id: "s", spec: { task: spec("process://v2"), replicated: { replicas: 1 } } };
  t.deepEqual(
    dirtySlots(service, [task("a", 1, "n2", "process://v1")], () => true),
    ["slot:1"],
  );
});
