// Goal: an encrypted WAL round-trips, keeps no plaintext on disk, and refuses to start from
// anything it cannot authenticate (a flipped bit, a record moved, a wrong key) with WalIntegrityError.
import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import type { Snapshot } from "../core/index.js";
import { WalIntegrityError } from "./errors.js";
import { openWal } from "./open-wal.js";
import { crc32c } from "./crc32c.js";
import { dataKeyBytes } from "./wal-cipher.js";
import { readFrame, recordHeaderBytes } from "./wal-format.js";
import { entry, hard, plain, tempDir } from "./wal-test-kit.js";

const marker = "TOP-SECRET-PAYLOAD";

function snap(index: number, term: number): Snapshot {
  return {
    meta: { index, term, conf: { voters: [1, 2, 3], learners: [] } },
    data: new TextEncoder().encode(`${marker}-snapshot@${index}`),
  };
}

/** A WAL of 20 entries with the marker in their data and a snapshot at 10. */
async function writeSample(dir: string, key: Uint8Array): Promise<void> {
  const { wal } = await openWal(dir, { encryption: { key } });
  for (let i = 1; i <= 20; i++) await wal.save({ hardState: hard(1, 1, i), entries: [entry(i, 1, `${marker}-${i}`)] });
  await wal.saveSnapshot(snap(10, 1));
  await wal.save({ hardState: hard(2, 1, 21), entries: [entry(21, 2, `${marker}-21`)] });
  await wal.close();
}

async function onlySegment(dir: string): Promise<string> {
  const names = await readdir(join(dir, "wal"));
  return join(dir, "wal", names[0]!);
}

/** Offsets of every record in a segment, in order. */
function recordOffsets(buf: Buffer): number[] {
  const out: number[] = [];
  for (let off = 0; off < buf.length;) {
    const frame = readFrame(buf, off);
    if (typeof frame === "string") throw new Error(frame);
    out.push(off);
    off = frame.end;
  }
  return out;
}

test("encrypted wal round-trips entries, hard state and snapshot", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  await writeSample(dir, key);
  const { wal, recovered } = await openWal(dir, { encryption: { key } });
  t.deepEqual(recovered.snapshot, snap(10, 1));
  t.deepEqual(
    plain(recovered.entries).map((e) => e.data),
    Array.from({ length: 11 }, (_, k) => `${marker}-${k + 10 + 1}`),
  );
  t.deepEqual(recovered.hardState, hard(2, 1, 21));
  t.is(recovered.tornTail, null);
  await wal.close();
});

test("encrypted wal leaves no plaintext in its files", async (t) => {
  const dir = await tempDir(t);
  await writeSample(dir, randomBytes(dataKeyBytes));
  for (const sub of ["wal", "snap"]) {
    for (const name of await readdir(join(dir, sub))) {
      const bytes = await readFile(join(dir, sub, name));
      t.is(bytes.indexOf(marker), -1, `${sub}/${name} holds the payload`);
    }
  }
});

test("encrypted wal with a flipped bit in a record fails with WalIntegrityError", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  await writeSample(dir, key);
  const path = await onlySegment(dir);
  const buf = await readFile(path);
  const offsets = recordOffsets(buf);
  const target = offsets[5]!;
  buf[target + recordHeaderBytes + 20]! ^= 0x01;
  await writeFile(path, buf);
  const error = await t.throwsAsync(openWal(dir, { encryption: { key } }), { instanceOf: WalIntegrityError });
  t.regex(error.message, /tampered/);
  t.is(error.offset, target);
});

test("encrypted wal with a flipped bit and a recomputed CRC fails authentication", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  await writeSample(dir, key);
  const path = await onlySegment(dir);
  const buf = await readFile(path);
  // The last record: a CRC failure there would read as a torn tail, a forged CRC must not.
  const target = recordOffsets(buf).at(-1)!;
  const frame = readFrame(buf, target);
  if (typeof frame === "string") throw new Error(frame);
  buf[frame.payloadStart + 14]! ^= 0x80;
  buf.writeUInt32LE(crc32c(buf.subarray(target + 8, frame.end)), target + 4);
  await writeFile(path, buf);
  const error = await t.throwsAsync(openWal(dir, { encryption: { key } }), { instanceOf: WalIntegrityError });
  t.regex(error.message, /authentication/);
});

test("encrypted wal refuses a record moved to another position", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  const { wal } = await openWal(dir, { encryption: { key } });
  for (let i = 1; i <= 3; i++) await wal.save({ hardState: null, entries: [entry(i, 1, `${marker}-${i}`)] });
  await wal.close();
  const path = await onlySegment(dir);
  const buf = await readFile(path);
  const [, a, b] = recordOffsets(buf);
  // Entries 1 and 2 have the same length: swapping them keeps every CRC valid.
  const first = Buffer.from(buf.subarray(a, b));
  const second = Buffer.from(buf.subarray(b, b! + first.length));
  first.copy(buf, b);
  second.copy(buf, a);
  await writeFile(path, buf);
  await t.throwsAsync(openWal(dir, { encryption: { key } }), { instanceOf: WalIntegrityError });
});

test("encrypted wal snapshot with a flipped bit fails with WalIntegrityError", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  await writeSample(dir, key);
  const [name] = await readdir(join(dir, "snap"));
  const path = join(dir, "snap", name!);
  const buf = await readFile(path);
  buf[30]! ^= 0x04;
  await writeFile(path, buf);
  const error = await t.throwsAsync(openWal(dir, { encryption: { key } }), { instanceOf: WalIntegrityError });
  t.is(error.file, path);
  t.deepEqual(await readdir(join(dir, "snap")), [name], "the snapshot is left in place, not skipped");
});

test("encrypted wal opened with a wrong key fails with WalIntegrityError", async (t) => {
  const dir = await tempDir(t);
  await writeSample(dir, randomBytes(dataKeyBytes));
  await t.throwsAsync(openWal(dir, { encryption: { key: randomBytes(dataKeyBytes) } }), {
    instanceOf: WalIntegrityError,
  });
  // Even a WAL holding nothing but its header checks the key.
  const empty = await tempDir(t);
  const { wal } = await openWal(empty, { encryption: { key: randomBytes(dataKeyBytes) } });
  await wal.close();
  await t.throwsAsync(openWal(empty, { encryption: { key: randomBytes(dataKeyBytes) } }), {
    instanceOf: WalIntegrityError,
  });
});

test("encrypted wal is refused without a key, and a plain one with a key", async (t) => {
  const dir = await tempDir(t);
  await writeSample(dir, randomBytes(dataKeyBytes));
  const error = await t.throwsAsync(openWal(dir));
  t.regex(error.message, /encrypted and no data key/);
  const plainDir = await tempDir(t);
  const { wal } = await openWal(plainDir);
  await wal.save({ hardState: hard(1, 1, 0), entries: [] });
  await wal.close();
  await t.throwsAsync(openWal(plainDir, { encryption: { key: randomBytes(dataKeyBytes) } }), {
    instanceOf: WalIntegrityError,
  });
});

test("encrypted wal rotates segments and recovers across them", async (t) => {
  const dir = await tempDir(t);
  const key = randomBytes(dataKeyBytes);
  const { wal } = await openWal(dir, { encryption: { key }, segmentBytesMax: 400 });
  for (let i = 1; i <= 40; i++) await wal.save({ hardState: hard(1, 1, i), entries: [entry(i, 1)] });
  await wal.close();
  t.true((await readdir(join(dir, "wal"))).length > 3);
  const { wal: wal2, recovered } = await openWal(dir, { encryption: { key }, segmentBytesMax: 400 });
  t.is(recovered.entries.length, 40);
  t.deepEqual(recovered.hardState, hard(1, 1, 40));
  await wal2.close();
});
