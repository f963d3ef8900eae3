// The backup file (`swarmctl cluster backup FILE`, `swarmd init --restore FILE`): one JSON header
// line, then the store's snapshot (every object of every kind, as raft snapshots hold it). With
// autolock on, the body is sealed with AES-256-GCM under a key derived from the cluster's unlock
// key, because the store holds the root CA key and every secret: a backup must be no easier to
// read than the managers' own disks. The header is authenticated too (it is the cipher's AAD), and
// a plain body carries its SHA-256, so a damaged file is refused instead of restoring half a store.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { realClock, SwarmError } from "../../common/index.js";

/** What the header's `format` says. */
export const backupFormat = "swarm-ts-backup";

/** The version of the format this code writes and reads. */
export const backupVersion = 1;

/** Longest header line, in bytes: a header is a few fields, so anything longer is not a backup. */
export const backupHeaderBytesMax = 4096;

/** Largest backup file restore reads, in bytes: the store lives in memory, and no store is this big. */
export const backupBytesMax = 2 * 1024 * 1024 * 1024;

const saltBytes = 16;
const nonceBytes = 12;
const tagBytes = 16;
const keyBytes = 32;
const hkdfInfo = Buffer.from("swarm-ts backup v1");

/** The header line of a backup file. */
export interface BackupHeader {
  /** Always {@link backupFormat}. */
  readonly format: string;
  /** Always {@link backupVersion}. */
  readonly version: number;
  /** Raft index the store was at. */
  readonly raftIndex: number;
  /** When the backup was taken (ISO 8601). */
  readonly createdAt: string;
  /** The cluster's id. */
  readonly clusterId: string;
  /** Whether the body is sealed with the unlock key. */
  readonly encrypted: boolean;
  /** Hex SHA-256 of a plain body (absent when sealed: the cipher's tag checks it). */
  readonly sha256?: string;
  /** The salt (base64) the body's key was derived with, when sealed. */
  readonly salt?: string;
  /** The nonce (base64) the body was sealed with. */
  readonly nonce?: string;
}

/** The file is not a backup this swarmd can read, or it is damaged. */
export class InvalidBackupError extends SwarmError {
  constructor(message: string) {
    super("INVALID_BACKUP", message);
  }
}

/** The backup is sealed and the unlock key given does not open it (or none was given). */
export class BackupLockedError extends SwarmError {
  constructor(message: string) {
    super("BACKUP_LOCKED", message);
  }
}

function bodyKey(unlockKey: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", unlockKey, salt, hkdfInfo, keyBytes));
}

/**
 * The bytes of a backup file for `snapshot` (the store's snapshot at `raftIndex`); sealed when
 * `unlockKey` (the cluster's raw unlock key) is given.
 */
export function encodeBackup(
  snapshot: Uint8Array,
  meta: { readonly raftIndex: number; readonly clusterId: string; readonly unlockKey?: Uint8Array | null },
  now: Date = new Date(realClock.now()),
): Buffer {
  const base = {
    format: backupFormat,
    version: backupVersion,
    raftIndex: meta.raftIndex,
    createdAt: now.toISOString(),
    clusterId: meta.clusterId,
  };
  if (!meta.unlockKey || meta.unlockKey.length === 0) {
    const header: BackupHeader = {
      ...base,
      encrypted: false,
      sha256: createHash("sha256").update(snapshot).digest("hex"),
    };
    return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), snapshot]);
  }
  const salt = randomBytes(saltBytes);
  const nonce = randomBytes(nonceBytes);
  const header: BackupHeader = {
    ...base,
    encrypted: true,
    salt: salt.toString("base64"),
    nonce: nonce.toString("base64"),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
  const cipher = createCipheriv("aes-256-gcm", bodyKey(meta.unlockKey, salt), nonce, { authTagLength: tagBytes });
  cipher.setAAD(headerLine);
  return Buffer.concat([headerLine, cipher.update(snapshot), cipher.final(), cipher.getAuthTag()]);
}

/** The header of a backup file's bytes, checked; InvalidBackupError when it is none. */
export function readBackupHeader(file: Uint8Array): { header: BackupHeader; bodyOffset: number } {
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const end = buffer.subarray(0, backupHeaderBytesMax).indexOf(0x0a);
  if (end === -1) throw new InvalidBackupError("not a swarm-ts backup: no header line");
  let header: BackupHeader;
  try {
    header = JSON.parse(buffer.subarray(0, end).toString("utf8")) as BackupHeader;
  } catch {
    throw new InvalidBackupError("not a swarm-ts backup: the header is not JSON");
  }
  if (header.format !== backupFormat) throw new InvalidBackupError("not a swarm-ts backup: wrong format name");
  if (header.version !== backupVersion)
    throw new InvalidBackupError(`backup format version ${String(header.version)}; this swarmd reads ${backupVersion}`);
  return { header, bodyOffset: end + 1 };
}

/**
 * The store snapshot a backup file holds, checked against its digest or opened with `unlockKey`
 * (raw); BackupLockedError when sealed and the key is missing or wrong.
 */
export function decodeBackup(file: Uint8Array, unlockKey?: Uint8Array): { header: BackupHeader; snapshot: Buffer } {
  const { header, bodyOffset } = readBackupHeader(file);
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const body = buffer.subarray(bodyOffset);
  if (!header.encrypted) {
    if (createHash("sha256").update(body).digest("hex") !== header.sha256)
      throw new InvalidBackupError("the backup is damaged: its body does not match its SHA-256");
    return { header, snapshot: body };
  }
  if (!unlockKey)
    throw new BackupLockedError("the backup is encrypted with the cluster's unlock key: give it with --unlock-key");
  if (body.length < tagBytes || !header.salt || !header.nonce)
    throw new InvalidBackupError("the backup is damaged: truncated");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    bodyKey(unlockKey, Buffer.from(header.salt, "base64")),
    Buffer.from(header.nonce, "base64"),
    { authTagLength: tagBytes },
  );
  decipher.setAAD(buffer.subarray(0, bodyOffset));
  decipher.setAuthTag(body.subarray(body.length - tagBytes));
  try {
    return {
      header,
      snapshot: Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]),
    };
  } catch {
    throw new BackupLockedError(
      "the unlock key does not open this backup (wrong key, or the file is damaged); use the key current when it was taken",
    );
  }
}
