// Goal: what save() made durable comes back on reopen, with raft's truncation-on-conflict
// semantics, across segment rotations, and in call order when saves overlap.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import { AssertionFailedError } from "../../common/index.js";
import type { RaftStorage } from "../node/index.js";
import { WalClosedError } from "./errors.js";
import { openWal } from "./open-wal.js";
import { entries, entry, FaultyFs, hard, plain, tempDir } from "./wal-test-kit.js";

test("openWal on a new directory yields an empty log and creates the first segment", async (t) => {
  const dir = await tempDir(t);
  const { wal, recovered } = await openWal(dir);
  t.deepEqual(recovered, { hardState: hard(0, 0, 0), snapshot: null, entries: [], tornTail: null });
  t.is(wal.dir, dir);
  // The driver's storage interface is what the Wal offers (checked by the compiler).
  const storage: RaftStorage = wal;
  t.is(storage, wal);
  await wal.close();
  t.deepEqual(await readdir(join(dir, "wal")), ["0000000000000000-0000000000000001.wal"]);
  t.deepEqual(await readdir(join(dir, "snap")), []);
  const again = await openWal(dir);
  t.deepEqual(again.recovered.entries, []);
  await again.wal.close();
});

test("wal entries and hard state survive a reopen", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 1, 0), entries: entries(1, 3, 1) });
  await wal.save({ hardState: hard(1, 1, 3), entries: [] });
  await wal.save({
    hardState: null,
    entries: [{ index: 4, term: 1, type: "conf-change", data: new Uint8Array([9, 0, 255]) }],
  });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(recovered.hardState, hard(1, 1, 3));
  t.is(recovered.snapshot, null);
  t.is(recovered.tornTail, null);
  t.deepEqual(
    plain(recovered.entries),
    plain([...entries(1, 3, 1), { index: 4, term: 1, type: "conf-change", data: new Uint8Array([9, 0, 255]) }]),
  );
  t.deepEqual(recovered.entries[3]!.data, new Uint8Array([9, 0, 255]));
  // Appending after a reopen continues the same log.
  await wal2.save({ hardState: hard(2, 0, 3), entries: entries(5, 6, 2) });
  await wal2.close();
  const third = await openWal(dir);
  t.deepEqual(
    plain(third.recovered.entries),
    plain([...entries(1, 3, 1), third.recovered.entries[3]!, ...entries(5, 6, 2)]),
  );
  t.deepEqual(third.recovered.hardState, hard(2, 0, 3));
  await third.wal.close();
});

test("wal syncs entries, terms and votes, but writes a commit index alone without a sync", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  const synced = async (batch: Parameters<typeof wal.save>[0]): Promise<number> => {
    const before = fs.datasyncs;
    await wal.save(batch);
    return fs.datasyncs - before;
  };
  t.is(await synced({ hardState: hard(1, 1, 0), entries: entries(1, 2, 1) }), 1);
  t.is(await synced({ hardState: hard(1, 1, 2), entries: [] }), 0, "a commit index is a hint: no fsync");
  t.is(await synced({ hardState: hard(1, 1, 2), entries: entries(3, 3, 1) }), 1);
  t.is(await synced({ hardState: hard(2, 0, 2), entries: [] }), 1, "a new term is a promise");
  t.is(await synced({ hardState: hard(2, 3, 2), entries: [] }), 1, "a vote is a promise");
  await wal.close();
  // Written all the same: a clean reopen sees the last commit index.
  const { wal: again, recovered } = await openWal(dir);
  t.deepEqual(recovered.hardState, hard(2, 3, 2));
  t.is(recovered.entries.length, 3);
  await again.close();
});

test("wal does not wait for a commit index, and the next save reports its failed write", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  await wal.save({ hardState: hard(1, 1, 0), entries: entries(1, 2, 1) });
  fs.writeBudgetBytes = 0;
  await t.notThrowsAsync(wal.save({ hardState: hard(1, 1, 2), entries: [] }));
  await t.throwsAsync(wal.save({ hardState: hard(1, 1, 2), entries: entries(3, 3, 1) }), { code: "DISK_FULL" });
  await wal.close().catch(() => undefined);
});

test("wal entries replace a conflicting suffix", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(1, 0, 2), entries: entries(1, 10, 1) });
  await wal.save({ hardState: hard(2, 0, 2), entries: entries(6, 7, 2) });
  await wal.save({ hardState: null, entries: entries(8, 8, 3) });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(plain(recovered.entries), plain([...entries(1, 5, 1), ...entries(6, 7, 2), entry(8, 3)]));
  await wal2.close();
});

test("wal rotates segments at segmentBytesMax and replays across them", async (t) => {
  const dir = await tempDir(t);
  const segmentBytesMax = 300;
  const { wal } = await openWal(dir, { segmentBytesMax });
  for (let i = 1; i <= 60; i++) await wal.save({ hardState: hard(1, 1, Math.min(i - 1, 30)), entries: [entry(i, 1)] });
  // A conflict that spans a segment boundary: entries 40.. are replaced by term 2.
  await wal.save({ hardState: hard(2, 0, 30), entries: entries(40, 45, 2) });
  await wal.close();
  const names = (await readdir(join(dir, "wal"))).sort();
  t.true(names.length > 5, `${names.length} segments`);
  t.is(names[0], "0000000000000000-0000000000000001.wal");
  names.forEach((name, seq) => t.true(name.startsWith(seq.toString(16).padStart(16, "0") + "-"), name));
  // Each segment's name carries the index it started at: one past the last entry before it.
  const firstIndexes = names.map((n) => Number.parseInt(n.slice(17, 33), 16));
  for (let k = 1; k < firstIndexes.length; k++) t.true(firstIndexes[k]! > firstIndexes[k - 1]!);
  const { wal: wal2, recovered } = await openWal(dir, { segmentBytesMax });
  t.deepEqual(plain(recovered.entries), plain([...entries(1, 39, 1), ...entries(40, 45, 2)]));
  t.deepEqual(recovered.hardState, hard(2, 0, 30));
  await wal2.close();
});

test("wal keeps a batch larger than segmentBytesMax whole in one segment", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 100 });
  await wal.save({ hardState: null, entries: entries(1, 50, 1) });
  await wal.save({ hardState: null, entries: entries(51, 100, 1) });
  await wal.close();
  t.is((await readdir(join(dir, "wal"))).length, 2);
  const { wal: wal2, recovered } = await openWal(dir, { segmentBytesMax: 100 });
  t.deepEqual(plain(recovered.entries), plain(entries(1, 100, 1)));
  await wal2.close();
});

test("wal serialises 50 concurrent saves in call order, all durable", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 2048 });
  const order: number[] = [];
  const saves = [];
  for (let i = 1; i <= 50; i++) {
    saves.push(wal.save({ hardState: hard(1, 1, i), entries: [entry(i, 1)] }).then(() => order.push(i)));
  }
  await Promise.all(saves);
  t.deepEqual(
    order,
    Array.from({ length: 50 }, (_, k) => k + 1),
  );
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(plain(recovered.entries), plain(entries(1, 50, 1)));
  t.deepEqual(recovered.hardState, hard(1, 1, 50));
  await wal2.close();
});

test("wal save with nothing to save writes nothing", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: null, entries: [] });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(recovered.entries, []);
  await wal2.close();
});

test("wal asserts raft invariants on save", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  await wal.save({ hardState: hard(2, 1, 1), entries: entries(1, 2, 1) });
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(4, 2)] }), { instanceOf: AssertionFailedError });
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(3, 2), entry(5, 2)] }), {
    instanceOf: AssertionFailedError,
  });
  await t.throwsAsync(wal.save({ hardState: hard(1, 1, 1), entries: [] }), { instanceOf: AssertionFailedError });
  await t.throwsAsync(wal.save({ hardState: hard(2, 1, 0), entries: [] }), { instanceOf: AssertionFailedError });
  await t.throwsAsync(wal.save({ hardState: hard(2, 3, 1), entries: [] }), { instanceOf: AssertionFailedError });
  // A refused batch wrote nothing; the WAL stays usable.
  await wal.save({ hardState: hard(3, 2, 2), entries: [entry(3, 3)] });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(plain(recovered.entries), plain([...entries(1, 2, 1), entry(3, 3)]));
  t.deepEqual(recovered.hardState, hard(3, 2, 2));
  await wal2.close();
});

test("wal rejects operations after close", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir);
  const pending = wal.save({ hardState: null, entries: [entry(1, 1)] });
  await wal.close();
  await pending;
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(2, 1)] }), { instanceOf: WalClosedError });
  await t.throwsAsync(wal.releaseTo(1), { instanceOf: WalClosedError });
  await wal.close();
});

test("wal releaseTo removes nothing without a snapshot and never the last segment", async (t) => {
  const dir = await tempDir(t);
  const { wal } = await openWal(dir, { segmentBytesMax: 200 });
  for (let i = 1; i <= 20; i++) await wal.save({ hardState: null, entries: [entry(i, 1)] });
  const before = await readdir(join(dir, "wal"));
  t.is(await wal.releaseTo(1000), 0);
  t.deepEqual(await readdir(join(dir, "wal")), before);
  await wal.close();
});
