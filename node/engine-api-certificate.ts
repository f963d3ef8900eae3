// The Engine API's TLS server certificate, kept beside the node's own in `certificates/`
// (`engine-api.key` 0600, `engine-api.crt`). A manager signs it with the cluster CA for the names
// the operator gives; it is reused across restarts while it still serves those names, was signed
// by the current root, matches its key and has more than a third of its life left, so a manager
// restarted locked (which cannot sign before it is unlocked) still serves TLS at once.
import { realClock } from "../common/index.js";
import { createPublicKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  generateKeyPair,
  issueServingCertificate,
  type Manager,
  servingAltName,
  servingNames,
  signedByCa,
} from "../manager/index.js";
import { certificatesDirMode, certificatesDirName, certFileMode, keyFileMode } from "./certs/index.js";

/** File names of the Engine API's key and certificate inside `certificates/`. */
export const engineApiKeyFile = "engine-api.key";
export const engineApiCertFile = "engine-api.crt";

/** What the Engine API's TLS listener presents and trusts. */
export interface EngineApiTls {
  readonly certPem: string;
  readonly keyPem: string;
  /** The cluster's root CA: it signed the server certificate and must have signed every client's. */
  readonly caPem: string;
}

/** The names a serving certificate must carry, normalised and sorted; throws InvalidArgumentError naming `engine-api-san`. */
export function servingNamesFor(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => servingAltName("engine-api-san", n).value))].sort();
}

async function readIfExists(path: string): Promise<string | null> {
  return readFile(path, "utf8").catch(() => null);
}

/** The stored certificate when it is still good for these names and this root; else null. */
async function reusable(
  dir: string,
  names: readonly string[],
  caPem: string,
  nowMs: number,
): Promise<EngineApiTls | null> {
  const keyPem = await readIfExists(join(dir, engineApiKeyFile));
  const certPem = await readIfExists(join(dir, engineApiCertFile));
  if (!keyPem || !certPem) return null;
  try {
    const cert = new X509Certificate(certPem);
    const sameKey = createPublicKey(keyPem)
      .export({ type: "spki", format: "der" })
      .equals(cert.publicKey.export({ type: "spki", format: "der" }));
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    const fresh = to - nowMs > (to - from) / 3;
    if (sameKey && fresh && signedByCa(certPem, caPem) && servingNames(certPem).join() === names.join())
      return { certPem, keyPem, caPem };
  } catch {
    // Unreadable: replaced below.
  }
  return null;
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  await writeFile(`${path}.tmp`, text, { mode });
  await chmod(`${path}.tmp`, mode);
  await rename(`${path}.tmp`, path);
}

/**
 * The Engine API's server certificate for `names`: the stored one when it is still good, else a
 * new one signed through `manager` (null when this node runs no manager part and has none stored).
 */
export async function engineApiCertificate(options: {
  readonly stateDir: string;
  readonly names: readonly string[];
  readonly caPem: string;
  readonly manager: Manager | null;
  readonly nodeId: string;
  readonly nowMs?: number;
}): Promise<EngineApiTls | null> {
  const dir = join(options.stateDir, certificatesDirName);
  const names = servingNamesFor(options.names);
  const stored = await reusable(dir, names, options.caPem, options.nowMs ?? realClock.now());
  if (stored || !options.manager) return stored;
  const key = await generateKeyPair();
  const { certPem, caPem } = await issueServingCertificate(options.manager.store, key, {
    names,
    nodeId: options.nodeId,
  });
  await mkdir(dir, { recursive: true, mode: certificatesDirMode });
  await writeAtomically(join(dir, engineApiKeyFile), key.keyPem, keyFileMode);
  await writeAtomically(join(dir, engineApiCertFile), certPem, certFileMode);
  return { certPem, keyPem: key.keyPem, caPem };
}
