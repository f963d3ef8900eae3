// Goal: the cluster object over real gRPC: found by name, updated with its version, tokens rotated
// (old ones replaced, the CA digest kept), settings validated naming the field with the store
// unchanged, and the unlock key shown only through GetUnlockKey.
/* eslint-disable @typescript-eslint/unbound-method -- call() below invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { parseJoinToken } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { ControlClient, controlService } from "../../proto/index.js";
import {
  defaultClusterSpec,
  ensureCluster,
  heartbeatPeriodNsMax,
  nodeCertExpiryNsMax,
  snapshotIntervalEntriesMax,
  taskHistoryLimitMax,
} from "../cluster/index.js";
import { MemoryStore } from "../store/index.js";
import { createControlApi } from "./control-api.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

async function setup(t: { teardown: (fn: () => void) => void }) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await ensureCluster(store, new TextEncoder().encode("ca certificate"));
  const server = new grpc.Server();
  server.addService(controlService, createControlApi({ store }) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  return { store, client, call };
}

test("cluster get, list and update with token rotation", async (t) => {
  const { client, call } = await setup(t);
  const { cluster } = await call(client.getCluster, { clusterId: "default" });
  t.is(cluster?.spec?.annotations?.name, "default");
  const worker = cluster?.joinTokens?.worker ?? "";
  const manager = cluster?.joinTokens?.manager ?? "";
  t.not(worker, manager);
  const listed = await call(client.listClusters, {});
  t.is(listed.clusters.length, 1);

  const spec = { ...defaultClusterSpec(), orchestration: { taskHistoryRetentionLimit: 2 } };
  const updated = await call(client.updateCluster, {
    clusterId: cluster?.id ?? "",
    clusterVersion: cluster?.meta?.version ?? {},
    spec,
    rotation: { workerJoinToken: true },
  });
  t.is(Number(updated.cluster?.spec?.orchestration?.taskHistoryRetentionLimit), 2);
  t.not(updated.cluster?.joinTokens?.worker, worker, "the worker token was rotated");
  t.is(updated.cluster?.joinTokens?.manager, manager, "the manager token was kept");
  t.is(
    parseJoinToken(updated.cluster?.joinTokens?.worker ?? "").digest,
    parseJoinToken(worker).digest,
    "the CA digest is unchanged",
  );

  // The version read before the update is stale now.
  const stale = await t.throwsAsync(
    call(client.updateCluster, { clusterId: "default", clusterVersion: cluster?.meta?.version ?? {}, spec }),
  );
  t.is((stale as grpc.ServiceError).code, grpc.status.FAILED_PRECONDITION);
  t.regex((stale as grpc.ServiceError).details, /out of sequence/);
});

test("cluster update validates every field and changes nothing when refused", async (t) => {
  const { store, client, call } = await setup(t);
  const before = store.view((tx) => tx.all("cluster")[0]!);
  const cases: [swarm.v1.ClusterSpec.$Properties, string][] = [
    [{ ...defaultClusterSpec(), annotations: { name: "other" } }, "spec.annotations.name"],
    [{ ...defaultClusterSpec(), caConfig: { nodeCertExpiryNs: 60e9 } }, "spec.caConfig.nodeCertExpiryNs"],
    [{ ...defaultClusterSpec(), dispatcher: { heartbeatPeriodNs: 1e6 } }, "spec.dispatcher.heartbeatPeriodNs"],
    [
      { ...defaultClusterSpec(), orchestration: { taskHistoryRetentionLimit: -1 } },
      "spec.orchestration.taskHistoryRetentionLimit",
    ],
    [{ ...defaultClusterSpec(), publishedPortRange: { start: 40000, end: 30000 } }, "spec.publishedPortRange"],
    [{ ...defaultClusterSpec(), raft: { heartbeatTick: 5, electionTick: 3 } }, "spec.raft.electionTick"],
    // Every number has an upper bound too: 200 h of heartbeat overflowed the managers' timers and
    // took every node down; a day-long certificate renewal or a huge snapshot interval is no better.
    [{ ...defaultClusterSpec(), dispatcher: { heartbeatPeriodNs: 200 * 3600e9 } }, "spec.dispatcher.heartbeatPeriodNs"],
    [{ ...defaultClusterSpec(), dispatcher: { heartbeatPeriodNs: -1e9 } }, "spec.dispatcher.heartbeatPeriodNs"],
    [
      { ...defaultClusterSpec(), caConfig: { nodeCertExpiryNs: 20 * 365 * 24 * 3600e9 } },
      "spec.caConfig.nodeCertExpiryNs",
    ],
    [
      { ...defaultClusterSpec(), orchestration: { taskHistoryRetentionLimit: 1e9 } },
      "spec.orchestration.taskHistoryRetentionLimit",
    ],
    [{ ...defaultClusterSpec(), raft: { snapshotInterval: 1e12 } }, "spec.raft.snapshotInterval"],
    [{ ...defaultClusterSpec(), raft: { snapshotInterval: 1 } }, "spec.raft.snapshotInterval"],
    [{ ...defaultClusterSpec(), raft: { logEntriesForSlowFollowers: 1e9 } }, "spec.raft.logEntriesForSlowFollowers"],
    [{ ...defaultClusterSpec(), raft: { electionTick: 1_000_000 } }, "spec.raft.electionTick"],
    [{ ...defaultClusterSpec(), raft: { heartbeatTick: 4_000_000_000 } }, "spec.raft.heartbeatTick"],
    [{ ...defaultClusterSpec(), raft: { tickNs: 3600e9 } }, "spec.raft.tickNs"],
    [{ ...defaultClusterSpec(), raft: { tickNs: 10e6, electionTick: 2 } }, "spec.raft.electionTick"],
    [{ ...defaultClusterSpec(), publishedPortRange: { start: 0, end: 100 } }, "spec.publishedPortRange.start"],
    [{ ...defaultClusterSpec(), publishedPortRange: { start: 30000, end: 70000 } }, "spec.publishedPortRange.end"],
  ];
  for (const [spec, field] of cases) {
    const error = await t.throwsAsync<grpc.ServiceError>(
      call(client.updateCluster, { clusterId: "default", clusterVersion: before.meta?.version ?? {}, spec }),
    );
    t.is(error.code, grpc.status.INVALID_ARGUMENT, field);
    t.true(error.details.startsWith(field), error.details);
  }
  t.deepEqual(
    store.view((tx) => tx.all("cluster")[0]),
    before,
  );
});

test("cluster update takes every setting at its bounds", async (t) => {
  const { store, client, call } = await setup(t);
  const spec: swarm.v1.ClusterSpec.$Properties = {
    ...defaultClusterSpec(),
    orchestration: { taskHistoryRetentionLimit: taskHistoryLimitMax },
    dispatcher: { heartbeatPeriodNs: heartbeatPeriodNsMax },
    caConfig: { nodeCertExpiryNs: nodeCertExpiryNsMax },
    raft: { snapshotInterval: snapshotIntervalEntriesMax, heartbeatTick: 1, electionTick: 20, tickNs: 100e6 },
    publishedPortRange: { start: 1, end: 65535 },
  };
  const before = store.view((tx) => tx.all("cluster")[0]!);
  const { cluster } = await call(client.updateCluster, {
    clusterId: "default",
    clusterVersion: before.meta?.version ?? {},
    spec,
  });
  t.is(Number(cluster?.spec?.dispatcher?.heartbeatPeriodNs), heartbeatPeriodNsMax);
  t.is(Number(cluster?.spec?.raft?.snapshotInterval), snapshotIntervalEntriesMax);
});

test("dynamic published ports come from the cluster's range", async (t) => {
  const { store, client, call } = await setup(t);
  const before = store.view((tx) => tx.all("cluster")[0]!);
  await call(client.updateCluster, {
    clusterId: "default",
    clusterVersion: before.meta?.version ?? {},
    spec: { ...defaultClusterSpec(), publishedPortRange: { start: 40000, end: 40001 } },
  });
  const create = (name: string): Promise<swarm.v1.CreateServiceResponse> =>
    call(client.createService, {
      spec: {
        annotations: { name },
        task: { container: { image: "process://sleep" } },
        endpoint: { ports: [{ targetPort: 80 }] },
      },
    });
  t.is((await create("a")).service?.endpoint?.ports[0]?.publishedPort, 40000);
  t.is((await create("b")).service?.endpoint?.ports[0]?.publishedPort, 40001);
  const full = await t.throwsAsync<grpc.ServiceError>(create("c"));
  t.is(full.code, grpc.status.FAILED_PRECONDITION);
  t.regex(full.details, /no free port left in 40000-40001/);
});

test("the unlock key exists only with autolock, is never in the cluster object, and rotates", async (t) => {
  const { client, call } = await setup(t);
  t.is((await call(client.getUnlockKey, {})).unlockKey, "");
  const { cluster } = await call(client.getCluster, { clusterId: "default" });
  const spec = { ...defaultClusterSpec(), encryptionConfig: { autoLockManagers: true } };
  const locked = await call(client.updateCluster, {
    clusterId: "default",
    clusterVersion: cluster?.meta?.version ?? {},
    spec,
  });
  t.is(locked.cluster?.unlockKey?.length ?? 0, 0, "the cluster object does not carry the key");
  const key = (await call(client.getUnlockKey, {})).unlockKey;
  t.regex(key, /^SWMKEY-1-[A-Za-z0-9_-]{43}$/);
  await call(client.updateCluster, {
    clusterId: "default",
    clusterVersion: locked.cluster?.meta?.version ?? {},
    spec,
    rotation: { managerUnlockKey: true },
  });
  t.not((await call(client.getUnlockKey, {})).unlockKey, key);
});
