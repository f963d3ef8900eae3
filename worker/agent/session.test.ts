// Goal: the session survives a leader that answers late and does not make a struggling leader's
// trouble worse: heartbeats answered after their deadline keep the session (a few in a row end it),
// and the reconnect backoff starts over only after a session that lasted, so sessions that a slow
// leader ends one after the other are reopened ever more slowly, not at once. Simulated time and a
// fake connection: the tests replay exactly.
import { EventEmitter } from "node:events";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { FakeClock, type Random } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  type DispatcherConnection,
  type DispatcherStream,
  heartbeatsLateMax,
  Session,
  sessionStableMs,
} from "./session.js";
import { memoryLog } from "./test-support.js";

/** Jitter that always takes the low end: a backoff is exactly half its cap. */
const lowest: Random = { nextFloat: () => 0, nextInt: () => 0 };

class FakeStream<T> extends EventEmitter implements DispatcherStream<T> {
  cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
}

/** A connection the test answers by hand: the session stream and every heartbeat's callback. */
class FakeConnection implements DispatcherConnection {
  readonly sessionStream = new FakeStream<swarm.v1.SessionMessage>();
  readonly heartbeats: ((error: grpc.ServiceError | null, response?: swarm.v1.HeartbeatResponse) => void)[] = [];
  closed = false;
  session(): DispatcherStream<swarm.v1.SessionMessage> {
    return this.sessionStream;
  }
  assignments(): DispatcherStream<swarm.v1.AssignmentsMessage> {
    return new FakeStream<swarm.v1.AssignmentsMessage>();
  }
  heartbeat(
    _request: unknown,
    _metadata: unknown,
    _options: unknown,
    callback: (error: grpc.ServiceError | null, response?: swarm.v1.HeartbeatResponse) => void,
  ): void {
    this.heartbeats.push(callback);
  }
  updateTaskStatus(): void {}
  channel(): null {
    return null;
  }
  close(): void {
    this.closed = true;
  }
  /** The manager gives the session id. */
  open(sessionId: string): void {
    this.sessionStream.emit("data", swarm.v1.SessionMessage.create({ sessionId }));
  }
}

function serviceError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new grpc.Metadata() });
}

/** Lets the session's promises and deferred work run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

function startSession(clock: FakeClock) {
  const connections: FakeConnection[] = [];
  const { log, lines } = memoryLog();
  const closes: string[] = [];
  const session = new Session({
    nodeId: "n1",
    managers: ["m1:4242"],
    credentials: grpc.credentials.createInsecure(),
    describe: () => Promise.resolve({}),
    onOpen: () => undefined,
    onClose: (reason) => closes.push(reason),
    onNode: () => undefined,
    onAssignments: () => undefined,
    reconnectBackoffMsMin: 100,
    reconnectBackoffMsMax: 5_000,
    log,
    clock,
    random: lowest,
    connect: () => {
      const c = new FakeConnection();
      connections.push(c);
      return c;
    },
  });
  session.start();
  const retries = (): number[] =>
    lines.filter((l) => l.event === "session.lost").map((l) => l.fields.retryMs as number);
  return { session, connections, closes, retries };
}

test("a heartbeat answered after its deadline keeps the session; a few in a row end it", async (t) => {
  const clock = new FakeClock();
  const { session, connections, closes } = startSession(clock);
  t.teardown(() => session.stop());
  await settle();
  const c = connections[0]!;
  c.open("s1");
  await settle();
  t.is(c.heartbeats.length, 1);
  const deadline = serviceError(grpc.status.DEADLINE_EXCEEDED, "Deadline exceeded");
  const ok = swarm.v1.HeartbeatResponse.create({ periodNs: 1e9 });

  // Late, then answered: the same session heartbeats on at its period.
  for (let late = 1; late < heartbeatsLateMax; late++) {
    c.heartbeats.at(-1)!(deadline);
    clock.advance(0);
    await settle();
    t.is(c.heartbeats.length, late + 1, "the next heartbeat goes out at once");
  }
  c.heartbeats.at(-1)!(null, ok);
  clock.advance(1_000);
  await settle();
  t.is(c.heartbeats.length, heartbeatsLateMax + 1);
  t.deepEqual(closes, [], "the session stayed open");
  t.is(connections.length, 1);

  // An answer counts the late ones from zero; heartbeatsLateMax late ones in a row end the session.
  for (let late = 1; late <= heartbeatsLateMax; late++) {
    c.heartbeats.at(-1)!(deadline);
    clock.advance(0);
    await settle();
  }
  t.is(closes.length, 1, "given up after heartbeatsLateMax late answers in a row");
  t.true(c.closed);
});

test("the reconnect backoff starts over only after a session that lasted sessionStableMs", async (t) => {
  const clock = new FakeClock();
  const { session, connections, retries } = startSession(clock);
  t.teardown(() => session.stop());
  const invalid = serviceError(grpc.status.FAILED_PRECONDITION, "session s is not valid (expired)");
  // Sessions that open and end at once (a slow leader expiring them) back off further each time.
  for (let i = 0; i < 4; i++) {
    await settle();
    const c = connections[i]!;
    c.open(`s${i}`);
    await settle();
    c.heartbeats.at(-1)!(invalid);
    await settle();
    clock.advance(retries().at(-1)!);
  }
  t.deepEqual(retries(), [50, 100, 200, 400]);
  // One that lasted: the next reconnect is quick again.
  await settle();
  const c = connections[4]!;
  c.open("s4");
  await settle();
  for (let ms = 0; ms < sessionStableMs; ms += 1_000) {
    c.heartbeats.at(-1)!(null, swarm.v1.HeartbeatResponse.create({ periodNs: 1e9 }));
    clock.advance(1_000);
    await settle();
  }
  c.sessionStream.emit("error", serviceError(grpc.status.UNAVAILABLE, "Connection dropped"));
  await settle();
  t.deepEqual(retries(), [50, 100, 200, 400, 50]);
});
