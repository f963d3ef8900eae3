// Authenticated encryption of WAL records and snapshot files (AES-256-GCM from node:crypto). Every
// sealed value is [12-byte random nonce][ciphertext][16-byte tag]; the additional authenticated
// data binds it to where it lives (record type, segment sequence and byte offset; snapshot term and
// index), so a record or snapshot copied elsewhere fails authentication like a flipped bit does.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { InvalidArgumentError } from "../../common/index.js";

/** Bytes of a data encryption key (AES-256). */
export const dataKeyBytes = 32;
/** Bytes of the random nonce in front of every sealed value (96 bits, as GCM recommends). */
export const nonceBytes = 12;
/** Bytes of the GCM authentication tag after every sealed value. */
export const tagBytes = 16;
/** Bytes sealing adds to a plaintext. */
export const sealOverheadBytes = nonceBytes + tagBytes;

const algorithm = "aes-256-gcm";
const recordAadTag = Buffer.from("SWWAL-R\0", "latin1");
const headerAadTag = Buffer.from("SWWAL-H\0", "latin1");
const snapshotAadTag = Buffer.from("SWSNAP-E", "latin1");
const twoTo32 = 2 ** 32;

/** Encryption at rest of a WAL directory: the data encryption key (DEK). */
export interface WalEncryption {
  /** The 32-byte AES-256 key sealing every record payload and snapshot file. */
  readonly key: Uint8Array;
}

/** Seals and opens values with one data key. */
export class WalCipher {
  private readonly key: Buffer;

  constructor(encryption: WalEncryption) {
    if (encryption.key.length !== dataKeyBytes)
      throw new InvalidArgumentError("encryption.key", `must be ${dataKeyBytes} bytes, got ${encryption.key.length}`);
    this.key = Buffer.from(encryption.key);
  }

  /** Encrypts and authenticates `plain` with `aad`: nonce, ciphertext, tag. */
  seal(plain: Uint8Array, aad: Uint8Array): Buffer {
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv(algorithm, this.key, nonce, { authTagLength: tagBytes });
    cipher.setAAD(aad);
    return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  /** The plaintext of a sealed value, or null when it fails authentication (tampered, moved, wrong key). */
  open(sealed: Uint8Array, aad: Uint8Array): Buffer | null {
    if (sealed.length < sealOverheadBytes) return null;
    const nonce = sealed.subarray(0, nonceBytes);
    const tag = sealed.subarray(sealed.length - tagBytes);
    const decipher = createDecipheriv(algorithm, this.key, nonce, { authTagLength: tagBytes });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(nonceBytes, sealed.length - tagBytes)), decipher.final()]);
    } catch {
      return null;
    }
  }
}

function u64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(value % twoTo32, 0);
  b.writeUInt32LE(Math.floor(value / twoTo32), 4);
  return b;
}

/** Additional data of a record: its type, its segment's sequence and its byte offset in that segment. */
export function recordAad(typeCode: number, seq: number, offset: number): Buffer {
  return Buffer.concat([recordAadTag, Buffer.from([typeCode]), u64(seq), u64(offset)]);
}

/** Additional data of a segment header's tag: the header's plaintext fields. */
export function headerAad(headerFields: Uint8Array): Buffer {
  return Buffer.concat([headerAadTag, headerFields]);
}

/** Additional data of a snapshot file: its term and index (as its name gives them). */
export function snapshotAad(term: number, index: number): Buffer {
  return Buffer.concat([snapshotAadTag, u64(term), u64(index)]);
}
