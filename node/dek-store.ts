// The manager's raft data encryption key (DEK) on disk: `<stateDir>/manager/raft-dek.json`, mode
// 0600, written atomically. With autolock off the key is stored as is (as Docker keeps it in its
// key file: whoever reads the state dir reads the key, but a copied WAL or a stolen backup of it
// alone is useless); with autolock on it is wrapped (AES-256-GCM) with a key-encryption key derived
// (HKDF-SHA256) from the operator's unlock key, which is never written to the manager's disk.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SwarmError } from "../common/index.js";
import { dataKeyBytes } from "../raft/index.js";

/** File name of the DEK, inside the manager's directory. */
export const dekFileName = "raft-dek.json";
/** Prefix of a human unlock key: `SWMKEY-1-<base64url of 32 random bytes>`. */
export const unlockKeyPrefix = "SWMKEY-1-";
/** Bytes of an unlock key. */
export const unlockKeyBytesRaw = 32;
/** Bytes of the random HKDF salt stored with a wrapped DEK. */
export const kekSaltBytes = 16;

const wrapNonceBytes = 12;
const wrapTagBytes = 16;
const hkdfInfo = Buffer.from("swarm-ts raft DEK wrap v1");
const wrapAad = Buffer.from("swarm-ts raft DEK v1");

/** The DEK file's content: the key in the clear (autolock off) or wrapped (autolock on). */
export type DekFile =
  | { readonly version: 1; readonly locked: false; readonly dek: string }
  | {
      readonly version: 1;
      readonly locked: true;
      readonly salt: string;
      readonly nonce: string;
      readonly wrapped: string;
    };

/** An unlock key that is malformed or does not open this manager's DEK. */
export class InvalidUnlockKeyError extends SwarmError {
  constructor(problem: string) {
    super("INVALID_UNLOCK_KEY", problem);
  }
}

/** The DEK file is missing or unreadable while the raft state exists: the state cannot be decrypted. */
export class DekFileError extends SwarmError {
  constructor(path: string, problem: string) {
    super("DEK_FILE", `${path}: ${problem}; the manager's raft state cannot be decrypted without it`, {
      context: { path },
    });
  }
}

/** Path of the DEK file in a manager directory. */
export function dekPath(managerDir: string): string {
  return join(managerDir, dekFileName);
}

/** The raw bytes of a human unlock key; InvalidUnlockKeyError when it is not one. */
export function parseUnlockKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!trimmed.startsWith(unlockKeyPrefix))
    throw new InvalidUnlockKeyError(`invalid unlock key: it must start with ${unlockKeyPrefix}`);
  const body = trimmed.slice(unlockKeyPrefix.length);
  const raw = /^[A-Za-z0-9_-]+$/.test(body) ? Buffer.from(body, "base64url") : Buffer.alloc(0);
  if (raw.length !== unlockKeyBytesRaw)
    throw new InvalidUnlockKeyError("invalid unlock key: it is not a key swarmd printed (wrong length or characters)");
  return raw;
}

/** The unlock key as operators see it. */
export function formatUnlockKey(raw: Uint8Array): string {
  return `${unlockKeyPrefix}${Buffer.from(raw).toString("base64url")}`;
}

function kek(unlockKey: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", unlockKey, salt, hkdfInfo, dataKeyBytes));
}

/** The DEK file for `dek`: plain without an unlock key, wrapped with one. */
export function encodeDekFile(dek: Uint8Array, unlockKey: Uint8Array | null): DekFile {
  if (!unlockKey) return { version: 1, locked: false, dek: Buffer.from(dek).toString("base64") };
  const salt = randomBytes(kekSaltBytes);
  const nonce = randomBytes(wrapNonceBytes);
  const cipher = createCipheriv("aes-256-gcm", kek(unlockKey, salt), nonce, { authTagLength: wrapTagBytes });
  cipher.setAAD(wrapAad);
  const wrapped = Buffer.concat([cipher.update(dek), cipher.final(), cipher.getAuthTag()]);
  return {
    version: 1,
    locked: true,
    salt: salt.toString("base64"),
    nonce: nonce.toString("base64"),
    wrapped: wrapped.toString("base64"),
  };
}

/** The DEK a locked file wraps, with the unlock key; InvalidUnlockKeyError when the key does not open it. */
export function unwrapDek(file: DekFile, unlockKey: Uint8Array): Buffer {
  if (!file.locked) return Buffer.from(file.dek, "base64");
  const wrapped = Buffer.from(file.wrapped, "base64");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    kek(unlockKey, Buffer.from(file.salt, "base64")),
    Buffer.from(file.nonce, "base64"),
    { authTagLength: wrapTagBytes },
  );
  decipher.setAAD(wrapAad);
  decipher.setAuthTag(wrapped.subarray(wrapped.length - wrapTagBytes));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(0, wrapped.length - wrapTagBytes)), decipher.final()]);
  } catch {
    throw new InvalidUnlockKeyError(
      "wrong unlock key: it does not unlock this manager (after a rotation, use the newest key)",
    );
  }
}

/** Reads the DEK file; null when there is none. */
export async function readDekFile(managerDir: string): Promise<DekFile | null> {
  const path = dekPath(managerDir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: DekFile;
  try {
    parsed = JSON.parse(text) as DekFile;
  } catch {
    throw new DekFileError(path, "is not valid JSON");
  }
  if (parsed.version !== 1)
    throw new DekFileError(path, `has version ${String(parsed.version)}; this swarmd reads version 1`);
  return parsed;
}

/** Writes the DEK file atomically (temporary file with mode 0600, fsync, rename, directory fsync). */
export async function writeDekFile(managerDir: string, file: DekFile): Promise<void> {
  await mkdir(managerDir, { recursive: true, mode: 0o700 });
  const path = dekPath(managerDir);
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file)}\n`, { mode: 0o600, flush: true });
  await rename(tmp, path);
  const dir = await open(managerDir, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** A new random DEK. */
export function newDek(): Buffer {
  return randomBytes(dataKeyBytes);
}
