// Goal: the node options Swarm users set when a node starts, on real swarmd processes. A worker
// joined with `--availability drain` gets no tasks from the start; `--label KEY=VALUE` is reported
// as the node's engine labels and places tasks through `engine.labels.KEY` constraints on
// process-executor nodes; a restart with other labels replaces them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { ControlClient, swarm } from "../../proto/index.js";
import { LocalCluster } from "./local-cluster.js";
import { until } from "./until.js";

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;
const Availability = swarm.v1.NodeSpec.Availability;
const running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);

test("swarmd join --availability and --label set the node's availability and engine labels for constraints", async (t) => {
  t.timeout(240_000);
  const block = await claimLoopbackBlock("node-options-test");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-node-options-"));
  let cluster: LocalCluster | null = null;
  t.teardown(async () => {
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  });
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 2,
    executor: "process",
    block,
    startArgs: (node) =>
      node.name === "worker-1"
        ? ["--availability", "drain", "--label", "zone=east", "--label", "disk=ssd"]
        : node.name === "worker-2"
          ? ["--label", "zone=west"]
          : [],
  });
  const client = new ControlClient(cluster.controlTarget, grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  const call = <Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
  const { listNodes, createService, listTasks, removeService } = client;
  const nodes = async () => (await call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(listNodes, {})).nodes;
  // A node's status address is its IP, or its advertise address with the port.
  const idOf = async (ip: string) =>
    (await nodes()).find((n) => n.status?.addr === ip || n.status?.addr?.startsWith(`${ip}:`))?.id ?? "";
  const [, worker1, worker2] = cluster.nodes;
  const drainedId = await idOf(worker1!.ip);
  const westId = await idOf(worker2!.ip);
  t.truthy(drainedId);
  t.truthy(westId);

  const byId = async (id: string) => (await nodes()).find((n) => n.id === id);
  t.is(Number((await byId(drainedId))?.spec?.availability), Number(Availability.AVAILABILITY_DRAIN));
  t.is(Number((await byId(westId))?.spec?.availability), Number(Availability.AVAILABILITY_ACTIVE));
  await until("the workers' engine labels", async () => {
    const east = (await byId(drainedId))?.description?.engine?.labels ?? {};
    const west = (await byId(westId))?.description?.engine?.labels ?? {};
    return east.zone === "east" && east.disk === "ssd" && west.zone === "west" ? true : undefined;
  });

  const tasksOf = async (serviceId: string) =>
    (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(listTasks, {})).tasks.filter(
      (x) => x.serviceId === serviceId,
    );
  const create = async (name: string, replicas: number, constraints: string[]) =>
    (
      await call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(createService, {
        spec: {
          annotations: { name },
          task: { container: { image: "process://sleep", args: ["3600"] }, placement: { constraints } },
          replicated: { replicas },
        },
      })
    ).service?.id ?? "";

  // Four replicas, no constraint: the drained worker gets none of them.
  const spread = await create("spread", 4, []);
  const spreadTasks = await until("4 running tasks of spread", async () => {
    const tasks = (await tasksOf(spread)).filter((x) => Number(x.status?.state) === running);
    return tasks.length === 4 ? tasks : undefined;
  });
  t.false(spreadTasks.some((x) => x.nodeId === drainedId));
  t.true(spreadTasks.some((x) => x.nodeId === westId));

  // An engine-label constraint places every replica on the node that carries the label.
  const west = await create("west-only", 3, ["engine.labels.zone==west"]);
  const westTasks = await until("3 running tasks of west-only", async () => {
    const tasks = (await tasksOf(west)).filter((x) => Number(x.status?.state) === running);
    return tasks.length === 3 ? tasks : undefined;
  });
  t.deepEqual([...new Set(westTasks.map((x) => x.nodeId))], [westId]);

  // The drained node's label matches, but drain wins: the task waits, pending, with the reason.
  const east = await create("east-only", 1, ["engine.labels.zone==east"]);
  const pending = await until("east-only's task pending with the scheduler's reason", async () => {
    const [task] = await tasksOf(east);
    const isPending = Number(task?.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_PENDING);
    return isPending && /no suitable node/.test(task?.status?.message ?? "") ? task : undefined;
  });
  t.is(pending.nodeId ?? "", "");
  t.regex(pending.status?.message ?? "", /not available|availability|drain/i);
  await call(removeService, { serviceId: east });
  await call(removeService, { serviceId: spread });

  // A restart with other labels replaces the kept ones.
  await cluster.stopNode(worker2!);
  await cluster.restartNode(worker2!, ["run", "--label", "zone=north"]);
  await until("worker-2 reports its new labels", async () => {
    const labels = (await byId(westId))?.description?.engine?.labels ?? {};
    return labels.zone === "north" ? true : undefined;
  });
  // The labels are kept in the state directory for restarts without --label.
  const kept = JSON.parse(readFileSync(join(worker2!.stateDir, "node.json"), "utf8")) as {
    engineLabels?: Record<string, string>;
  };
  t.deepEqual(kept.engineLabels, { zone: "north" });
});
