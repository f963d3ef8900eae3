// The node's WireGuard key pair. The node makes it itself and keeps the private key in its state
// directory (mode 0600): it never leaves the node, not even to the managers, which learn only the
// public key from the node's description. Keys are Curve25519 (X25519) as `wg genkey` makes them:
// 32 random bytes, clamped, base64 on disk and in the description, hex on the UAPI socket.
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SwarmError } from "../../common/index.js";

/** Bytes of a Curve25519 key. */
export const wireguardKeyBytes = 32;

/** DER prefix of a PKCS#8 X25519 private key; the 32 key bytes follow it. */
const x25519Pkcs8Prefix = Buffer.from("302e020100300506032b656e04220420", "hex");

/** A key pair, both halves base64 (WireGuard's text form). */
export interface WireGuardKeys {
  /** The private key: stays on the node. */
  readonly privateKey: string;
  /** The public key: reported to the managers, handed to peers. */
  readonly publicKey: string;
}

/** The node's key file cannot be read or holds no key. */
export class WireGuardKeyError extends SwarmError {
  constructor(path: string, problem: string, options: { cause?: unknown } = {}) {
    super("WIREGUARD_KEY", `WireGuard key file ${path}: ${problem}`, { context: { path }, ...options });
  }
}

/** Clamps 32 bytes into a Curve25519 private key, as `wg genkey` does. */
function clamp(key: Buffer): Buffer {
  const out = Buffer.from(key);
  out[0] = out[0]! & 248;
  out[31] = (out[31]! & 127) | 64;
  return out;
}

/** Whether `text` is a base64 WireGuard key (32 bytes). */
export function isWireGuardKey(text: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(text);
}

/** The public key of a base64 private key. */
export function publicKeyOf(privateKey: string): string {
  const raw = Buffer.from(privateKey, "base64");
  if (raw.length !== wireguardKeyBytes) throw new RangeError("a WireGuard private key is 32 bytes");
  const key = createPrivateKey({ key: Buffer.concat([x25519Pkcs8Prefix, raw]), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(key).export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url").toString("base64");
}

/** A fresh key pair. */
export function generateKeys(): WireGuardKeys {
  const privateKey = clamp(randomBytes(wireguardKeyBytes)).toString("base64");
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** A base64 key as the UAPI writes it: hex. */
export function keyToHex(key: string): string {
  return Buffer.from(key, "base64").toString("hex");
}

/** A hex key from the UAPI as base64. */
export function keyFromHex(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}

/**
 * The node's key pair from `path`, made and saved there (0600, written whole through a rename)
 * when the file does not exist. A node keeps its key across restarts, so peers keep their
 * sessions with it; a new key (a new state directory) reaches them through the next view.
 */
export function loadOrCreateKeys(path: string): WireGuardKeys {
  let text: string | undefined;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new WireGuardKeyError(path, "cannot be read", { cause: error });
  }
  if (text !== undefined) {
    if (!isWireGuardKey(text)) throw new WireGuardKeyError(path, "holds no base64 WireGuard private key");
    return { privateKey: text, publicKey: publicKeyOf(text) };
  }
  const keys = generateKeys();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${keys.privateKey}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return keys;
}
