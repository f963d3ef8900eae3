// Goal: recovery truncates a torn tail at the end of the last segment (and says so), and refuses
// with WalCorruptError, naming file and offset, any other damage.
import { appendFile, readdir, readFile, stat, truncate, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { WalCorruptError } from "./errors.js";
import { openWal } from "./open-wal.js";
import { entryPayloadHeaderBytes, recordHeaderBytes } from "./wal-format.js";
import { entries, entry, hard, plain, tempDir } from "./wal-test-kit.js";

/** Saves entries 1..n one per save into a fresh WAL in dir; returns the segment paths in order. */
async function writeLog(dir: string, n: number, segmentBytesMax?: number): Promise<string[]> {
  const { wal } = await openWal(dir, segmentBytesMax === undefined ? {} : { segmentBytesMax });
  for (let i = 1; i <= n; i++) await wal.save({ hardState: hard(1, 1, i - 1), entries: [entry(i, 1)] });
  await wal.close();
  return (await readdir(join(dir, "wal"))).sort().map((name) => join(dir, "wal", name));
}

/** Offset of the record of entry `index` (term 1, default data) in a segment's bytes. */
function entryRecordOffset(bytes: Buffer, index: number): number {
  const at = bytes.indexOf(`e${index}t1`);
  if (at < 0) throw new Error(`entry ${index} not found`);
  return at - entryPayloadHeaderBytes - recordHeaderBytes;
}

async function flipByte(path: string, offset: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = bytes[offset]! ^ 0x20;
  await writeFile(path, bytes);
}

async function expectTornTail(
  t: ExecutionContext,
  dir: string,
  damage: { path: string; offset: number; bytesDropped: number; entries: number },
): Promise<void> {
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const { wal, recovered } = await openWal(dir, { log: (event, fields) => events.push({ event, fields }) });
  t.deepEqual(recovered.tornTail, { file: damage.path, offset: damage.offset, bytesDropped: damage.bytesDropped });
  t.deepEqual(plain(recovered.entries), plain(entries(1, damage.entries, 1)));
  t.is((await stat(damage.path)).size, damage.offset);
  const logged = events.find((e) => e.event === "wal.torn_tail");
  t.like(logged?.fields, { file: damage.path, offset: damage.offset, bytesDropped: damage.bytesDropped });
  // The WAL goes on from the cut, and the next open is clean.
  await wal.save({ hardState: null, entries: [entry(damage.entries + 1, 2)] });
  await wal.close();
  const again = await openWal(dir);
  t.is(again.recovered.tornTail, null);
  t.deepEqual(plain(again.recovered.entries), plain([...entries(1, damage.entries, 1), entry(damage.entries + 1, 2)]));
  await again.wal.close();
}

test("wal recovery truncates garbage appended to the last segment", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 5);
  const size = (await stat(path!)).size;
  // Looks like the start of a record (length 100, type entry) but is cut short.
  const garbage = Buffer.from([100, 0, 0, 0, 1, 2, 3, 4, 2, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
  await appendFile(path!, garbage);
  await expectTornTail(t, dir, { path: path!, offset: size, bytesDropped: garbage.length, entries: 5 });
});

test("wal recovery truncates half a record at the end of the last segment", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 5);
  const bytes = await readFile(path!);
  const start = entryRecordOffset(bytes, 5);
  await truncate(path!, bytes.length - 40);
  await expectTornTail(t, dir, { path: path!, offset: start, bytesDropped: bytes.length - 40 - start, entries: 4 });
});

test("wal recovery truncates a last record whose checksum fails", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 5);
  const bytes = await readFile(path!);
  // The last record is entry 5's hard state; damage it and entry 5 survives.
  const start = entryRecordOffset(bytes, 5) + recordHeaderBytes + entryPayloadHeaderBytes + 4;
  await flipByte(path!, bytes.length - 3);
  await expectTornTail(t, dir, { path: path!, offset: start, bytesDropped: bytes.length - start, entries: 5 });
});

test("wal recovery truncates trailing zero bytes", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 3);
  const size = (await stat(path!)).size;
  await appendFile(path!, Buffer.alloc(4096));
  await expectTornTail(t, dir, { path: path!, offset: size, bytesDropped: 4096, entries: 3 });
});

test("wal recovery refuses a damaged record followed by valid ones, naming file and offset", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 10);
  const bytes = await readFile(path!);
  const start = entryRecordOffset(bytes, 3);
  await flipByte(path!, bytes.indexOf("e3t1"));
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.code, "WAL_CORRUPT");
  t.is(error.file, path!);
  t.is(error.offset, start);
  t.true(error.message.includes(path!) && error.message.includes(`byte ${start}`), error.message);
  t.like(error.context, { file: path, offset: start });
  // Nothing was truncated: the evidence stays for the operator.
  t.is((await stat(path!)).size, bytes.length);
});

test("wal recovery refuses a record whose length field is damaged mid-segment", async (t) => {
  const dir = await tempDir(t);
  const [path] = await writeLog(dir, 10);
  const bytes = await readFile(path!);
  const start = entryRecordOffset(bytes, 4);
  bytes.writeUInt32LE(100_000, start);
  await writeFile(path!, bytes);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, path!);
  t.is(error.offset, start);
});

test("wal recovery refuses damage at the end of a segment that is not the last", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  t.true(paths.length >= 3);
  const first = await readFile(paths[0]!);
  await flipByte(paths[0]!, first.length - 2);
  const error = await t.throwsAsync(openWal(dir, { segmentBytesMax: 300 }), { instanceOf: WalCorruptError });
  t.is(error.file, paths[0]!);
  t.true(error.offset > 0 && error.offset < first.length);
});

test("wal recovery refuses a cut-short segment that is not the last", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  const size = (await stat(paths[1]!)).size;
  await truncate(paths[1]!, size - 5);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, paths[1]!);
});

test("wal recovery refuses a damaged segment header, even in the last segment", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  const last = paths.at(-1)!;
  await flipByte(last, 12);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, last);
  t.is(error.offset, 0);
});

test("wal recovery refuses a segment whose header does not match its name", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  const second = paths[1]!;
  const renamed = second.replace(/-[0-9a-f]{16}\.wal$/, "-00000000000000ff.wal");
  await writeFile(renamed, await readFile(second));
  await unlink(second);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, renamed);
  t.is(error.offset, 0);
});

test("wal recovery refuses a missing segment", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  await unlink(paths[1]!);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, paths[2]!);
});

test("wal recovery refuses a log that starts after index 1 with no snapshot", async (t) => {
  const dir = await tempDir(t);
  const paths = await writeLog(dir, 30, 300);
  await unlink(paths[0]!);
  const error = await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
  t.is(error.file, paths[1]!);
});

test("wal recovery refuses snapshot files without any WAL segment", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 1), entries: [entry(1, 1)] });
  await wal.saveSnapshot({
    meta: { index: 1, term: 1, conf: { voters: [1], learners: [] } },
    data: new Uint8Array([1]),
  });
  await wal.close();
  for (const name of await readdir(join(dir, "wal"))) await unlink(join(dir, "wal", name));
  await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
});
