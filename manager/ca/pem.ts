// Certificate chains as PEM text. A node certificate issued during a root rotation travels with
// the cross-signed certificate of the new root after it (leaf first, as TLS sends a chain), and a
// node trusts a bundle of roots while the rotation lasts; these helpers split and join such text
// so that every reader takes the leaf it means and every writer emits well-formed PEM.
import { InvalidArgumentError } from "../../common/index.js";
import { x509 } from "./x509.js";

/** Most certificates one chain or bundle may hold: a leaf, an intermediate and a couple of roots. */
export const pemCertificatesMax = 8;

const blockPattern = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, each re-encoded from its DER (so ending in a newline), in order. */
export function splitCertificates(pem: string | Uint8Array): string[] {
  const text = typeof pem === "string" ? pem : Buffer.from(pem).toString("utf8");
  const blocks = text.match(blockPattern) ?? [];
  return blocks.slice(0, pemCertificatesMax).map((block) => normalisedPem(block));
}

/** One certificate's PEM in canonical form (64-column base64, a newline at the end). */
export function normalisedPem(pem: string): string {
  return `${new x509.X509Certificate(pem).toString("pem").trimEnd()}\n`;
}

/** PEM texts joined into one chain or bundle, each block ending in a newline, duplicates dropped. */
export function joinCertificates(...pems: readonly (string | Uint8Array | null | undefined)[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const pem of pems) {
    if (!pem || pem.length === 0) continue;
    for (const cert of splitCertificates(pem)) {
      if (seen.has(cert)) continue;
      seen.add(cert);
      out.push(cert);
    }
  }
  return out.join("");
}

/** The first certificate (the leaf of a chain), or InvalidArgumentError naming `field` when there is none. */
export function leafPem(pem: string | Uint8Array, field = "certificate"): string {
  const [leaf] = splitCertificates(pem);
  if (!leaf) throw new InvalidArgumentError(field, "holds no PEM certificate");
  return leaf;
}
