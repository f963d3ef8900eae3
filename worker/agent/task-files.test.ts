// Goal: a task's secrets and configs are written only to tmpfs with the reference's mode, uid and
// gid, a missing secret is refused by name, the directory is removed with the task, and nothing
// under the agent's state directory (the task database included) ever holds a secret's bytes.
import { readFileSync, rmSync, statfsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { InvalidArgumentError, waitFor } from "../../common/index.js";
import type { TaskContext, TaskRuntime } from "../executor/index.js";
import { Agent } from "./agent.js";
import { FakeEngineState, FakeExecutor } from "./fake-executor.js";
import { TaskFileNotFoundError, TaskFiles } from "./task-files.js";
import { persistentFiles, tmpfsMagic } from "./persistent-files.js";
import { TestDispatcher } from "./test-dispatcher.js";
import { memoryLog, newTask, tempDir } from "./test-support.js";

const S = swarm.v1.TaskState;
const isRoot = process.getuid?.() === 0;
const payload = "pa55-w0rd-\u00e9t\u00e9";

function secret(id: string, name: string, data: string): swarm.v1.ISecret {
  return { id, spec: { annotations: { name }, data: new TextEncoder().encode(data) } };
}

function taskWithFiles(id: string): swarm.v1.Task.$Properties {
  const t = newTask(id);
  return {
    ...t,
    spec: {
      container: {
        ...t.spec?.container,
        secrets: [
          { secretId: "s1", secretName: "pw", file: { name: "pw", uid: "1000", gid: "2000", mode: 0o400 } },
          { secretId: "s2", secretName: "api", file: { name: "/etc/app/api-key" } },
        ],
        configs: [{ configId: "c1", configName: "app.conf", file: {} }],
      },
    },
  };
}

test("TaskFiles writes secrets and configs on tmpfs with their modes and owners, then removes them", async (t) => {
  const files = new TaskFiles({ nodeId: `n-files-1-${process.pid}`, log: memoryLog().log });
  t.teardown(() => rmSync(dirname(files.dirOf("t1")), { recursive: true, force: true }));
  const secrets = new Map([
    ["s1", secret("s1", "pw", payload)],
    ["s2", secret("s2", "api", "key-123")],
  ]);
  const configs = new Map([
    ["c1", { id: "c1", spec: { annotations: { name: "app.conf" }, data: new TextEncoder().encode("a=1") } }],
  ]);
  const out = await files.write(taskWithFiles("t1"), secrets, configs);
  t.is(out, files.dirOf("t1"));
  t.is(statfsSync(out).type, tmpfsMagic, `placement ${files.placement}`);
  t.is(readFileSync(join(out, "secrets/pw"), "utf8"), payload);
  t.is(readFileSync(join(out, "secrets/etc/app/api-key"), "utf8"), "key-123");
  t.is(readFileSync(join(out, "configs/app.conf"), "utf8"), "a=1");
  const pw = statSync(join(out, "secrets/pw"));
  t.is(pw.mode & 0o777, 0o400);
  t.is(statSync(join(out, "secrets/etc/app/api-key")).mode & 0o777, 0o444, "Docker's default mode");
  t.is(statSync(join(out, "configs/app.conf")).mode & 0o777, 0o444);
  if (isRoot) {
    t.is(files.placement, "mount");
    t.is(pw.uid, 1000);
    t.is(pw.gid, 2000);
    t.not(statSync(out).dev, statSync(dirname(out)).dev, "its own tmpfs mount");
  }
  t.is(statSync(out).mode & 0o777, 0o700);

  // A replayed prepare rewrites over read-only files; removal deletes (and unmounts) the directory.
  await files.write(taskWithFiles("t1"), secrets, configs);
  await files.remove("t1");
  t.throws(() => statSync(out), { code: "ENOENT" });
  await files.remove("t1");
});

test("TaskFiles refuses a task whose secret has not arrived, naming it, and bad targets", async (t) => {
  const files = new TaskFiles({ nodeId: `n-files-2-${process.pid}`, log: memoryLog().log });
  const error = await t.throwsAsync(
    files.write(taskWithFiles("t2"), new Map([["s2", secret("s2", "api", "x")]]), new Map()),
    { instanceOf: TaskFileNotFoundError },
  );
  t.regex(error.message, /secret not found: "pw"/);
  t.throws(() => statSync(files.dirOf("t2")), { code: "ENOENT" });
  const climbing: swarm.v1.Task.$Properties = {
    ...newTask("t3"),
    spec: {
      container: { image: "x", secrets: [{ secretId: "s2", secretName: "api", file: { name: "../../etc/passwd" } }] },
    },
  };
  await t.throwsAsync(files.write(climbing, new Map([["s2", secret("s2", "api", "x")]]), new Map()), {
    instanceOf: InvalidArgumentError,
  });
});

test("TaskFiles can place files under /dev/shm when not allowed to mount", async (t) => {
  const files = new TaskFiles({ nodeId: `n-files-3-${process.pid}`, placement: "shm", log: memoryLog().log });
  t.teardown(() => rmSync(dirname(files.dirOf("t4")), { recursive: true, force: true }));
  const out = await files.write(
    taskWithFiles("t4"),
    new Map([
      ["s1", secret("s1", "pw", payload)],
      ["s2", secret("s2", "api", "k")],
    ]),
    new Map([["c1", { id: "c1", spec: { data: new Uint8Array([1]) } }]]),
  );
  t.true(out.startsWith("/dev/shm/"));
  t.is(statfsSync(out).type, tmpfsMagic);
  await files.prune(new Set());
  t.throws(() => statSync(out), { code: "ENOENT" });
});

/** A fake executor that also records the context of every runtime it builds. */
class RecordingExecutor extends FakeExecutor {
  readonly contexts: TaskContext[] = [];

  override runtime(context: TaskContext): TaskRuntime {
    this.contexts.push(context);
    return super.runtime(context);
  }
}

test("agent writes a task's secrets before preparing it, fails a task whose secret is missing, and keeps them off its disk", async (t) => {
  t.timeout(15_000);
  const d = await TestDispatcher.start({ periodMs: 100 });
  t.teardown(() => d.close());
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const executor = new RecordingExecutor();
  d.setSecret(secret("s1", "pw", payload));
  d.setSecret(secret("s2", "api", "k"));
  d.setTask(taskWithFiles("t1"));
  const agent = await Agent.start({
    stateDir: dir,
    nodeId: "n-files-4",
    managers: [d.addr],
    executor,
    statusFlushMs: 20,
    log: memoryLog().log,
  });
  t.teardown(() => agent.stop());
  t.teardown(() => rmSync(dirname(agent.taskFilesDir("t5")), { recursive: true, force: true }));
  const stateOf = (id: string): number => Number(agent.taskStatus(id)?.state ?? 0);
  // t1 references config c1, which never came: it fails before its runtime is prepared.
  await waitFor("t1 failed", () => (stateOf("t1") === Number(S.TASK_STATE_FAILED) ? true : undefined));
  t.regex(agent.taskStatus("t1")?.err ?? "", /config not found: "app.conf"/);
  t.is(executor.callsOf("t1", "prepare").length, 0);

  const t5 = taskWithFiles("t5");
  d.setTask({ ...t5, spec: { container: { ...t5.spec?.container, configs: [] } } });
  await waitFor("t5 running", () => (stateOf("t5") === Number(S.TASK_STATE_RUNNING) ? true : undefined));
  const filesDir = executor.contexts.find((c) => c.task.id === "t5")?.filesDir ?? "";
  t.not(filesDir, "");
  t.is(readFileSync(join(filesDir, "secrets/pw"), "utf8"), payload);
  await agent.stop();
  // The task database and everything else on disk: neither the bytes nor their base64.
  const files = persistentFiles(dir);
  t.true(files.length > 0);
  for (const f of files) {
    t.false(f.bytes.includes(Buffer.from(payload)), f.path);
    t.false(f.bytes.includes(Buffer.from(Buffer.from(payload).toString("base64"))), f.path);
  }

  // Removing the task removes its directory.
  const again = await Agent.start({
    stateDir: dir,
    nodeId: "n-files-4",
    managers: [d.addr],
    executor,
    statusFlushMs: 20,
    log: memoryLog().log,
  });
  t.teardown(() => again.stop());
  d.removeTask("t5");
  await waitFor("t5's directory removed", () => {
    try {
      statSync(filesDir);
      return undefined;
    } catch {
      return true;
    }
  });
  t.pass();
});

/** Mount options of the mount point `dir`, from this process's mountinfo; undefined when it is none. */
function mountOptions(dir: string): string[] | undefined {
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const fields = line.split(" ");
    if (fields[4] === dir) return [...(fields[5] ?? "").split(","), ...(fields.at(-1) ?? "").split(",")];
  }
  return undefined;
}

/** Whether anything is mounted at or under `dir`. */
function mountedUnder(dir: string): boolean {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .some((line) => {
      const point = line.split(" ")[4] ?? "";
      return point === dir || point.startsWith(`${dir}/`);
    });
}

const gone = (path: string): true | undefined => {
  try {
    statSync(path);
    return undefined;
  } catch {
    return true;
  }
};

// Goal: as Docker mounts /run/secrets, a task's tmpfs allows no set-uid programs, no devices and
// no execution: a secret file can never become a program.
test("TaskFiles mounts each task's tmpfs nosuid, nodev and noexec", async (t) => {
  const files = new TaskFiles({ nodeId: `n-files-5-${process.pid}`, log: memoryLog().log });
  t.teardown(() => files.removeAll());
  const dir = await files.write(
    taskWithFiles("t6"),
    new Map([
      ["s1", secret("s1", "pw", payload)],
      ["s2", secret("s2", "api", "k")],
    ]),
    new Map([["c1", { id: "c1", spec: { data: new Uint8Array([1]) } }]]),
  );
  // Only root mounts (CI runs as root); elsewhere the files lie in /dev/shm, mounted by the system.
  const options = mountOptions(isRoot ? dir : "/dev/shm") ?? [];
  for (const option of isRoot ? ["nosuid", "nodev", "noexec"] : ["nosuid", "nodev"])
    t.true(options.includes(option), `${option} in ${options.join(",")}`);
});

// Goal: secrets do not outlive what needs them: a task's files go as soon as the task stops (not
// when it is pruned later), and an agent that stops or a node that leaves leaves no mount behind.
test("agent removes a task's secret files as soon as the task stops, and unmounts every task's files when it stops", async (t) => {
  t.timeout(30_000);
  const d = await TestDispatcher.start({ periodMs: 100 });
  t.teardown(() => d.close());
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const engine = new FakeEngineState();
  const executor = new FakeExecutor({ state: engine });
  d.setSecret(secret("s1", "pw", payload));
  d.setSecret(secret("s2", "api", "k"));
  const withSecrets = (id: string, desired = S.TASK_STATE_RUNNING): swarm.v1.Task.$Properties => {
    const task = taskWithFiles(id);
    return { ...task, desiredState: desired, spec: { container: { ...task.spec?.container, configs: [] } } };
  };
  for (const id of ["t7", "t8", "t9"]) d.setTask(withSecrets(id));
  const options = {
    stateDir: dir,
    nodeId: "n-files-6",
    managers: [d.addr],
    executor,
    statusFlushMs: 20,
    log: memoryLog().log,
  };
  const agent = await Agent.start(options);
  t.teardown(() => agent.stop());
  const root = dirname(agent.taskFilesDir("any"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const stateOf = (id: string): number => Number(agent.taskStatus(id)?.state ?? 0);
  for (const id of ["t7", "t8", "t9"])
    await waitFor(`${id} running`, () => (stateOf(id) === Number(S.TASK_STATE_RUNNING) ? true : undefined));
  for (const id of ["t7", "t8", "t9"]) t.is(readFileSync(join(agent.taskFilesDir(id), "secrets/pw"), "utf8"), payload);

  // Shut down but still assigned (its record stays until pruned): its files go now.
  d.setTask(withSecrets("t7", S.TASK_STATE_SHUTDOWN));
  await waitFor("t7 shut down", () => (stateOf("t7") === Number(S.TASK_STATE_SHUTDOWN) ? true : undefined));
  await waitFor("t7's files gone", () => gone(agent.taskFilesDir("t7")));
  // Exited on its own: the same.
  executor.exit("t8", 0);
  await waitFor("t8 complete", () => (stateOf("t8") === Number(S.TASK_STATE_COMPLETE) ? true : undefined));
  await waitFor("t8's files gone", () => gone(agent.taskFilesDir("t8")));
  t.true(agent.taskIds().includes("t7") && agent.taskIds().includes("t8"), "the tasks themselves are still known");

  // A clean stop of the agent unmounts and deletes every task's files, including the running t9's.
  await agent.stop();
  t.truthy(gone(agent.taskFilesDir("t9")));
  t.false(mountedUnder(root), "no mount left under the node's directory");
  t.truthy(gone(root));

  // The task keeps running; a restarted agent adopts it and writes its files again from the
  // secrets the new session brings.
  const again = await Agent.start({ ...options, executor: new FakeExecutor({ state: engine }) });
  t.teardown(() => again.stop());
  await waitFor("t9's files back", () => (gone(again.taskFilesDir("t9")) ? undefined : true));
  await waitFor("t9's secret back", () => {
    try {
      return readFileSync(join(again.taskFilesDir("t9"), "secrets/pw"), "utf8") === payload ? true : undefined;
    } catch {
      return undefined;
    }
  });
  t.is(stateOf("t9"), Number(S.TASK_STATE_RUNNING));
});
