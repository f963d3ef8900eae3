// Opening a WAL directory: recovery. Removes leftover temporary files, reads and checks every
// segment in order, truncates a torn tail of the last segment, picks the newest usable snapshot,
// and returns the hard state, snapshot and entries the driver starts from.
import { join } from "node:path";
import { assert } from "../../common/index.js";
import type { Entry, HardState, Snapshot } from "../core/index.js";
import { toWriteError, WalCorruptError, WalIntegrityError } from "./errors.js";
import { LogReplay } from "./replay.js";
import { createSegment } from "./segment-file.js";
import { scanSegment } from "./segment-reader.js";
import { decodeSnapshotFile, openSealedSnapshotFile, parseSnapshotFileName } from "./snapshot-file.js";
import { sealOverheadBytes, WalCipher, type WalEncryption } from "./wal-cipher.js";
import { type LogFn, type SegmentInfo, segmentBytesMaxDefault, Wal } from "./wal.js";
import { nodeWalFs, type WalFile, type WalFs } from "./wal-fs.js";
import { parseSegmentFileName, recordHeaderBytes, segmentFileName, segmentHeaderPayloadBytes } from "./wal-format.js";

/** Options of openWal. */
export interface WalOptions {
  /** Size at which a new segment is started; default segmentBytesMaxDefault (64 MiB). */
  readonly segmentBytesMax?: number;
  /** File system to use; default the real one. Tests inject failures through it. */
  readonly fs?: WalFs;
  /** Structured event log (torn tails, removed files, failures). */
  readonly log?: LogFn;
  /**
   * Encryption at rest: every record payload and snapshot file sealed with this data key
   * (AES-256-GCM). A WAL is created encrypted or plain and must always be opened the same way.
   */
  readonly encryption?: WalEncryption;
}

/** A torn tail cut off the last segment on open. */
export interface TornTail {
  /** Path of the segment. */
  readonly file: string;
  /** Offset the segment was truncated to: where the bad record started. */
  readonly offset: number;
  /** Bytes removed. */
  readonly bytesDropped: number;
}

/** What the WAL held: what the driver starts from. */
export interface Recovered {
  /** The last saved hard state; all zero for a new WAL. */
  readonly hardState: HardState;
  /** The newest usable snapshot, or null. */
  readonly snapshot: Snapshot | null;
  /** The entries after the snapshot (or from index 1), contiguous. */
  readonly entries: Entry[];
  /** The torn tail removed on this open, or null when the WAL ended cleanly. */
  readonly tornTail: TornTail | null;
}

/** Files of an interrupted write that recovery removes. */
const tempSuffix = ".tmp";
/** Extension a snapshot that fails its checks is renamed to. */
const corruptSuffix = ".corrupt";
/** Size of a segment header record: a segment no bigger holds no other record. */
const segmentHeaderRecordBytes = recordHeaderBytes + segmentHeaderPayloadBytes;

/**
 * Opens (creating if needed) the WAL in `dir` (layout in wal-format.ts) and recovers its
 * content. Throws WalCorruptError when the WAL or the snapshots fail their checks anywhere but in
 * a torn tail of the last segment, which is truncated, logged and reported in `recovered.tornTail`.
 * With `encryption`, every such failure (and any record or snapshot whose seal does not open)
 * throws WalIntegrityError instead, and a damaged snapshot is never skipped for an older one.
 * Events logged: wal.created, wal.opened, wal.torn_tail, wal.temp_removed, wal.snapshot_corrupt,
 * wal.snapshot_incomplete_removed, wal.snapshot_unmarked_skipped; later, from the Wal:
 * wal.segment_created, wal.snapshot_saved, wal.snapshot_removed, wal.segments_released, wal.failed.
 */
export async function openWal(dir: string, options: WalOptions = {}): Promise<{ wal: Wal; recovered: Recovered }> {
  const cipher = options.encryption ? new WalCipher(options.encryption) : null;
  try {
    return await recover(dir, options, cipher);
  } catch (error) {
    // Encrypted state that fails a check cannot be told apart from tampering: say so.
    if (cipher && error instanceof WalCorruptError)
      throw new WalIntegrityError(error.file, error.offset, String(error.context.problem));
    throw error;
  }
}

async function recover(
  dir: string,
  options: WalOptions,
  cipher: WalCipher | null,
): Promise<{ wal: Wal; recovered: Recovered }> {
  const fs = options.fs ?? nodeWalFs;
  const log: LogFn = options.log ?? (() => undefined);
  const segmentBytesMax = options.segmentBytesMax ?? segmentBytesMaxDefault;
  assert(
    Number.isSafeInteger(segmentBytesMax) && segmentBytesMax > 0,
    `segmentBytesMax must be a positive integer, not ${segmentBytesMax}`,
  );
  const walDir = join(dir, "wal");
  const snapDir = join(dir, "snap");
  await fs.mkdir(walDir);
  await fs.mkdir(snapDir);
  await fs.syncDir(dir);
  const walNames = await removeTempFiles(fs, walDir, log);
  const snapNames = await removeTempFiles(fs, snapDir, log);
  const segmentNames = walNames
    .map((name) => ({ name, parsed: parseSegmentFileName(name) }))
    .filter((s): s is { name: string; parsed: { seq: number; firstIndex: number } } => s.parsed !== null)
    .sort((a, b) => a.parsed.seq - b.parsed.seq);
  const snapFiles = snapNames
    .map((name) => ({ name, parsed: parseSnapshotFileName(name) }))
    .filter((s): s is { name: string; parsed: { term: number; index: number } } => s.parsed !== null)
    .sort((a, b) => b.parsed.index - a.parsed.index || b.parsed.term - a.parsed.term);

  if (segmentNames.length === 0) {
    if (snapFiles.length > 0)
      throw new WalCorruptError(walDir, 0, `no WAL segment, yet ${snapFiles.length} snapshot file(s) in ${snapDir}`);
    return openFresh(dir, { fs, log, segmentBytesMax, cipher });
  }

  // Segments: consecutive sequences, each checked record by record, replayed in order.
  const replay = new LogReplay();
  const segments: SegmentInfo[] = [];
  let tornTail: TornTail | null = null;
  let lastFile: WalFile | null = null;
  let size = 0;
  try {
    for (let i = 0; i < segmentNames.length; i++) {
      const { name, parsed } = segmentNames[i]!;
      const path = join(walDir, name);
      const prev = segmentNames[i - 1];
      if (prev && parsed.seq !== prev.parsed.seq + 1) {
        throw new WalCorruptError(
          path,
          0,
          `segment ${parsed.seq} follows segment ${prev.parsed.seq}: a segment is missing`,
        );
      }
      const bytes = await fs.readFile(path);
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const info: SegmentInfo = { seq: parsed.seq, name, maxIndex: 0 };
      const isLast = i === segmentNames.length - 1;
      const scan = scanSegment(path, buf, { ...parsed, isLast, ...(cipher ? { cipher } : {}) }, (record, offset) => {
        replay.apply(record, path, offset);
        if (record.type === "entry") info.maxIndex = Math.max(info.maxIndex, record.entry.index);
      });
      segments.push(info);
      if (!isLast) continue;
      lastFile = await fs.open(path, "r+");
      size = scan.goodBytes;
      if (scan.torn) {
        tornTail = { file: path, offset: scan.torn.offset, bytesDropped: scan.torn.bytesDropped };
        try {
          await lastFile.truncate(scan.torn.offset);
          await lastFile.sync();
        } catch (error) {
          throw toWriteError(error, walDir, path, "torn tail truncation");
        }
        log("wal.torn_tail", { ...tornTail, problem: scan.torn.problem });
      }
    }

    const snapshot = await loadSnapshot(fs, snapDir, snapFiles, replay, log, cipher);
    const snapshotIndex = snapshot?.meta.index ?? 0;
    const entries = replay.entriesAfter(snapshotIndex);
    const lastIndex = Math.max(replay.lastIndex(), snapshotIndex);
    const hardState = replay.hardState;
    if (hardState.commit > lastIndex) {
      const place = replay.hardStatePlace ?? { file: walDir, offset: 0 };
      throw new WalCorruptError(
        place.file,
        place.offset,
        `hard state commits index ${hardState.commit}, beyond the last entry ${lastIndex}`,
      );
    }
    if (lastFile === null) throw new WalCorruptError(walDir, 0, "no last segment");
    const wal = new Wal({
      dir,
      fs,
      log,
      segmentBytesMax,
      segments,
      file: lastFile,
      size,
      prologueBytes: segmentHeaderRecordBytes + (cipher ? sealOverheadBytes : 0),
      lastIndex,
      hardState,
      snapshot: snapshot ? { index: snapshot.meta.index, term: snapshot.meta.term } : null,
      cipher,
    });
    log("wal.opened", {
      dir,
      segments: segments.length,
      entries: entries.length,
      snapshotIndex,
      tornTail: tornTail !== null,
    });
    return { wal, recovered: { hardState, snapshot, entries, tornTail } };
  } catch (error) {
    if (lastFile) await lastFile.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Picks the newest snapshot file that verifies and whose marker is in the WAL. A file beyond every
 * marker is the remains of a save cut by a crash before it completed: removed. An older file
 * without a marker (its marker went with released segments) is skipped but left in place. A file
 * that fails its checks is renamed to .corrupt and the next older one tried, unless the WAL is
 * encrypted: then it fails the open with WalIntegrityError.
 */
async function loadSnapshot(
  fs: WalFs,
  snapDir: string,
  newestFirst: readonly { name: string; parsed: { term: number; index: number } }[],
  replay: LogReplay,
  log: LogFn,
  cipher: WalCipher | null,
): Promise<Snapshot | null> {
  for (const { name, parsed } of newestFirst) {
    const path = join(snapDir, name);
    if (!replay.hasMarker(parsed.index, parsed.term)) {
      if (parsed.index > replay.newestMarkerIndex) {
        await fs.unlink(path);
        log("wal.snapshot_incomplete_removed", { file: path });
      } else {
        log("wal.snapshot_unmarked_skipped", { file: path });
      }
      continue;
    }
    const bytes = await fs.readFile(path);
    const opened = cipher ? openSealedSnapshotFile(bytes, cipher, parsed) : bytes;
    if (typeof opened === "string") throw new WalIntegrityError(path, 0, `snapshot ${opened}`);
    const decoded = decodeSnapshotFile(opened);
    if (cipher && typeof decoded === "string") throw new WalIntegrityError(path, 0, `snapshot ${decoded}`);
    if (typeof decoded !== "string" && decoded.meta.index === parsed.index && decoded.meta.term === parsed.term)
      return decoded;
    const problem =
      typeof decoded === "string" ? decoded : `content is index ${decoded.meta.index}, term ${decoded.meta.term}`;
    await fs.rename(path, `${path}${corruptSuffix}`);
    log("wal.snapshot_corrupt", { file: path, problem, renamedTo: `${path}${corruptSuffix}` });
  }
  return null;
}

async function openFresh(
  dir: string,
  options: { fs: WalFs; log: LogFn; segmentBytesMax: number; cipher: WalCipher | null },
): Promise<{ wal: Wal; recovered: Recovered }> {
  const walDir = join(dir, "wal");
  const { fs, log, segmentBytesMax, cipher } = options;
  let created;
  try {
    created = await createSegment(fs, walDir, { seq: 0, firstIndex: 1 }, [], cipher);
  } catch (error) {
    throw toWriteError(error, walDir, join(walDir, segmentFileName(0, 1)), "segment creation");
  }
  log("wal.created", { dir });
  const hardState: HardState = { term: 0, vote: 0, commit: 0 };
  const wal = new Wal({
    dir,
    fs,
    log,
    segmentBytesMax,
    segments: [{ seq: 0, name: created.name, maxIndex: 0 }],
    file: created.file,
    size: created.bytes,
    prologueBytes: created.bytes,
    lastIndex: 0,
    hardState,
    snapshot: null,
    cipher,
  });
  return { wal, recovered: { hardState, snapshot: null, entries: [], tornTail: null } };
}

/** Removes the .tmp files of interrupted writes; returns the remaining names. */
async function removeTempFiles(fs: WalFs, dirPath: string, log: LogFn): Promise<string[]> {
  const names = await fs.readdir(dirPath);
  const kept: string[] = [];
  for (const name of names) {
    if (!name.endsWith(tempSuffix)) {
      kept.push(name);
      continue;
    }
    await fs.unlink(join(dirPath, name));
    log("wal.temp_removed", { file: join(dirPath, name) });
  }
  return kept;
}
