import { randomBytes } from "node:crypto";
import { assert } from "./assert.js";

/** Length of object ids, as Docker's swarm uses: 25 characters of base 36. */
export const idLengthChars = 25;

/** Random bytes behind an id: 128 bits, enough that ids never collide in practice. */
export const idEntropyBytes = 16;

/**
 * Turns random bytes into an object id: 25 lowercase base-36 characters, zero-padded so every id
 * has the same length. The bytes come from the caller so deterministic code can inject them.
 */
export function encodeId(randomBytes: Uint8Array): string {
  assert(
    randomBytes.length === idEntropyBytes,
    `an id needs ${idEntropyBytes} random bytes, got ${randomBytes.length}`,
  );
  // One BigInt from two 64-bit reads: parsing it from hex digits took twice as long, and every task
  // the orchestrator creates takes an id.
  const view = new DataView(randomBytes.buffer, randomBytes.byteOffset, idEntropyBytes);
  return ((view.getBigUint64(0) << 64n) | view.getBigUint64(8)).toString(36).padStart(idLengthChars, "0");
}

/** Whether `text` has the shape of an object id. */
export function isId(text: string): boolean {
  return text.length === idLengthChars && /^[0-9a-z]+$/.test(text);
}

/** Ids drawn from one call to the system's random source: one call per id costs more than the id. */
const idPoolIds = 256;
let idPool = new Uint8Array(0);
let idPoolAt = 0;

/** A fresh random object id (code that must be deterministic takes `encodeId` with injected bytes). */
export function randomId(): string {
  if (idPoolAt + idEntropyBytes > idPool.length) {
    idPool = randomBytes(idEntropyBytes * idPoolIds);
    idPoolAt = 0;
  }
  const bytes = idPool.subarray(idPoolAt, idPoolAt + idEntropyBytes);
  idPoolAt += idEntropyBytes;
  return encodeId(bytes);
}
