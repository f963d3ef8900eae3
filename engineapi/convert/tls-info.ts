// Docker's TLSInfo (in `GET /swarm` and on every node): the cluster's root certificate as PEM, and
// the DER bytes of its subject and public key, which Docker clients compare to tell whether a
// node trusts the current root. Node's X509Certificate gives the key; the subject's DER is read
// from the certificate with a small DER walk (TBSCertificate's sixth element).
import { X509Certificate } from "node:crypto";
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

const cache = new Map<string, TlsInfo>();

/** TLSInfo for a root CA certificate in PEM (empty fields when there is none). */
export function tlsInfoOf(rootCaPem: string): TlsInfo {
  if (!rootCaPem) return { TrustRoot: "", CertIssuerSubject: "", CertIssuerPublicKey: "" };
  let info = cache.get(rootCaPem);
  if (!info) {
    const certificate = new X509Certificate(rootCaPem);
    info = {
      TrustRoot: rootCaPem,
      CertIssuerSubject: Buffer.from(subjectDer(new Uint8Array(certificate.raw))).toString("base64"),
      CertIssuerPublicKey: certificate.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    };
    // One root per cluster; a rotation adds one more entry.
    if (cache.size > 8) cache.clear();
    cache.set(rootCaPem, info);
  }
  return info;
}
