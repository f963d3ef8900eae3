// Goal: on a follower, reads are served locally once a read barrier (a ReadIndex round with the
// leader) has passed, and go to the leader when there is no barrier or it fails, so a client never
// reads older state than it wrote; writes go to the leader at once; on the leader reads are
// served locally; with no known leader (quorum lost) reads are served locally too; a follower
// whose raft storage failed refuses writes itself.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, controlService } from "../../proto/index.js";
import { DiskFullError } from "../../raft/index.js";
import { MemoryStore } from "../store/index.js";
import { createControlApi } from "./control-api.js";

async function serve(
  t: { teardown: (fn: () => void) => void },
  route: () => string | null,
  forwarded: string[],
  writeRefusal?: () => Error | null,
  readBarrier?: () => Promise<void>,
): Promise<ControlClient> {
  const store = new MemoryStore();
  const server = new grpc.Server();
  const api = createControlApi({
    store,
    leaderForReads: route,
    ...(writeRefusal ? { writeRefusal } : {}),
    ...(readBarrier ? { readBarrier } : {}),
    forward: (method, _request, addr) => {
      forwarded.push(`${method}@${addr}`);
      return Promise.resolve({ services: [] });
    },
  });
  server.addService(controlService, api as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  return client;
}

const list = (client: ControlClient): Promise<unknown> =>
  new Promise((resolve, reject) => client.listServices({}, (err, res) => (err ? reject(err) : resolve(res))));

test("a follower forwards reads to the leader", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(t, () => "192.0.2.9:4242", forwarded);
  await list(client);
  t.deepEqual(forwarded, ["listServices@192.0.2.9:4242"]);
});

test("a follower with a read barrier serves reads itself once the barrier has passed", async (t) => {
  const forwarded: string[] = [];
  let barriers = 0;
  const client = await serve(
    t,
    () => "192.0.2.9:4242",
    forwarded,
    undefined,
    () => {
      barriers++;
      return Promise.resolve();
    },
  );
  await list(client);
  t.deepEqual(forwarded, []);
  t.is(barriers, 1);
});

test("a follower whose read barrier fails forwards the read to the leader", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(
    t,
    () => "192.0.2.9:4242",
    forwarded,
    undefined,
    () => Promise.reject(new Error("no read point in time")),
  );
  await list(client);
  t.deepEqual(forwarded, ["listServices@192.0.2.9:4242"]);
});

test("a follower forwards writes, not reads, when it has a read barrier", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(
    t,
    () => "192.0.2.9:4242",
    forwarded,
    undefined,
    () => Promise.resolve(),
  );
  await createSecret(client);
  t.deepEqual(forwarded, ["createSecret@192.0.2.9:4242"]);
});

test("the leader serves reads itself", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(t, () => null, forwarded);
  await list(client);
  t.deepEqual(forwarded, []);
});

test("without a known leader (quorum lost), reads are served from this manager's store, not forwarded", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(t, () => "", forwarded);
  await list(client);
  t.deepEqual(forwarded, []);
});

const createSecret = (client: ControlClient): Promise<unknown> =>
  new Promise((resolve, reject) =>
    client.createSecret({ spec: { annotations: { name: "s" }, data: Buffer.from("x") } }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );

test("a follower forwards writes to the leader without running them first", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(t, () => "192.0.2.9:4242", forwarded);
  await createSecret(client);
  t.deepEqual(forwarded, ["createSecret@192.0.2.9:4242"]);
});

test("a follower whose raft storage failed refuses writes with that error and still forwards reads", async (t) => {
  const forwarded: string[] = [];
  const client = await serve(
    t,
    () => "192.0.2.9:4242",
    forwarded,
    () => new DiskFullError("/state/wal", "wal-0001.log"),
  );
  const error = await t.throwsAsync<grpc.ServiceError>(createSecret(client));
  t.regex(error.details, /disk full/i);
  await list(client);
  t.deepEqual(forwarded, ["listServices@192.0.2.9:4242"]);
});
