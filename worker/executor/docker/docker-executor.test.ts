// DockerExecutor against the engine: the node description, finding and removing our containers,
// and the engine probe.
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { labelKeys } from "../executor.js";
import { DockerExecutor } from "./docker-executor.js";
import { engineSocketPath, pingEngine } from "./engine.js";
import { engineTestRun, testDocker } from "./test-tasks.js";
import { testImage } from "./test-engine.js";

const run = engineTestRun(test);
const executor = new DockerExecutor();

test("DockerExecutor describe reports the host, platform, resources and engine", async (t) => {
  const description = await executor.describe();
  const info = (await testDocker.info()) as { NCPU: number; MemTotal: number; ServerVersion: string };
  t.is(executor.kind, "docker");
  t.truthy(description.hostname);
  t.is(description.platform?.os, "linux");
  t.truthy(description.platform?.architecture);
  t.is(description.resources?.nanoCpus, info.NCPU * 1e9);
  t.is(description.resources?.memoryBytes, info.MemTotal);
  t.is(description.engine?.engineVersion, info.ServerVersion);
  t.is(typeof description.engine?.labels, "object");
});

test("DockerExecutor list finds our containers and removeOwned removes them", async (t) => {
  t.timeout(20_000);
  const signal = AbortSignal.timeout(15_000);
  const running = run.context({ command: ["sleep", "30"], init: true });
  const created = run.context({ command: ["true"] });
  await executor.runtime(running).prepare(signal);
  await executor.runtime(running).start();
  await executor.runtime(created).prepare(signal);
  // A container without our labels is not listed.
  const foreign = await testDocker.createContainer({
    Image: testImage,
    Cmd: ["true"],
    Labels: { "io.swarm-ts.test.run": run.id },
  });
  const owned = await executor.list();
  const mine = owned.filter((o) => o.taskId === running.task.id || o.taskId === created.task.id);
  t.deepEqual(
    mine.map((o) => [o.taskId, o.running]).sort(),
    [
      [created.task.id, false],
      [running.task.id, true],
    ].sort(),
  );
  t.false(owned.some((o) => o.containerId === foreign.id));
  for (const o of mine) await executor.removeOwned(o.containerId);
  await executor.removeOwned(mine[0]?.containerId ?? "");
  const left = await testDocker.listContainers({
    all: true,
    filters: { label: [`${labelKeys.taskId}=${running.task.id ?? ""}`] },
  });
  t.is(left.length, 0);
  t.false((await executor.runtime(created).inspect()).exists);
});

test("pingEngine answers true for the engine and false for a socket nobody serves", async (t) => {
  t.true(await pingEngine());
  const started = performance.now();
  t.false(await pingEngine(join(tmpdir(), `no-engine-${run.id}.sock`), 500));
  // Given up at its 500 ms deadline, not hanging (slower only on a loaded machine).
  t.true(performance.now() - started < 5_000);
});

test("engineSocketPath prefers the argument, then a unix DOCKER_HOST, then the default", (t) => {
  const saved = process.env["DOCKER_HOST"];
  try {
    t.is(engineSocketPath("/x.sock"), "/x.sock");
    process.env["DOCKER_HOST"] = "unix:///run/other.sock";
    t.is(engineSocketPath(), "/run/other.sock");
    process.env["DOCKER_HOST"] = "tcp://10.0.0.1:2375";
    t.is(engineSocketPath(), "/var/run/docker.sock");
  } finally {
    if (saved === undefined) delete process.env["DOCKER_HOST"];
    else process.env["DOCKER_HOST"] = saved;
  }
});
