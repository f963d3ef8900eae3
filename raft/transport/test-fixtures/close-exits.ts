// Run by grpc-transport.test.ts as its own process: two transports exchange messages and a
// snapshot, one also has a peer that is down (so a reconnection backoff is pending), then both
// close. The process must then end by itself; a socket or timer left open would keep it alive.
import * as grpc from "@grpc/grpc-js";
import { makeMessage, type Message } from "../../core/index.js";
import { GrpcTransport } from "../index.js";

const credentials = { server: grpc.ServerCredentials.createInsecure(), channel: grpc.credentials.createInsecure() };

function message(from: number, to: number, index: number): Message {
  return makeMessage({ type: "append-response", from, to, term: 1, index });
}

async function main(): Promise<void> {
  const seen: Message[] = [];
  let unreachable = 0;
  const a = new GrpcTransport({ id: 1, credentials, onMessage: (m) => seen.push(m), onUnreachable: () => unreachable++ });
  const b = new GrpcTransport({ id: 2, credentials, onMessage: (m) => seen.push(m) });
  const addrA = await a.listen("127.0.0.1:0");
  const addrB = await b.listen("127.0.0.1:0");
  // A member that never listens: its stream fails and leaves a backoff timer pending.
  const dead = new GrpcTransport({ id: 3, credentials, onMessage: () => undefined });
  const deadAddr = await dead.listen("127.0.0.1:0");
  await dead.close();
  a.addPeer(2, addrB);
  a.addPeer(3, deadAddr);
  b.addPeer(1, addrA);
  a.send([message(1, 2, 1), message(1, 3, 1)]);
  b.send([message(2, 1, 1)]);
  a.send([{ ...message(1, 2, 0), type: "snapshot", snapshot: { meta: { index: 5, term: 1, conf: { voters: [1, 2], learners: [] } }, data: new Uint8Array(3000) } }]);
  const deadline = Date.now() + 10_000;
  while ((seen.length < 4 || unreachable === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await Promise.all([a.close(), b.close()]);
  process.stdout.write(`${JSON.stringify({ closed: true, seen: seen.map((m) => m.type).sort(), unreachable: unreachable > 0 })}\n`);
}

void main();
