// Goal: every core message kind survives encoding to wire bytes and back unchanged, the kind and
// entry-type mappings are one to one, and what a peer cannot legally send is refused by class.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { makeMessage, type Message, type MessageType } from "../core/index.js";
import {
  entryFromProto,
  entryToProto,
  messageFromProto,
  messageToProto,
  messageTypeFromProto,
  messageTypeToProto,
  snapshotMetaFromProto,
  snapshotMetaToProto,
} from "./codec.js";
import { RaftWireError } from "./errors.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A message as the core builds it: unused fields 0 / empty. */
function message(type: MessageType, fields: Partial<Message> = {}): Message {
  return makeMessage({ type, from: 1, to: 2, term: 7, ...fields });
}

/** Encodes to wire bytes, decodes them, and maps back to the core. */
function roundTrip(m: Message, snapshotData?: Uint8Array): Message {
  const wire = swarm.v1.RaftMessage.encode(messageToProto(m)).finish();
  return messageFromProto(swarm.v1.RaftMessage.decode(wire), snapshotData);
}

const snapshot = {
  meta: { index: 120, term: 6, conf: { voters: [1, 2, 3], learners: [4] } },
  data: bytes("state at 120"),
};

/** One realistic message of every kind the core produces. */
const samples: Record<MessageType, Message> = {
  append: message("append", {
    logIndex: 10,
    logTerm: 6,
    commit: 9,
    entries: [
      { term: 7, index: 11, type: "normal", data: bytes("put a=1") },
      { term: 7, index: 12, type: "conf-change", data: bytes("cc") },
      { term: 7, index: 13, type: "normal", data: new Uint8Array(0) },
    ],
  }),
  "append-response": message("append-response", { index: 10, reject: true, rejectHint: 8, rejectTerm: 5 }),
  vote: message("vote", { logIndex: 42, logTerm: 6, context: bytes("transfer") }),
  "vote-response": message("vote-response", { reject: true }),
  "pre-vote": message("pre-vote", { term: 8, logIndex: 42, logTerm: 6 }),
  "pre-vote-response": message("pre-vote-response", { term: 8 }),
  heartbeat: message("heartbeat", { commit: 41, context: bytes("read-1") }),
  "heartbeat-response": message("heartbeat-response", { context: bytes("read-1") }),
  snapshot: message("snapshot", { snapshot }),
  "snapshot-status": message("snapshot-status", { term: 0, reject: true }),
  "timeout-now": message("timeout-now"),
  "read-index": message("read-index", { context: bytes("req-9") }),
  "read-index-response": message("read-index-response", { index: 2 ** 40, context: bytes("req-9") }),
  propose: message("propose", { term: 0, entries: [{ term: 0, index: 0, type: "normal", data: bytes("x") }] }),
};

for (const [type, m] of Object.entries(samples) as [MessageType, Message][]) {
  test(`codec round-trips a message of kind ${type} through wire bytes`, (t) => {
    const back = type === "snapshot" ? roundTrip(m, snapshot.data) : roundTrip(m);
    t.deepEqual(back, m);
  });
}

test("codec maps message kinds one to one onto the wire enum", (t) => {
  const kinds = Object.keys(samples) as MessageType[];
  const wire = kinds.map(messageTypeToProto);
  t.is(new Set(wire).size, kinds.length);
  const enumValues = Object.values(swarm.v1.RaftMessageType).filter((v): v is number => typeof v === "number");
  t.deepEqual(
    [...wire].sort((a, b) => a - b),
    [...enumValues].sort((a, b) => a - b),
  );
  for (const kind of kinds) t.is(messageTypeFromProto(messageTypeToProto(kind)), kind);
});

test("codec carries rejectTerm in the wire field reject_term", (t) => {
  const wire = swarm.v1.RaftMessage.decode(
    swarm.v1.RaftMessage.encode(messageToProto(samples["append-response"])).finish(),
  );
  t.is(wire.rejectTerm, 5);
  t.is(wire.rejectHint, 8);
});

test("codec maps entry types to ENTRY_TYPE_NORMAL and ENTRY_TYPE_CONF_CHANGE", (t) => {
  const normal = entryToProto({ term: 1, index: 2, type: "normal", data: bytes("a") });
  const change = entryToProto({ term: 1, index: 3, type: "conf-change", data: bytes("b") });
  t.is(normal.type, swarm.v1.EntryType.ENTRY_TYPE_NORMAL);
  t.is(change.type, swarm.v1.EntryType.ENTRY_TYPE_CONF_CHANGE);
  t.is(entryFromProto(change).type, "conf-change");
});

test("codec maps snapshot metadata voters and learners both ways", (t) => {
  const wire = snapshotMetaToProto(snapshot.meta);
  t.deepEqual(wire.voters, [1, 2, 3]);
  t.deepEqual(wire.learners, [4]);
  const decoded = swarm.v1.SnapshotMetadata.decode(swarm.v1.SnapshotMetadata.encode(wire).finish());
  t.deepEqual(snapshotMetaFromProto(decoded), snapshot.meta);
});

test("codec keeps only snapshot metadata on the wire message, not the data", (t) => {
  const big = message("snapshot", { snapshot: { meta: snapshot.meta, data: new Uint8Array(10_000).fill(7) } });
  const encoded = swarm.v1.RaftMessage.encode(messageToProto(big)).finish();
  t.true(encoded.length < 200, `encoded ${encoded.length} bytes`);
  t.is(swarm.v1.RaftMessage.decode(encoded).snapshot.index, 120);
});

test("codec decodes into plain Uint8Array, not Buffer", (t) => {
  const back = roundTrip(samples.append);
  t.is(Object.getPrototypeOf(back.entries[0]!.data), Uint8Array.prototype);
});

test("codec refuses an unknown message kind", (t) => {
  t.throws(() => messageFromProto({ type: 99 as swarm.v1.RaftMessageType, from: 1, to: 2 }), {
    instanceOf: RaftWireError,
  });
});

test("codec refuses an unknown entry type", (t) => {
  const error = t.throws(
    () => messageFromProto({ type: 0, entries: [{ term: 1, index: 1, type: 7 as swarm.v1.EntryType }] }),
    {
      instanceOf: RaftWireError,
    },
  );
  t.is(error.field, "entries.0.type");
});

test("codec refuses a snapshot message without its data or metadata", (t) => {
  const wire = messageToProto(samples.snapshot);
  t.throws(() => messageFromProto(wire), { instanceOf: RaftWireError });
  const { snapshot: _meta, ...noMeta } = wire;
  t.throws(() => messageFromProto(noMeta, bytes("data")), { instanceOf: RaftWireError });
});

test("codec refuses numbers that a double cannot hold exactly", (t) => {
  t.throws(() => messageFromProto({ type: 0, from: 1, to: 2, term: 2 ** 60 }), { instanceOf: RaftWireError });
});
