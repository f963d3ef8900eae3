// Operating errors of the WAL and snapshot files. Each has a stable code and names the file (and,
// for corruption, the byte offset) so an operator can find what to inspect or restore.
import { SwarmError } from "../../common/index.js";

/**
 * The WAL or a snapshot file holds data that fails its checks somewhere other than a torn tail:
 * a bad record followed by valid data, a bad record in a segment that is not the last, a bad
 * segment header, a missing segment, or log entries that no snapshot covers. The member must not
 * start from such a log: it could have lost entries it acknowledged.
 */
export class WalCorruptError extends SwarmError {
  /** Path of the file with the problem. */
  readonly file: string;
  /** Byte offset in that file where the problem starts. */
  readonly offset: number;

  constructor(file: string, offset: number, problem: string) {
    super("WAL_CORRUPT", `WAL corrupt: ${file} at byte ${offset}: ${problem}`, { context: { file, offset, problem } });
    this.file = file;
    this.offset = offset;
  }
}

/**
 * An encrypted WAL or snapshot file fails its checks: a record or snapshot whose seal does not open
 * (a flipped bit, bytes moved or replayed from elsewhere, or the wrong data key), or any damage that
 * would be WalCorruptError in a plain WAL. The member stops rather than apply what it cannot trust.
 */
export class WalIntegrityError extends SwarmError {
  /** Path of the file with the problem. */
  readonly file: string;
  /** Byte offset in that file where the problem starts. */
  readonly offset: number;

  constructor(file: string, offset: number, problem: string) {
    super(
      "WAL_INTEGRITY",
      `raft state integrity check failed: ${file} at byte ${offset}: ${problem}; the encrypted state is corrupt or was tampered with (or the data key is wrong); refusing to start from it`,
      { context: { file, offset, problem } },
    );
    this.file = file;
    this.offset = offset;
  }
}

/**
 * The disk (or the user's quota) is full: a write or sync of the WAL or of a snapshot got ENOSPC or
 * EDQUOT. What was saved before stays intact; the WAL refuses further writes until it is reopened.
 */
export class DiskFullError extends SwarmError {
  /** The directory that ran out of space. */
  readonly dir: string;

  constructor(dir: string, file: string, options: { cause?: unknown } = {}) {
    super("DISK_FULL", `disk full: no space left to write ${file} in ${dir}; free space and restart the member`, {
      context: { dir, file },
      ...options,
    });
    this.dir = dir;
  }
}

/**
 * A write, sync or truncate of the WAL or of a snapshot failed for another reason than a full disk
 * (e.g. EIO). After a failed sync the kernel's page cache state is unknown, so the WAL refuses
 * further writes until it is reopened and recovery has checked the files.
 */
export class WalIoError extends SwarmError {
  /** Path of the file being written. */
  readonly file: string;

  constructor(operation: string, file: string, options: { cause?: unknown } = {}) {
    const why = options.cause instanceof Error ? `: ${options.cause.message}` : "";
    super("WAL_IO", `WAL ${operation} of ${file} failed${why}`, { context: { operation, file }, ...options });
    this.file = file;
  }
}

/** The WAL was used after close(). */
export class WalClosedError extends SwarmError {
  constructor(dir: string) {
    super("WAL_CLOSED", `WAL in ${dir} is closed`, { context: { dir } });
  }
}

/**
 * Turns a failed write, sync or rename into the WAL's error: DiskFullError for ENOSPC and EDQUOT,
 * WalIoError for anything else.
 */
export function toWriteError(error: unknown, dir: string, file: string, operation: string): DiskFullError | WalIoError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return new DiskFullError(dir, file, { cause: error });
  return new WalIoError(operation, file, { cause: error });
}
