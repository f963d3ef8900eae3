// Goal: a manager and a real agent end to end, once with the Docker executor on a real dockerd and
// once with the process executor: a 3-replica service runs 3 labelled containers (processes); one
// killed from outside is replaced; an agent restarted while its tasks run adopts them (no
// duplicate, no restart); scaling to 0 stops them all.
import test, { type ExecutionContext } from "ava";
import { swarm } from "../../proto/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { type ExecutorKind, num, poll, startCluster } from "./e2e-support.js";

const S = swarm.v1.TaskState;

async function scenario(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(120_000);
  const cluster = await startCluster(t, kind);
  const name = `e2e-${kind}-${process.pid}`;
  const nodeId = `node-${kind}-${process.pid}`;
  await cluster.startAgent(nodeId);
  const serviceId = await cluster.createService({
    annotations: { name },
    task: {
      container: {
        image: kind === "docker" ? testImage : "process://sleep",
        ...(kind === "docker" ? { command: ["sleep"], init: true } : {}),
        args: ["86400"],
        stopGracePeriodNs: 2e9,
      },
      restart: { delayNs: 100e6 },
    },
    replicated: { replicas: 3 },
  });
  await poll("3 running tasks", () => (cluster.runningTasks(serviceId).length === 3 ? true : undefined), 60_000);
  await poll("3 instances", async () => ((await cluster.instances(serviceId)).length === 3 ? true : undefined));

  // One instance killed from outside: its task fails and the orchestrator replaces it.
  const victim = (await cluster.instances(serviceId))[0]!;
  await cluster.kill(victim);
  await poll(
    "a failed task",
    () =>
      cluster.tasks(serviceId).some((x) => num(x.status?.state) === Number(S.TASK_STATE_FAILED)) ? true : undefined,
    30_000,
  );
  await poll("3 running tasks again", () => (cluster.runningTasks(serviceId).length === 3 ? true : undefined), 60_000);
  t.false((await cluster.instances(serviceId)).includes(victim));

  // The agent restarts; it adopts its running tasks: same instances, no duplicate, no new task.
  const before = (await cluster.instances(serviceId)).sort();
  const tasksBefore = cluster.tasks(serviceId).length;
  const agent = await cluster.startAgent(nodeId);
  await agent.whenConnected();
  // Adopted means each task's controller looked at its instance and found it running: had it
  // started a new one instead, the instances below would differ.
  const running = (): number =>
    agent.taskIds().filter((id) => num(agent.taskStatus(id)?.state) === Number(S.TASK_STATE_RUNNING)).length;
  await poll("the restarted agent to adopt its 3 tasks", () => (running() === 3 ? true : undefined), 30_000);
  t.deepEqual((await cluster.instances(serviceId)).sort(), before);
  t.is(cluster.tasks(serviceId).length, tasksBefore);
  t.is(cluster.runningTasks(serviceId).length, 3);

  // Scale to 0: every instance stops.
  await cluster.scale(serviceId, 0);
  await poll("no instance", async () => ((await cluster.instances(serviceId)).length === 0 ? true : undefined), 30_000);
  t.deepEqual(await cluster.instances(serviceId), []);
}

test.before(async () => {
  await ensureEngine();
});

test("docker executor: run, replace a killed container, adopt after an agent restart, scale to 0", (t) =>
  scenario(t, "docker"));
test("process executor: run, replace a killed process, adopt after an agent restart, scale to 0", (t) =>
  scenario(t, "process"));
