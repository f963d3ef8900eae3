// The file-system operations the WAL and the snapshot store use, behind a small interface so tests
// can inject failures (a full disk after N bytes, a failing sync) without a real full disk. The
// default implementation is a thin layer over node:fs/promises.
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";

/** An open file. Positions are absolute byte offsets; nothing relies on the file's own cursor. */
export interface WalFile {
  /** Writes data at position with one system call; returns the bytes written, which may be fewer. */
  write(data: Uint8Array, position: number): Promise<number>;
  /** Flushes the file's data (and the size, if it changed) to stable storage: fdatasync. */
  datasync(): Promise<void>;
  /** Flushes data and all metadata: fsync. */
  sync(): Promise<void>;
  /** Sets the file's length. */
  truncate(length: number): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** The directory and file operations of the WAL. */
export interface WalFs {
  /** Opens a file: "r+" an existing one for reading and writing, "w" a new or emptied one. */
  open(path: string, flags: "r+" | "w"): Promise<WalFile>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Names of the entries of a directory. */
  readdir(path: string): Promise<string[]>;
  /** Atomically renames a file, replacing any file at `to`. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
  /** Creates a directory and its missing parents; an existing one is fine. */
  mkdir(path: string): Promise<void>;
  /** Fsyncs a directory, making file creations, renames and removals in it durable. */
  syncDir(path: string): Promise<void>;
}

class NodeWalFile implements WalFile {
  constructor(private readonly handle: FileHandle) {}

  async write(data: Uint8Array, position: number): Promise<number> {
    const { bytesWritten } = await this.handle.write(data, 0, data.length, position);
    return bytesWritten;
  }

  datasync(): Promise<void> {
    return this.handle.datasync();
  }

  sync(): Promise<void> {
    return this.handle.sync();
  }

  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real file system, through node:fs/promises. */
export const nodeWalFs: WalFs = {
  async open(path, flags) {
    return new NodeWalFile(await open(path, flags));
  },
  readFile(path) {
    return readFile(path);
  },
  readdir(path) {
    return readdir(path);
  },
  rename(from, to) {
    return rename(from, to);
  },
  unlink(path) {
    return unlink(path);
  },
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async syncDir(path) {
    // Linux lets a directory be opened read-only and fsynced; that is how a new name becomes durable.
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
