// Creating segment files and writing to them. A segment is born as a .tmp file holding its
// prologue (header, latest snapshot marker, current hard state), synced, then renamed into place
// and the directory synced: so every segment file on disk starts with a valid header, and a bad
// header can only mean corruption, never a crash during creation.
import { join } from "node:path";
import { assert } from "../../common/index.js";
import type { WalFile, WalFs } from "./wal-fs.js";
import type { WalCipher } from "./wal-cipher.js";
import {
  encodeRecords,
  segmentFileName,
  walFormatVersion,
  walFormatVersionEncrypted,
  type WalRecord,
} from "./wal-format.js";

/** Writes all of data at position, looping over short writes. */
export async function writeFully(file: WalFile, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const n = await file.write(data.subarray(done), position + done);
    // A regular file never accepts zero bytes without an error; looping on it would never end.
    assert(n > 0, `write of ${data.length - done} bytes wrote nothing`);
    done += n;
  }
}

/** A segment just created: its open file, name and the size of its prologue. */
export interface NewSegment {
  /** The segment's file, open for writing at `bytes`. */
  readonly file: WalFile;
  /** File name (without directory). */
  readonly name: string;
  /** Bytes written so far: the prologue. */
  readonly bytes: number;
}

/**
 * Creates segment `seq` starting at `firstIndex` in walDir with the given records after its
 * header, durably (file synced, renamed into place, directory synced). On failure no segment of
 * that name is left half-made: the temporary file is removed and the error rethrown. With a cipher
 * the segment is in the encrypted format.
 */
export async function createSegment(
  fs: WalFs,
  walDir: string,
  segment: { seq: number; firstIndex: number },
  prologue: readonly WalRecord[],
  cipher: WalCipher | null = null,
): Promise<NewSegment> {
  const name = segmentFileName(segment.seq, segment.firstIndex);
  const path = join(walDir, name);
  const tmp = `${path}.tmp`;
  const version = cipher ? walFormatVersionEncrypted : walFormatVersion;
  const records: WalRecord[] = [{ type: "segment-header", version, ...segment }, ...prologue];
  const bytes = cipher ? encodeRecords(records, { cipher, seq: segment.seq, offset: 0 }) : encodeRecords(records);
  let file: WalFile | null = null;
  try {
    file = await fs.open(tmp, "w");
    await writeFully(file, bytes, 0);
    await file.sync();
    await fs.rename(tmp, path);
  } catch (error) {
    if (file) await file.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  try {
    await fs.syncDir(walDir);
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  }
  return { file, name, bytes: bytes.length };
}
