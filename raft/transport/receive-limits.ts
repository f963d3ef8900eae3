// What a member must be able to receive, derived from what members send: the transport's server
// refuses any larger message at its length prefix, before reading it, so a peer (or anyone who
// reached the port) cannot make a member buffer more than this per call.
import { appendBytesMaxDefault, entryBytesMax } from "../core/index.js";
import { batchBytesMax } from "./peer-link.js";
import { snapshotChunkBytes } from "./snapshot-chunks.js";

/**
 * Largest ProcessRaftMessage batch a member receives. A batch holds messages up to batchBytesMax
 * by the sender's estimate, plus the one that starts beyond it; an append message holds entries up
 * to appendBytesMaxDefault plus the one that starts beyond it (at most entryBytesMax). Doubled,
 * since the estimate counts less than protobuf's framing for very small entries.
 */
export const raftBatchReceiveBytesMax = 2 * (batchBytesMax + appendBytesMaxDefault + entryBytesMax);

/** Largest StreamSnapshot chunk a member receives: its data, and on the first chunk the snapshot's metadata. */
export const snapshotChunkReceiveBytesMax = snapshotChunkBytes + 256 * 1024;

/** Largest request of the Raft service's small calls (GetMemberStatus). */
export const raftSmallRequestBytesMax = 64 * 1024;
