// Node certificates: the CA signs a node's CSR, keeping only its public key. Everything that
// identifies the node is set by the CA, never taken from the request: CN = node id, OU = role,
// O = cluster id, as SwarmKit does. A node proves who it is in mutual TLS with this certificate,
// and every manager reads the caller's identity back from it (parseNodeIdentity).
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { InvalidArgumentError, realClock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { loadKeyPair, signingAlgorithm } from "./crypto-keys.js";
import { InvalidCertificateError } from "./errors.js";
import { splitCertificates } from "./pem.js";
import { clockSkewMs, randomSerial, type RootCa } from "./root-ca.js";
import { x509 } from "./x509.js";

/** OU of a manager's certificate (and a SAN, so TLS clients may also check it as a host name). */
export const ManagerRole = "swarm-manager";
/** OU of a worker's certificate. */
export const WorkerRole = "swarm-worker";
/** The role a node certificate grants. */
export type CertificateRole = typeof ManagerRole | typeof WorkerRole;
/**
 * OU of an operator's client certificate (`swarmctl cluster ca issue-client`): it reaches the
 * operator APIs (Control, Logs, Watch) over TCP, never raft or the dispatcher, and names a person or
 * tool rather than a node.
 */
export const OperatorRole = "swarm-operator";
/** Whoever a certificate may name: a node of either role, or an operator. */
export type CallerRole = CertificateRole | typeof OperatorRole;
/** Characters of an operator's name (the CN of its certificate). */
export const operatorNameCharsMax = 64;
/** Docker's default lifetime of node certificates, 90 days, in milliseconds. */
export const nodeCertExpiryMsDefault = 90 * 24 * 3600 * 1000;
/** Characters of PEM a CSR may have; a CSR for a P-256 key is under 1 KB. */
export const csrPemCharsMax = 16 * 1024;

/** Who a node certificate says its holder is. */
export interface NodeIdentity {
  /** Node id (the CN). */
  readonly nodeId: string;
  /** Role (the OU). */
  readonly role: CallerRole;
  /** Cluster id (the O). */
  readonly clusterId: string;
  /**
   * The role the certificate names, when the node's role now is lower (a demoted manager's
   * certificate is valid until it expires, but opens only what the node may do now).
   */
  readonly certificateRole?: CallerRole;
}

/** What the CA puts in a node certificate. */
export interface NodeCertificateOptions {
  /** Node id, the CN. */
  readonly nodeId: string;
  /** Role, the OU. */
  readonly role: CallerRole;
  /** Cluster id, the O. */
  readonly clusterId: string;
  /** Lifetime in milliseconds; nodeCertExpiryMsDefault when absent. */
  readonly expiryMs?: number;
  /** Issuing time in ms since the epoch; now when absent. */
  readonly now?: number;
}

/** The certificate role of a proto role. */
export function certificateRole(role: swarm.v1.NodeSpec.Role | number | null | undefined): CertificateRole {
  return Number(role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER) ? ManagerRole : WorkerRole;
}

/** The proto role of a certificate role. */
export function protoRole(role: CertificateRole): swarm.v1.NodeSpec.Role {
  return role === ManagerRole ? swarm.v1.NodeSpec.Role.ROLE_MANAGER : swarm.v1.NodeSpec.Role.ROLE_WORKER;
}

/** Parses a PEM CSR and checks its self-signature; throws InvalidArgumentError naming `csr_pem`. */
export async function verifiedCsr(csrPem: string): Promise<x509.Pkcs10CertificateRequest> {
  if (csrPem.length === 0) throw new InvalidArgumentError("csr_pem", "is required");
  if (csrPem.length > csrPemCharsMax)
    throw new InvalidArgumentError("csr_pem", `is longer than ${csrPemCharsMax} characters`);
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (error) {
    throw new InvalidArgumentError("csr_pem", "is not a PEM certificate signing request", { cause: error });
  }
  const algorithm = csr.publicKey.algorithm as { name?: string; namedCurve?: string };
  if (algorithm.name !== "ECDSA" || algorithm.namedCurve !== "P-256")
    throw new InvalidArgumentError("csr_pem", "must be for an ECDSA P-256 key");
  let valid = false;
  try {
    valid = await csr.verify();
  } catch (error) {
    throw new InvalidArgumentError("csr_pem", "signature cannot be checked", { cause: error });
  }
  if (!valid) throw new InvalidArgumentError("csr_pem", "signature does not match its public key");
  return csr;
}

/** Signing roots whose parsed certificate and imported key are kept (a root rotation briefly has two). */
export const signerCacheEntriesMax = 4;

/** A signing root ready to sign: parsing its certificate and importing its key cost more than the signature. */
interface Signer {
  readonly caCert: x509.X509Certificate;
  readonly caKeys: Awaited<ReturnType<typeof loadKeyPair>>;
  readonly authorityKeyId: x509.AuthorityKeyIdentifierExtension;
}

const signers = new Map<string, Promise<Signer>>();

/**
 * The signing root parsed and imported, from a small cache keyed by its PEM: a cluster joining
 * thousands of nodes signs with the same root every time, and re-reading it took about half of
 * each certificate's CPU time.
 */
function signerOf(ca: RootCa): Promise<Signer> {
  const key = `${ca.certPem}\n${ca.keyPem}`;
  let signer = signers.get(key);
  if (!signer) {
    signer = (async () => {
      const caCert = new x509.X509Certificate(ca.certPem);
      return {
        caCert,
        caKeys: await loadKeyPair(ca.keyPem),
        authorityKeyId: await x509.AuthorityKeyIdentifierExtension.create(caCert),
      };
    })();
    // A root that fails to load is not remembered: the next call tries again.
    signer.catch(() => signers.delete(key));
    if (signers.size >= signerCacheEntriesMax) signers.delete(signers.keys().next().value!);
    signers.set(key, signer);
  }
  return signer;
}

/**
 * Signs a node certificate for the CSR's public key with the root CA. The CSR's subject and
 * extensions are ignored: the identity comes from `options`. The SAN carries the node id and the
 * role name, as Docker's do. Validity starts a minute back (clock skew between nodes) and never
 * outlasts the root CA. Throws InvalidArgumentError naming `csr_pem` for a bad CSR.
 */
export async function issueNodeCertificate(
  ca: RootCa,
  csrPem: string,
  options: NodeCertificateOptions,
): Promise<string> {
  const csr = await verifiedCsr(csrPem);
  const { caCert, caKeys, authorityKeyId } = await signerOf(ca);
  const now = options.now ?? realClock.now();
  const expiryMs = options.expiryMs ?? nodeCertExpiryMsDefault;
  const notAfter = Math.min(now + expiryMs, caCert.notAfter.getTime());
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ O: [options.clusterId] }, { OU: [options.role] }, { CN: [options.nodeId] }],
    issuer: caCert.subjectName,
    notBefore: new Date(now - clockSkewMs),
    notAfter: new Date(notAfter),
    publicKey: csr.publicKey,
    signingKey: caKeys.keys.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: options.nodeId },
        { type: "dns", value: options.role },
      ]),
      authorityKeyId,
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
    ],
  });
  return certificate.toString("pem");
}

/** Checks an operator's name for its certificate's CN; throws InvalidArgumentError naming `name`. */
export function validateOperatorName(name: string): void {
  if (name.length === 0 || name.length > operatorNameCharsMax || !/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/.test(name)) {
    throw new InvalidArgumentError(
      "name",
      `must be 1-${operatorNameCharsMax} letters, digits or _.@- (starting with a letter or digit), got ${JSON.stringify(name.slice(0, operatorNameCharsMax + 1))}`,
    );
  }
}

/** A certificate as PEM text, PEM or DER bytes, or a TLS peer certificate (whose `raw` is DER). */
export type CertificateInput = string | Uint8Array | { readonly raw: Uint8Array };

/** Validity window of a certificate, in ms since the epoch. */
export function certificateValidity(certificate: CertificateInput): { notBeforeMs: number; notAfterMs: number } {
  const cert = parseCertificate(certificate);
  return { notBeforeMs: cert.notBefore.getTime(), notAfterMs: cert.notAfter.getTime() };
}

/**
 * Reads a node certificate's identity: CN, OU and O. Does not check the signature (TLS did, or
 * the caller must); throws InvalidCertificateError when the subject is not a node's.
 */
export function parseNodeIdentity(certificate: CertificateInput): NodeIdentity {
  const cert = parseCertificate(certificate);
  const one = (field: string): string => {
    const values = cert.subjectName.getField(field);
    if (values.length !== 1 || !values[0]) throw new InvalidCertificateError(`subject must have exactly one ${field}`);
    return values[0];
  };
  const nodeId = one("CN");
  const role = one("OU");
  const clusterId = one("O");
  if (role !== ManagerRole && role !== WorkerRole && role !== OperatorRole)
    throw new InvalidCertificateError(
      `role ${JSON.stringify(role)} is none of ${ManagerRole}, ${WorkerRole}, ${OperatorRole}`,
    );
  return { nodeId, role, clusterId };
}

/**
 * Whether `certificate` chains to one of the roots in `caPem` (a bundle while a root rotation
 * runs): its leaf is signed by a root directly, or by an intermediate the certificate carries
 * after it (the new root cross-signed by the current one) that a root signed. Checks signatures
 * and issuer names with node:crypto; validity times are TLS's business.
 */
export function signedByCa(certificate: CertificateInput, caPem: string): boolean {
  const chain =
    typeof certificate === "string" ? splitCertificates(certificate) : [parseCertificate(certificate).toString("pem")];
  const [leafText, ...rest] = chain;
  if (!leafText) return false;
  const leaf = new NodeX509Certificate(leafText);
  const roots = splitCertificates(caPem).map((pem) => new NodeX509Certificate(pem));
  const intermediates = rest.map((pem) => new NodeX509Certificate(pem));
  const issued = (child: NodeX509Certificate, parent: NodeX509Certificate): boolean =>
    child.checkIssued(parent) && child.verify(parent.publicKey);
  if (roots.some((root) => issued(leaf, root))) return true;
  return intermediates.some((mid) => issued(leaf, mid) && roots.some((root) => issued(mid, root)));
}

function parseCertificate(certificate: CertificateInput): x509.X509Certificate {
  try {
    if (typeof certificate === "string") return new x509.X509Certificate(certificate);
    const bytes = certificate instanceof Uint8Array ? certificate : certificate.raw;
    // The store keeps certificates as the bytes of their PEM text; TLS hands over DER.
    const text = Buffer.from(bytes.subarray(0, 10)).toString("latin1");
    if (text.startsWith("-----BEGIN")) return new x509.X509Certificate(Buffer.from(bytes).toString("utf8"));
    return new x509.X509Certificate(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof InvalidCertificateError) throw error;
    throw new InvalidCertificateError("cannot be parsed", { cause: error });
  }
}
