// On-disk format of raft/storage: the write-ahead log (WAL) segments and the snapshot files.
//
// Directory layout (under the directory given to openWal):
//   wal/<seq>-<first>.wal             WAL segments; seq = segment sequence number, first = the log
//                                     index the segment was started at; both 16 lowercase hex digits.
//                                     Sequences are consecutive; the highest is the segment in use.
//   wal/<seq>-<first>.wal.tmp         a segment being created; removed on open.
//   snap/snap-<term>-<index>.snap     snapshot files (term and index as 16 hex digits). The 2 newest
//                                     are kept.
//   snap/snap-<term>-<index>.snap.tmp a snapshot being written; removed on open.
//   snap/*.snap.corrupt               a snapshot that failed its checks on open, kept for inspection.
//
// WAL record (every integer little-endian):
//   [u32 payload length N][u32 CRC-32C of the type byte and the payload][u8 type][N bytes payload]
// Numbers in payloads are u64 (values below 2^53, i.e. JavaScript safe integers). The CRC is
// computed when a record is encoded and checked on every read.
//
// Record types and their payloads:
//   1 segment header   u32 format version (1), u64 segment sequence, u64 first index (20 bytes).
//                      The first record of every segment and only there; it must match the name.
//   2 entry            u64 term, u64 index, u8 entry type (0 normal, 1 conf-change), then the data.
//   3 hard state       u64 term, u64 vote, u64 commit (24 bytes).
//   4 snapshot marker  u64 index, u64 term (16 bytes): the snapshot file at that point is durable.
// Type 0 is never used, so zeroed bytes (from preallocation or a torn write) never form a record.
//
// A segment starts with its header, then the latest snapshot marker (if any) and the current hard
// state, so releasing older segments never loses either. A segment is created as a .tmp file,
// synced, renamed into place and the directory synced: a segment file always has a valid header.
// save() appends one batch (entries, then the hard state) with one write and one fdatasync (none
// when the batch only moves the commit index: losing that in a crash loses nothing). A new
// segment is started before a batch that would push the current one over segmentBytesMax (unless
// the current one holds nothing but its prologue, so a batch bigger than the limit still fits).
// releaseTo(i) deletes, oldest first, segments whose entries are all at or before min(i, newest
// snapshot index), never the last segment.
//
// Replay, segment by segment in sequence order:
//   - entry i: discards every previously replayed entry with index >= i, then appends it (the raft
//     log's truncation on conflict is written as just the replacing entries). An entry must not
//     leave a gap after the previous one.
//   - hard state: the last one wins.
//   - snapshot marker (index S, term T): if the replayed log holds S with term T, nothing changes
//     (a snapshot the member made of its own log); if it holds S with another term, or ends before
//     S, the snapshot replaced the log (one received from the leader) and every replayed entry is
//     discarded, the log now starting after S. A marker at or before the log's start changes nothing.
// The snapshot loaded is the newest snapshot file that verifies and whose marker is in the WAL;
// the entries returned are those after it, which must follow it without a gap.
//
// Torn tail versus corruption: a record that is incomplete, fails its CRC or has type 0 or an
// unknown type is "bad". A bad record in the last segment that no valid record follows is a torn
// tail (a write cut by a crash before its sync): the segment is truncated there (and synced), and
// the event reported. Anything else is corruption and open fails with WalCorruptError naming the
// file and byte offset: a bad record followed by a valid one, a bad record in an earlier segment,
// a bad or mismatched segment header, a missing segment, a CRC-valid record whose payload does not
// decode, or entries that do not follow the loaded snapshot.
//
// Snapshot file (integers little-endian, numbers u64):
//   [8 bytes magic "SWSNAP\0\1"][u64 index][u64 term][u32 voter count V][V × u64 voter id]
//   [u32 learner count L][L × u64 learner id][u64 data length D][D bytes data]
//   [u32 CRC-32C of every preceding byte]
// Its index and term must match its name.
//
// Encrypted WAL (openWal with `encryption`, a 32-byte data key; wal-cipher.ts). The framing above
// is unchanged; what differs:
//   - segment header: version 2, and its payload is the 20 bytes above followed by a 28-byte tag
//     ([12-byte nonce][16-byte AES-GCM tag] over no plaintext, the 20 bytes as additional data), so
//     the header is authenticated and a wrong key is found even in a WAL holding nothing else;
//   - every other record's payload is sealed: [12-byte random nonce][AES-256-GCM ciphertext of the
//     plain payload][16-byte tag], with additional data "SWWAL-R\0", the type byte, the segment
//     sequence and the record's byte offset in the segment (u64s): a record moved, swapped or
//     copied from another segment fails authentication. The CRC covers the sealed payload.
//   - snapshot file: [8 bytes magic "SWSNAP\0\2"][the plain encoding above, sealed, with additional
//     data "SWSNAP-E", term, index][u32 CRC-32C of every preceding byte].
// Torn tails are found by the CRC as before. A record whose CRC holds but whose seal does not open,
// a snapshot that fails any check, and everything that is corruption in a plain WAL fail the open
// with WalIntegrityError (an encrypted WAL never falls back to an older snapshot). Plain and
// encrypted segments never mix: a plain WAL opened with a key, or an encrypted one without, fails.
import type { Entry, HardState } from "../core/index.js";
import { assert } from "../../common/index.js";
import { crc32c } from "./crc32c.js";
import { headerAad, recordAad, sealOverheadBytes, type WalCipher } from "./wal-cipher.js";

/** Version written in the segment headers of a plain WAL. */
export const walFormatVersion = 1;
/** Version written in the segment headers of an encrypted WAL (payloads sealed, header tagged). */
export const walFormatVersionEncrypted = 2;
/** Bytes before a record's payload: length, CRC and type. */
export const recordHeaderBytes = 9;
/** Largest record payload accepted on write and on read (a longer length is garbage). */
export const recordPayloadBytesMax = 256 * 1024 * 1024;

/** Record type codes as written on disk. */
export const recordTypeCode = { segmentHeader: 1, entry: 2, hardState: 3, snapshotMarker: 4 } as const;

/** Bytes of an entry payload before its data: term, index, entry type. */
export const entryPayloadHeaderBytes = 17;
/** Bytes of a plain segment header's payload (an encrypted one adds sealOverheadBytes of tag). */
export const segmentHeaderPayloadBytes = 20;
const hardStatePayloadBytes = 24;
const snapshotMarkerPayloadBytes = 16;
const twoTo32 = 2 ** 32;

/** One decoded WAL record. */
export type WalRecord =
  | { readonly type: "segment-header"; readonly version: number; readonly seq: number; readonly firstIndex: number }
  | { readonly type: "entry"; readonly entry: Entry }
  | { readonly type: "hard-state"; readonly hardState: HardState }
  | { readonly type: "snapshot-marker"; readonly index: number; readonly term: number };

/** Writes a safe non-negative integer as u64 LE. */
export function writeU64(buf: Buffer, offset: number, value: number): void {
  assert(Number.isSafeInteger(value) && value >= 0, `u64 field out of range: ${value}`);
  buf.writeUInt32LE(value % twoTo32, offset);
  buf.writeUInt32LE(Math.floor(value / twoTo32), offset + 4);
}

/** Reads a u64 LE; null when it is 2^53 or more (no value we write is). */
export function readU64(buf: Buffer, offset: number): number | null {
  const hi = buf.readUInt32LE(offset + 4);
  if (hi >= 2 ** 21) return null;
  return hi * twoTo32 + buf.readUInt32LE(offset);
}

function payloadBytes(record: WalRecord): number {
  switch (record.type) {
    case "segment-header":
      return segmentHeaderPayloadBytes;
    case "entry":
      return entryPayloadHeaderBytes + record.entry.data.length;
    case "hard-state":
      return hardStatePayloadBytes;
    case "snapshot-marker":
      return snapshotMarkerPayloadBytes;
  }
}

/** Bytes the record takes on disk; `sealed` when the WAL is encrypted. */
export function recordBytes(record: WalRecord, sealed = false): number {
  return recordHeaderBytes + payloadBytes(record) + (sealed ? sealOverheadBytes : 0);
}

/** Where encoded records land in an encrypted WAL: the cipher, the segment and the byte offset. */
export interface RecordSealing {
  /** The cipher of the WAL's data key. */
  readonly cipher: WalCipher;
  /** Sequence of the segment the records are written to. */
  readonly seq: number;
  /** Byte offset in that segment of the first record. */
  readonly offset: number;
}

function writePayload(buf: Buffer, p: number, record: WalRecord): number {
  switch (record.type) {
    case "segment-header":
      buf.writeUInt32LE(record.version, p);
      writeU64(buf, p + 4, record.seq);
      writeU64(buf, p + 12, record.firstIndex);
      return recordTypeCode.segmentHeader;
    case "entry": {
      const e = record.entry;
      writeU64(buf, p, e.term);
      writeU64(buf, p + 8, e.index);
      buf[p + 16] = e.type === "normal" ? 0 : 1;
      buf.set(e.data, p + entryPayloadHeaderBytes);
      return recordTypeCode.entry;
    }
    case "hard-state":
      writeU64(buf, p, record.hardState.term);
      writeU64(buf, p + 8, record.hardState.vote);
      writeU64(buf, p + 16, record.hardState.commit);
      return recordTypeCode.hardState;
    case "snapshot-marker":
      writeU64(buf, p, record.index);
      writeU64(buf, p + 8, record.term);
      return recordTypeCode.snapshotMarker;
  }
}

/**
 * Encodes records back to back into one buffer, each with its length and CRC. With `sealing`, each
 * payload is sealed with the record's type and position as additional data, and a segment header
 * gets a tag over its fields instead (its version must then be walFormatVersionEncrypted).
 */
export function encodeRecords(records: readonly WalRecord[], sealing?: RecordSealing): Buffer {
  let total = 0;
  for (const r of records) total += recordBytes(r, sealing !== undefined);
  const buf = Buffer.allocUnsafe(total);
  let off = 0;
  for (const r of records) {
    const plainBytes = payloadBytes(r);
    assert(plainBytes <= recordPayloadBytesMax, `WAL record of ${plainBytes} bytes exceeds recordPayloadBytesMax`);
    let typeCode: number;
    let n = plainBytes;
    if (sealing === undefined) {
      typeCode = writePayload(buf, off + recordHeaderBytes, r);
    } else {
      assert(
        r.type !== "segment-header" || r.version === walFormatVersionEncrypted,
        "an encrypted segment has an encrypted-format header",
      );
      const plain = Buffer.allocUnsafe(plainBytes);
      typeCode = writePayload(plain, 0, r);
      const sealed =
        r.type === "segment-header"
          ? Buffer.concat([plain, sealing.cipher.seal(new Uint8Array(), headerAad(plain))])
          : sealing.cipher.seal(plain, recordAad(typeCode, sealing.seq, sealing.offset + off));
      n = sealed.length;
      sealed.copy(buf, off + recordHeaderBytes);
    }
    buf.writeUInt32LE(n, off);
    buf[off + 8] = typeCode;
    buf.writeUInt32LE(crc32c(buf.subarray(off + 8, off + recordHeaderBytes + n)), off + 4);
    off += recordHeaderBytes + n;
  }
  assert(off === total, "encoded size matches the computed size");
  return buf;
}

/** A record's framing, checked: its type code and where its payload lies. */
export interface Frame {
  /** Record type code (a known one). */
  readonly typeCode: number;
  /** Offset of the payload. */
  readonly payloadStart: number;
  /** Offset just past the payload, i.e. of the next record. */
  readonly end: number;
}

function knownTypeCode(code: number): boolean {
  return code >= recordTypeCode.segmentHeader && code <= recordTypeCode.snapshotMarker;
}

/**
 * Checks the record at offset: complete within `limit`, a known type, a plausible length and a
 * matching CRC. Returns the frame, or a sentence saying what is wrong.
 */
export function readFrame(buf: Buffer, offset: number, limit = buf.length): Frame | string {
  if (offset + recordHeaderBytes > limit) return `incomplete record header (${limit - offset} bytes left)`;
  const n = buf.readUInt32LE(offset);
  const typeCode = buf[offset + 8]!;
  if (!knownTypeCode(typeCode)) return `unknown record type ${typeCode}`;
  if (n > recordPayloadBytesMax) return `record length ${n} exceeds recordPayloadBytesMax`;
  const end = offset + recordHeaderBytes + n;
  if (end > limit)
    return `incomplete record: ${n} payload bytes announced, ${limit - offset - recordHeaderBytes} present`;
  const expected = buf.readUInt32LE(offset + 4);
  const actual = crc32c(buf.subarray(offset + 8, end));
  if (actual !== expected) return `checksum mismatch (stored ${hex32(expected)}, computed ${hex32(actual)})`;
  return { typeCode, payloadStart: offset + recordHeaderBytes, end };
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

/** Decodes a checked frame's payload; a sentence saying what is wrong when it does not decode. */
export function decodePayload(buf: Buffer, frame: Frame): WalRecord | string {
  const p = frame.payloadStart;
  const n = frame.end - p;
  const u64 = (at: number): number => {
    const v = readU64(buf, p + at);
    if (v === null) throw new RangeError(`u64 at payload byte ${at} is 2^53 or more`);
    return v;
  };
  try {
    switch (frame.typeCode) {
      case recordTypeCode.segmentHeader:
        // An encrypted WAL's header carries a tag after its fields, checked by the reader.
        if (n !== segmentHeaderPayloadBytes && n !== segmentHeaderPayloadBytes + sealOverheadBytes)
          return `segment header of ${n} bytes`;
        return { type: "segment-header", version: buf.readUInt32LE(p), seq: u64(4), firstIndex: u64(12) };
      case recordTypeCode.entry: {
        if (n < entryPayloadHeaderBytes) return `entry record of ${n} bytes`;
        const typeByte = buf[p + 16];
        if (typeByte !== 0 && typeByte !== 1) return `unknown entry type ${typeByte}`;
        // A copy, so recovered entries do not pin the whole segment buffer in memory.
        const data = new Uint8Array(buf.subarray(p + entryPayloadHeaderBytes, frame.end));
        return {
          type: "entry",
          entry: { term: u64(0), index: u64(8), type: typeByte === 0 ? "normal" : "conf-change", data },
        };
      }
      case recordTypeCode.hardState:
        if (n !== hardStatePayloadBytes) return `hard state record of ${n} bytes`;
        return { type: "hard-state", hardState: { term: u64(0), vote: u64(8), commit: u64(16) } };
      case recordTypeCode.snapshotMarker:
        if (n !== snapshotMarkerPayloadBytes) return `snapshot marker of ${n} bytes`;
        return { type: "snapshot-marker", index: u64(0), term: u64(8) };
      default:
        return `unknown record type ${frame.typeCode}`;
    }
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}

/** Writes a number as 16 lowercase hex digits, as in file names. */
export function hex16(n: number): string {
  assert(Number.isSafeInteger(n) && n >= 0, `file name number out of range: ${n}`);
  return n.toString(16).padStart(16, "0");
}

/** Name of a segment file. */
export function segmentFileName(seq: number, firstIndex: number): string {
  return `${hex16(seq)}-${hex16(firstIndex)}.wal`;
}

const segmentNamePattern = /^([0-9a-f]{16})-([0-9a-f]{16})\.wal$/;

/** Sequence and first index from a segment file name; null for any other name. */
export function parseSegmentFileName(name: string): { seq: number; firstIndex: number } | null {
  const m = segmentNamePattern.exec(name);
  if (!m) return null;
  const seq = Number.parseInt(m[1]!, 16);
  const firstIndex = Number.parseInt(m[2]!, 16);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(firstIndex)) return null;
  return { seq, firstIndex };
}
