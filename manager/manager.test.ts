// Goal: three managers in one process over real gRPC and real WALs: a write sent to a follower is
// forwarded to the leader, a read sent to the other follower right after sees it, the leader's
// components turn the service into assigned tasks, and when the leader stops, the new leader
// takes over and keeps reconciling.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ControlClient, swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { Manager } from "./manager.js";

const S = swarm.v1.TaskState;

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

test("managers forward writes to the leader, place tasks, and survive the leader stopping", async (t) => {
  t.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-managers-"));
  const addrs = new Map<number, string>();
  const block = await claimLoopbackBlock("manager test");
  t.teardown(() => block.release());
  for (const id of [1, 2, 3]) addrs.set(id, `${block.addr(id)}:${await freePort(block.addr(id))}`);
  const managers = new Map<number, Manager>();
  for (const [id, addr] of addrs)
    managers.set(id, await Manager.start({ id, dir: join(dir, `m${id}`), addr, bootstrap: addrs, tickMs: 20 }));
  const clients: ControlClient[] = [];
  t.teardown(async () => {
    for (const c of clients) c.close();
    for (const m of managers.values()) await m.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const leader = await waitFor("a leader", () => [...managers.values()].find((m) => m.isLeading));
  const follower = [...managers.values()].find((m) => m !== leader)!;
  const client = new ControlClient(follower.addr, grpc.credentials.createInsecure());
  clients.push(client);
  const callOn = <Req, Res>(on: ControlClient, fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(on, req, (err, res) => (err ? reject(err) : resolve(res!))));
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> => callOn(client, fn, req);

  // Nodes come from the dispatcher later; here they are written on the leader directly.
  await leader.store.update((tx) => {
    for (const id of ["w1", "w2"]) {
      tx.create("node", {
        id,
        role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
        spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
        description: {
          hostname: id,
          platform: { os: "linux", architecture: "x86_64" },
          resources: { nanoCpus: 4e9, memoryBytes: 8 * 1024 ** 3 },
        },
        status: { state: swarm.v1.NodeStatus.State.STATE_READY },
      });
    }
  });
  const created = await call(client.createService, {
    spec: { annotations: { name: "web" }, task: { container: { image: "nginx:1.27" } }, replicated: { replicas: 4 } },
  });
  const serviceId = created.service.id;
  // The other follower serves reads itself after a ReadIndex round: it has applied the create by then.
  const other = [...managers.values()].find((m) => m !== leader && m !== follower)!;
  const otherClient = new ControlClient(other.addr, grpc.credentials.createInsecure());
  clients.push(otherClient);
  t.is((await callOn(otherClient, otherClient.getService, { serviceId })).service.spec.annotations.name, "web");
  const assigned = (m: Manager): number =>
    m.store.view((tx) => tx.tasks({ serviceId })).filter((x) => x.status?.state === S.TASK_STATE_ASSIGNED).length;
  await waitFor("4 assigned tasks on the follower's store", () => (assigned(follower) === 4 ? true : undefined));

  // The leader stops; another manager leads and reconciles a scale-up sent to any manager.
  await leader.stop();
  managers.delete([...managers].find(([, m]) => m === leader)![0]);
  const next = await waitFor("a new leader", () => [...managers.values()].find((m) => m.isLeading));
  const service = (await call(client.getService, { serviceId })).service;
  await waitFor("the follower to see its own leader", () => (follower.raft.status().leader ? true : undefined));
  // UNAVAILABLE while the election still settles: ask again; any other error fails the test.
  await waitFor(
    "the scale-up accepted",
    () =>
      call(client.updateService, {
        serviceId,
        serviceVersion: service.meta.version,
        spec: { ...service.spec, replicated: { replicas: 6 } },
      }).then(
        () => true,
        (error: unknown) => {
          if ((error as grpc.ServiceError).code !== grpc.status.UNAVAILABLE) throw error;
          return undefined;
        },
      ),
    { timeoutMs: 20_000, pollMs: 50 },
  );
  await waitFor("6 assigned tasks", () => (assigned(next) === 6 ? true : undefined));
  t.is(assigned(next), 6);
});
