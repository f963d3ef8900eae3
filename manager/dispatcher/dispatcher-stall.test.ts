// Goal: over real gRPC, with the dispatcher's timers on simulated time, a leader that could not run
// for seconds does not mark DOWN the nodes whose heartbeats waited on its sockets meanwhile, a
// status report counts as a sign of life as a heartbeat does, and a node that is really silent is
// still marked DOWN: after the usual three periods on a leader that ran, and within the usual
// expiry plus its bounded credit on one that stalled.
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { FakeClock, nextRealTurn, waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { servedDispatcher } from "../testing/index.js";
import { Dispatcher, missedHeartbeatsMax, stallCreditFactor } from "./dispatcher.js";

const periodMs = 1_000;
const expiryMs = periodMs * missedHeartbeatsMax;
const down = Number(swarm.v1.NodeStatus.State.STATE_DOWN);
const ready = Number(swarm.v1.NodeStatus.State.STATE_READY);

async function setUp(t: ExecutionContext) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const clock = new FakeClock(0);
  const lines: { event: string; fields: Record<string, unknown> }[] = [];
  const dispatcher = new Dispatcher({
    store,
    heartbeatPeriodMs: periodMs,
    clock,
    log: (_level, event, fields) => lines.push({ event, fields }),
  });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const calls: grpc.ClientReadableStream<swarm.v1.SessionMessage>[] = [];
  t.teardown(() => {
    for (const c of calls) c.cancel();
    dispatcher.close();
  });
  /** Opens a node's session; returns its heartbeat and its status report. */
  const open = async (nodeId: string) => {
    const md = new grpc.Metadata();
    md.set("swarm-node-id", nodeId);
    const call = client.session({}, md);
    calls.push(call);
    const messages: swarm.v1.SessionMessage[] = [];
    call.on("data", (m: swarm.v1.SessionMessage) => messages.push(m));
    call.on("error", () => undefined);
    const sessionId = await waitFor(`${nodeId}'s session`, () => messages[0]?.sessionId);
    return {
      heartbeat: () =>
        new Promise<void>((resolve, reject) => client.heartbeat({ sessionId }, md, (e) => (e ? reject(e) : resolve()))),
      report: () =>
        new Promise<void>((resolve, reject) =>
          client.updateTaskStatus({ sessionId, updates: [] }, md, (e) => (e ? reject(e) : resolve())),
        ),
    };
  };
  const state = (id: string): number => Number(store.view((tx) => tx.get("node", id))?.status?.state ?? 0);
  /** Lets the timers' writes and deferred looks settle. */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) {
      while (clock.deferred > 0) await nextRealTurn();
      await nextRealTurn();
    }
  };
  return { clock, open, state, settle, lines };
}

test("dispatcher does not mark DOWN the nodes whose heartbeats waited out the leader's own stall", async (t) => {
  t.timeout(60_000);
  const { clock, open, state, settle, lines } = await setUp(t);
  const alive = await open("alive");
  const reporting = await open("reporting");
  const silent = await open("silent");
  // A second of normal running: every node heartbeats once.
  clock.advance(periodMs);
  await Promise.all([alive.heartbeat(), reporting.heartbeat(), silent.heartbeat()]);
  // The leader cannot run for 5 s (starved of CPU); every expiry comes due meanwhile and fires
  // first when it runs again, before the heartbeats waiting on its sockets are read.
  clock.ms += 5_000;
  const stallEndMs = clock.ms;
  clock.advance(0);
  await settle();
  // Then it reads them: "alive" heartbeats, "reporting" sends a status report.
  await alive.heartbeat();
  await reporting.report();
  await settle();
  t.is(state("alive"), ready);
  t.is(state("reporting"), ready);
  t.is(state("silent"), ready, "a stalled leader blames no node for its own stall at once");
  // From then on the leader runs; "silent" never heartbeats again and is DOWN once its expiry and
  // the credit its stall earned (at most the expiry again) are over: by 2 × 3 periods after its
  // last heartbeat, 1 s in.
  let downAt = -1;
  while (downAt < 0 && clock.ms < 20_000) {
    clock.advance(periodMs / 2);
    await alive.heartbeat();
    await reporting.heartbeat();
    await settle();
    if (state("silent") === down) downAt = clock.ms;
  }
  t.true(downAt > stallEndMs && downAt <= periodMs + expiryMs * (1 + stallCreditFactor), `DOWN at ${downAt} ms`);
  t.is(state("alive"), ready);
  t.is(state("reporting"), ready);
  // The log says why: silent for the expiry plus the credit its stall earned, all of it used.
  const expired = lines.filter((l) => l.event === "dispatcher.session-expired");
  t.is(expired.length, 1);
  t.like(expired[0]!.fields, {
    node: "silent",
    expiryMs,
    stallCreditMs: expiryMs * stallCreditFactor,
    stallCreditMsMax: expiryMs * stallCreditFactor,
  });
  t.is(expired[0]!.fields["silentMs"], downAt - periodMs);
});

test("dispatcher marks a silent node DOWN after three periods on a leader that runs on time", async (t) => {
  t.timeout(60_000);
  const { clock, open, state, settle, lines } = await setUp(t);
  const alive = await open("alive");
  const silent = await open("silent");
  await silent.heartbeat();
  for (let i = 0; i < missedHeartbeatsMax - 1; i++) {
    clock.advance(periodMs);
    await alive.heartbeat();
    await settle();
  }
  clock.advance(periodMs - 1);
  await settle();
  t.is(state("silent"), ready, "not before three periods");
  clock.advance(1);
  await settle();
  t.is(state("silent"), down, "at three periods");
  t.is(state("alive"), ready);
  const expired = lines.filter((l) => l.event === "dispatcher.session-expired");
  t.like(expired[0]?.fields, { node: "silent", silentMs: expiryMs, stallCreditMs: 0, lateMs: 0 });
});
