// Who issued a node's certificate, as the node reports it (NodeDescription.tls_info): the issuer's
// subject and public key. A root rotation is done with a node once its certificate's issuer is the
// new root, i.e. the new root's subject with the new root's key. The cross-signed certificate has
// that same subject and key, so a certificate signed during the rotation counts as moved whichever
// of the two a verifier uses; the subject alone would not do (every root is called "swarm-ca").
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import type { swarm } from "../../proto/index.js";
import { splitCertificates } from "./pem.js";
import { x509 } from "./x509.js";

/** The issuer facts of a node certificate; both are DER. */
export interface IssuerInfo {
  /** DER of the issuer's subject name. */
  readonly subject: Uint8Array;
  /** DER SubjectPublicKeyInfo of the issuer's key. */
  readonly publicKey: Uint8Array;
}

/** A CA certificate as an issuer: its own subject and public key. */
export function issuerOfCa(caPem: string | Uint8Array): IssuerInfo {
  const [first] = splitCertificates(caPem);
  const cert = new x509.X509Certificate(first ?? "");
  return {
    subject: new Uint8Array(cert.subjectName.toArrayBuffer()),
    publicKey: new Uint8Array(cert.publicKey.rawData),
  };
}

/**
 * The issuer of a chain's leaf: the certificate, among the chain's others and the trusted roots,
 * whose key verifies the leaf's signature. Undefined when none does (a certificate of a root this
 * node no longer knows).
 */
export function issuerOfLeaf(chainPem: string | Uint8Array, trustPem: string | Uint8Array): IssuerInfo | undefined {
  const [leaf, ...rest] = splitCertificates(chainPem);
  if (!leaf) return undefined;
  const leafCert = new NodeX509Certificate(leaf);
  for (const candidate of [...rest, ...splitCertificates(trustPem)]) {
    const ca = new NodeX509Certificate(candidate);
    if (leafCert.checkIssued(ca) && leafCert.verify(ca.publicKey)) return issuerOfCa(candidate);
  }
  return undefined;
}

/** Whether two issuers are the same subject with the same key. */
export function sameIssuer(
  a: IssuerInfo | swarm.v1.INodeTlsInfo | null | undefined,
  b: IssuerInfo | swarm.v1.INodeTlsInfo | null | undefined,
): boolean {
  const subject = (x: typeof a): Uint8Array | null | undefined =>
    x && ("subject" in x ? x.subject : x.certIssuerSubject);
  const key = (x: typeof a): Uint8Array | null | undefined =>
    x && ("publicKey" in x ? x.publicKey : x.certIssuerPublicKey);
  const [sa, sb, ka, kb] = [subject(a), subject(b), key(a), key(b)];
  if (!sa || !sb || !ka || !kb || sa.length === 0 || ka.length === 0) return false;
  return Buffer.from(sa).equals(Buffer.from(sb)) && Buffer.from(ka).equals(Buffer.from(kb));
}

/** The proto form a node reports. */
export function tlsInfoOf(issuer: IssuerInfo | undefined): swarm.v1.NodeTlsInfo.$Properties {
  return issuer ? { certIssuerSubject: issuer.subject, certIssuerPublicKey: issuer.publicKey } : {};
}
