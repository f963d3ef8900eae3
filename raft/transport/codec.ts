// Pure mapping between the raft core's messages and the wire messages of proto/swarm/v1/raft.proto.
// The wire mirrors the core field for field, so encoding copies; decoding also checks, because a
// peer may run other code: an unknown kind, a number beyond 2^53 or a missing snapshot part is
// refused with RaftWireError rather than handed to the core.
//
// A snapshot message travels in two parts: its metadata in RaftMessage.snapshot, its data over the
// StreamSnapshot call. messageFromProto therefore takes the data separately and refuses a snapshot
// message without it.
import { swarm } from "../../proto/index.js";
import type { Entry, EntryType, Message, MessageType, SnapshotMeta } from "../core/index.js";
import { RaftWireError } from "./errors.js";

const WireType = swarm.v1.RaftMessageType;
const WireEntryType = swarm.v1.EntryType;

/** Core message kind to wire kind; a Record so that a new core kind fails to compile until mapped. */
const toWireType: Readonly<Record<MessageType, swarm.v1.RaftMessageType>> = {
  append: WireType.RAFT_MESSAGE_TYPE_APPEND,
  "append-response": WireType.RAFT_MESSAGE_TYPE_APPEND_RESPONSE,
  vote: WireType.RAFT_MESSAGE_TYPE_VOTE,
  "vote-response": WireType.RAFT_MESSAGE_TYPE_VOTE_RESPONSE,
  "pre-vote": WireType.RAFT_MESSAGE_TYPE_PRE_VOTE,
  "pre-vote-response": WireType.RAFT_MESSAGE_TYPE_PRE_VOTE_RESPONSE,
  heartbeat: WireType.RAFT_MESSAGE_TYPE_HEARTBEAT,
  "heartbeat-response": WireType.RAFT_MESSAGE_TYPE_HEARTBEAT_RESPONSE,
  snapshot: WireType.RAFT_MESSAGE_TYPE_SNAPSHOT,
  "snapshot-status": WireType.RAFT_MESSAGE_TYPE_SNAPSHOT_STATUS,
  "timeout-now": WireType.RAFT_MESSAGE_TYPE_TIMEOUT_NOW,
  "read-index": WireType.RAFT_MESSAGE_TYPE_READ_INDEX,
  "read-index-response": WireType.RAFT_MESSAGE_TYPE_READ_INDEX_RESPONSE,
  propose: WireType.RAFT_MESSAGE_TYPE_PROPOSE,
};

const fromWireType = new Map<number, MessageType>(
  (Object.entries(toWireType) as [MessageType, swarm.v1.RaftMessageType][]).map(([core, wire]) => [wire, core]),
);

const toWireEntryType: Readonly<Record<EntryType, swarm.v1.EntryType>> = {
  normal: WireEntryType.ENTRY_TYPE_NORMAL,
  "conf-change": WireEntryType.ENTRY_TYPE_CONF_CHANGE,
};

const empty = new Uint8Array(0);

/** The wire kind of a core message kind. */
export function messageTypeToProto(type: MessageType): swarm.v1.RaftMessageType {
  return toWireType[type];
}

/** The core kind of a wire message kind; throws RaftWireError for a kind this member does not know. */
export function messageTypeFromProto(type: number | null | undefined, field = "type"): MessageType {
  const core = fromWireType.get(type ?? WireType.RAFT_MESSAGE_TYPE_APPEND);
  if (core === undefined) throw new RaftWireError(field, `unknown message type ${String(type)}`);
  return core;
}

/** The wire form of a log entry. */
export function entryToProto(entry: Entry): swarm.v1.Entry.$Properties {
  return { term: entry.term, index: entry.index, type: toWireEntryType[entry.type], data: entry.data };
}

/** The core form of a wire log entry; throws RaftWireError on an unknown entry type or a bad number. */
export function entryFromProto(entry: swarm.v1.Entry.$Properties, field = "entry"): Entry {
  let type: EntryType;
  switch (entry.type ?? WireEntryType.ENTRY_TYPE_NORMAL) {
    case WireEntryType.ENTRY_TYPE_NORMAL:
      type = "normal";
      break;
    case WireEntryType.ENTRY_TYPE_CONF_CHANGE:
      type = "conf-change";
      break;
    default:
      throw new RaftWireError(`${field}.type`, `unknown entry type ${String(entry.type)}`);
  }
  return {
    term: count(entry.term, `${field}.term`),
    index: count(entry.index, `${field}.index`),
    type,
    data: plainBytes(entry.data),
  };
}

/** The wire form of snapshot metadata (members' details are the application's, not the transport's). */
export function snapshotMetaToProto(meta: SnapshotMeta): swarm.v1.SnapshotMetadata.$Properties {
  return { index: meta.index, term: meta.term, voters: [...meta.conf.voters], learners: [...meta.conf.learners] };
}

/** The core form of wire snapshot metadata; throws RaftWireError on a bad number. */
export function snapshotMetaFromProto(meta: swarm.v1.SnapshotMetadata.$Properties, field = "snapshot"): SnapshotMeta {
  return {
    index: count(meta.index, `${field}.index`),
    term: count(meta.term, `${field}.term`),
    conf: {
      voters: (meta.voters ?? []).map((id, i) => count(id, `${field}.voters.${i}`)),
      learners: (meta.learners ?? []).map((id, i) => count(id, `${field}.learners.${i}`)),
    },
  };
}

/**
 * The wire form of a core message. A snapshot message keeps only its metadata here; its data goes
 * over StreamSnapshot.
 */
export function messageToProto(m: Message): swarm.v1.RaftMessage.$Properties {
  return {
    type: toWireType[m.type],
    from: m.from,
    to: m.to,
    term: m.term,
    logIndex: m.logIndex,
    logTerm: m.logTerm,
    entries: m.entries.map(entryToProto),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    rejectTerm: m.rejectTerm,
    index: m.index,
    context: m.context,
    ...(m.snapshot ? { snapshot: snapshotMetaToProto(m.snapshot.meta) } : {}),
  };
}

/**
 * The core form of a wire message (a decoded swarm.v1.RaftMessage or a plain object of its shape).
 * For a snapshot message, `snapshotData` is the data received over StreamSnapshot; without it, or
 * without metadata, the message is refused. Metadata on any other kind is ignored, as the core
 * ignores `snapshot` there. Throws RaftWireError.
 */
export function messageFromProto(p: swarm.v1.RaftMessage.$Properties, snapshotData?: Uint8Array): Message {
  const type = messageTypeFromProto(p.type);
  let snapshot: Message["snapshot"] = null;
  if (type === "snapshot") {
    if (!p.snapshot) throw new RaftWireError("snapshot", "a snapshot message has no metadata");
    if (snapshotData === undefined)
      throw new RaftWireError("snapshot", "a snapshot message's data travels over StreamSnapshot, not in a batch");
    snapshot = { meta: snapshotMetaFromProto(p.snapshot), data: snapshotData };
  }
  return {
    type,
    from: count(p.from, "from"),
    to: count(p.to, "to"),
    term: count(p.term, "term"),
    logIndex: count(p.logIndex, "logIndex"),
    logTerm: count(p.logTerm, "logTerm"),
    entries: (p.entries ?? []).map((e, i) => entryFromProto(e, `entries.${i}`)),
    commit: count(p.commit, "commit"),
    reject: p.reject ?? false,
    rejectHint: count(p.rejectHint, "rejectHint"),
    rejectTerm: count(p.rejectTerm, "rejectTerm"),
    index: count(p.index, "index"),
    snapshot,
    context: plainBytes(p.context),
  };
}

/**
 * A wire uint64 as a number, checked: protobufjs is configured (proto/protobuf-longs.ts) to decode
 * 64-bit fields as doubles, so a value beyond 2^53 would silently lose precision.
 */
function count(value: number | null | undefined, field: string): number {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RaftWireError(field, `${String(n)} is not a non-negative safe integer`);
  return n;
}

/**
 * Decoded bytes fields are Node Buffers viewing the received frame; the core's vocabulary is
 * Uint8Array, so hand it a plain view of the same memory (no copy).
 */
function plainBytes(value: Uint8Array | null | undefined): Uint8Array {
  if (!value || value.length === 0) return empty;
  return Object.getPrototypeOf(value) === Uint8Array.prototype
    ? value
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
