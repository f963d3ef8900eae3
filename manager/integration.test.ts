// Goal: three managers in one process over real gRPC, with fake workers on real dispatcher
// sessions: a service runs on the workers, a drained node's tasks move, a node that stops
// heartbeating is marked DOWN and its tasks move, and a rolling update cut off by the leader
// stopping is finished by the next leader.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import { ControlClient, swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { defaultClusterSpec } from "./cluster/index.js";
import { Manager } from "./manager.js";
import { FakeWorker } from "./testing/index.js";

const S = swarm.v1.TaskState;
type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

test("drain, node failure and a leader change mid-update, with workers on real sessions", async (t) => {
  t.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-integration-"));
  const addrs = new Map<number, string>();
  const block = await claimLoopbackBlock("manager integration test");
  t.teardown(() => block.release());
  for (const id of [1, 2, 3]) addrs.set(id, `${block.addr(id)}:${await freePort(block.addr(id))}`);
  const managers = new Map<number, Manager>();
  for (const [id, addr] of addrs)
    managers.set(id, await Manager.start({ id, dir: join(dir, `m${id}`), addr, bootstrap: addrs, tickMs: 20 }));
  const live = (): Manager[] => [...managers.values()];
  const workers = ["w1", "w2", "w3"].map((id) => new FakeWorker(id, () => live().map((m) => m.addr)));
  const clients = new Map<string, ControlClient>();
  t.teardown(async () => {
    for (const w of workers) w.silence();
    for (const c of clients.values()) c.close();
    for (const m of live()) await m.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  // Control calls go to any live manager and are retried through elections.
  // UNAVAILABLE (no leader yet, or the asked manager is stopping) moves on to the next manager.
  const call = async <Req, Res>(pick: (c: ControlClient) => Call<Req, Res>, req: Req): Promise<Res> => {
    let attempt = 0;
    const answer = async (): Promise<{ res: Res } | undefined> => {
      const m = live()[attempt++ % live().length]!;
      let client = clients.get(m.addr);
      if (!client) clients.set(m.addr, (client = new ControlClient(m.addr, grpc.credentials.createInsecure())));
      try {
        return {
          res: await new Promise<Res>((resolve, reject) =>
            pick(client).call(client, req, (err, res) => (err ? reject(err) : resolve(res!))),
          ),
        };
      } catch (error) {
        if ((error as grpc.ServiceError).code !== grpc.status.UNAVAILABLE) throw error;
        return undefined;
      }
    };
    return (await waitFor("a manager to answer the control call", answer, { timeoutMs: 20_000, pollMs: 50 })).res;
  };
  await waitFor("a leader", () => live().find((m) => m.isLeading));
  const cluster = await waitFor("the cluster object", () =>
    live()
      .find((m) => m.isLeading)
      ?.store.view((tx) => tx.all("cluster")[0]),
  );
  // A short heartbeat period, so a silent node is DOWN within a second.
  await call((c) => c.updateCluster, {
    clusterId: cluster.id ?? "",
    clusterVersion: cluster.meta?.version ?? {},
    spec: { ...defaultClusterSpec(), dispatcher: { heartbeatPeriodNs: 150e6 } },
  });
  for (const w of workers) w.start();
  const anyStore = (): Manager => live().find((m) => m.isLeading) ?? live()[0]!;
  await waitFor("three ready nodes", () =>
    anyStore()
      .store.view((tx) => tx.all("node"))
      .filter((n) => Number(n.status?.state ?? 0) === Number(swarm.v1.NodeStatus.State.STATE_READY)).length === 3
      ? true
      : undefined,
  );

  const created = await call((c) => c.createService, {
    spec: {
      annotations: { name: "web" },
      task: { container: { image: "v1" } },
      replicated: { replicas: 6 },
      update: { parallelism: 1, delayNs: 300e6, monitorNs: 100e6 },
    },
  });
  const serviceId = created.service.id;
  const liveTasks = (): swarm.v1.Task.$Properties[] =>
    anyStore()
      .store.view((tx) => tx.tasks({ serviceId }))
      .filter(
        (x) =>
          Number(x.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING) &&
          Number(x.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING),
      );
  const on = (node: string): number => liveTasks().filter((x) => x.nodeId === node).length;
  await waitFor("6 running tasks spread over 3 nodes", () =>
    liveTasks().length === 6 && on("w1") === 2 && on("w2") === 2 ? true : undefined,
  );

  // Drain w1: its tasks move to the other nodes.
  const w1 = (await call((c) => c.getNode, { nodeId: "w1" })).node;
  await call((c) => c.updateNode, {
    nodeId: "w1",
    nodeVersion: w1.meta?.version ?? {},
    spec: { ...w1.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
  });
  await waitFor("w1 drained", () => (liveTasks().length === 6 && on("w1") === 0 ? true : undefined));
  t.is(workers[0]!.running.size, 0, "the drained worker was told to stop its tasks");

  // w2 stops heartbeating: DOWN, and its tasks move to w3.
  workers[1]!.silence();
  await waitFor("w2 down", () =>
    Number(anyStore().store.view((tx) => tx.get("node", "w2"))?.status?.state ?? 0) ===
    Number(swarm.v1.NodeStatus.State.STATE_DOWN)
      ? true
      : undefined,
  );
  await waitFor("all tasks on w3", () => (on("w3") === 6 ? true : undefined), { timeoutMs: 20_000 });

  // A rolling update; the leader stops after the first task is replaced; the next leader finishes.
  const service = (await call((c) => c.getService, { serviceId })).service;
  await call((c) => c.updateService, {
    serviceId,
    serviceVersion: service.meta?.version ?? {},
    spec: { ...service.spec, task: { container: { image: "v2" } } },
  });
  const image = (x: swarm.v1.Task.$Properties): string => x.spec?.container?.image ?? "";
  await waitFor("the first task updated", () => (liveTasks().some((x) => image(x) === "v2") ? true : undefined));
  const leader = live().find((m) => m.isLeading)!;
  const leaderId = [...managers].find(([, m]) => m === leader)![0];
  await leader.stop();
  managers.delete(leaderId);
  t.true(liveTasks().filter((x) => image(x) === "v1").length > 0, "the update was cut off before its end");
  await waitFor(
    "the update completed by the new leader",
    () => {
      const s = anyStore().store.view((tx) => tx.get("service", serviceId));
      return Number(s?.updateStatus?.state ?? 0) === Number(swarm.v1.UpdateStatus.State.UPDATE_STATE_COMPLETED)
        ? true
        : undefined;
    },
    { timeoutMs: 30_000 },
  );
  await waitFor("six v2 tasks running", () =>
    liveTasks().length === 6 && liveTasks().every((x) => image(x) === "v2") ? true : undefined,
  );
  t.is(liveTasks().length, 6);
});
