// Encoding of one snapshot file (layout in wal-format.ts): a header with the snapshot's meta,
// the data, and a trailing CRC-32C over everything before it, checked on every read. An encrypted
// WAL's snapshot file is a second magic, that whole encoding sealed (bound to term and index), and
// a CRC-32C over both.
import type { RaftId, Snapshot } from "../core/index.js";
import { crc32c } from "./crc32c.js";
import { snapshotAad, type WalCipher } from "./wal-cipher.js";
import { hex16, readU64, writeU64 } from "./wal-format.js";

/** First bytes of every snapshot file: "SWSNAP", then a zero and the format version 1. */
export const snapshotMagic = Buffer.from([0x53, 0x57, 0x53, 0x4e, 0x41, 0x50, 0x00, 0x01]);

/** First bytes of every encrypted snapshot file: "SWSNAP", then a zero and the format version 2. */
export const sealedSnapshotMagic = Buffer.from([0x53, 0x57, 0x53, 0x4e, 0x41, 0x50, 0x00, 0x02]);

/** Encodes a snapshot into the bytes of its file, sealed when a cipher is given. */
export function encodeSnapshotFile(snapshot: Snapshot, cipher: WalCipher | null = null): Buffer {
  const plain = encodePlainSnapshot(snapshot);
  if (!cipher) return plain;
  const sealed = cipher.seal(plain, snapshotAad(snapshot.meta.term, snapshot.meta.index));
  const out = Buffer.allocUnsafe(sealedSnapshotMagic.length + sealed.length + 4);
  sealedSnapshotMagic.copy(out, 0);
  sealed.copy(out, sealedSnapshotMagic.length);
  out.writeUInt32LE(crc32c(out.subarray(0, out.length - 4)), out.length - 4);
  return out;
}

/**
 * Checks and opens an encrypted snapshot file whose name says (term, index); the plain encoding
 * inside, or a sentence saying what is wrong (damaged, not encrypted, fails authentication).
 */
export function openSealedSnapshotFile(
  bytes: Uint8Array,
  cipher: WalCipher,
  named: { term: number; index: number },
): Buffer | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < sealedSnapshotMagic.length + 4) return `file of ${buf.length} bytes is too short`;
  if (!buf.subarray(0, 8).equals(sealedSnapshotMagic)) return "not an encrypted snapshot file (bad magic)";
  const stored = buf.readUInt32LE(buf.length - 4);
  const actual = crc32c(buf.subarray(0, buf.length - 4));
  if (stored !== actual) return `checksum mismatch (stored ${stored}, computed ${actual})`;
  const plain = cipher.open(
    buf.subarray(sealedSnapshotMagic.length, buf.length - 4),
    snapshotAad(named.term, named.index),
  );
  return plain ?? "fails authentication (AES-GCM tag mismatch)";
}

function encodePlainSnapshot(snapshot: Snapshot): Buffer {
  const { meta, data } = snapshot;
  const size = 8 + 16 + 4 + 8 * meta.conf.voters.length + 4 + 8 * meta.conf.learners.length + 8 + data.length + 4;
  const buf = Buffer.allocUnsafe(size);
  snapshotMagic.copy(buf, 0);
  let off = 8;
  writeU64(buf, off, meta.index);
  writeU64(buf, off + 8, meta.term);
  off += 16;
  for (const ids of [meta.conf.voters, meta.conf.learners]) {
    buf.writeUInt32LE(ids.length, off);
    off += 4;
    for (const id of ids) {
      writeU64(buf, off, id);
      off += 8;
    }
  }
  writeU64(buf, off, data.length);
  off += 8;
  buf.set(data, off);
  off += data.length;
  buf.writeUInt32LE(crc32c(buf.subarray(0, off)), off);
  return buf;
}

/** Decodes and checks a snapshot file's bytes; a sentence saying what is wrong when they fail. */
export function decodeSnapshotFile(bytes: Uint8Array): Snapshot | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 + 16 + 4 + 4 + 8 + 4) return `file of ${buf.length} bytes is too short`;
  if (!buf.subarray(0, 8).equals(snapshotMagic)) return "bad magic";
  const stored = buf.readUInt32LE(buf.length - 4);
  const actual = crc32c(buf.subarray(0, buf.length - 4));
  if (stored !== actual) return `checksum mismatch (stored ${stored}, computed ${actual})`;
  // The CRC matched, so what follows is what was written; the bounds checks guard against bugs.
  const body = buf.length - 4;
  let off = 8;
  const u64 = (): number => {
    if (off + 8 > body) throw new RangeError("truncated header");
    const v = readU64(buf, off);
    off += 8;
    if (v === null) throw new RangeError("number of 2^53 or more");
    return v;
  };
  const ids = (): RaftId[] => {
    if (off + 4 > body) throw new RangeError("truncated member list");
    const count = buf.readUInt32LE(off);
    off += 4;
    if (off + 8 * count > body) throw new RangeError("truncated member list");
    return Array.from({ length: count }, u64);
  };
  try {
    const index = u64();
    const term = u64();
    const voters = ids();
    const learners = ids();
    const length = u64();
    if (off + length !== body) throw new RangeError(`data length ${length} does not fill the file`);
    const data = new Uint8Array(buf.subarray(off, off + length));
    return { meta: { index, term, conf: { voters, learners } }, data };
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}

/** Name of the snapshot file for a snapshot at (term, index). */
export function snapshotFileName(term: number, index: number): string {
  return `snap-${hex16(term)}-${hex16(index)}.snap`;
}

const snapshotNamePattern = /^snap-([0-9a-f]{16})-([0-9a-f]{16})\.snap$/;

/** Term and index from a snapshot file name; null for any other name. */
export function parseSnapshotFileName(name: string): { term: number; index: number } | null {
  const m = snapshotNamePattern.exec(name);
  if (!m) return null;
  const term = Number.parseInt(m[1]!, 16);
  const index = Number.parseInt(m[2]!, 16);
  if (!Number.isSafeInteger(term) || !Number.isSafeInteger(index)) return null;
  return { term, index };
}
