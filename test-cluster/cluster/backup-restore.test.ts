// Goal: online backup and restore on real swarmd processes. `swarmctl cluster backup` taken from
// an autolocked cluster while secrets are being created holds a consistent store (everything
// written before it, and the load's secrets without a gap), sealed with the unlock key; `swarmd
// init --restore` founds a new cluster from it holding the same services, secrets, configs,
// networks and node records, and runs the service's tasks again.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { decodeBackup, MemoryStore } from "../../manager/index.js";
import {
  callUnary,
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  controlService,
  swarm,
} from "../../proto/index.js";
import { swarmctl } from "../cli/fixture.js";
import { LocalCluster } from "./local-cluster.js";
import { until } from "./until.js";

const running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);

/** A promise-returning caller of one cluster's Control API. */
function controlOf(target: string): {
  client: ControlClient;
  call: <M extends ControlMethod>(method: M, req: ControlRequest<M>) => Promise<ControlResponse<M>>;
} {
  const client = new ControlClient(target, grpc.credentials.createInsecure());
  return { client, call: (method, req) => callUnary(client, controlService, method, req) };
}

/** Ids and specs of the objects operators create, by kind, sorted: what a restore must bring back. */
async function operatorObjects(
  call: <M extends ControlMethod>(method: M, req: ControlRequest<M>) => Promise<ControlResponse<M>>,
): Promise<unknown> {
  const services = (await call("listServices", {})).services;
  const secrets = (await call("listSecrets", {})).secrets;
  const configs = (await call("listConfigs", {})).configs;
  const networks = (await call("listNetworks", {})).networks;
  const pick = (objects: { id?: string | null; spec?: unknown }[]) =>
    objects.map((o) => JSON.stringify({ id: o.id, spec: o.spec })).sort();
  return { services: pick(services), secrets: pick(secrets), configs: pick(configs), networks: pick(networks) };
}

test("swarmctl cluster backup under load restores with swarmd init --restore to the same store", async (t) => {
  t.timeout(300_000);
  const block = await claimLoopbackBlock("backup-restore-test");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-backup-"));
  const clusters: LocalCluster[] = [];
  const clients: ControlClient[] = [];
  t.teardown(async () => {
    for (const client of clients) client.close();
    for (const cluster of clusters) await cluster.down({ purge: true });
    if (!process.env["KEEP"]) rmSync(baseDir, { recursive: true, force: true });
    block.release();
  });
  const original = await LocalCluster.up({
    baseDir: join(baseDir, "original"),
    managers: 1,
    workers: 1,
    executor: "process",
    block,
    startArgs: (_node, verb) => (verb === "init" ? ["--autolock"] : []),
  });
  clusters.push(original);
  const unlockKey = /SWMKEY-1-[A-Za-z0-9_-]+/.exec(readFileSync(original.nodes[0]!.logFile, "utf8"))?.[0] ?? "";
  t.truthy(unlockKey);
  const { client, call } = controlOf(original.controlTarget);
  clients.push(client);

  const web = (
    await call("createService", {
      spec: {
        annotations: { name: "web", labels: { tier: "front" } },
        task: { container: { image: "process://sleep", args: ["3600"] } },
        replicated: { replicas: 2 },
      },
    })
  ).service;
  await call("createSecret", { spec: { annotations: { name: "db-password" }, data: Buffer.from("s3cret") } });
  await call("createConfig", { spec: { annotations: { name: "app-conf" }, data: Buffer.from("a=1") } });
  await call("createNetwork", { spec: { annotations: { name: "backend" }, driver: "overlay" } });
  await until("web's 2 tasks running", async () =>
    (await call("listTasks", {})).tasks.filter((x) => x.serviceId === web.id && Number(x.status?.state) === running)
      .length === 2
      ? true
      : undefined,
  );
  const before = await operatorObjects(call);

  // Load: secrets created one after another for as long as the backup runs.
  let loading = true;
  let created = 0;
  const load = (async () => {
    while (loading && created < 500) {
      await call("createSecret", { spec: { annotations: { name: `load-${created}` }, data: Buffer.from("x") } });
      created++;
    }
  })();
  await until("the load under way", () => Promise.resolve(created >= 5 ? true : undefined));
  const file = join(baseDir, "swarm.backup");
  const backup = await swarmctl(["cluster", "backup", file], { host: original.controlTarget });
  loading = false;
  await load;
  t.is(backup.code, 0, backup.stderr);
  t.regex(backup.stdout, /raft index \d+ .*encrypted with the unlock key/);

  // The file is sealed: no secret's name is readable, and it opens only with the unlock key.
  const bytes = readFileSync(file);
  t.false(bytes.includes("db-password"));
  const { snapshot, header } = decodeBackup(bytes, Buffer.from(unlockKey.slice("SWMKEY-1-".length), "base64url"));
  const store = new MemoryStore();
  store.restore(snapshot, header.raftIndex);
  const secretNames = new Set(store.view((tx) => tx.all("secret")).map((s) => s.spec?.annotations?.name ?? ""));
  t.true(secretNames.has("db-password"));
  // One raft index: the load's secrets are a prefix, load-0 … load-(k-1), nothing after a gap.
  const loaded = [...secretNames].filter((n) => n.startsWith("load-")).length;
  t.true(loaded >= 5);
  for (let i = 0; i < loaded; i++) t.true(secretNames.has(`load-${i}`), `load-${i} in the backup`);
  t.is(
    store.view((tx) => tx.count("node")),
    2,
  );

  // The whole original cluster goes; a new one is founded from the file on other addresses.
  await original.down({ purge: true });
  clusters.length = 0;
  const restored = await LocalCluster.up({
    baseDir: join(baseDir, "restored"),
    managers: 1,
    workers: 0,
    executor: "process",
    // A block of its own: the first cluster's nodes may still hold theirs.
    startArgs: () => ["--restore", file, "--unlock-key", unlockKey],
  });
  clusters.push(restored);
  const again = controlOf(restored.controlTarget);
  clients.push(again.client);
  const after = (await operatorObjects(again.call)) as { secrets: string[] };
  const expected = before as { secrets: string[] };
  // Every object of before, plus the load's secrets the backup held.
  t.deepEqual(
    { ...after, secrets: after.secrets.filter((s) => !s.includes('"load-')) },
    { ...expected, secrets: expected.secrets },
  );
  t.is(after.secrets.length, expected.secrets.length + loaded);
  // The old nodes' records are back, down; the restoring node is a new, ready manager.
  // The control socket answers while the restore still marks the former nodes down and before
  // the new node's first session: wait for both.
  const down = Number(swarm.v1.NodeStatus.State.STATE_DOWN);
  const nodes = await until("the former nodes down and the restoring node listed", async () => {
    const list = (await again.call("listNodes", {})).nodes;
    return list.length === 3 && list.filter((n) => Number(n.status?.state) === down).length === 2 ? list : undefined;
  });
  t.is(nodes.length, 3);
  // The cluster is the same one (same id and root CA) and still autolocked.
  const cluster = (await again.call("listClusters", {})).clusters[0]!;
  t.is(cluster.id, header.clusterId);
  t.true(cluster.spec?.encryptionConfig?.autoLockManagers === true);
  // The service runs again, on the only node left.
  await until(
    "web's 2 tasks running on the restored cluster",
    async () =>
      (await again.call("listTasks", {})).tasks.filter(
        (x) => x.serviceId === web.id && Number(x.status?.state) === running,
      ).length === 2
        ? true
        : undefined,
    90_000,
  );
});
