// Goal: over real gRPC, a node whose session ended is told why on its next call (replaced by its
// newer session, ended with an earlier leadership of this manager, expired), and the time the
// leader's own event loop stood still does not count against a node's heartbeats, while a node
// that really stays silent is still marked DOWN.
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { waitFor } from "../../common/index.js";
import { DispatcherClient, dispatcherService, swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { Dispatcher, SessionEnd } from "./dispatcher.js";

async function served(t: ExecutionContext, heartbeatPeriodMs: number) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs });
  const server = new grpc.Server();
  server.addService(dispatcherService, dispatcher.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new DispatcherClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const streams: grpc.ClientReadableStream<swarm.v1.SessionMessage>[] = [];
  t.teardown(() => {
    for (const s of streams) s.cancel();
    client.close();
    dispatcher.close();
    server.forceShutdown();
  });
  const open = async (): Promise<string> => {
    const stream = client.session({ description: { hostname: "w1" } }, md);
    streams.push(stream);
    stream.on("error", () => undefined);
    let id = "";
    stream.on("data", (m: swarm.v1.SessionMessage) => (id ||= m.sessionId));
    return waitFor("the session id", () => id || undefined);
  };
  /** One heartbeat; resolves with the refusal's details, or "" when accepted. */
  const heartbeat = (sessionId: string): Promise<string> =>
    new Promise((resolve) =>
      client.heartbeat({ sessionId }, md, (error) =>
        resolve(error ? `${error.code === grpc.status.FAILED_PRECONDITION ? "" : "?"}${error.details}` : ""),
      ),
    );
  const state = (): number => Number(store.view((tx) => tx.get("node", "w1"))?.status?.state ?? 0);
  return { dispatcher, open, heartbeat, state };
}

test("dispatcher tells a node its session was replaced or ended with an earlier leadership", async (t) => {
  t.timeout(30_000);
  const { dispatcher, open, heartbeat } = await served(t, 5_000);
  let leading = new AbortController();
  void dispatcher.run(leading.signal);
  const first = await open();
  const second = await open();
  t.regex(await heartbeat(first), new RegExp(`session ${first} is not valid \\(${SessionEnd.replaced}\\)`));
  t.is(await heartbeat(second), "");
  // Leadership ends and comes back to the same manager: a new term, and the node hears it was a leader change.
  leading.abort();
  await waitFor("the sessions ended", () => (dispatcher.sessionCount === 0 ? true : undefined));
  leading = new AbortController();
  void dispatcher.run(leading.signal);
  t.teardown(() => leading.abort());
  t.regex(await heartbeat(second), /a leader change/);
  t.regex(await heartbeat("never-opened"), /unknown to this leader/);
});

test("dispatcher does not count its own stall against a node, and still marks a silent node DOWN", async (t) => {
  t.timeout(30_000);
  // Sessions expire after 3 × 100 ms without a heartbeat.
  const { dispatcher, open, heartbeat, state } = await served(t, 100);
  const leading = new AbortController();
  t.teardown(() => leading.abort());
  void dispatcher.run(leading.signal);
  const id = await open();
  t.is(await heartbeat(id), "");
  // The leader's process runs nothing for a second (this test's process is the leader's): the
  // node's next heartbeat, sent as soon as it can be, finds its session alive.
  const stallUntil = Date.now() + 1_000;
  while (Date.now() < stallUntil);
  t.is(await heartbeat(id), "", "the session survived the leader's stall");
  t.is(state(), Number(swarm.v1.NodeStatus.State.STATE_READY));
  // Now the node stays silent: DOWN after its expiry, and told so when it calls again.
  await waitFor("the node DOWN", () => (state() === Number(swarm.v1.NodeStatus.State.STATE_DOWN) ? true : undefined));
  t.regex(await heartbeat(id), /expired/);
});
