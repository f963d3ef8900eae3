// Goal: GrpcTransport over real gRPC on loopback: batches arrive in send order between members, a
// Ready's messages travel as one batch on one long-lived stream, a peer that goes down costs
// bounded memory and is reached again after it comes back, snapshots stream in chunks and are
// checked end to end, and close() leaves nothing that keeps the process alive.
import { spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { RaftClient, type RaftServer, raftService, type swarm } from "../../proto/index.js";
import { makeMessage, type Message, type MessageType, type RaftId, type Snapshot } from "../core/index.js";
import { TransportClosedError, TransportListenError } from "./errors.js";
import { GrpcTransport, type GrpcTransportOptions } from "./grpc-transport.js";
import { reconnectBackoffMsMax, reconnectBackoffMsMin } from "./grpc-options.js";
import { snapshotChunkBytes, snapshotChunks } from "./snapshot-chunks.js";
import { type Cancel, type Clock, realClock, waitFor } from "../../common/index.js";

const credentials = { server: grpc.ServerCredentials.createInsecure(), channel: grpc.credentials.createInsecure() };

function message(type: MessageType, from: RaftId, to: RaftId, index: number): Message {
  const entries =
    type === "append"
      ? [{ term: 3, index: index + 1, type: "normal" as const, data: new TextEncoder().encode(`e${index}`) }]
      : [];
  return makeMessage({ type, from, to, term: 3, logIndex: index, logTerm: 2, entries, index });
}

function snapshotMessage(from: RaftId, to: RaftId, bytes: number): Message {
  const data = Uint8Array.from({ length: bytes }, (_, i) => (i * 31 + (i >>> 11)) & 0xff);
  const snapshot: Snapshot = { meta: { index: 1_000, term: 3, conf: { voters: [1, 2, 3], learners: [4] } }, data };
  return { ...message("snapshot", from, to, 0), logIndex: 0, logTerm: 0, snapshot };
}

/** A listening transport that records what it receives. */
interface Member {
  readonly transport: GrpcTransport;
  readonly addr: string;
  readonly inbox: Message[];
  readonly unreachable: RaftId[];
}

async function member(id: RaftId, options: Partial<GrpcTransportOptions> = {}, addr = "127.0.0.1:0"): Promise<Member> {
  const inbox: Message[] = [];
  const unreachable: RaftId[] = [];
  const transport = new GrpcTransport({
    id,
    credentials,
    onMessage: (m) => inbox.push(m),
    onUnreachable: (peer) => unreachable.push(peer),
    ...options,
  });
  return { transport, addr: await transport.listen(addr), inbox, unreachable };
}

/** Waits (the shared waitFor, 10 s, a probe every 5 ms) until `done` holds. */
function waitUntil(what: string, done: () => boolean): Promise<true> {
  return waitFor(what, () => (done() ? true : undefined), { timeoutMs: 10_000, pollMs: 5 });
}

/** A bare Raft server that records the raw batches, streams and snapshot chunks it receives. */
async function recordingServer(): Promise<{
  addr: string;
  batches: number[][];
  streams: () => number;
  chunks: swarm.v1.SnapshotChunk[];
  close: () => void;
}> {
  const batches: number[][] = [];
  const chunks: swarm.v1.SnapshotChunk[] = [];
  let streams = 0;
  const handlers: Partial<RaftServer> = {
    processRaftMessage: (call, callback) => {
      streams++;
      call.on("data", (batch: swarm.v1.RaftMessageBatch) => batches.push(batch.messages.map((m) => m.index)));
      call.on("end", () => callback(null, {}));
      call.on("error", () => undefined);
    },
    streamSnapshot: (call, callback) => {
      call.on("data", (chunk: swarm.v1.SnapshotChunk) => {
        chunks.push(chunk);
        if (chunk.last) callback(null, { applied: true, message: "" });
      });
      call.on("error", () => undefined);
    },
  };
  const server = new grpc.Server();
  server.addService(raftService, handlers as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials.server, (error, p) => (error ? reject(error) : resolve(p))),
  );
  return { addr: `127.0.0.1:${port}`, batches, streams: () => streams, chunks, close: () => server.forceShutdown() };
}

test("transport delivers messages between three members in send order", async (t) => {
  t.timeout(20_000);
  const members = await Promise.all([1, 2, 3].map((id) => member(id)));
  t.teardown(() => Promise.all(members.map((m) => m.transport.close())));
  for (const a of members) for (const [i, b] of members.entries()) a.transport.addPeer(i + 1, b.addr);
  const perPair = 200;
  for (let round = 0; round < perPair; round += 20) {
    for (const [i, a] of members.entries()) {
      const from = i + 1;
      const out: Message[] = [];
      for (let k = round; k < round + 20; k++)
        for (const to of [1, 2, 3].filter((x) => x !== from)) out.push(message("append", from, to, k));
      a.transport.send(out);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await waitUntil("every message", () => members.every((m) => m.inbox.length === 2 * perPair));
  for (const [i, m] of members.entries()) {
    for (const from of [1, 2, 3].filter((x) => x !== i + 1)) {
      const got = m.inbox.filter((x) => x.from === from);
      t.deepEqual(
        got.map((x) => x.index),
        Array.from({ length: perPair }, (_, k) => k),
        `member ${i + 1} from ${from}`,
      );
      t.true(got.every((x) => x.to === i + 1 && x.entries[0]?.index === x.index + 1));
    }
  }
});

test("transport sends one send() call's messages as one batch on one long-lived stream", async (t) => {
  t.timeout(15_000);
  const peer = await recordingServer();
  const a = await member(1);
  t.teardown(async () => {
    await a.transport.close();
    peer.close();
  });
  a.transport.addPeer(2, peer.addr);
  a.transport.send(Array.from({ length: 500 }, (_, k) => message("heartbeat", 1, 2, k)));
  await waitUntil("the first batch", () => peer.batches.length === 1);
  a.transport.send([message("heartbeat", 1, 2, 500), message("heartbeat", 1, 2, 501)]);
  await waitUntil("the second batch", () => peer.batches.length === 2);
  t.deepEqual(
    peer.batches[0],
    Array.from({ length: 500 }, (_, k) => k),
  );
  t.deepEqual(peer.batches[1], [500, 501]);
  t.is(peer.streams(), 1);
  t.is(a.transport.stats().peers.get(2)?.sentMessages, 502);
});

test("transport drops messages to a down peer within its bound and reaches it again when it returns", async (t) => {
  t.timeout(30_000);
  const queueMax = 100;
  const a = await member(1, { peerQueueMessagesMax: queueMax });
  let b = await member(2);
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  a.transport.addPeer(2, b.addr);
  a.transport.send([message("append", 1, 2, 0)]);
  await waitUntil("the first message", () => b.inbox.length === 1);

  await b.transport.close();
  // Keep sending until the broken stream is noticed, as raft would with heartbeats.
  let index = 1;
  await waitUntil("the peer reported unreachable", () => {
    a.transport.send([message("heartbeat", 1, 2, index++)]);
    return a.unreachable.includes(2);
  });
  a.transport.send(Array.from({ length: 10_000 }, (_, k) => message("append", 1, 2, index + k)));
  index += 10_000;
  const down = a.transport.stats().peers.get(2)!;
  t.true(down.queuedMessages <= queueMax, `queued ${down.queuedMessages}`);
  t.true(down.droppedMessages >= 10_000 - queueMax, `dropped ${down.droppedMessages}`);
  t.false(down.connected);

  // The same member comes back on the same address; new messages reach it after the backoff.
  b = await member(2, {}, b.addr);
  const firstAfter = index;
  await waitUntil("a message after the restart", () => {
    a.transport.send([message("heartbeat", 1, 2, index++)]);
    return b.inbox.length > 0;
  });
  const indexes = b.inbox.map((m) => m.index);
  t.true(
    indexes.every((x, i) => x >= firstAfter && (i === 0 || x > indexes[i - 1]!)),
    "only new messages, in order",
  );
  await waitUntil("the stream to be accepted", () => a.transport.stats().peers.get(2)?.connected === true);
});

/** A clock whose timers fire only when the test says so. */
class ManualClock implements Clock {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  private next = 0;
  now = (): number => realClock.now();
  monotonicMs = (): number => realClock.monotonicMs();
  every = (ms: number, fn: () => void): Cancel => realClock.every(ms, fn);
  defer = (fn: () => void): void => realClock.defer(fn);
  sleep = (ms: number, signal?: AbortSignal): Promise<void> => realClock.sleep(ms, signal);
  after(ms: number, callback: () => void): Cancel {
    const handle = ++this.next;
    this.pending.set(handle, { callback, ms });
    return () => this.pending.delete(handle);
  }
  /** Fires every pending timer; returns their delays. */
  fireAll(): number[] {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
    return due.map((timer) => timer.ms);
  }
}

test("transport backs off exponentially up to the maximum while a peer is down, and resets once it is back", async (t) => {
  t.timeout(30_000);
  const clock = new ManualClock();
  const a = await member(1, { clock });
  // Reserve an address, then free it: nothing listens there until the peer "comes back".
  const gone = await member(2);
  await gone.transport.close();
  let b: Member | null = null;
  t.teardown(() => Promise.all([a.transport.close(), b?.transport.close()]));
  a.transport.addPeer(2, gone.addr);
  const waits: number[] = [];
  let index = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    await waitUntil(`failure ${attempt + 1}`, () => {
      a.transport.send([message("heartbeat", 1, 2, index++)]);
      return clock.pending.size > 0;
    });
    waits.push(...clock.fireAll());
  }
  const expected = [1, 2, 4, 8, 16, 32, 64, 128].map((k) => Math.min(reconnectBackoffMsMin * k, reconnectBackoffMsMax));
  t.deepEqual(waits, expected);
  t.is(a.unreachable.length, 8);

  b = await member(2, {}, gone.addr);
  await waitUntil("delivery after the peer is back", () => {
    a.transport.send([message("heartbeat", 1, 2, index++)]);
    clock.fireAll();
    return b.inbox.length > 0 && a.transport.stats().peers.get(2)?.connected === true;
  });
  await b.transport.close();
  await waitUntil("the next failure", () => {
    a.transport.send([message("heartbeat", 1, 2, index++)]);
    return clock.pending.size > 0;
  });
  t.deepEqual(clock.fireAll(), [reconnectBackoffMsMin]);
});

test("transport streams a 3.5 MiB snapshot in chunks that reassemble exactly", async (t) => {
  t.timeout(20_000);
  const stored: Snapshot[] = [];
  const a = await member(1);
  const b = await member(2, { onSnapshot: (snapshot) => void stored.push(snapshot) });
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  a.transport.addPeer(2, b.addr);
  const sent = snapshotMessage(1, 2, 3.5 * 1024 * 1024);
  a.transport.send([sent]);
  await waitUntil("the snapshot and its status", () => b.inbox.length === 1 && a.inbox.length === 1);
  const got = b.inbox[0]!;
  t.is(got.type, "snapshot");
  t.deepEqual(got.snapshot?.meta, sent.snapshot!.meta);
  t.true(Buffer.from(got.snapshot!.data).equals(Buffer.from(sent.snapshot!.data)), "snapshot bytes differ");
  t.deepEqual({ ...got, snapshot: null }, { ...sent, snapshot: null });
  t.is(stored.length, 1);
  t.like(a.inbox[0], { type: "snapshot-status", from: 2, to: 1, reject: false });
  t.is(a.transport.stats().peers.get(2)?.snapshotsSent, 1);
});

test("transport cuts a snapshot into chunks of snapshotChunkBytes with the CRC on the last", async (t) => {
  t.timeout(15_000);
  const peer = await recordingServer();
  const a = await member(1);
  t.teardown(async () => {
    await a.transport.close();
    peer.close();
  });
  a.transport.addPeer(2, peer.addr);
  a.transport.send([snapshotMessage(1, 2, 3.5 * 1024 * 1024)]);
  await waitUntil("the status", () => a.inbox.length === 1);
  t.deepEqual(
    peer.chunks.map((c) => [c.offset, c.data.length, c.last]),
    [
      [0, snapshotChunkBytes, false],
      [snapshotChunkBytes, snapshotChunkBytes, false],
      [2 * snapshotChunkBytes, snapshotChunkBytes, false],
      [3 * snapshotChunkBytes, snapshotChunkBytes / 2, true],
    ],
  );
  t.is(peer.chunks[0]?.metadata?.index, 1_000);
  t.not(peer.chunks[3]?.crc32c, 0);
});

test("transport refuses a snapshot stream with a corrupted chunk", async (t) => {
  t.timeout(15_000);
  const b = await member(2);
  const client = new RaftClient(b.addr, credentials.channel);
  t.teardown(async () => {
    client.close();
    await b.transport.close();
  });
  const chunks = [...snapshotChunks(snapshotMessage(1, 2, 300_000), 100_000)];
  const bad = new Uint8Array(chunks[1]!.data!);
  bad[1234]! ^= 0x40;
  chunks[1] = { ...chunks[1]!, data: bad };
  const ack = await new Promise<swarm.v1.SnapshotAck>((resolve, reject) => {
    const call = client.streamSnapshot((error, response) => (error ? reject(error) : resolve(response!)));
    for (const chunk of chunks) call.write(chunk);
    call.end();
  });
  t.false(ack.applied);
  t.regex(ack.message, /CRC-32C/);
  t.is(b.inbox.length, 0);
  t.is(b.transport.stats().refusedSnapshots, 1);
});

test("transport reports a failed snapshot to the leader's core as a rejecting snapshot-status", async (t) => {
  t.timeout(15_000);
  const a = await member(1);
  const b = await member(2, {
    onSnapshot: () => Promise.reject(new Error("disk full")),
  });
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  a.transport.addPeer(2, b.addr);
  a.transport.send([snapshotMessage(1, 2, 10_000), snapshotMessage(1, 9, 10)]);
  await waitUntil("two statuses", () => a.inbox.length === 2);
  t.deepEqual(a.inbox.map((m) => [m.type, m.from, m.to, m.reject]).sort(), [
    ["snapshot-status", 2, 1, true],
    ["snapshot-status", 9, 1, true],
  ]);
  t.is(b.inbox.length, 0);
  t.is(a.transport.stats().droppedNoPeer, 1);
});

test("transport reports a snapshot refused mid-stream for its size as a rejecting snapshot-status", async (t) => {
  t.timeout(15_000);
  const a = await member(1, { snapshotChunkBytes: 64 * 1024 });
  const b = await member(2, { snapshotBytesMax: 256 * 1024 });
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  a.transport.addPeer(2, b.addr);
  a.transport.send([snapshotMessage(1, 2, 2 * 1024 * 1024)]);
  await waitUntil("the status", () => a.inbox.length === 1);
  t.like(a.inbox[0], { type: "snapshot-status", from: 2, reject: true });
  t.is(b.inbox.length, 0);
  t.is(b.transport.stats().refusedSnapshots, 1);
  t.is(a.transport.stats().peers.get(2)?.snapshotsFailed, 1);
});

test("transport updatePeer moves traffic to the new address", async (t) => {
  t.timeout(15_000);
  const a = await member(1);
  const old = await member(2);
  const moved = await member(2);
  t.teardown(() => Promise.all([a.transport.close(), old.transport.close(), moved.transport.close()]));
  a.transport.addPeer(2, old.addr);
  a.transport.send([message("heartbeat", 1, 2, 1)]);
  await waitUntil("delivery at the old address", () => old.inbox.length === 1);
  a.transport.updatePeer(2, moved.addr);
  a.transport.send([message("heartbeat", 1, 2, 2)]);
  await waitUntil("delivery at the new address", () => moved.inbox.length === 1);
  t.is(moved.inbox[0]?.index, 2);
  t.is(old.inbox.length, 1);
  t.is(a.transport.stats().peers.get(2)?.addr, moved.addr);
});

test("transport removePeer ends a snapshot transfer under way as rejected", async (t) => {
  t.timeout(15_000);
  const a = await member(1);
  let received = false;
  // The follower takes the snapshot but never finishes storing it, so the transfer stays open.
  const b = await member(2, {
    onSnapshot: () => {
      received = true;
      return new Promise<void>(() => undefined);
    },
  });
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  a.transport.addPeer(2, b.addr);
  a.transport.send([snapshotMessage(1, 2, 1_000)]);
  await waitUntil("the snapshot to arrive", () => received);
  t.is(a.inbox.length, 0);
  a.transport.removePeer(2);
  await waitUntil("the status", () => a.inbox.length === 1);
  t.like(a.inbox[0], { type: "snapshot-status", from: 2, reject: true });
  t.false(a.transport.stats().peers.has(2));
});

test("transport refuses received messages addressed to another member", async (t) => {
  t.timeout(15_000);
  const a = await member(1);
  const b = await member(2);
  t.teardown(() => Promise.all([a.transport.close(), b.transport.close()]));
  // Member 1 believes member 3 lives at member 2's address (a stale address book).
  a.transport.addPeer(3, b.addr);
  a.transport.addPeer(2, b.addr);
  a.transport.send([message("heartbeat", 1, 3, 1), message("heartbeat", 1, 2, 2)]);
  await waitUntil("the good message", () => b.inbox.length === 1);
  await waitUntil("the refusal", () => b.transport.stats().refusedMessages === 1);
  t.is(b.inbox[0]?.index, 2);
});

test("transport answers GetMemberStatus from its callback, or UNIMPLEMENTED without one", async (t) => {
  t.timeout(15_000);
  const a = await member(1, { memberStatus: () => ({ raftId: 1, term: 4, leader: 1, commit: 10, applied: 9 }) });
  const b = await member(2);
  const clientA = new RaftClient(a.addr, credentials.channel);
  const clientB = new RaftClient(b.addr, credentials.channel);
  t.teardown(async () => {
    clientA.close();
    clientB.close();
    await Promise.all([a.transport.close(), b.transport.close()]);
  });
  const ask = (client: RaftClient): Promise<swarm.v1.GetMemberStatusResponse> =>
    new Promise((resolve, reject) =>
      client.getMemberStatus({}, (error, response) => (error ? reject(error) : resolve(response!))),
    );
  t.like(await ask(clientA), { raftId: 1, term: 4, leader: 1, commit: 10, applied: 9 });
  const error = await t.throwsAsync(ask(clientB));
  t.is((error as grpc.ServiceError).code, grpc.status.UNIMPLEMENTED);
});

test("transport listen fails with TransportListenError on a bad address and TransportClosedError after close", async (t) => {
  const a = new GrpcTransport({ id: 1, credentials, onMessage: () => undefined });
  await t.throwsAsync(a.listen("256.1.1.1:0"), { instanceOf: TransportListenError });
  await a.close();
  await t.throwsAsync(a.listen("127.0.0.1:0"), { instanceOf: TransportClosedError });
  t.notThrows(() => a.send([message("heartbeat", 1, 2, 1)]));
});

test("transport close leaves no handle open: the process ends by itself", async (t) => {
  t.timeout(30_000);
  const child = spawn(process.execPath, ["--import", "tsx", "raft/transport/test-fixtures/close-exits.ts"], {
    cwd: new URL("../../", import.meta.url),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  t.is(signal, null, "the process had to be killed: something stayed open after close()");
  t.is(code, 0);
  t.deepEqual(JSON.parse(stdout), {
    closed: true,
    seen: ["append-response", "append-response", "snapshot", "snapshot-status"],
    unreachable: true,
  });
});
