// A snapshot on the wire: the leader splits the core's snapshot message into the chunks of one
// StreamSnapshot call, and the follower reassembles them, checking each piece before it trusts the
// whole. The first chunk names sender, recipient, term and metadata; every chunk says at which
// byte its data starts, so a lost, repeated or reordered chunk shows as a wrong offset; the last
// chunk carries the CRC-32C of all the data.
import { assert } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { makeMessage, type Message, type RaftId, type SnapshotMeta } from "../core/index.js";
import { snapshotMetaFromProto, snapshotMetaToProto } from "./codec.js";
import { crc32c } from "../storage/index.js";
import { RaftWireError, SnapshotRefusedError } from "./errors.js";

/** Data bytes per snapshot chunk: big enough to stream fast, far below the gRPC message limit. */
export const snapshotChunkBytes = 1024 * 1024;
/** Largest snapshot a member accepts, so a bad sender cannot make it buffer without bound. */
export const snapshotBytesMax = 1024 * 1024 * 1024;

const empty = new Uint8Array(0);

/**
 * The chunks of one StreamSnapshot call for a core message of type "snapshot", lazily, so the
 * sender can wait for the stream to drain between them. The data is sliced, not copied. A snapshot
 * with no data is one chunk that is both first and last.
 */
export function* snapshotChunks(
  m: Message,
  chunkBytes = snapshotChunkBytes,
): Generator<swarm.v1.SnapshotChunk.$Properties> {
  assert(m.type === "snapshot" && m.snapshot !== null, "snapshotChunks needs a snapshot message");
  assert(Number.isSafeInteger(chunkBytes) && chunkBytes > 0, "chunkBytes must be a positive integer");
  const { data, meta } = m.snapshot;
  let crc = 0;
  let offset = 0;
  do {
    const piece = data.subarray(offset, offset + chunkBytes);
    crc = crc32c(piece, crc);
    const last = offset + piece.length >= data.length;
    yield {
      from: m.from,
      to: m.to,
      term: m.term,
      ...(offset === 0 ? { metadata: snapshotMetaToProto(meta) } : {}),
      offset,
      data: piece,
      last,
      crc32c: last ? crc : 0,
    };
    offset += piece.length;
  } while (offset < data.length);
}

/**
 * Reassembles the chunks of one StreamSnapshot call received by member `self`. add() throws
 * SnapshotRefusedError at the first chunk that breaks the rules; once it returns true the snapshot
 * is complete and checked, and message() gives the core message to step.
 */
export class SnapshotAssembler {
  private readonly pieces: Uint8Array[] = [];
  private received = 0;
  private crc = 0;
  private first: { from: RaftId; to: RaftId; term: number; meta: SnapshotMeta } | null = null;
  private done = false;

  constructor(
    private readonly self: RaftId,
    private readonly bytesMax = snapshotBytesMax,
  ) {}

  /** Bytes of snapshot data accepted so far. */
  get receivedBytes(): number {
    return this.received;
  }

  /** Whether the last chunk has been accepted. */
  get complete(): boolean {
    return this.done;
  }

  /** Checks and keeps one chunk; returns whether it was the last. Throws SnapshotRefusedError. */
  add(chunk: swarm.v1.SnapshotChunk.$Properties): boolean {
    const from = chunk.from ?? 0;
    if (this.done) throw new SnapshotRefusedError(from, "data after the last chunk");
    const data = chunk.data ?? empty;
    const offset = chunk.offset ?? 0;
    if (offset !== this.received)
      throw new SnapshotRefusedError(from, `chunk at offset ${offset}, expected ${this.received}`);
    if (this.first === null) this.first = this.start(chunk);
    else if (from !== this.first.from || (chunk.to ?? 0) !== this.first.to || (chunk.term ?? 0) !== this.first.term) {
      throw new SnapshotRefusedError(from, "sender, recipient or term changed within the stream");
    }
    if (this.received + data.length > this.bytesMax)
      throw new SnapshotRefusedError(from, `larger than ${this.bytesMax} bytes`);
    this.pieces.push(data);
    this.received += data.length;
    this.crc = crc32c(data, this.crc);
    if (!chunk.last) return false;
    if ((chunk.crc32c ?? 0) !== this.crc) {
      throw new SnapshotRefusedError(
        from,
        `CRC-32C mismatch: sender says ${chunk.crc32c ?? 0}, data gives ${this.crc}`,
      );
    }
    this.done = true;
    return true;
  }

  /** The reassembled core message of type "snapshot"; only after add() returned true. */
  message(): Message {
    assert(this.done && this.first !== null, "the snapshot is not complete");
    const data = this.pieces.length === 1 ? copy(this.pieces[0]!) : concat(this.pieces, this.received);
    const { from, to, term, meta } = this.first;
    return makeMessage({ type: "snapshot", from, to, term, snapshot: { meta, data } });
  }

  private start(chunk: swarm.v1.SnapshotChunk.$Properties): {
    from: RaftId;
    to: RaftId;
    term: number;
    meta: SnapshotMeta;
  } {
    const from = chunk.from ?? 0;
    const to = chunk.to ?? 0;
    if (to !== this.self)
      throw new SnapshotRefusedError(from, `addressed to member ${to}, this is member ${this.self}`);
    if (!chunk.metadata) throw new SnapshotRefusedError(from, "the first chunk has no metadata");
    try {
      return { from, to, term: chunk.term ?? 0, meta: snapshotMetaFromProto(chunk.metadata, "metadata") };
    } catch (error) {
      if (error instanceof RaftWireError) throw new SnapshotRefusedError(from, error.message);
      throw error;
    }
  }
}

/** A copy, so the snapshot does not keep the received gRPC frame alive nor share its memory. */
function copy(piece: Uint8Array): Uint8Array {
  return new Uint8Array(piece);
}

function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
