// Goal: over real gRPC, a node whose session ended is told why on its next call (replaced by its
// newer session, ended with an earlier leadership of this manager, unknown). How a leader's own
// stalls stay out of a node's expiry is dispatcher-stall.test.ts's.
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { waitFor } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { servedDispatcher } from "../testing/index.js";
import { Dispatcher, SessionEnd } from "./dispatcher.js";

async function served(t: ExecutionContext, heartbeatPeriodMs: number) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const streams: grpc.ClientReadableStream<swarm.v1.SessionMessage>[] = [];
  t.teardown(() => {
    for (const s of streams) s.cancel();
    dispatcher.close();
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
  return { dispatcher, open, heartbeat };
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
