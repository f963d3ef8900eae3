// Goal: records and snapshot files encode and decode losslessly, and any flipped byte is caught.
import test from "ava";
import type { Snapshot } from "../core/index.js";
import { decodeSnapshotFile, encodeSnapshotFile, parseSnapshotFileName, snapshotFileName } from "./snapshot-file.js";
import {
  decodePayload,
  encodeRecords,
  parseSegmentFileName,
  readFrame,
  readU64,
  recordHeaderBytes,
  segmentFileName,
  type WalRecord,
  walFormatVersion,
  writeU64,
} from "./wal-format.js";

const records: WalRecord[] = [
  { type: "segment-header", version: walFormatVersion, seq: 7, firstIndex: 2 ** 40 + 3 },
  { type: "entry", entry: { index: 5, term: 2, type: "normal", data: new Uint8Array([1, 2, 3]) } },
  { type: "entry", entry: { index: 6, term: 2, type: "conf-change", data: new Uint8Array(0) } },
  { type: "hard-state", hardState: { term: 2, vote: 3, commit: Number.MAX_SAFE_INTEGER } },
  { type: "snapshot-marker", index: 4, term: 1 },
];

function decodeAll(buf: Buffer): WalRecord[] {
  const out: WalRecord[] = [];
  for (let off = 0; off < buf.length;) {
    const frame = readFrame(buf, off);
    if (typeof frame === "string") throw new Error(frame);
    const record = decodePayload(buf, frame);
    if (typeof record === "string") throw new Error(record);
    out.push(record);
    off = frame.end;
  }
  return out;
}

test("wal records round-trip through encode and decode", (t) => {
  t.deepEqual(decodeAll(encodeRecords(records)), records);
});

test("wal record framing rejects every flipped byte of a record", (t) => {
  const buf = encodeRecords([records[1]!]);
  for (let i = 0; i < buf.length; i++) {
    const copy = Buffer.from(buf);
    copy[i] = copy[i]! ^ 0x40;
    t.is(typeof readFrame(copy, 0), "string", `flip at byte ${i}`);
  }
});

test("wal record framing reports an incomplete record", (t) => {
  const buf = encodeRecords([records[1]!]);
  t.regex(readFrame(buf.subarray(0, recordHeaderBytes - 1), 0) as string, /incomplete record header/);
  t.regex(readFrame(buf.subarray(0, buf.length - 1), 0) as string, /incomplete record/);
  t.regex(readFrame(Buffer.alloc(64), 0) as string, /unknown record type 0/);
});

test("u64 fields hold every safe integer and refuse 2^53", (t) => {
  const buf = Buffer.alloc(8);
  for (const v of [0, 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
    writeU64(buf, 0, v);
    t.is(readU64(buf, 0), v);
  }
  buf.writeUInt32LE(0, 0);
  buf.writeUInt32LE(2 ** 21, 4);
  t.is(readU64(buf, 0), null);
});

test("segment and snapshot file names round-trip", (t) => {
  t.is(segmentFileName(1, 255), "0000000000000001-00000000000000ff.wal");
  t.deepEqual(parseSegmentFileName("0000000000000001-00000000000000ff.wal"), { seq: 1, firstIndex: 255 });
  t.is(parseSegmentFileName("0000000000000001-00000000000000ff.wal.tmp"), null);
  t.is(snapshotFileName(3, 4096), "snap-0000000000000003-0000000000001000.snap");
  t.deepEqual(parseSnapshotFileName("snap-0000000000000003-0000000000001000.snap"), { term: 3, index: 4096 });
  t.is(parseSnapshotFileName("snap-3-4096.snap"), null);
});

const snapshot: Snapshot = {
  meta: { index: 1000, term: 7, conf: { voters: [1, 2, 3], learners: [9] } },
  data: new Uint8Array([5, 6, 7, 8]),
};

test("snapshot files round-trip meta, membership and data", (t) => {
  t.deepEqual(decodeSnapshotFile(encodeSnapshotFile(snapshot)), snapshot);
  const empty: Snapshot = { meta: { index: 1, term: 1, conf: { voters: [], learners: [] } }, data: new Uint8Array(0) };
  t.deepEqual(decodeSnapshotFile(encodeSnapshotFile(empty)), empty);
});

test("snapshot files with any flipped byte or cut short fail to decode", (t) => {
  const buf = encodeSnapshotFile(snapshot);
  for (let i = 0; i < buf.length; i++) {
    const copy = Buffer.from(buf);
    copy[i] = copy[i]! ^ 0x01;
    t.is(typeof decodeSnapshotFile(copy), "string", `flip at byte ${i}`);
  }
  t.is(typeof decodeSnapshotFile(buf.subarray(0, buf.length - 1)), "string");
});
