// Goal: 50 hollow workers (real joins with the worker token, real TLS sessions, fake executor)
// join one real swarmd manager, and a 200-replica service converges on them.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { controlOf, nodeIdOf, startCluster, until } from "../scenarios/scenario-kit.js";
import { HollowWorkers } from "./hollow-workers.js";

const hollowCount = 50;
const replicas = 200;

test("50 hollow workers join a manager and run a 200-replica service", async (t) => {
  t.timeout(180_000);
  const cluster = await startCluster(t, { managers: 1, workers: 0, logLevel: "warn" });
  const manager = cluster.nodes[0]!;
  const control = controlOf(t, manager);
  await control.drain(await nodeIdOf(manager));
  const startedAt = Date.now();
  const hollow = await HollowWorkers.start({
    managerAddr: manager.addr,
    token: (await cluster.joinTokens()).worker,
    count: hollowCount,
    baseDir: `${cluster.baseDir}/hollow`,
  });
  t.teardown(() => hollow.stop());
  await cluster.waitReady(hollowCount + 1);
  t.log(`${hollowCount} hollow workers ready in ${Date.now() - startedAt} ms`);

  const createdAt = Date.now();
  const serviceId = await control.createService({
    annotations: { name: "wide" },
    task: { container: { image: "sleep", args: ["86400"] } },
    replicated: { replicas },
  });
  const byNode = await until(
    "every replica running",
    async () => {
      const running = await control.runningByNode(serviceId);
      let count = 0;
      for (const tasks of running.values()) count += tasks.length;
      return count === replicas ? running : undefined;
    },
    120_000,
  );
  t.log(`${replicas} replicas running in ${Date.now() - createdAt} ms`);
  t.is(byNode.size, hollowCount);
  const nodes = await control.nodes();
  t.is(
    nodes.filter((n) => Number(n.status?.state) === Number(swarm.v1.NodeStatus.State.STATE_READY)).length,
    hollowCount + 1,
  );
  t.true(nodes.some((n) => n.description?.hostname === `hollow-${hollowCount}`));
});
