// Goal: the cluster's raft settings are carried out, live, on every manager: after `cluster update`
// (sent to a follower) every member runs with the new snapshot interval and ticks and snapshots
// at the new interval, and a restarted manager takes them up again from its own store.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import { ControlClient, type swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { Manager } from "./manager.js";
import { raftSettingsOf } from "./raft-settings.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

test("raftSettingsOf leaves fields at 0 to the member's defaults", (t) => {
  t.deepEqual(raftSettingsOf({}), {});
  t.deepEqual(raftSettingsOf({ snapshotInterval: 500, tickNs: 20e6, electionTick: 0 }), {
    snapshotIntervalEntries: 500,
    tickMs: 20,
  });
});

test("cluster raft settings apply on every manager at once and after a restart", async (t) => {
  t.timeout(120_000);
  const block = await claimLoopbackBlock("raft-settings.test");
  const dir = mkdtempSync(join(tmpdir(), "swarm-raft-settings-"));
  const addrs = new Map<number, string>();
  for (const id of [1, 2, 3]) addrs.set(id, `${block.addr(id)}:${await freePort(block.addr(id))}`);
  const managers = new Map<number, Manager>();
  const start = async (id: number): Promise<Manager> =>
    Manager.start({ id, dir: join(dir, `m${id}`), addr: addrs.get(id)!, bootstrap: addrs, tickMs: 20 });
  for (const id of addrs.keys()) managers.set(id, await start(id));
  const clients: ControlClient[] = [];
  t.teardown(async () => {
    for (const c of clients) c.close();
    for (const m of managers.values()) await m.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    block.release();
  });
  const leader = await waitFor("a leader", () => [...managers.values()].find((m) => m.isLeading));
  await waitFor("the cluster object", () => leader.store.view((tx) => tx.all("cluster")[0]));
  const [followerId, follower] = [...managers].find(([, m]) => m !== leader)!;
  const client = new ControlClient(follower.addr, grpc.credentials.createInsecure());
  clients.push(client);
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));

  const { cluster } = await call<swarm.v1.IGetClusterRequest, swarm.v1.GetClusterResponse>(client.getCluster, {
    clusterId: "default",
  });
  const raft = {
    snapshotInterval: 100,
    logEntriesForSlowFollowers: 10,
    electionTick: 20,
    heartbeatTick: 2,
    tickNs: 25e6,
  };
  await call(client.updateCluster, {
    clusterId: cluster?.id ?? "",
    clusterVersion: cluster?.meta?.version ?? {},
    spec: { ...cluster?.spec, raft },
  });
  const wanted = {
    snapshotIntervalEntries: 100,
    trailingEntries: 10,
    electionTicks: 20,
    heartbeatTicks: 2,
    tickMs: 25,
  };
  const applied = (m: Manager): true | undefined =>
    Object.entries(wanted).every(([k, v]) => m.raft.liveSettings[k as keyof typeof wanted] === v) ? true : undefined;
  for (const m of managers.values()) await waitFor("the new settings on every manager", () => applied(m));

  // 120 writes: every member snapshots at the new interval, not raft's built-in 10,000.
  for (let i = 0; i < 120; i++)
    await leader.store.update((tx) =>
      tx.create("secret", { id: `s${i}`, spec: { annotations: { name: `s${i}` }, data: new Uint8Array([1]) } }),
    );
  for (const m of managers.values())
    await waitFor("a snapshot at the new interval", () => (m.raft.status().snapshotIndex >= 100 ? true : undefined));

  // A restarted manager takes the settings up again from what its own store holds.
  await follower.stop();
  managers.delete(followerId);
  const again = await start(followerId);
  managers.set(followerId, again);
  await waitFor("the settings after a restart", () => applied(again));
  t.pass();
});
