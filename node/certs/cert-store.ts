// The node's certificates in its state directory: `certificates/node.key` (mode 0600),
// `node.crt` and `ca.crt`. Each file is written whole to a temporary file, fsynced, then renamed
// over the old one, and the directory is fsynced, so a crash leaves either the old or the new file,
// never a torn one. Key and certificate are two files, so a crash between their two renames could
// pair a new key with an old certificate: load() notices (their public keys differ) and finishes
// the interrupted save from the temporary certificate, which was complete before any rename.
import { createPublicKey, X509Certificate } from "node:crypto";
import { constants } from "node:fs";
import { chmod, mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { SwarmError } from "../../common/index.js";

/** Folder of the certificates inside a node's state directory. */
export const certificatesDirName = "certificates";
/** Mode of the certificates folder: only the node's user may list it. */
export const certificatesDirMode = 0o700;
/** Mode of the private key file. */
export const keyFileMode = 0o600;
/** Mode of the certificate files (public data). */
export const certFileMode = 0o644;

const files = { key: "node.key", cert: "node.crt", ca: "ca.crt" } as const;
const tmpSuffix = ".tmp";

/** A node's TLS material, as PEM text. */
export interface NodeCertificates {
  /** The node's private key. */
  readonly keyPem: string;
  /** The node's certificate, signed by the root CA; during a root rotation, followed by the cross-signed new root. */
  readonly certPem: string;
  /** The roots the node trusts: the cluster's root CA, and the new one while a root rotation runs. */
  readonly caPem: string;
}

/** The stored key and certificate do not belong together and no interrupted save explains it. */
export class CertificateKeyMismatchError extends SwarmError {
  constructor(dir: string) {
    super(
      "CERTIFICATE_KEY_MISMATCH",
      `${dir}: node.crt is not the certificate of node.key; remove the folder and join again`,
      { context: { dir } },
    );
  }
}

function samePublicKey(keyPem: string, certPem: string): boolean {
  const fromKey = createPublicKey(keyPem).export({ type: "spki", format: "der" });
  // node.crt may hold a chain (a leaf the new root signed, then the cross-signed new root): the leaf is first.
  const leaf = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(certPem)?.[0] ?? certPem;
  const fromCert = new X509Certificate(leaf).publicKey.export({ type: "spki", format: "der" });
  return fromKey.equals(fromCert);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function fsyncPath(path: string, flags: number): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeSynced(path: string, text: string, mode: number): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads and writes a node's certificates in `<stateDir>/certificates`. */
export class NodeCertStore {
  /** The certificates folder. */
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, certificatesDirName);
  }

  /** Path of one of the files, e.g. for a TLS option that takes a path. */
  path(file: keyof typeof files): string {
    return join(this.dir, files[file]);
  }

  /** Replaces all three files; each is complete on disk before any is renamed into place. */
  async save(certificates: NodeCertificates): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: certificatesDirMode });
    await chmod(this.dir, certificatesDirMode);
    const writes: [keyof typeof files, string, number][] = [
      ["key", certificates.keyPem, keyFileMode],
      ["cert", certificates.certPem, certFileMode],
      ["ca", certificates.caPem, certFileMode],
    ];
    for (const [file, text, mode] of writes) await writeSynced(this.path(file) + tmpSuffix, text, mode);
    for (const [file] of writes) await rename(this.path(file) + tmpSuffix, this.path(file));
    await fsyncPath(this.dir, constants.O_RDONLY | constants.O_DIRECTORY);
  }

  /** Replaces the trusted roots alone (`ca.crt`), as a root rotation changes them; key and certificate stay. */
  async saveTrust(caPem: string): Promise<void> {
    await writeSynced(this.path("ca") + tmpSuffix, caPem, certFileMode);
    await rename(this.path("ca") + tmpSuffix, this.path("ca"));
    await fsyncPath(this.dir, constants.O_RDONLY | constants.O_DIRECTORY);
  }

  /** The stored certificates, or undefined when the node has none yet. */
  async load(): Promise<NodeCertificates | undefined> {
    const [keyPem, certPem, caPem] = await Promise.all([
      readIfExists(this.path("key")),
      readIfExists(this.path("cert")),
      readIfExists(this.path("ca")),
    ]);
    if (keyPem === undefined || certPem === undefined || caPem === undefined) return undefined;
    if (samePublicKey(keyPem, certPem)) return { keyPem, certPem, caPem };
    // A save was interrupted after the key's rename: its certificate (and CA) wait in the temporary files.
    const pendingCert = await readIfExists(this.path("cert") + tmpSuffix);
    if (pendingCert === undefined || !samePublicKey(keyPem, pendingCert))
      throw new CertificateKeyMismatchError(this.dir);
    await rename(this.path("cert") + tmpSuffix, this.path("cert"));
    const pendingCa = await readIfExists(this.path("ca") + tmpSuffix);
    if (pendingCa !== undefined) await rename(this.path("ca") + tmpSuffix, this.path("ca"));
    await fsyncPath(this.dir, constants.O_RDONLY | constants.O_DIRECTORY);
    return { keyPem, certPem: pendingCert, caPem: pendingCa ?? caPem };
  }
}
