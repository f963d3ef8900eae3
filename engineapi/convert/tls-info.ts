// Docker's TLSInfo (in `GET /swarm` and on every node): the cluster's root certificate as PEM, and
// the DER bytes of its subject and public key, which Docker clients compare to tell whether a
// node trusts the current root. During a root rotation the cluster's issuer is the new root while
// its trust root is still the old one, as Docker shows it; `docker swarm ca --rotate` waits until
// every node reports that issuer and the same trust root, compared as text, so every PEM shown
// is first put in one canonical form. Node's X509Certificate gives the key; the subject's DER is read
// from the certificate with a small DER walk (TBSCertificate's sixth element).
import { X509Certificate } from "node:crypto";
import type { swarm } from "../../proto/index.js";
import type { TlsInfo } from "./node.js";

/** One DER element: where its contents start and end, and where the next element starts. */
interface Element {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

function element(der: Uint8Array, at: number): Element {
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let contentStart = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[at + 2 + i] ?? 0);
    contentStart += bytes;
  }
  const end = contentStart + length;
  if (end > der.length) throw new RangeError("truncated DER");
  return { tag, start: at, contentStart, end };
}

/** The DER of a certificate's subject name. */
export function subjectDer(certificateDer: Uint8Array): Uint8Array {
  const certificate = element(certificateDer, 0);
  const tbs = element(certificateDer, certificate.contentStart);
  let at = tbs.contentStart;
  let item = element(certificateDer, at);
  // The optional explicit version [0] comes first when present.
  if (item.tag === 0xa0) item = element(certificateDer, (at = item.end));
  // serialNumber, signature, issuer, validity, then subject.
  for (let i = 0; i < 4; i++) item = element(certificateDer, (at = item.end));
  return certificateDer.subarray(item.start, item.end);
}

/** Certificates of a PEM text, each as base64 without line breaks. */
const pemBlock = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Characters of base64 per PEM line, as RFC 7468 and Go's encoding/pem write them. */
const pemLineChars = 64;

/**
 * A PEM bundle of certificates in one form: each certificate's base64 in lines of 64 characters,
 * one after the other, ending with a newline; text outside the certificates is dropped.
 */
export function canonicalPem(pem: string): string {
  let out = "";
  for (const match of pem.matchAll(pemBlock)) {
    const body = (match[1] ?? "").replace(/\s+/g, "");
    const lines: string[] = [];
    for (let at = 0; at < body.length; at += pemLineChars) lines.push(body.slice(at, at + pemLineChars));
    out += `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
  }
  return out;
}

const cache = new Map<string, TlsInfo>();

/** TLSInfo for a root CA certificate in PEM (empty fields when there is none). */
export function tlsInfoOf(rootCaPem: string): TlsInfo {
  if (!rootCaPem) return { TrustRoot: "", CertIssuerSubject: "", CertIssuerPublicKey: "" };
  let info = cache.get(rootCaPem);
  if (!info) {
    const certificate = new X509Certificate(rootCaPem);
    info = {
      TrustRoot: canonicalPem(rootCaPem),
      CertIssuerSubject: Buffer.from(subjectDer(new Uint8Array(certificate.raw))).toString("base64"),
      CertIssuerPublicKey: certificate.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    };
    // One root per cluster; a rotation adds one more entry.
    if (cache.size > 8) cache.clear();
    cache.set(rootCaPem, info);
  }
  return info;
}

const utf8 = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString("utf8");

/**
 * The cluster's TLSInfo: its root as the trust root; as the issuer, the root a rotation under way
 * moves to, else the root itself (the issuer every node's certificate should have).
 */
export function clusterTlsInfo(cluster: swarm.v1.Cluster.$Properties): TlsInfo {
  const root = utf8(cluster.rootCaCertPem);
  const rotatingTo = utf8(cluster.rootRotation?.caCertPem);
  if (!rotatingTo) return tlsInfoOf(root);
  const issuer = tlsInfoOf(rotatingTo);
  return { ...issuer, TrustRoot: root ? canonicalPem(root) : "" };
}

/** A node's TLSInfo as it reports it, or null when it reports none. */
export function nodeTlsInfo(reported: swarm.v1.NodeTlsInfo.$Properties | null | undefined): TlsInfo | null {
  if (!reported?.trustRootPem?.length) return null;
  return {
    TrustRoot: canonicalPem(utf8(reported.trustRootPem)),
    CertIssuerSubject: Buffer.from(reported.certIssuerSubject ?? []).toString("base64"),
    CertIssuerPublicKey: Buffer.from(reported.certIssuerPublicKey ?? []).toString("base64"),
  };
}
