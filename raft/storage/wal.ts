// The write-ahead log in use: appends each Ready batch with one write and one fdatasync, writes
// snapshot files, releases segments a snapshot covers. Operations run one at a time in call order.
// Any failed write or sync moves the WAL to a failed state in which every later operation rejects
// with the same error: after a failed fsync the page cache may no longer match the disk, so only a
// reopen (which re-reads and checks everything) may continue.
import { join } from "node:path";
import { assert } from "../../common/index.js";
import { type Entry, type HardState, mustSync, type Snapshot } from "../core/index.js";
import { type DiskFullError, toWriteError, WalClosedError, type WalIoError } from "./errors.js";
import { createSegment, writeFully } from "./segment-file.js";
import { encodeSnapshotFile, parseSnapshotFileName, snapshotFileName } from "./snapshot-file.js";
import type { WalCipher } from "./wal-cipher.js";
import type { WalFile, WalFs } from "./wal-fs.js";
import { encodeRecords, recordBytes, segmentFileName, type WalRecord } from "./wal-format.js";

/** Default size at which a new segment is started: 64 MiB. */
export const segmentBytesMaxDefault = 64 * 1024 * 1024;
/** Snapshot files kept: the newest and the one before it, as a fallback if the newest is damaged. */
export const snapshotFilesKept = 2;

/** A structured event logger: event name and fields. */
export type LogFn = (event: string, fields: Record<string, unknown>) => void;

/** One Ready's persistent part: entries to append (replacing any from their index on) and hard state. */
export interface SaveBatch {
  /** The new hard state, or null when it did not change. */
  readonly hardState: HardState | null;
  /** Entries to append, contiguous; the first may replace a suffix of the log. */
  readonly entries: readonly Entry[];
}

/** A segment of the WAL and the highest entry index it holds. */
export interface SegmentInfo {
  /** Sequence number. */
  readonly seq: number;
  /** File name (without directory). */
  readonly name: string;
  /** Highest entry index written in it; 0 when it holds no entry. */
  maxIndex: number;
}

/** The state openWal hands to the Wal it creates. */
export interface WalState {
  /** The WAL's root directory. */
  readonly dir: string;
  /** Injected file system. */
  readonly fs: WalFs;
  /** Event logger. */
  readonly log: LogFn;
  /** Size at which a new segment starts. */
  readonly segmentBytesMax: number;
  /** Segments in sequence order; the last is open as `file`. */
  readonly segments: SegmentInfo[];
  /** The last segment, open for writing. */
  readonly file: WalFile;
  /** Bytes of the last segment that are good. */
  readonly size: number;
  /** Bytes of the last segment's prologue (header, marker, hard state). */
  readonly prologueBytes: number;
  /** Index of the last entry (or the snapshot's index when later). */
  readonly lastIndex: number;
  /** Current hard state. */
  readonly hardState: HardState;
  /** The snapshot the WAL's log starts from, or null. */
  readonly snapshot: { readonly index: number; readonly term: number } | null;
  /** The cipher sealing records and snapshots; null for a plain WAL. */
  readonly cipher: WalCipher | null;
}

/**
 * The durable raft log of one member: created by openWal. Implements the driver's RaftStorage.
 * Layout and format: wal-format.ts.
 */
export class Wal {
  /** The directory holding wal/ and snap/. */
  readonly dir: string;
  private readonly walDir: string;
  private readonly snapDir: string;
  private readonly fs: WalFs;
  private readonly log: LogFn;
  private readonly segmentBytesMax: number;
  private readonly segments: SegmentInfo[];
  private file: WalFile;
  private size: number;
  private prologueBytes: number;
  private lastIndex: number;
  private hardState: HardState;
  /** The hard state of the newest save() called, queued ones included: what a new save changes. */
  private queuedHardState: HardState;
  private snapshot: { readonly index: number; readonly term: number } | null;
  private readonly cipher: WalCipher | null;
  /** Tail of the chain that runs operations one at a time. */
  private queue: Promise<void> = Promise.resolve();
  private failure: DiskFullError | WalIoError | null = null;
  private closed = false;

  constructor(state: WalState) {
    assert(state.segments.length > 0, "a WAL has at least one segment");
    this.dir = state.dir;
    this.walDir = join(state.dir, "wal");
    this.snapDir = join(state.dir, "snap");
    this.fs = state.fs;
    this.log = state.log;
    this.segmentBytesMax = state.segmentBytesMax;
    this.segments = state.segments;
    this.file = state.file;
    this.size = state.size;
    this.prologueBytes = state.prologueBytes;
    this.lastIndex = state.lastIndex;
    this.hardState = state.hardState;
    this.queuedHardState = state.hardState;
    this.snapshot = state.snapshot;
    this.cipher = state.cipher;
  }

  /**
   * Appends the batch's entries, then its hard state, with one write and one fdatasync; resolves
   * once they are durable. A batch that only moves the commit index is written without the
   * fdatasync, as etcd does, and resolves at once: the commit index is a hint a member re-learns
   * from the leader, so losing it in a crash loses nothing, while waiting for it would put a
   * write (or an fsync) between a quorum's acknowledgement and the apply. Calls made while
   * another operation runs wait their turn, in call order.
   * Rejects with DiskFullError or WalIoError when the write fails (the WAL keeps what was saved
   * before and refuses further writes until reopened).
   */
  save(batch: SaveBatch): Promise<void> {
    const hardState = batch.hardState;
    const commitOnly = hardState !== null && !mustSync(this.queuedHardState, hardState, batch.entries.length);
    if (hardState) this.queuedHardState = hardState;
    const run = this.serialise(() => this.doSave(batch, !commitOnly));
    if (!commitOnly) return run;
    // Nothing waits for a commit index: it is written in its turn, and a write failure is kept
    // for the next save to report (fail() records it).
    run.catch((error: unknown) => this.log("wal.commit_write_failed", { dir: this.dir, error: String(error) }));
    return Promise.resolve();
  }

  /**
   * Writes the snapshot to its file durably (temporary file, fsync, rename, directory fsync), then
   * appends its marker to the WAL and syncs it, then removes snapshot files beyond the newest
   * snapshotFilesKept.
   */
  saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.serialise(() => this.doSaveSnapshot(snapshot));
  }

  /**
   * Deletes the oldest segments all of whose entries are at or before `index`, never the last
   * segment and never entries after the newest snapshot (index is capped at its index). Returns
   * how many segments were removed.
   */
  releaseTo(index: number): Promise<number> {
    return this.serialise(() => this.doReleaseTo(index));
  }

  /** Waits for pending operations, then closes the segment file. Later operations reject. */
  close(): Promise<void> {
    return this.serialise(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.file.close();
    });
  }

  private serialise<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private checkUsable(): void {
    if (this.closed) throw new WalClosedError(this.dir);
    if (this.failure) throw this.failure;
  }

  private async doSave(batch: SaveBatch, sync: boolean): Promise<void> {
    this.checkUsable();
    const { hardState, entries } = batch;
    if (hardState === null && entries.length === 0) return;
    this.checkBatch(batch);
    const records: WalRecord[] = entries.map((entry) => ({ type: "entry", entry }));
    if (hardState) records.push({ type: "hard-state", hardState });
    await this.append(records, { sync });
    const last = entries.at(-1);
    if (last) {
      this.lastIndex = last.index;
      const segment = this.segments.at(-1)!;
      segment.maxIndex = Math.max(segment.maxIndex, last.index);
    }
    if (hardState) this.hardState = hardState;
  }

  /** The raft invariants a batch must keep; a violation is a bug in the caller. */
  private checkBatch(batch: SaveBatch): void {
    const first = batch.entries[0];
    if (first) {
      assert(
        first.index >= 1 && first.index <= this.lastIndex + 1,
        `entry ${first.index} would leave a gap after ${this.lastIndex}`,
      );
      assert(
        first.index > (this.snapshot?.index ?? 0),
        `entry ${first.index} rewrites the log the snapshot at ${this.snapshot?.index} covers`,
      );
      for (let k = 1; k < batch.entries.length; k++) {
        const e = batch.entries[k]!;
        const prev = batch.entries[k - 1]!;
        assert(e.index === prev.index + 1, `batch entries not contiguous: ${e.index} after ${prev.index}`);
        assert(e.term >= prev.term, `entry terms decrease: ${e.term} after ${prev.term}`);
      }
    }
    const hs = batch.hardState;
    if (hs) {
      assert(hs.term >= this.hardState.term, `term decreases from ${this.hardState.term} to ${hs.term}`);
      assert(hs.commit >= this.hardState.commit, `commit decreases from ${this.hardState.commit} to ${hs.commit}`);
      assert(
        hs.term > this.hardState.term || this.hardState.vote === 0 || hs.vote === this.hardState.vote,
        `vote changes from ${this.hardState.vote} to ${hs.vote} within term ${hs.term}`,
      );
    }
  }

  /**
   * Appends records to the last segment (starting a new one if it is full), then syncs. They are
   * encoded only once their segment and offset are known: an encrypted record is bound to both.
   */
  private async append(records: readonly WalRecord[], options: { sync: boolean } = { sync: true }): Promise<void> {
    let length = 0;
    for (const r of records) length += recordBytes(r, this.cipher !== null);
    if (this.size > this.prologueBytes && this.size + length > this.segmentBytesMax) await this.rotate();
    const segment = this.segments.at(-1)!;
    const path = join(this.walDir, segment.name);
    const bytes = this.cipher
      ? encodeRecords(records, { cipher: this.cipher, seq: segment.seq, offset: this.size })
      : encodeRecords(records);
    try {
      await writeFully(this.file, bytes, this.size);
      if (options.sync) await this.file.datasync();
    } catch (error) {
      const failure = toWriteError(error, this.walDir, path, "write");
      await this.truncateAfterFailure(path);
      throw this.fail(failure);
    }
    this.size += bytes.length;
  }

  /** Cuts the segment back to its last good byte, so no partial batch stays behind the failure. */
  private async truncateAfterFailure(path: string): Promise<void> {
    try {
      await this.file.truncate(this.size);
      await this.file.datasync();
    } catch (error) {
      // Recovery on the next open treats whatever is left past the good bytes as a torn tail.
      this.log("wal.truncate_failed", { file: path, offset: this.size, error: String(error) });
    }
  }

  private fail(failure: DiskFullError | WalIoError): DiskFullError | WalIoError {
    this.failure = failure;
    this.log("wal.failed", { dir: this.dir, code: failure.code, error: failure.message });
    return failure;
  }

  /** Starts the next segment; its prologue repeats the latest snapshot marker and the hard state. */
  private async rotate(): Promise<void> {
    const seq = this.segments.at(-1)!.seq + 1;
    const firstIndex = Math.max(this.lastIndex, this.snapshot?.index ?? 0) + 1;
    const prologue: WalRecord[] = [];
    if (this.snapshot) prologue.push({ type: "snapshot-marker", ...this.snapshot });
    prologue.push({ type: "hard-state", hardState: this.hardState });
    let created;
    try {
      created = await createSegment(this.fs, this.walDir, { seq, firstIndex }, prologue, this.cipher);
    } catch (error) {
      throw this.fail(
        toWriteError(error, this.walDir, join(this.walDir, segmentFileName(seq, firstIndex)), "segment creation"),
      );
    }
    const old = this.file;
    this.file = created.file;
    this.size = created.bytes;
    this.prologueBytes = created.bytes;
    this.segments.push({ seq, name: created.name, maxIndex: 0 });
    this.log("wal.segment_created", { file: join(this.walDir, created.name) });
    // The old segment was synced by the last save that wrote entries or a term or vote; anything
    // after that is a commit index, which the new segment's prologue (synced) repeats.
    await old.close().catch((error: unknown) => this.log("wal.close_failed", { error: String(error) }));
  }

  private async doSaveSnapshot(snapshot: Snapshot): Promise<void> {
    this.checkUsable();
    const { index, term } = snapshot.meta;
    assert(
      index >= (this.snapshot?.index ?? 0),
      `snapshot at ${index} is older than the one at ${this.snapshot?.index}`,
    );
    const name = snapshotFileName(term, index);
    const path = join(this.snapDir, name);
    const tmp = `${path}.tmp`;
    const bytes = encodeSnapshotFile(snapshot, this.cipher);
    let file: WalFile | null = null;
    try {
      file = await this.fs.open(tmp, "w");
      await writeFully(file, bytes, 0);
      await file.sync();
      const opened = file;
      file = null;
      await opened.close();
      await this.fs.rename(tmp, path);
      await this.fs.syncDir(this.snapDir);
    } catch (error) {
      if (file) await file.close().catch(() => undefined);
      await this.fs.unlink(tmp).catch(() => undefined);
      throw this.fail(toWriteError(error, this.snapDir, path, "snapshot write"));
    }
    await this.append([{ type: "snapshot-marker", index, term }]);
    this.snapshot = { index, term };
    this.lastIndex = Math.max(this.lastIndex, index);
    this.log("wal.snapshot_saved", { file: path, index, term, bytes: bytes.length });
    await this.pruneSnapshots();
  }

  /** Removes snapshot files beyond the newest snapshotFilesKept. A failure here loses nothing. */
  private async pruneSnapshots(): Promise<void> {
    try {
      const files = (await this.fs.readdir(this.snapDir))
        .map((name) => ({ name, parsed: parseSnapshotFileName(name) }))
        .filter((f) => f.parsed !== null)
        .sort((a, b) => b.parsed!.index - a.parsed!.index || b.parsed!.term - a.parsed!.term);
      for (const f of files.slice(snapshotFilesKept)) {
        await this.fs.unlink(join(this.snapDir, f.name));
        this.log("wal.snapshot_removed", { file: join(this.snapDir, f.name) });
      }
    } catch (error) {
      this.log("wal.snapshot_prune_failed", { dir: this.snapDir, error: String(error) });
    }
  }

  private async doReleaseTo(index: number): Promise<number> {
    this.checkUsable();
    const limit = Math.min(index, this.snapshot?.index ?? 0);
    let count = 0;
    while (count < this.segments.length - 1 && this.segments[count]!.maxIndex <= limit) count++;
    if (count === 0) return 0;
    let removed = 0;
    try {
      // Oldest first: a crash part-way leaves a consecutive run of segments, as open requires.
      for (; removed < count; removed++) await this.fs.unlink(join(this.walDir, this.segments[removed]!.name));
      await this.fs.syncDir(this.walDir);
    } catch (error) {
      throw toWriteError(error, this.walDir, join(this.walDir, this.segments[removed]?.name ?? ""), "segment removal");
    } finally {
      const gone = this.segments.splice(0, removed);
      if (gone.length > 0) this.log("wal.segments_released", { upTo: limit, files: gone.map((s) => s.name) });
    }
    return removed;
  }
}
