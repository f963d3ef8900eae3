// Join tokens, in Docker's format: `SWMTKN-1-<digest>-<secret>`. The digest (SHA-256 of the root CA
// certificate, 50 base-36 characters) lets a joining node check the CA certificate it is handed
// over an unauthenticated channel, so it never trusts on first use; the secret (128 random bits, 25
// base-36 characters) is what the managers check, in constant time, before they issue a certificate.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { InvalidArgumentError } from "./errors.js";

/** Prefix and version of every join token. */
export const joinTokenPrefix = "SWMTKN-1-";
/** Characters of the CA digest part. */
export const joinTokenDigestChars = 50;
/** Characters of the secret part. */
export const joinTokenSecretChars = 25;

const base36 = (bytes: Uint8Array, chars: number): string => {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value.toString(36).padStart(chars, "0");
};

/** The digest part for a root CA certificate (PEM or DER bytes, as stored in the cluster object). */
export function caDigest(rootCaCert: Uint8Array): string {
  return base36(createHash("sha256").update(rootCaCert).digest(), joinTokenDigestChars);
}

/** A fresh token for the CA; `secret` is injectable for tests. */
export function newJoinToken(rootCaCert: Uint8Array, secret: Uint8Array = randomBytes(16)): string {
  return `${joinTokenPrefix}${caDigest(rootCaCert)}-${base36(secret, joinTokenSecretChars)}`;
}

/** A token split into its parts; throws InvalidArgumentError (field "token") when malformed. */
export function parseJoinToken(token: string): { digest: string; secret: string } {
  const match = /^SWMTKN-1-([0-9a-z]{50})-([0-9a-z]{25})$/.exec(token);
  if (!match) throw new InvalidArgumentError("token", "is not a join token (expected SWMTKN-1-<50 chars>-<25 chars>)");
  return { digest: match[1]!, secret: match[2]! };
}

/** Whether two tokens are the same, compared in constant time. */
export function sameJoinToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
