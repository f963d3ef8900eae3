// Reading one segment on open: checks the header against the file name, checks every record's
// CRC, hands each record to a visitor, and decides whether a bad record is a torn tail (only at the
// end of the last segment, with no valid record after it) or corruption (anything else).
import { WalCorruptError } from "./errors.js";
import { headerAad, recordAad, sealOverheadBytes, type WalCipher } from "./wal-cipher.js";
import {
  decodePayload,
  type Frame,
  readFrame,
  recordHeaderBytes,
  recordTypeCode,
  segmentHeaderPayloadBytes,
  type WalRecord,
  walFormatVersion,
  walFormatVersionEncrypted,
} from "./wal-format.js";

/** What reading a segment found. */
export interface SegmentScan {
  /** Offset just past the last good record: the length the file should have. */
  readonly goodBytes: number;
  /** The torn tail found at the end of the last segment, or null. */
  readonly torn: { readonly offset: number; readonly bytesDropped: number; readonly problem: string } | null;
}

/** Where a segment is expected to fit: its sequence, first index, and whether it is the last. */
export interface SegmentExpectation {
  /** Sequence number from the file name. */
  readonly seq: number;
  /** First index from the file name. */
  readonly firstIndex: number;
  /** True for the segment in use, the only one that may end in a torn tail. */
  readonly isLast: boolean;
  /** The cipher of an encrypted WAL; absent for a plain one. */
  readonly cipher?: WalCipher;
}

/**
 * Reads the segment at `path` whose bytes are `buf`, calling `visit` for every record after the
 * header in order. Throws WalCorruptError (naming path and offset) for anything but a torn tail.
 * In an encrypted WAL a record whose CRC holds but whose seal does not open is never a torn tail:
 * the bytes were written whole, then changed (or the key is wrong).
 */
export function scanSegment(
  path: string,
  buf: Buffer,
  expect: SegmentExpectation,
  visit: (record: WalRecord, offset: number) => void,
): SegmentScan {
  const headerFrame = readFrame(buf, 0);
  if (typeof headerFrame === "string") throw new WalCorruptError(path, 0, `bad segment header: ${headerFrame}`);
  const header = decodePayload(buf, headerFrame);
  if (typeof header === "string") throw new WalCorruptError(path, 0, `bad segment header: ${header}`);
  if (header.type !== "segment-header")
    throw new WalCorruptError(path, 0, `segment starts with a ${header.type} record, not a header`);
  checkHeaderVersion(path, buf, headerFrame, header.version, expect.cipher);
  if (header.seq !== expect.seq || header.firstIndex !== expect.firstIndex) {
    throw new WalCorruptError(
      path,
      0,
      `header says sequence ${header.seq}, first index ${header.firstIndex}; the file name says ${expect.seq}, ${expect.firstIndex}`,
    );
  }
  let offset = headerFrame.end;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset);
    if (typeof frame === "string") {
      if (!expect.isLast) throw new WalCorruptError(path, offset, `${frame} in a segment that is not the last`);
      const next = findValidRecord(buf, offset + 1);
      if (next !== null)
        throw new WalCorruptError(path, offset, `${frame}, yet a valid record follows at byte ${next}`);
      return { goodBytes: offset, torn: { offset, bytesDropped: buf.length - offset, problem: frame } };
    }
    const record = expect.cipher
      ? openRecord(path, buf, frame, offset, expect.seq, expect.cipher)
      : decodePayload(buf, frame);
    if (typeof record === "string") throw new WalCorruptError(path, offset, record);
    if (record.type === "segment-header")
      throw new WalCorruptError(path, offset, "segment header in the middle of a segment");
    visit(record, offset);
    offset = frame.end;
  }
  return { goodBytes: offset, torn: null };
}

/** Checks the header's version against the WAL's mode and, when encrypted, the header's tag. */
function checkHeaderVersion(
  path: string,
  buf: Buffer,
  frame: Frame,
  version: number,
  cipher: WalCipher | undefined,
): void {
  const fieldsEnd = frame.payloadStart + segmentHeaderPayloadBytes;
  if (!cipher) {
    if (version === walFormatVersionEncrypted)
      throw new WalCorruptError(path, 0, "the WAL is encrypted and no data key was given");
    if (version !== walFormatVersion || frame.end !== fieldsEnd)
      throw new WalCorruptError(path, 0, `unsupported WAL format version ${version}`);
    return;
  }
  if (version === walFormatVersion)
    throw new WalCorruptError(path, 0, "the WAL is not encrypted, yet a data key was given");
  if (version !== walFormatVersionEncrypted || frame.end !== fieldsEnd + sealOverheadBytes)
    throw new WalCorruptError(path, 0, `unsupported WAL format version ${version}`);
  if (
    cipher.open(buf.subarray(fieldsEnd, frame.end), headerAad(buf.subarray(frame.payloadStart, fieldsEnd))) === null
  ) {
    throw new WalCorruptError(path, 0, "segment header fails authentication");
  }
}

/** Opens a sealed record's payload and decodes it; a sentence when it fails authentication or decoding. */
function openRecord(
  path: string,
  buf: Buffer,
  frame: Frame,
  offset: number,
  seq: number,
  cipher: WalCipher,
): WalRecord | string {
  const plain = cipher.open(buf.subarray(frame.payloadStart, frame.end), recordAad(frame.typeCode, seq, offset));
  if (plain === null) throw new WalCorruptError(path, offset, "record fails authentication (AES-GCM tag mismatch)");
  return decodePayload(plain, { typeCode: frame.typeCode, payloadStart: 0, end: plain.length });
}

/**
 * Offset of the first byte position at or after `from` where a complete record with a known type
 * and a matching CRC starts, or null. Only run on the failure path: it tries every offset, but the
 * type-byte test rejects nearly all of them (zero fill in particular) before any CRC is computed.
 */
function findValidRecord(buf: Buffer, from: number): number | null {
  for (let p = from; p + recordHeaderBytes <= buf.length; p++) {
    const type = buf[p + 8]!;
    if (type < recordTypeCode.segmentHeader || type > recordTypeCode.snapshotMarker) continue;
    if (typeof readFrame(buf, p) !== "string") return p;
  }
  return null;
}
