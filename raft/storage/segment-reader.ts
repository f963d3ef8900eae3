// Reading one segment on open: checks the header against the file name, checks every record's
// CRC, hands each record to a visitor, and decides whether a bad record is a torn tail (only at the
// end of the last segment, with no valid record after it) or corruption (anything else).
import { WalCorruptError } from "./errors.js";
import { decodePayload, readFrame, recordHeaderBytes, recordTypeCode, type WalRecord, walFormatVersion } from "./wal-format.js";

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
}

/**
 * Reads the segment at `path` whose bytes are `buf`, calling `visit` for every record after the
 * header in order. Throws WalCorruptError (naming path and offset) for anything but a torn tail.
 */
export function scanSegment(path: string, buf: Buffer, expect: SegmentExpectation, visit: (record: WalRecord, offset: number) => void): SegmentScan {
  const headerFrame = readFrame(buf, 0);
  if (typeof headerFrame === "string") throw new WalCorruptError(path, 0, `bad segment header: ${headerFrame}`);
  const header = decodePayload(buf, headerFrame);
  if (typeof header === "string") throw new WalCorruptError(path, 0, `bad segment header: ${header}`);
  if (header.type !== "segment-header") throw new WalCorruptError(path, 0, `segment starts with a ${header.type} record, not a header`);
  if (header.version !== walFormatVersion) throw new WalCorruptError(path, 0, `unsupported WAL format version ${header.version}`);
  if (header.seq !== expect.seq || header.firstIndex !== expect.firstIndex) {
    throw new WalCorruptError(path, 0, `header says sequence ${header.seq}, first index ${header.firstIndex}; the file name says ${expect.seq}, ${expect.firstIndex}`);
  }
  let offset = headerFrame.end;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset);
    if (typeof frame === "string") {
      if (!expect.isLast) throw new WalCorruptError(path, offset, `${frame} in a segment that is not the last`);
      const next = findValidRecord(buf, offset + 1);
      if (next !== null) throw new WalCorruptError(path, offset, `${frame}, yet a valid record follows at byte ${next}`);
      return { goodBytes: offset, torn: { offset, bytesDropped: buf.length - offset, problem: frame } };
    }
    const record = decodePayload(buf, frame);
    if (typeof record === "string") throw new WalCorruptError(path, offset, record);
    if (record.type === "segment-header") throw new WalCorruptError(path, offset, "segment header in the middle of a segment");
    visit(record, offset);
    offset = frame.end;
  }
  return { goodBytes: offset, torn: null };
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
