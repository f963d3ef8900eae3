// Goal: the Watch API over real gRPC on a real Manager: a service's create, update (with its old
// object) and remove arrive as events in commit order, filters keep other kinds and actions out,
// a watcher resumes after a version it saw, and bad requests are refused naming the field.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError, waitFor } from "../../common/index.js";
import { ControlClient, swarm, WatchClient, watchService } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Manager } from "../manager.js";
import { MemoryStore } from "../store/index.js";
import { compileEntries, storeObjectOf } from "./watch-filter.js";
import { WatchService } from "./watch-service.js";

const A = swarm.v1.WatchAction;
const insecure = grpc.credentials.createInsecure();

/** Collects a watch stream's messages; `ready` resolves with the first (empty) message's version. */
function watch(
  client: WatchClient,
  request: swarm.v1.IWatchRequest,
): {
  messages: swarm.v1.WatchMessage[];
  ready: Promise<number>;
  error: Promise<grpc.ServiceError>;
  call: grpc.ClientReadableStream<swarm.v1.WatchMessage>;
} {
  const call = client.watch(request);
  const messages: swarm.v1.WatchMessage[] = [];
  let first: (version: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (first = resolve));
  call.on("data", (m: swarm.v1.WatchMessage) => {
    if (m.events.length === 0) first(Number(m.version?.index ?? 0));
    else messages.push(m);
  });
  const error = new Promise<grpc.ServiceError>((resolve) => call.on("error", resolve));
  return { messages, ready, error, call };
}

test("Watch streams a service's create, update and remove, filtered, and resumes after a version", async (t) => {
  t.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-watch-"));
  const addr = `127.0.0.1:${await freePort("127.0.0.1")}`;
  const manager = await Manager.start({
    id: 1,
    dir: join(dir, "m1"),
    addr,
    bootstrap: new Map([[1, addr]]),
    tickMs: 20,
  });
  const control = new ControlClient(addr, insecure);
  const client = new WatchClient(addr, insecure);
  t.teardown(async () => {
    control.close();
    client.close();
    await manager.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await waitFor("the leader", () => (manager.isLeading ? true : undefined));
  const call = <Req, Res>(
    fn: (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
    req: Req,
  ): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(control, req, (err, res) => (err ? reject(err) : resolve(res!))));

  const services = watch(client, { entries: [{ kind: "service" }], includeOldObject: true });
  // Only removals of services named "web": the create and update are filtered out.
  const removals = watch(client, {
    entries: [{ kind: "service", action: A.WATCH_ACTION_REMOVE, selector: { name: "web" } }],
  });
  const start = await services.ready;
  await removals.ready;

  const created = await call(control.createService, {
    spec: {
      annotations: { name: "web", labels: { tier: "front" } },
      task: { container: { image: "busybox" } },
      replicated: { replicas: 0 },
    },
  });
  const serviceId = created.service.id;
  await call(control.updateService, {
    serviceId,
    serviceVersion: created.service.meta?.version ?? {},
    spec: {
      ...created.service.spec,
      replicated: { replicas: 0 },
      annotations: { name: "web", labels: { tier: "back" } },
    },
  });
  await call(control.removeService, { serviceId });
  await waitFor("three service events", () => (services.messages.length === 3 ? true : undefined));
  const events = services.messages.map((m) => m.events[0]!);
  t.deepEqual(
    events.map((e) => Number(e.action)),
    [A.WATCH_ACTION_CREATE, A.WATCH_ACTION_UPDATE, A.WATCH_ACTION_REMOVE],
  );
  t.true(
    services.messages.every((m) => m.events.length === 1 && m.events[0]!.object?.service?.id === serviceId),
    "tasks, nodes and the cluster are filtered out",
  );
  t.is(events[1]!.object?.service?.spec?.annotations?.labels?.tier, "back");
  t.is(events[1]!.oldObject?.service?.spec?.annotations?.labels?.tier, "front");
  const versions = services.messages.map((m) => Number(m.version?.index ?? 0));
  t.true(
    versions[0]! > start && versions[0]! < versions[1]! && versions[1]! < versions[2]!,
    "versions grow in commit order",
  );

  await waitFor("the removal", () => (removals.messages.length === 1 ? true : undefined));
  t.is(Number(removals.messages[0]!.events[0]!.action), Number(A.WATCH_ACTION_REMOVE));

  // A watcher that saw the create resumes after it: the update and the removal are replayed.
  const resumed = watch(client, { entries: [{ kind: "service" }], resumeFrom: { index: versions[0]! } });
  await waitFor("the replayed events", () => (resumed.messages.length === 2 ? true : undefined));
  t.deepEqual(
    resumed.messages.map((m) => Number(m.version?.index ?? 0)),
    versions.slice(1),
  );

  // Bad requests name the field.
  const badKind = watch(client, { entries: [{ kind: "widget" }] });
  t.deepEqual((await badKind.error).metadata.get("swarm-error-field"), ["entries[0].kind"]);
  const taskField = watch(client, { entries: [{ kind: "service", selector: { nodeId: "n1" } }] });
  t.deepEqual((await taskField.error).metadata.get("swarm-error-field"), ["entries[0].selector.nodeId"]);
  services.call.cancel();
  removals.call.cancel();
  resumed.call.cancel();
});

test("watch entries validate actions and match by label; objects are shown without secret data or keys", (t) => {
  t.throws(() => compileEntries([{ kind: "node", action: 8 }]), {
    instanceOf: InvalidArgumentError,
    message: /entries\[0\]\.action/,
  });
  const wants = compileEntries([{ kind: "service", selector: { labels: { tier: "" } } }]);
  const service = (labels: Record<string, string>): swarm.v1.Service.$Properties => ({
    id: "s1",
    spec: { annotations: { name: "web", labels } },
  });
  t.true(wants({ action: "create", kind: "service", object: service({ tier: "any" }), old: null }));
  t.false(wants({ action: "create", kind: "service", object: service({}), old: null }));
  t.true(
    wants({ action: "update", kind: "service", object: service({}), old: service({ tier: "x" }) }),
    "an object leaving the selection is seen",
  );
  t.deepEqual(
    storeObjectOf("secret", { id: "x", spec: { annotations: { name: "pw" }, data: Buffer.from("hunter2") } }).secret
      ?.spec?.data,
    new Uint8Array(0),
  );
  const cluster = storeObjectOf("cluster", {
    id: "c",
    rootCaKeyPem: Buffer.from("key"),
    unlockKey: Buffer.from("u"),
    rootCaCertPem: Buffer.from("cert"),
  }).cluster;
  t.is(cluster?.rootCaKeyPem, undefined);
  t.is(cluster?.unlockKey, undefined);
  t.deepEqual(cluster?.rootCaCertPem, Buffer.from("cert"));
});

/** A Watch server over a bare store that applies its own proposals, standing in for a manager's. */
async function bareWatchServer(
  t: ExecutionContext,
  options: { historyEventsMax?: number } = {},
): Promise<{ store: MemoryStore; client: WatchClient; nextIndex: { value: number } }> {
  const store = new MemoryStore();
  const nextIndex = { value: 1 };
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, nextIndex.value++)) });
  const service = new WatchService({ store, ...options });
  const server = new grpc.Server();
  server.addService(watchService, service.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  const client = new WatchClient(`127.0.0.1:${port}`, insecure);
  t.teardown(() => {
    client.close();
    service.close();
    server.forceShutdown();
  });
  return { store, client, nextIndex };
}

const secret = (id: string): swarm.v1.Secret.$Properties => ({
  id,
  spec: { annotations: { name: id }, data: new Uint8Array([1]) },
});

test("a snapshot install ends every watch stream and resets what can be resumed", async (t) => {
  t.timeout(30_000);
  const { store, client, nextIndex } = await bareWatchServer(t);

  const watcher = watch(client, { entries: [{ kind: "secret" }] });
  await watcher.ready;
  await store.update((tx) => tx.create("secret", secret("s1")));
  await waitFor("the create", () => (watcher.messages.length === 1 ? true : undefined));

  // A leader's snapshot far ahead replaces the store: nothing joins the old version to the new one.
  const leader = new MemoryStore();
  let leaderIndex = 0;
  leader.setProposer({ propose: (data) => Promise.resolve(leader.apply(data, (leaderIndex += 10))) });
  await leader.update((tx) => tx.create("secret", secret("s2")));
  await leader.update((tx) => tx.create("secret", secret("s3")));
  store.restore(leader.snapshot(), leader.version);
  t.is(store.version, 20);
  const ended = await watcher.error;
  t.is(ended.code, grpc.status.FAILED_PRECONDITION);
  t.regex(ended.details, /snapshot at version 20/);

  // Resuming from before the jump is refused; from the jump on, events flow again.
  const stale = watch(client, { entries: [{ kind: "secret" }], resumeFrom: { index: 1 } });
  t.is((await stale.error).code, grpc.status.FAILED_PRECONDITION);
  const again = watch(client, { entries: [{ kind: "secret" }], resumeFrom: { index: 20 } });
  t.is(await again.ready, 20);
  nextIndex.value = 21;
  await store.update((tx) => tx.create("secret", secret("s4")));
  await waitFor("the next create", () => (again.messages.length === 1 ? true : undefined));
  t.is(again.messages[0]!.events[0]!.object?.secret?.id, "s4");
  again.call.cancel();
});

test("history is bounded in events: a watcher resumes within the newest commits that hold them, not before", async (t) => {
  t.timeout(30_000);
  const { store, client } = await bareWatchServer(t, { historyEventsMax: 4 });
  // Commits of 1, 2, 2 and 1 events (versions 1–4): the newest that hold at most 4 events are 3 and 4.
  await store.update((tx) => tx.create("secret", secret("a1")));
  await store.update((tx) => (tx.create("secret", secret("b1")), tx.create("secret", secret("b2"))));
  await store.update((tx) => (tx.create("secret", secret("c1")), tx.create("secret", secret("c2"))));
  await store.update((tx) => tx.create("secret", secret("d1")));
  t.is(store.version, 4);

  const gone = watch(client, { entries: [{ kind: "secret" }], resumeFrom: { index: 1 } });
  const refused = await gone.error;
  t.is(refused.code, grpc.status.FAILED_PRECONDITION);
  t.regex(refused.details, /keeps commits after version 2 only/);

  const resumed = watch(client, { entries: [{ kind: "secret" }], resumeFrom: { index: 2 } });
  await waitFor("the replayed commits", () => (resumed.messages.length === 2 ? true : undefined));
  t.deepEqual(
    resumed.messages.map((m) => m.events.map((e) => e.object?.secret?.id)),
    [["c1", "c2"], ["d1"]],
  );
  resumed.call.cancel();

  // A commit larger than the bound is still kept whole, alone.
  await store.update((tx) => ["e1", "e2", "e3", "e4", "e5"].forEach((id) => tx.create("secret", secret(id))));
  const big = watch(client, { entries: [{ kind: "secret" }], resumeFrom: { index: 4 } });
  await waitFor("the large commit", () => (big.messages.length === 1 ? true : undefined));
  t.is(big.messages[0]!.events.length, 5);
  big.call.cancel();
});
