// Goal: a follower asked for a worker session while no leader is known holds the call until one
// is, then sends the worker to it (or serves it, when it has become the leader itself), so workers
// of a dead leader find the new one as soon as it is elected; other calls are refused at once.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { waitFor } from "../common/index.js";
import { Dispatcher } from "./dispatcher/index.js";
import type { swarm } from "../proto/index.js";
import { DispatcherClient, dispatcherService } from "../proto/index.js";
import { MemoryStore } from "./store/index.js";
import { leaderOnly } from "./manager.js";

test("leader-only dispatcher holds a session while no leader is known, then names or becomes the leader", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs: 1_000 });
  let leading = false;
  let leader = "";
  let elected: () => void = () => undefined;
  // Counts the sessions the wrapper chose to hold: the positive sign that it neither refused nor served one.
  let held = 0;
  const awaitLeader = (): Promise<void> => {
    held++;
    return new Promise((resolve) => (elected = resolve));
  };
  const server = new grpc.Server();
  server.addService(
    dispatcherService,
    leaderOnly(
      dispatcher.handlers(),
      () => leading,
      () => leader,
      awaitLeader,
    ),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new DispatcherClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    dispatcher.close();
    server.forceShutdown();
  });
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const open = () => {
    const call = client.session({}, md);
    const outcome: { error?: grpc.ServiceError; sessionId?: string } = {};
    call.on("data", (m: swarm.v1.SessionMessage) => (outcome.sessionId ||= m.sessionId));
    call.on("error", (e: grpc.ServiceError) => (outcome.error = e));
    t.teardown(() => call.cancel());
    return outcome;
  };
  // Unary calls are refused at once, as before.
  const heartbeat = await new Promise<grpc.ServiceError | null>((resolve) =>
    client.heartbeat({ sessionId: "s" }, md, (e) => resolve(e)),
  );
  t.is(heartbeat?.code, grpc.status.UNAVAILABLE);

  // No leader known: the session is held, then sent to the leader once one is elected elsewhere.
  const first = open();
  await waitFor("the first session held", () => (held === 1 ? true : undefined));
  t.deepEqual(first, {}, "held while no leader is known");
  leader = "127.0.0.9:4242";
  elected();
  const refused = await waitFor("the refusal", () => first.error);
  t.is(refused.code, grpc.status.UNAVAILABLE);
  t.regex(refused.details, /the leader is at 127\.0\.0\.9:4242/);

  // No leader known again: this manager wins the election and serves the held session itself.
  leader = "";
  const second = open();
  await waitFor("the second session held", () => (held === 2 ? true : undefined));
  t.deepEqual(second, {}, "held while no leader is known");
  leading = true;
  elected();
  t.truthy(await waitFor("the session id", () => second.sessionId));
});
