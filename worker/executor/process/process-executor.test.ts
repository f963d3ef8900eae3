// The process executor against real processes: lifecycle, command semantics, shutdown, adoption by
// a restarted agent, the pid reuse guard, cgroup limits and describe().
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { InvalidArgumentError, NotFoundError, waitFor } from "../../../common/index.js";
import { ImageUnavailableError, ProgramNotAllowedError, WrongRuntimeError } from "../errors.js";
import type { TaskRuntime } from "../executor.js";
import { readProcStat } from "./proc.js";
import { parseProcessAllow } from "./program-allow.js";
import { resolveUser } from "./program.js";
import { ProcessExecutor } from "./process-executor.js";
import { TaskDir } from "./task-dir.js";
import {
  cleanUp,
  collect,
  never,
  newExecutor,
  newTaskId,
  pidsWith,
  shellTask,
  taskContext,
  tempDir,
} from "./test-support.js";

test.after.always(cleanUp);

/** Waits until a task has printed `line` (e.g. that its shell installed a trap), however slow the machine. */
async function printed(runtime: TaskRuntime, line: string): Promise<void> {
  await waitFor(
    `the task to print ${JSON.stringify(line)}`,
    async () =>
      (await collect(runtime.logs({ follow: false }, never))).some((l) => l.line === line) ? true : undefined,
    { timeoutMs: 10_000, pollMs: 50 },
  );
}

test("process runtime runs /bin/sh with env and dir and reports exit code 3", async (t) => {
  t.timeout(10_000);
  const dir = tempDir("swarm-cwd-");
  const runtime = newExecutor().runtime(
    shellTask('echo "$GREETING $(pwd)"; exit 3', { env: ["GREETING=hi {{.Service.Name}}"], dir }),
  );
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  t.deepEqual(await runtime.wait(never), { exitCode: 3 });
  const lines = await collect(runtime.logs({ follow: false }, never));
  t.deepEqual(
    lines.map((l) => l.line),
    [`hi web ${dir}`],
  );
  const status = await runtime.inspect();
  t.like(status, { exists: true, running: false, exitCode: 3, health: "none" });
});

test("process runtime treats command as the entrypoint and appends args", async (t) => {
  t.timeout(10_000);
  const executor = newExecutor();
  const runtime = executor.runtime(
    taskContext({ image: "process://not-a-program", command: ["sh", "-c"], args: ['echo "$0-$1"; exit 5', "a", "b"] }),
  );
  await runtime.prepare(never);
  await runtime.start();
  t.deepEqual(await runtime.wait(never), { exitCode: 5 });
  t.deepEqual(
    (await collect(runtime.logs({ follow: false }, never))).map((l) => l.line),
    ["a-b"],
  );
  // Without a command, the image names the program: "process://sh" runs sh from PATH.
  const fromImage = executor.runtime(taskContext({ image: "process://sh", args: ["-c", "exit 6"] }));
  await fromImage.prepare(never);
  await fromImage.start();
  t.deepEqual(await fromImage.wait(never), { exitCode: 6 });
});

test("process runtime rejects a missing program with ImageUnavailableError", async (t) => {
  const executor = newExecutor();
  await t.throwsAsync(executor.runtime(taskContext({ image: "process://no-such-program-swarm" })).prepare(never), {
    instanceOf: ImageUnavailableError,
  });
  await t.throwsAsync(
    executor.runtime(taskContext({ image: "process://sh", command: ["/nonexistent/bin/server"] })).prepare(never),
    { instanceOf: ImageUnavailableError },
  );
  await t.throwsAsync(
    executor.runtime(taskContext({ image: "process://sh", dir: "/nonexistent-dir" })).prepare(never),
    { instanceOf: InvalidArgumentError },
  );
  await t.throwsAsync(executor.runtime(taskContext({ image: "process://sh" })).wait(never), {
    instanceOf: NotFoundError,
  });
  t.deepEqual(await executor.list(), []);
});

// Goal: a stack written for containers never starts a host program named after its image. Only
// process://PROGRAM and process:///PATH run; anything else is refused before a process exists,
// with a reason that says what to write instead.
test("process runtime rejects a container image and says to write process://PROGRAM", async (t) => {
  const executor = newExecutor();
  for (const image of ["postgres:15-alpine", "sh", "sh:latest", "/bin/sh", "redis-server:7@sha256:abc"]) {
    for (const command of [[], ["sh", "-c", "exit 0"]]) {
      const error = await t.throwsAsync(executor.runtime(taskContext({ image, command })).prepare(never), {
        instanceOf: WrongRuntimeError,
      });
      t.regex(error?.message ?? "", /container image.*process:\/\/PROGRAM/, image);
    }
  }
  t.deepEqual(await executor.list(), []);
});

test("process executor runs only the programs of its allow list", async (t) => {
  t.timeout(10_000);
  const executor = newExecutor(undefined, undefined, {
    allow: parseProcessAllow(["true,/bin/s*", "/usr/bin/env"]),
  });
  const refused = async (container: Parameters<typeof taskContext>[0], program: RegExp): Promise<void> => {
    const error = await t.throwsAsync(executor.runtime(taskContext(container)).prepare(never), {
      instanceOf: ProgramNotAllowedError,
    });
    t.regex(error?.message ?? "", program);
    t.regex(error?.message ?? "", /--process-allow true,\/bin\/s\*,\/usr\/bin\/env/);
  };
  await refused({ image: "process://false" }, /program "false"/);
  // The command is what runs, whatever the image names.
  await refused({ image: "process://true", command: ["false"] }, /program "false"/);
  // A name is matched only where swarmd's own PATH finds it: a task's PATH cannot swap in another file.
  const fakeBin = tempDir("swarm-fake-bin-");
  writeFileSync(join(fakeBin, "true"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  await refused({ image: "process://true", env: [`PATH=${fakeBin}`] }, /program "true" \(.*swarm-fake-bin.*\)/);
  await refused({ image: "process://true", command: ["/usr/bin/../bin/sh"] }, /program "\/usr\/bin\/..\/bin\/sh"/);
  // A healthcheck's program runs on the node too.
  await refused({ image: "process://true", healthcheck: { test: ["CMD", "false"] } }, /program "false"/);
  for (const container of [
    { image: "process://true" },
    { image: "process:///bin/sh", args: ["-c", "exit 0"] },
    { image: "process://true", command: ["/usr/bin/env", "true"] },
  ]) {
    const runtime = executor.runtime(taskContext(container));
    await runtime.prepare(never);
    await runtime.start();
    t.deepEqual(await runtime.wait(never), { exitCode: 0 });
  }
  t.throws(() => parseProcessAllow(["bin/sh"]), { instanceOf: InvalidArgumentError });
  t.throws(() => parseProcessAllow([""]), { instanceOf: InvalidArgumentError });
  t.throws(() => parseProcessAllow(["/opt/../bin/sh"]), { instanceOf: InvalidArgumentError });
});

test("resolveUser needs root to switch and resolves names", (t) => {
  t.deepEqual(resolveUser("65534:65533", "user", { currentUid: 0 }), { uid: 65534, gid: 65533 });
  t.deepEqual(resolveUser("root", "user", { currentUid: 0 }), { uid: 0, gid: 0 });
  t.throws(() => resolveUser("65534", "user", { currentUid: 1000 }), { instanceOf: InvalidArgumentError });
  t.throws(() => resolveUser("no-such-user-swarm", "user", { currentUid: 0 }), { instanceOf: InvalidArgumentError });
});

test("process runtime runs as the spec's user when root", async (t) => {
  t.timeout(10_000);
  const root = process.getuid?.() === 0;
  const runtime = newExecutor().runtime(shellTask("id -u; id -g", { user: root ? "65534:65533" : "" }));
  await runtime.prepare(never);
  await runtime.start();
  t.deepEqual(await runtime.wait(never), { exitCode: 0 });
  const expected = root ? ["65534", "65533"] : [String(process.getuid?.()), String(process.getgid?.())];
  t.deepEqual(
    (await collect(runtime.logs({ follow: false }, never))).map((l) => l.line),
    expected,
  );
});

test("process runtime start is idempotent", async (t) => {
  t.timeout(10_000);
  const marker = `idem-${newTaskId()}`;
  const executor = newExecutor();
  const context = shellTask(`sleep 30 # ${marker}`);
  const runtime = executor.runtime(context);
  await runtime.prepare(never);
  await runtime.prepare(never);
  await Promise.all([runtime.start(), runtime.start(), executor.runtime(context).start()]);
  const first = await runtime.inspect();
  await runtime.start();
  t.true(first.running);
  t.is((await runtime.inspect()).pid, first.pid);
  t.is(pidsWith("swarm-shim").filter((pid) => pidsWith(marker).includes(pid)).length, 1);
  await runtime.terminate();
  t.is((await runtime.wait(never)).exitCode, 137);
  await runtime.start();
  t.false((await runtime.inspect()).running, "an exited task is not run again");
});

test("process runtime shutdown SIGKILLs a process ignoring the stop signal after the grace", async (t) => {
  t.timeout(15_000);
  const runtime = newExecutor().runtime(shellTask("trap '' TERM; echo trapped; sleep 100"));
  await runtime.prepare(never);
  await runtime.start();
  await printed(runtime, "trapped");
  const began = Date.now();
  await runtime.shutdown(800);
  const took = Date.now() - began;
  // After the grace, and long before the test gives up (a loaded machine stretches the kill).
  t.true(took >= 750 && took < 8_000, `took ${took} ms`);
  t.deepEqual(await runtime.wait(never), { exitCode: 137 });
});

test("process runtime shutdown stops a plain process promptly with 143", async (t) => {
  t.timeout(15_000);
  const runtime = newExecutor().runtime(shellTask("sleep 100"));
  await runtime.prepare(never);
  await runtime.start();
  const began = Date.now();
  await runtime.shutdown(10_000);
  // Well before the 10 s grace: the signal was obeyed.
  t.true(Date.now() - began < 8_000);
  t.deepEqual(await runtime.wait(never), { exitCode: 143 });
});

test("process runtime honours the spec's stop signal", async (t) => {
  t.timeout(15_000);
  const runtime = newExecutor().runtime(
    shellTask("trap 'exit 42' USR1; echo trapped; while :; do sleep 0.05; done", { stopSignal: "SIGUSR1" }),
  );
  await runtime.prepare(never);
  await runtime.start();
  // The signal comes once the shell says its trap is installed.
  await printed(runtime, "trapped");
  await runtime.shutdown(5000);
  t.deepEqual(await runtime.wait(never), { exitCode: 42 });
});

test("process executor adopts a task started by an agent that has exited", async (t) => {
  t.timeout(20_000);
  const stateDir = tempDir();
  const marker = `adopt-${newTaskId()}`;
  const release = join(tempDir("swarm-release-"), "go");
  const context = shellTask(`echo started; while [ ! -f ${release} ]; do sleep 0.05; done; exit 7 # ${marker}`);
  // Agent A is another node process: it starts the task and exits, as an agent restart would.
  const module = join(import.meta.dirname, "process-executor.ts");
  const script = `const { ProcessExecutor } = await import(${JSON.stringify(module)});
    const runtime = new ProcessExecutor({ stateDir: ${JSON.stringify(stateDir)} }).runtime(JSON.parse(process.argv[1]));
    const never = new AbortController().signal;
    await runtime.prepare(never); await runtime.start(); process.exit(0);`;
  const agentA = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script, JSON.stringify(context)],
    { encoding: "utf8" },
  );
  t.is(agentA.status, 0, agentA.stderr);

  const executorB = newExecutor(stateDir);
  t.deepEqual(await executorB.list(), [
    { taskId: context.task.id ?? "", containerId: context.task.id ?? "", running: true },
  ]);
  const runtime = executorB.runtime(context);
  const status = await runtime.inspect();
  t.true(status.running);
  await runtime.prepare(never);
  await runtime.start(); // Replayed by the controller: must not start a second process.
  t.is((await runtime.inspect()).pid, status.pid);
  t.is(pidsWith("swarm-shim").filter((pid) => pidsWith(marker).includes(pid)).length, 1);
  const exited = runtime.wait(never);
  writeFileSync(release, "");
  t.deepEqual(await exited, { exitCode: 7 });
  t.deepEqual(
    (await collect(runtime.logs({ follow: false }, never))).map((l) => l.line),
    ["started"],
  );
  t.deepEqual(await executorB.list(), [
    { taskId: context.task.id ?? "", containerId: context.task.id ?? "", running: false },
  ]);
});

test("process executor adopts within one process and reports a signal death", async (t) => {
  t.timeout(10_000);
  const stateDir = tempDir();
  const context = shellTask("sleep 30");
  const runtimeA = newExecutor(stateDir).runtime(context);
  await runtimeA.prepare(never);
  await runtimeA.start();
  const executorB = newExecutor(stateDir);
  t.true((await executorB.list())[0]?.running);
  const runtimeB = executorB.runtime(context);
  const waiting = runtimeB.wait(never);
  const pid = (await runtimeB.inspect()).pid ?? 0;
  process.kill(pid, "SIGKILL"); // The shim dies without writing a code: read as SIGKILL.
  t.deepEqual(await waiting, { exitCode: 137 });
});

test("process executor does not mistake a reused pid for its process", async (t) => {
  const stateDir = tempDir();
  const executor = newExecutor(stateDir);
  const context = shellTask("true");
  const id = context.task.id ?? "";
  const startTicks = readProcStat(process.pid)?.startTicks ?? 0;
  const dir = new TaskDir(stateDir, id);
  const plan = { argv: ["/bin/true"], env: {}, dir: "/", stopSignal: "SIGTERM" as const };
  dir.writeMeta({
    version: 1,
    taskId: id,
    labels: {},
    plan,
    createdMs: Date.now(),
    shim: { pid: process.pid, startTicks: startTicks + 1, startedMs: Date.now() },
  });
  t.deepEqual(await executor.list(), [{ taskId: id, containerId: id, running: false }]);
  t.false((await executor.runtime(context).inspect()).running);
  // The same pid with its true start time is taken for alive, which proves the guard is the start time.
  // A new executor reads it, as a restarted agent would: a running one keeps the meta.json it read.
  dir.writeMeta({
    version: 1,
    taskId: id,
    labels: {},
    plan,
    createdMs: Date.now(),
    shim: { pid: process.pid, startTicks, startedMs: Date.now() },
  });
  t.true((await newExecutor(stateDir).list())[0]?.running);
  // Forget it before clean-up kills "it", which is this test process.
  dir.writeMeta({ version: 1, taskId: id, labels: {}, plan, createdMs: Date.now() });
});

test("process executor removeOwned kills the process and deletes its directory", async (t) => {
  t.timeout(10_000);
  const stateDir = tempDir();
  const executor = newExecutor(stateDir);
  const context = shellTask("sleep 30");
  const runtime = executor.runtime(context);
  await runtime.prepare(never);
  await runtime.start();
  const pid = (await runtime.inspect()).pid ?? 0;
  await executor.removeOwned(context.task.id ?? "");
  t.deepEqual(await executor.list(), []);
  t.false(existsSync(join(stateDir, "tasks", context.task.id ?? "")));
  t.true(readProcStat(pid) === undefined || readProcStat(pid)?.state === "Z");
});

test("process runtime puts the process in a memory-limited cgroup when root", async (t) => {
  t.timeout(10_000);
  const limit = 64 * 1024 * 1024;
  const runtime = newExecutor().runtime(
    shellTask("sleep 30", { pidsLimit: 50 }, { resources: { limits: { memoryBytes: limit, nanoCpus: 500_000_000 } } }),
  );
  await runtime.prepare(never);
  await runtime.start();
  const status = await runtime.inspect();
  const memoryDir = `/sys/fs/cgroup/memory/swarm-ts/${status.containerId ?? ""}`;
  if (process.getuid?.() === 0 && existsSync("/sys/fs/cgroup/memory")) {
    t.is(readFileSync(join(memoryDir, "memory.limit_in_bytes"), "utf8").trim(), String(limit));
    t.regex(
      readFileSync(`/proc/${status.pid ?? 0}/cgroup`, "utf8"),
      new RegExp(`memory:/swarm-ts/${status.containerId ?? ""}`),
    );
    t.is(
      readFileSync(`/sys/fs/cgroup/cpu/swarm-ts/${status.containerId ?? ""}/cpu.cfs_quota_us`, "utf8").trim(),
      "50000",
    );
    t.is(readFileSync(`/sys/fs/cgroup/pids/swarm-ts/${status.containerId ?? ""}/pids.max`, "utf8").trim(), "50");
  } else {
    t.false(existsSync(memoryDir), "without root no cgroup is made");
  }
  await runtime.remove();
  t.false(existsSync(memoryDir));
});

test("process runtime reports an OOM kill under its memory limit when root", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(
    shellTask(
      "head -c 64000000 /dev/zero | tail -c 64000000 >/dev/null",
      {},
      { resources: { limits: { memoryBytes: 16 << 20 } } },
    ),
  );
  await runtime.prepare(never);
  await runtime.start();
  const result = await runtime.wait(never);
  if (process.getuid?.() === 0 && existsSync("/sys/fs/cgroup/memory")) {
    t.is(result.exitCode, 137);
    t.regex(result.error ?? "", /OOM/);
  } else {
    t.deepEqual(result, { exitCode: 0 });
  }
  await runtime.remove();
});

test("process runtime writes cgroup v2 limits on a unified hierarchy", async (t) => {
  t.timeout(10_000);
  // A directory with cgroup.controllers stands for a v2 mount; the files it gets are what the kernel would read.
  const fakeRoot = tempDir("swarm-cgroup2-");
  writeFileSync(join(fakeRoot, "cgroup.controllers"), "cpu memory pids\n");
  const runtime = newExecutor(tempDir(), fakeRoot).runtime(
    shellTask("sleep 30", {}, { resources: { limits: { memoryBytes: 1 << 26, nanoCpus: 1.5e9 } } }),
  );
  await runtime.prepare(never);
  await runtime.start();
  const status = await runtime.inspect();
  const dir = join(fakeRoot, "swarm-ts", status.containerId ?? "");
  if (process.getuid?.() === 0) {
    t.is(readFileSync(join(dir, "memory.max"), "utf8"), String(1 << 26));
    t.is(readFileSync(join(dir, "cpu.max"), "utf8"), "150000 100000");
    t.is(readFileSync(join(dir, "cgroup.procs"), "utf8"), String(status.pid));
  } else {
    t.false(existsSync(dir));
  }
  await runtime.terminate();
});

test("process executor describes the machine with Docker's names and offers the process runtime only", async (t) => {
  const description = await new ProcessExecutor({ stateDir: tempDir() }).describe();
  t.is(description.platform?.os, "linux");
  t.true(["x86_64", "aarch64"].includes(description.platform?.architecture ?? ""));
  t.true(Number(description.resources?.nanoCpus) >= 1e9);
  t.true(Number(description.resources?.memoryBytes) > 0);
  t.deepEqual(description.engine, {
    engineVersion: "process",
    labels: {},
    plugins: [{ type: "Runtime", name: "process" }],
  });
});
