// Goal: snapshots are saved durably, loaded with the entries after them, let releaseTo drop the
// segments they cover, survive leftovers of interrupted saves, and fall back when damaged.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import type { Snapshot } from "../core/index.js";
import { WalCorruptError } from "./errors.js";
import { openWal } from "./open-wal.js";
import { encodeSnapshotFile, snapshotFileName } from "./snapshot-file.js";
import { entries, entry, hard, plain, tempDir } from "./wal-test-kit.js";

function snap(index: number, term: number, data = `state@${index}`): Snapshot {
  return { meta: { index, term, conf: { voters: [1, 2, 3], learners: [4] } }, data: new TextEncoder().encode(data) };
}

test("wal snapshot is loaded with the entries after it, and releaseTo drops covered segments", async (t) => {
  const dir = await tempDir(t);
  const segmentBytesMax = 400;
  const { wal } = await openWal(dir, { segmentBytesMax });
  for (let i = 1; i <= 100; i++) await wal.save({ hardState: hard(1, 1, i), entries: [entry(i, 1)] });
  await wal.saveSnapshot(snap(80, 1));
  t.deepEqual(await readdir(join(dir, "snap")), [snapshotFileName(1, 80)]);
  const before = (await readdir(join(dir, "wal"))).sort();
  const removed = await wal.releaseTo(80);
  const after = (await readdir(join(dir, "wal"))).sort();
  t.true(removed > 0);
  t.is(after.length, before.length - removed);
  t.deepEqual(after, before.slice(removed), "the oldest segments go");
  // The first kept segment is the one holding entry 81 (or earlier entries): nothing after 80 is lost.
  t.true(Number.parseInt(after[0]!.slice(17, 33), 16) <= 81);
  await wal.save({ hardState: hard(2, 0, 100), entries: entries(101, 103, 2) });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir, { segmentBytesMax });
  t.deepEqual(recovered.snapshot, snap(80, 1));
  t.deepEqual(plain(recovered.entries), plain([...entries(81, 100, 1), ...entries(101, 103, 2)]));
  t.deepEqual(recovered.hardState, hard(2, 0, 100));
  t.is(recovered.tornTail, null);
  await wal2.close();
});

test("wal releaseTo keeps segments holding entries after the index", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 400 });
  for (let i = 1; i <= 100; i++) await wal.save({ hardState: null, entries: [entry(i, 1)] });
  await wal.saveSnapshot(snap(90, 1));
  t.true((await wal.releaseTo(50)) > 0);
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.snapshot?.meta.index, 90);
  t.deepEqual(plain(recovered.entries), plain(entries(91, 100, 1)));
  await wal2.close();
});

test("wal releaseTo never goes past the newest snapshot", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 300 });
  for (let i = 1; i <= 60; i++) await wal.save({ hardState: null, entries: [entry(i, 1)] });
  await wal.saveSnapshot(snap(10, 1));
  await wal.releaseTo(1_000);
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.snapshot?.meta.index, 10);
  t.deepEqual(plain(recovered.entries), plain(entries(11, 60, 1)));
  await wal2.close();
});

test("wal keeps the two newest snapshot files", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 30), entries: entries(1, 30, 1) });
  for (const index of [10, 20, 30]) await wal.saveSnapshot(snap(index, 1));
  await wal.close();
  t.deepEqual((await readdir(join(dir, "snap"))).sort(), [snapshotFileName(1, 20), snapshotFileName(1, 30)]);
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.snapshot?.meta.index, 30);
  t.deepEqual(recovered.entries, []);
  await wal2.close();
});

test("wal snapshot from a leader replaces a log that conflicts with it", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  // This member's log diverged in term 1; the leader's snapshot at 50 is of term 3.
  await wal.save({ hardState: hard(1, 1, 20), entries: entries(1, 60, 1) });
  await wal.saveSnapshot(snap(50, 3));
  await wal.save({ hardState: hard(3, 0, 50), entries: [] });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(recovered.snapshot, snap(50, 3));
  t.deepEqual(recovered.entries, [], "entries 51..60 of the old log are gone");
  await wal2.save({ hardState: null, entries: entries(51, 52, 3) });
  await wal2.close();
  const third = await openWal(dir);
  t.deepEqual(plain(third.recovered.entries), plain(entries(51, 52, 3)));
  await third.wal.close();
});

test("wal snapshot from a leader ahead of a short log starts the log after it", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 300 });
  await wal.save({ hardState: hard(1, 1, 5), entries: entries(1, 5, 1) });
  await wal.saveSnapshot(snap(500, 4));
  for (let i = 501; i <= 530; i++) await wal.save({ hardState: hard(4, 0, 500), entries: [entry(i, 4)] });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir, { segmentBytesMax: 300 });
  t.is(recovered.snapshot?.meta.index, 500);
  t.deepEqual(plain(recovered.entries), plain(entries(501, 530, 4)));
  // Segment 0 holds only entries before the snapshot: releasable, and replay still works.
  t.true((await wal2.releaseTo(500)) >= 1);
  await wal2.close();
  const third = await openWal(dir);
  t.deepEqual(plain(third.recovered.entries), plain(entries(501, 530, 4)));
  await third.wal.close();
});

test("wal recovery removes temporary files left by a crash", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 10), entries: entries(1, 10, 1) });
  await wal.saveSnapshot(snap(5, 1));
  await wal.close();
  const tmpSnap = join(dir, "snap", `${snapshotFileName(1, 10)}.tmp`);
  await writeFile(tmpSnap, encodeSnapshotFile(snap(10, 1)).subarray(0, 20));
  await writeFile(join(dir, "wal", "0000000000000001-000000000000000b.wal.tmp"), Buffer.alloc(10));
  const events: string[] = [];
  const { wal: wal2, recovered } = await openWal(dir, { log: (event) => events.push(event) });
  t.is(recovered.snapshot?.meta.index, 5);
  t.deepEqual(plain(recovered.entries), plain(entries(6, 10, 1)));
  t.deepEqual(await readdir(join(dir, "snap")), [snapshotFileName(1, 5)]);
  t.is((await readdir(join(dir, "wal"))).length, 1);
  t.is(events.filter((e) => e === "wal.temp_removed").length, 2);
  await wal2.close();
});

test("wal recovery ignores and removes a snapshot file whose marker never reached the WAL", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 10), entries: entries(1, 10, 1) });
  await wal.close();
  // The file was renamed into place, then the crash came before the marker was synced.
  await writeFile(join(dir, "snap", snapshotFileName(1, 8)), encodeSnapshotFile(snap(8, 1)));
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.snapshot, null);
  t.deepEqual(plain(recovered.entries), plain(entries(1, 10, 1)));
  t.deepEqual(await readdir(join(dir, "snap")), []);
  await wal2.close();
});

test("wal recovery falls back to the previous snapshot when the newest is damaged", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 30), entries: entries(1, 30, 1) });
  await wal.saveSnapshot(snap(10, 1));
  await wal.saveSnapshot(snap(20, 1));
  await wal.close();
  const newest = join(dir, "snap", snapshotFileName(1, 20));
  const bytes = await readFile(newest);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
  await writeFile(newest, bytes);
  const events: string[] = [];
  const { wal: wal2, recovered } = await openWal(dir, { log: (event) => events.push(event) });
  t.deepEqual(recovered.snapshot, snap(10, 1));
  t.deepEqual(plain(recovered.entries), plain(entries(11, 30, 1)));
  t.true(events.includes("wal.snapshot_corrupt"));
  t.deepEqual((await readdir(join(dir, "snap"))).sort(), [
    snapshotFileName(1, 10),
    `${snapshotFileName(1, 20)}.corrupt`,
  ]);
  await wal2.close();
});

test("wal recovery refuses a damaged snapshot whose entries were released", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 300 });
  for (let i = 1; i <= 60; i++) await wal.save({ hardState: hard(1, 1, i), entries: [entry(i, 1)] });
  await wal.saveSnapshot(snap(50, 1));
  t.true((await wal.releaseTo(50)) > 0);
  await wal.close();
  const path = join(dir, "snap", snapshotFileName(1, 50));
  const bytes = await readFile(path);
  bytes[9] = bytes[9]! ^ 1;
  await writeFile(path, bytes);
  await t.throwsAsync(openWal(dir), { instanceOf: WalCorruptError });
});
