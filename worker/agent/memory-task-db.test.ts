// Goal: the in-memory task database and task files the simulator's agents use keep the file
// versions' rules: a copy (what survives a simulated crash) is independent of the original, and a
// task's files need every secret it references unless it holds them from before.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryTaskDb } from "./memory-task-db.js";
import { MemoryTaskFiles } from "./memory-task-files.js";
import { TaskFileNotFoundError } from "./task-files.js";

const S = swarm.v1.TaskState;

test("MemoryTaskDb copy keeps what was written and is independent afterwards", async (t) => {
  const db = new MemoryTaskDb();
  await db.writeNodeId("n1");
  await db.putTask({ id: "t1", serviceId: "s1" });
  await db.putStatus("t1", { state: S.TASK_STATE_RUNNING });
  const copy = db.copy();
  await db.putStatus("t1", { state: S.TASK_STATE_FAILED });
  await db.delete("t1");
  t.is(Number(copy.get("t1")?.status?.state), Number(S.TASK_STATE_RUNNING));
  t.is(await copy.readNodeId(), "n1");
  t.is(db.get("t1"), undefined);
  // A status for a task not in the database is dropped, as the file database drops it.
  await copy.putStatus("t9", { state: S.TASK_STATE_RUNNING });
  t.deepEqual(
    copy.all().map((r) => r.task.id),
    ["t1"],
  );
});

test("MemoryTaskFiles needs each referenced secret unless the task holds it from before", async (t) => {
  const files = new MemoryTaskFiles();
  const task = { id: "t1", spec: { container: { secrets: [{ secretId: "x", secretName: "pw" }] } } };
  await t.throwsAsync(files.write(task, new Map(), new Map()), { instanceOf: TaskFileNotFoundError });
  t.false(await files.has("t1"));
  const secret = { id: "x", spec: { annotations: { name: "pw" }, data: new TextEncoder().encode("s") } };
  await files.write(task, new Map([["x", secret]]), new Map());
  t.deepEqual([...(files.holdings().get("t1") ?? [])], ["secret:x"]);
  // An adopted task after the session lost the secret keeps the file it has.
  await files.write(task, new Map(), new Map());
  await files.prune(new Set());
  t.false(await files.has("t1"));
});
