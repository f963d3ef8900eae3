// Goal: a process task gets the bind and tmpfs mounts it asks for, in a mount namespace of its own,
// and the node's mount table never sees them; what it cannot have (a volume, a missing bind source,
// mounts without root) rejects the task with the reason, and nothing starts.
import { mkdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { waitFor } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import { UnsupportedSettingsError } from "../errors.js";
import type { TaskRuntime } from "../executor.js";
import { mountRefusal, thisHost } from "./task-mounts.js";
import { cleanUp, collect, never, newExecutor, shellTask, tempDir } from "./test-support.js";

test.after.always(cleanUp);

const T = swarm.v1.Mount.Type;

/** The task's log lines so far. */
async function lines(runtime: TaskRuntime): Promise<string[]> {
  return (await collect(runtime.logs({ follow: false }, never))).map((l) => l.line);
}

test("process runtime gives a task and its healthcheck a read-only bind and a tmpfs that the node's mount table never shows", async (t) => {
  t.timeout(30_000);
  const base = tempDir("swarm-mounts-");
  const source = join(base, "source");
  const bound = join(base, "bound");
  const scratch = join(base, "scratch");
  for (const dir of [source, bound, scratch]) mkdirSync(dir);
  writeFileSync(join(source, "hello"), "from the node\n");
  const script = [
    `cat ${bound}/hello`,
    `if echo changed 2>/dev/null > ${bound}/hello; then echo bind-writable; else echo bind-read-only; fi`,
    `echo on-tmpfs > ${scratch}/f && cat ${scratch}/f`,
    `grep -c " ${base}/" /proc/self/mountinfo`,
    `grep " ${scratch} " /proc/self/mountinfo | grep -o "size=[0-9a-z]*,mode=[0-7]*"`,
    "echo ready",
    // Keeps running until the test has looked at the node's mount table.
    `while [ ! -e ${base}/done ]; do sleep 0.05; done`,
  ].join("\n");
  const runtime = newExecutor().runtime(
    shellTask(script, {
      mounts: [
        { type: T.TYPE_BIND, source, target: bound, readOnly: true },
        { type: T.TYPE_TMPFS, target: scratch, tmpfsSizeBytes: 2 ** 20, tmpfsMode: 0o750 },
      ],
      // The file is there only through the bind: the check runs in the task's mount namespace.
      healthcheck: { test: ["CMD", "test", "-f", join(bound, "hello")], intervalNs: 50e6, timeoutNs: 5e9, retries: 3 },
    }),
  );
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  await waitFor("the task to print ready", async () => ((await lines(runtime)).includes("ready") ? true : undefined), {
    timeoutMs: 20_000,
    pollMs: 50,
  });
  t.deepEqual(await lines(runtime), [
    "from the node",
    "bind-read-only",
    "on-tmpfs",
    "2",
    "size=1024k,mode=750",
    "ready",
  ]);
  // While the task runs with its mounts, the node's own mount table has none of them.
  t.false(readFileSync("/proc/self/mountinfo", "utf8").includes(base));
  writeFileSync(join(base, "done"), "");
  t.deepEqual(await runtime.wait(never), { exitCode: 0 });
  t.is(readFileSync(join(source, "hello"), "utf8"), "from the node\n");
  t.false(existsSync(join(scratch, "f")));
});

test("process runtime rejects a missing bind source and a volume mount, naming each, and starts nothing", async (t) => {
  const executor = newExecutor();
  const target = tempDir("swarm-mounts-target-");
  const missing = join(target, "no-such-source");
  const context = shellTask("exit 0", {
    mounts: [
      { type: T.TYPE_BIND, source: missing, target },
      { type: T.TYPE_VOLUME, source: "data", target },
    ],
  });
  const error = await t.throwsAsync(executor.runtime(context).prepare(never), { instanceOf: UnsupportedSettingsError });
  t.regex(
    error?.message ?? "",
    new RegExp(`container\\.mounts\\[0\\]: bind source ${missing} does not exist on this node`),
  );
  t.regex(error?.message ?? "", /container\.mounts\[1\]: volume mounts need a Docker Engine/);
  t.deepEqual(await executor.list(), []);
});

test("mountRefusal says that bind and tmpfs mounts need the agent to run as root", (t) => {
  const notRoot = { ...thisHost, uid: 1000 };
  t.regex(
    mountRefusal({ type: T.TYPE_TMPFS, target: "/tmp" }, notRoot) ?? "",
    /^tmpfs mounts need the agent to run as root/,
  );
  t.regex(mountRefusal({ type: T.TYPE_BIND, source: "/", target: "/tmp" }, notRoot) ?? "", /^bind mounts need .* root/);
  const root = { ...thisHost, uid: 0 };
  t.is(mountRefusal({ type: T.TYPE_TMPFS, target: "/tmp" }, root), undefined);
  t.regex(mountRefusal({ type: T.TYPE_TMPFS, target: "/" }, root) ?? "", /would cover the node's whole filesystem/);
  t.regex(
    mountRefusal({ type: T.TYPE_BIND, source: "/tmp", target: "/tmp", bindPropagation: "rshared" }, root) ?? "",
    /rshared is not offered/,
  );
});
