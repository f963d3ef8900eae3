// Goal (scenario 2): the worker running redis (a redis-server service, process executor, as in
// examples/counter) crashes like a machine (kill -9 of swarmd and its tasks); redis is rescheduled
// on the other worker and an ioredis client, retrying as the counter's web tasks do, gets answers
// again. The time from the crash to the first answer is logged.
import test from "ava";
import { Redis } from "ioredis";
import { swarm } from "../../proto/index.js";
import { crashMachine } from "../faults/index.js";
import { controlOf, nodeIdOf, startCluster, until } from "./scenario-kit.js";

/** Reconnect period of the test client. */
const retryMs = 100;

test("redis is rescheduled after its worker crashes and clients get answers again", async (t) => {
  t.timeout(180_000);
  const cluster = await startCluster(t, { managers: 1, workers: 2 });
  const control = controlOf(t, cluster.nodes[0]!);
  await control.drain(await nodeIdOf(cluster.nodes[0]!));
  // Loopback is shared by every node here, so redis binds 127.0.0.1 on a port of its own and is
  // found there wherever it runs, as the task's node address and port would name it on real hosts.
  const port = 20_000 + (process.pid % 20_000);
  const serviceId = await control.createService({
    annotations: { name: "redis" },
    task: {
      container: {
        image: "process://redis-server",
        args: ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
      },
    },
    replicated: { replicas: 1 },
  });
  const redis = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => retryMs,
  });
  redis.on("error", () => undefined);
  t.teardown(() => redis.disconnect());
  const runningOn = async (): Promise<string | undefined> => {
    const task = (await control.tasks(serviceId)).find(
      (x) =>
        Number(x.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING) &&
        Number(x.desiredState) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING),
    );
    return task?.nodeId ?? undefined;
  };
  const first = await until("redis running", runningOn, 60_000);
  await redis.connect().catch(() => undefined);
  await until("redis answering", async () => ((await redis.incr("hits")) >= 1 ? true : undefined), 30_000);

  const ids = await Promise.all(cluster.nodes.map((n) => nodeIdOf(n)));
  const victim = cluster.nodes[ids.indexOf(first)]!;
  const crashedAt = Date.now();
  await crashMachine(cluster, victim);
  await t.throwsAsync(() => redis.incr("hits"));
  const answer = await until(
    "redis answering again",
    async () => await redis.incr("hits").catch(() => undefined),
    60_000,
  );
  const answeredMs = Date.now() - crashedAt;
  // The new task may answer before its RUNNING status has reached the manager.
  const second = await until(
    "the new redis task recorded running",
    async () => {
      const node = await runningOn();
      return node && node !== first ? node : undefined;
    },
    30_000,
  );
  t.log(`redis answered again ${answeredMs} ms after its worker crashed (a fresh, empty redis: hits = ${answer})`);
  t.truthy(second);
  t.not(second, first);
});
