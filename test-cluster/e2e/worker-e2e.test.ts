// Goal: a manager and a real agent end to end, once with the Docker executor on a real dockerd and
// once with the process executor: a 3-replica service runs 3 labelled containers (processes); one
// killed from outside is replaced; an agent restarted while its tasks run adopts them (no
// duplicate, no restart); scaling to 0 stops them all.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { waitFor } from "../../common/index.js";
import { Manager } from "../../manager/index.js";
import { ControlClient, swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Agent, DockerExecutor, ensureEngine, type Executor, labelKeys, ProcessExecutor, testImage } from "../../worker/index.js";

const S = swarm.v1.TaskState;
type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

interface Runtime {
  /** Ids (container ids or pids) of the service's running instances. */
  running(serviceName: string): Promise<string[]>;
  /** Kills one instance from outside the agent. */
  kill(id: string): void;
}

const docker = new Docker();
const dockerRuntime: Runtime = {
  running: async (name) => (await docker.listContainers({ filters: { label: [`${labelKeys.serviceName}=${name}`], status: ["running"] } })).map((c) => c.Id),
  kill: (id) => void execFileSync("docker", ["kill", id]),
};
/** Process instances are found by the marker in their command line. */
const processRuntime = (marker: string): Runtime => ({
  running: () => {
    try {
      const out = execFileSync("pgrep", ["-f", `^[^ ]*sleep ${marker}$`], { encoding: "utf8" }).trim();
      return Promise.resolve(out ? out.split("\n") : []);
    } catch {
      return Promise.resolve([]); // pgrep exits 1 when nothing matches
    }
  },
  kill: (pid) => process.kill(Number(pid), "SIGKILL"),
});

async function scenario(t: ExecutionContext, kind: "docker" | "process", ip: string): Promise<void> {
  t.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), `swarm-e2e-${kind}-`));
  const addr = `${ip}:${await freePort(ip)}`;
  const manager = await Manager.start({ id: 1, dir: join(dir, "manager"), addr, bootstrap: new Map([[1, addr]]), tickMs: 20 });
  const client = new ControlClient(addr, grpc.credentials.createInsecure());
  const name = `e2e-${kind}-${process.pid}`;
  const marker = String((kind === "docker" ? 86_400 : 96_400) + (process.pid % 10_000));
  const makeExecutor = (): Executor => (kind === "docker" ? new DockerExecutor() : new ProcessExecutor({ stateDir: join(dir, "executor") }));
  const runtime = kind === "docker" ? dockerRuntime : processRuntime(marker);
  let agent = await Agent.start({ stateDir: join(dir, "agent"), nodeId: `node-${kind}`, managers: [addr], executor: makeExecutor(), statusFlushMs: 20, log: (e, f) => process.env.E2E_LOG && console.error(e, JSON.stringify(f)) });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> => new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  t.teardown(async () => {
    await agent.stop();
    client.close();
    await manager.stop();
    for (const id of await runtime.running(name).catch(() => [])) {
      try {
        runtime.kill(id);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
  await waitFor("the leader", () => (manager.isLeading ? true : undefined));
  const image = kind === "docker" ? testImage : "sleep";
  const created = await call(client.createService, {
    spec: {
      annotations: { name },
      task: { container: { image, ...(kind === "docker" ? { command: ["sleep"], init: true } : {}), args: [marker], stopGracePeriodNs: 2e9 }, restart: { delayNs: 100e6 } },
      replicated: { replicas: 3 },
    },
  });
  const serviceId = created.service.id;
  const runningTasks = (): swarm.v1.Task.$Properties[] =>
    manager.store.view((tx) => tx.tasks({ serviceId })).filter((x) => Number(x.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING) && Number(x.desiredState ?? 0) === Number(S.TASK_STATE_RUNNING));
  await waitFor("3 running tasks", () => (runningTasks().length === 3 ? true : undefined), { timeoutMs: 60_000 });
  for (let i = 0; i < 100 && (await runtime.running(name)).length !== 3; i++) await new Promise((r) => setTimeout(r, 100));
  t.is((await runtime.running(name)).length, 3);

  // One instance killed from outside: its task fails and the orchestrator replaces it.
  const victim = (await runtime.running(name))[0]!;
  runtime.kill(victim);
  await waitFor("a failed task", () => (manager.store.view((tx) => tx.tasks({ serviceId })).some((x) => Number(x.status?.state ?? 0) === Number(S.TASK_STATE_FAILED)) ? true : undefined), { timeoutMs: 30_000 });
  await waitFor("3 running tasks again", () => (runningTasks().length === 3 ? true : undefined), { timeoutMs: 60_000 });
  t.false((await runtime.running(name)).includes(victim));

  // The agent restarts; it adopts its running tasks: same instances, no duplicate, no new task.
  const before = (await runtime.running(name)).sort();
  const tasksBefore = manager.store.view((tx) => tx.tasks({ serviceId })).length;
  await agent.stop();
  agent = await Agent.start({ stateDir: join(dir, "agent"), nodeId: `node-${kind}`, managers: [addr], executor: makeExecutor(), statusFlushMs: 20, log: (e, f) => process.env.E2E_LOG && console.error(e, JSON.stringify(f)) });
  await agent.whenConnected();
  await new Promise((r) => setTimeout(r, 1_500));
  t.deepEqual((await runtime.running(name)).sort(), before);
  t.is(manager.store.view((tx) => tx.tasks({ serviceId })).length, tasksBefore);
  t.is(runningTasks().length, 3);

  // Scale to 0: every instance stops.
  const service = (await call(client.getService, { serviceId })).service;
  await call(client.updateService, { serviceId, serviceVersion: service.meta?.version ?? {}, spec: { ...service.spec, replicated: { replicas: 0 } } });
  for (let i = 0; i < 100 && (await runtime.running(name)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  t.is((await runtime.running(name)).length, 0);
}

test.before(async () => {
  await ensureEngine();
});

test("docker executor: run, replace a killed container, adopt after an agent restart, scale to 0", (t) => scenario(t, "docker", "127.0.0.71"));
test("process executor: run, replace a killed process, adopt after an agent restart, scale to 0", (t) => scenario(t, "process", "127.0.0.72"));
