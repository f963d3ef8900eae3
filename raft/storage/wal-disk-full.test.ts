// Goal: a full disk (ENOSPC, EDQUOT) or an I/O error during a write or sync fails the save with
// a typed error, leaves the WAL exactly as it was after the last good save, and keeps refusing
// writes until the WAL is reopened.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import type { Snapshot } from "../core/index.js";
import { DiskFullError, WalIoError } from "./errors.js";
import { openWal } from "./open-wal.js";
import { entries, entry, FaultyFs, hard, plain, tempDir } from "./wal-test-kit.js";

const snapshot: Snapshot = {
  meta: { index: 5, term: 1, conf: { voters: [1], learners: [] } },
  data: new Uint8Array(1000),
};

test("wal turns ENOSPC mid-write into DiskFullError and keeps what was saved", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  await wal.save({ hardState: hard(1, 1, 2), entries: entries(1, 3, 1) });
  const segment = join(dir, "wal", (await readdir(join(dir, "wal")))[0]!);
  const goodSize = (await stat(segment)).size;
  // The disk fills up 50 bytes into the next batch.
  fs.writeBudgetBytes = 50;
  const error = await t.throwsAsync(wal.save({ hardState: hard(1, 1, 3), entries: entries(4, 10, 1) }), {
    instanceOf: DiskFullError,
  });
  t.is(error.code, "DISK_FULL");
  t.is(error.dir, join(dir, "wal"));
  t.regex(error.message, /disk full/);
  t.true(error.message.includes(join(dir, "wal")));
  t.is((await stat(segment)).size, goodSize, "the partial batch was cut off");
  // Even with space again, the failed WAL refuses writes until reopened.
  fs.writeBudgetBytes = Number.POSITIVE_INFINITY;
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(4, 1)] }), { instanceOf: DiskFullError });
  await t.throwsAsync(wal.saveSnapshot(snapshot), { instanceOf: DiskFullError });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.tornTail, null);
  t.deepEqual(plain(recovered.entries), plain(entries(1, 3, 1)));
  t.deepEqual(recovered.hardState, hard(1, 1, 2));
  await wal2.save({ hardState: null, entries: [entry(4, 1)] });
  await wal2.close();
});

test("wal turns EDQUOT into DiskFullError", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  fs.writeBudgetBytes = 0;
  fs.writeErrorCode = "EDQUOT";
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(1, 1)] }), { instanceOf: DiskFullError });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(recovered.entries, []);
  await wal2.close();
});

test("wal turns ENOSPC while starting a segment into DiskFullError, leaving no partial segment", async (t) => {
  const dir = await tempDir(t);
  await (await openWal(dir)).wal.close();
  // Reopened, so segment 0 is open under its own name, not the .tmp name it was created under.
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs, segmentBytesMax: 200 });
  // Only new segment files hit the full disk: saves go on until one needs a new segment.
  fs.budgetPathPattern = /\.wal\.tmp$/;
  fs.writeBudgetBytes = 10;
  let saved = 0;
  let error: unknown = null;
  while (error === null && saved < 100) {
    const next = saved + 1;
    await wal.save({ hardState: hard(1, 1, next), entries: [entry(next, 1)] }).then(
      () => (saved = next),
      (e: unknown) => (error = e),
    );
  }
  t.true(error instanceof DiskFullError);
  t.true(saved >= 2, `${saved} saves before the segment was full`);
  const names = await readdir(join(dir, "wal"));
  t.deepEqual(names, ["0000000000000000-0000000000000001.wal"], "no new or temporary segment left");
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir, { segmentBytesMax: 200 });
  t.deepEqual(plain(recovered.entries), plain(entries(1, saved, 1)));
  t.deepEqual(recovered.hardState, hard(1, 1, saved));
  await wal2.close();
});

test("wal turns ENOSPC while writing a snapshot into DiskFullError, leaving no snapshot file", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  await wal.save({ hardState: hard(1, 1, 5), entries: entries(1, 5, 1) });
  fs.writeBudgetBytes = 100;
  await t.throwsAsync(wal.saveSnapshot(snapshot), { instanceOf: DiskFullError });
  t.deepEqual(await readdir(join(dir, "snap")), []);
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(6, 1)] }), { instanceOf: DiskFullError });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.is(recovered.snapshot, null);
  t.deepEqual(plain(recovered.entries), plain(entries(1, 5, 1)));
  await wal2.close();
});

test("wal turns a failing fdatasync into WalIoError and refuses further writes", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  await wal.save({ hardState: hard(1, 1, 1), entries: [entry(1, 1)] });
  fs.datasyncErrorCode = "EIO";
  const error = await t.throwsAsync(wal.save({ hardState: null, entries: [entry(2, 1)] }), { instanceOf: WalIoError });
  t.is(error.code, "WAL_IO");
  fs.datasyncErrorCode = null;
  await t.throwsAsync(wal.save({ hardState: null, entries: [entry(2, 1)] }), { instanceOf: WalIoError });
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(plain(recovered.entries), plain([entry(1, 1)]));
  await wal2.close();
});

test("wal ENOSPC during datasync (delayed allocation) also becomes DiskFullError", async (t) => {
  const dir = await tempDir(t);
  const fs = new FaultyFs();
  const { wal } = await openWal(dir, { fs });
  await wal.save({ hardState: hard(1, 1, 1), entries: [entry(1, 1)] });
  fs.datasyncErrorCode = "ENOSPC";
  await t.throwsAsync(wal.save({ hardState: hard(1, 1, 2), entries: [entry(2, 1)] }), { instanceOf: DiskFullError });
  fs.datasyncErrorCode = null;
  await wal.close();
  const { wal: wal2, recovered } = await openWal(dir);
  t.deepEqual(plain(recovered.entries), plain([entry(1, 1)]));
  t.deepEqual(recovered.hardState, hard(1, 1, 1));
  await wal2.close();
});
