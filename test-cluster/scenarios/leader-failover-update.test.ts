// Goal (scenario 3): the leader manager is killed (kill -9) in the middle of a rolling update of a
// 6-replica service (parallelism 1, delay 1 s) spread over every node, the leader's too; a new leader picks the update up and finishes it:
// the update status says completed and every task runs the new spec.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { crashNode } from "../faults/index.js";
import { controlOf, nodeIdOf, startCluster, until } from "./scenario-kit.js";

const Running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
const Completed = Number(swarm.v1.UpdateStatus.State.UPDATE_STATE_COMPLETED);

test("a new leader finishes a rolling update the killed leader started", async (t) => {
  t.timeout(180_000);
  const cluster = await startCluster(t, { managers: 3, workers: 1 });
  const ids = await Promise.all(cluster.nodes.map((n) => nodeIdOf(n)));
  const first = controlOf(t, cluster.nodes[0]!);
  const leaderId = (await first.nodes()).find((n) => n.managerStatus?.leader)?.id ?? "";
  const leader = cluster.nodes[ids.indexOf(leaderId)]!;
  const survivor = cluster.nodes.find((n) => n.role === "manager" && n !== leader)!;
  const control = controlOf(t, survivor);
  // Tasks run on every node, the leader's own too: the tasks of the dead leader's node (old ones, and
  // new ones placed there just before it died) are replaced once the node is DOWN, and the new
  // leader's update follows those replacements instead of waiting for tasks that will never run.

  const spec = (arg: string): swarm.v1.IServiceSpec => ({
    annotations: { name: "rolling" },
    task: { container: { image: "process://sleep", args: [arg] } },
    replicated: { replicas: 6 },
    update: { parallelism: 1, delayNs: 1_000_000_000, monitorNs: 200_000_000 },
  });
  const serviceId = await control.createService(spec("86400"));
  const tasksOf = async (): Promise<swarm.v1.ITask[]> =>
    (await control.tasks(serviceId)).filter((x) => Number(x.desiredState) <= Running);
  await until(
    "6 running tasks",
    async () => ((await tasksOf()).filter((x) => Number(x.status?.state) === Running).length === 6 ? true : undefined),
    60_000,
  );

  const service = await control.service(serviceId);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
  await control.call<swarm.v1.IUpdateServiceRequest, swarm.v1.UpdateServiceResponse>(control.client.updateService, {
    serviceId,
    ...(service.meta?.version ? { serviceVersion: service.meta.version } : {}),
    spec: spec("86401"),
  });
  const isNew = (x: swarm.v1.ITask): boolean => x.spec?.container?.args?.[0] === "86401";
  const updated = await until(
    "the update under way",
    async () => {
      const count = (await tasksOf()).filter(isNew).length;
      return count >= 2 ? count : undefined;
    },
    60_000,
  );
  const killedAt = Date.now();
  await crashNode(cluster, leader);
  t.log(`killed the leader ${leader.name} with ${updated} of 6 tasks updated`);

  // What the cluster looked like at the last look, for the log when the wait times out.
  let progress = "no answer";
  t.teardown(() => t.log(`last seen: ${progress}`));
  const done = await until(
    "the update completed by a new leader",
    async () => {
      const current = await control.service(serviceId);
      const tasks = await tasksOf();
      progress = `${Date.now() - killedAt} ms: update ${Number(current.updateStatus?.state)}, ${tasks.length} tasks, ${tasks.filter(isNew).length} new, ${tasks.filter((x) => Number(x.status?.state) === Running).length} running`;
      const settled = tasks.length === 6 && tasks.every((x) => isNew(x) && Number(x.status?.state) === Running);
      return Number(current.updateStatus?.state) === Completed && settled ? current : undefined;
    },
    90_000,
  );
  t.log(`update completed ${Date.now() - killedAt} ms after the leader died`);
  t.is(Number(done.updateStatus?.state), Completed);
  // The node list names the new leader alone. The leader flags are written by the new leader after
  // it took office, in transactions of their own: wait for them rather than read them once (the
  // first look may still show the dead leader's flag).
  let leaders: string[] = [];
  const newLeader = await until(
    "the node list to name one leader, not the killed one",
    async () => {
      leaders = (await control.nodes()).filter((n) => n.managerStatus?.leader).map((n) => n.id ?? "");
      return leaders.length === 1 && leaders[0] !== leaderId ? leaders[0] : undefined;
    },
    30_000,
  ).catch((error: unknown) => {
    t.log(`leader flags on ${leaders.join(", ") || "no node"} (the killed leader was ${leaderId})`);
    throw error;
  });
  t.not(newLeader, leaderId);
  t.truthy(newLeader);
});
