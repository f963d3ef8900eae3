// Goal (scenario 4): a worker cut off from the manager for longer than the heartbeat grace is
// marked down and its tasks are replaced on the other worker; when the partition heals, the
// worker's stale tasks are shut down, so once settled no more tasks run than the service has
// replicas, neither in the store nor as processes on the machine.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { Partitions } from "../faults/index.js";
import { controlOf, nodeIdOf, processesRunning, runningCount, startCluster, until } from "./scenario-kit.js";

const NodeState = swarm.v1.NodeStatus.State;
const replicas = 4;

test("a partitioned worker's tasks are replaced, and shut down when it comes back", async (t) => {
  t.timeout(180_000);
  const cluster = await startCluster(t, { managers: 1, workers: 2 });
  const [manager, worker1] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
  const control = controlOf(t, manager);
  await control.drain(await nodeIdOf(manager));
  const workerId = await nodeIdOf(worker1);
  // A marker unique to this run, so the processes counted are this test's tasks only.
  const argv = ["sleep", String(90_000 + (process.pid % 9_000))];
  const serviceId = await control.createService({
    annotations: { name: "spread" },
    task: { container: { image: `process://${argv[0]!}`, args: [argv[1]!] } },
    replicated: { replicas },
  });
  const before = await until(
    "2 tasks on each worker",
    async () => {
      const byNode = await control.runningByNode(serviceId);
      return runningCount(byNode) === replicas && byNode.get(workerId)?.length === 2 ? byNode : undefined;
    },
    60_000,
  );
  t.is(before.size, 2);
  t.is(await processesRunning(argv), replicas);

  const partitions = new Partitions();
  t.teardown(() => partitions.heal());
  const cutAt = Date.now();
  partitions.cut([worker1], [manager]);
  await until(
    "the worker marked down",
    async () =>
      Number((await control.nodes()).find((n) => n.id === workerId)?.status?.state) === Number(NodeState.STATE_DOWN)
        ? true
        : undefined,
    60_000,
  );
  const downMs = Date.now() - cutAt;
  await until(
    "replacements running on the other worker",
    async () => {
      const tasks = await control.tasks(serviceId);
      const live = tasks.filter(
        (x) =>
          Number(x.desiredState) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING) &&
          x.nodeId !== workerId &&
          Number(x.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING),
      );
      return live.length === replicas ? true : undefined;
    },
    60_000,
  );
  t.log(
    `worker down ${downMs} ms after the cut, ${replicas} replicas running elsewhere ${Date.now() - cutAt} ms after it`,
  );
  // Cut off, the worker keeps its old tasks running: 2 more processes than replicas for now.
  t.is(await processesRunning(argv), replicas + 2);

  partitions.heal();
  const healedAt = Date.now();
  await until(
    "the worker back and its stale tasks stopped",
    async () => {
      const node = (await control.nodes()).find((n) => n.id === workerId);
      const byNode = await control.runningByNode(serviceId);
      const settled =
        Number(node?.status?.state) === Number(NodeState.STATE_READY) &&
        !byNode.has(workerId) &&
        runningCount(byNode) === replicas;
      return settled && (await processesRunning(argv)) === replicas ? true : undefined;
    },
    60_000,
  );
  t.log(`settled ${Date.now() - healedAt} ms after the heal`);
  t.is(runningCount(await control.runningByNode(serviceId)), replicas);
  t.is(await processesRunning(argv), replicas);
});
