// Helpers shared by the storage tests: temporary directories on the real disk, entry builders,
// and a file system that injects failures (a full disk after N bytes, failing syncs).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionContext } from "ava";
import type { Entry, HardState } from "../core/index.js";
import { nodeWalFs, type WalFile, type WalFs } from "./wal-fs.js";

/** A fresh directory under os.tmpdir(), removed when the test ends. */
export async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swarm-wal-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A normal entry whose data is `data` (default "e<index>t<term>"). */
export function entry(index: number, term: number, data = `e${index}t${term}`): Entry {
  return { index, term, type: "normal", data: new TextEncoder().encode(data) };
}

/** Entries lo..hi inclusive, all of one term. */
export function entries(lo: number, hi: number, term: number): Entry[] {
  const out: Entry[] = [];
  for (let i = lo; i <= hi; i++) out.push(entry(i, term));
  return out;
}

/** A hard state. */
export function hard(term: number, vote: number, commit: number): HardState {
  return { term, vote, commit };
}

/** Entries as comparable plain values: index, term, type, data as text. */
export function plain(list: readonly Entry[]): { index: number; term: number; type: string; data: string }[] {
  return list.map((e) => ({ index: e.index, term: e.term, type: e.type, data: new TextDecoder().decode(e.data) }));
}

/** An error as Node's fs raises it. */
export function errnoError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected failure`);
  error.code = code;
  return error;
}

/**
 * The real file system with injected faults. `writeBudgetBytes` is how many more bytes writes may
 * put down: the write that crosses it writes the part that fits and the next call fails with
 * `writeErrorCode`, like a disk that fills up mid-write. `datasyncErrorCode` makes every datasync fail.
 */
export class FaultyFs implements WalFs {
  /** Bytes writes may still put down; Infinity for no limit. */
  writeBudgetBytes = Number.POSITIVE_INFINITY;
  /** When set, the budget applies only to writes to files whose path matches. */
  budgetPathPattern: RegExp | null = null;
  /** errno code once the budget is spent. */
  writeErrorCode = "ENOSPC";
  /** When set, datasync fails with this errno code. */
  datasyncErrorCode: string | null = null;
  /** Bytes written in total. */
  bytesWritten = 0;
  /** Successful datasyncs in total. */
  datasyncs = 0;

  open = async (path: string, flags: "r+" | "w"): Promise<WalFile> => {
    const file = await nodeWalFs.open(path, flags);
    return {
      write: async (data, position) => {
        if (this.budgetPathPattern && !this.budgetPathPattern.test(path)) return file.write(data, position);
        if (this.writeBudgetBytes <= 0) throw errnoError(this.writeErrorCode);
        const n = Math.min(data.length, this.writeBudgetBytes);
        const written = await file.write(data.subarray(0, n), position);
        this.writeBudgetBytes -= written;
        this.bytesWritten += written;
        return written;
      },
      datasync: async () => {
        if (this.datasyncErrorCode !== null) throw errnoError(this.datasyncErrorCode);
        await file.datasync();
        this.datasyncs++;
      },
      sync: () => file.sync(),
      truncate: (length) => file.truncate(length),
      close: () => file.close(),
    };
  };
  readFile = (path: string): Promise<Uint8Array> => nodeWalFs.readFile(path);
  readdir = (path: string): Promise<string[]> => nodeWalFs.readdir(path);
  rename = (from: string, to: string): Promise<void> => nodeWalFs.rename(from, to);
  unlink = (path: string): Promise<void> => nodeWalFs.unlink(path);
  mkdir = (path: string): Promise<void> => nodeWalFs.mkdir(path);
  syncDir = (path: string): Promise<void> => nodeWalFs.syncDir(path);
}
