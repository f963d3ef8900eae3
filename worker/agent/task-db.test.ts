// Goal: the task database survives a reload exactly, drops a torn or corrupt record with a log line
// instead of crashing, cleans up temporary files a crash left behind, and keeps the node id.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { nodeIdFileName, TaskDb, tasksDirName } from "./task-db.js";
import { memoryLog, newTask, tempDir } from "./test-support.js";

const S = swarm.v1.TaskState;

test("task db keeps tasks and statuses across a reload", async (t) => {
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const db = new TaskDb(dir, { log: memoryLog().log });
  await db.load();
  await db.putTask(newTask("t1"));
  await db.putStatus("t1", {
    state: S.TASK_STATE_RUNNING,
    message: "started",
    container: { containerId: "c1", pid: 42 },
  });
  await db.putTask(newTask("t2"));
  await db.putTask({ ...newTask("t2"), desiredState: S.TASK_STATE_SHUTDOWN });
  await db.putTask(newTask("t3"));
  await db.delete("t3");
  t.deepEqual(readdirSync(join(dir, tasksDirName)).sort(), ["t1.json", "t2.json"]);

  const again = new TaskDb(dir, { log: memoryLog().log });
  t.deepEqual(await again.load(), []);
  t.deepEqual(
    again
      .all()
      .map((r) => r.task.id)
      .sort(),
    ["t1", "t2"],
  );
  const t1 = again.get("t1");
  t.is(t1?.task.spec?.container?.image, "busybox:latest");
  t.is(Number(t1?.status?.state), S.TASK_STATE_RUNNING);
  t.is(t1?.status?.container?.containerId, "c1");
  t.is(Number(again.get("t2")?.task.desiredState), S.TASK_STATE_SHUTDOWN);
  t.is(again.get("t2")?.status, null);
});

test("task db drops a corrupt record with a log line and keeps the others", async (t) => {
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const db = new TaskDb(dir, { log: memoryLog().log });
  await db.load();
  for (const id of ["good", "torn", "flipped"]) await db.putTask(newTask(id));
  const tasks = join(dir, tasksDirName);
  const torn = readFileSync(join(tasks, "torn.json"), "utf8");
  writeFileSync(join(tasks, "torn.json"), torn.slice(0, torn.length / 2));
  const flipped = JSON.parse(readFileSync(join(tasks, "flipped.json"), "utf8")) as { task: string };
  flipped.task = `A${flipped.task.slice(1)}`;
  writeFileSync(join(tasks, "flipped.json"), JSON.stringify(flipped));
  writeFileSync(join(tasks, ".good.json.tmp"), "half a write");

  const { log, lines } = memoryLog();
  const again = new TaskDb(dir, { log });
  t.deepEqual((await again.load()).sort(), ["flipped", "torn"]);
  t.deepEqual(
    again.all().map((r) => r.task.id),
    ["good"],
  );
  t.deepEqual(lines.map((l) => [l.event, l.fields.taskId]).sort(), [
    ["task-db.record-dropped", "flipped"],
    ["task-db.record-dropped", "torn"],
  ]);
  t.deepEqual(readdirSync(tasks), ["good.json"]);
});

test("task db persists the node id", async (t) => {
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const db = new TaskDb(dir, { log: memoryLog().log });
  t.is(await db.readNodeId(), undefined);
  await db.writeNodeId("abc123");
  t.is(readFileSync(join(dir, nodeIdFileName), "utf8"), "abc123\n");
  t.is(await new TaskDb(dir).readNodeId(), "abc123");
});
