// Cross-signing: the current root certifies the new root's subject and key. A node certificate
// signed with the new key then verifies two ways: directly against the new root (nodes that
// already trust it), and through this intermediate against the current root (nodes that do not
// yet). That is what lets old and new certificates trust each other while a root rotation runs.
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { InvalidArgumentError } from "../../common/index.js";
import { loadKeyPair, signingAlgorithm } from "./crypto-keys.js";
import { normalisedPem, splitCertificates } from "./pem.js";
import { randomSerial, type RootCa } from "./root-ca.js";
import { x509 } from "./x509.js";

/** Shortest remaining life a new root may have: a year, as Docker asks, in milliseconds. */
export const rootCaLifeMsMin = 365 * 24 * 3600 * 1000;

/**
 * A certificate with the new root's subject, key, validity and CA constraints, signed by the
 * signing root `signer` (whose certificate names the issuer). Never outlives the signer.
 */
export async function crossSignRoot(signer: RootCa, newRootPem: string): Promise<string> {
  const signerCert = new x509.X509Certificate(signer.certPem);
  const newCert = new x509.X509Certificate(newRootPem);
  const keys = await loadKeyPair(signer.keyPem);
  const basic = newCert.getExtension(x509.BasicConstraintsExtension);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: newCert.subjectName,
    issuer: signerCert.subjectName,
    notBefore: newCert.notBefore,
    notAfter: new Date(Math.min(newCert.notAfter.getTime(), signerCert.notAfter.getTime())),
    publicKey: newCert.publicKey,
    signingKey: keys.keys.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, basic?.pathLength, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(newCert.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(signerCert),
    ],
  });
  return normalisedPem(certificate.toString("pem"));
}

/** DER SubjectPublicKeyInfo of a certificate's key. */
function spkiOf(certPem: string): Buffer {
  return new NodeX509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
}

/**
 * Checks a root an operator brings (`--ca-cert`, maybe `--ca-key`): exactly one certificate, a
 * CA, self-signed, at least a year of life left at `now`, its key (when given) ECDSA P-256 and the
 * certificate's own, and not the key of `currentRootPem` (a root cannot replace itself). Returns
 * the certificate in canonical PEM. Errors name `spec.caConfig.signingCaCertPem` or `signingCaKeyPem`.
 */
export async function validateNewRoot(
  certPem: string,
  keyPem: string,
  options: { now: number; currentRootPem: string },
): Promise<string> {
  const certField = "spec.caConfig.signingCaCertPem";
  const keyField = "spec.caConfig.signingCaKeyPem";
  let certs: string[];
  try {
    certs = splitCertificates(certPem);
  } catch (error) {
    throw new InvalidArgumentError(certField, "is not a PEM certificate", { cause: error });
  }
  if (certs.length !== 1) throw new InvalidArgumentError(certField, "must hold exactly one certificate");
  const pem = certs[0]!;
  const cert = new NodeX509Certificate(pem);
  if (!cert.ca) throw new InvalidArgumentError(certField, "is not a CA certificate (basic constraints CA:FALSE)");
  if (!cert.verify(cert.publicKey) || !cert.checkIssued(cert))
    throw new InvalidArgumentError(certField, "must be a self-signed root certificate");
  if (Date.parse(cert.validTo) < options.now + rootCaLifeMsMin)
    throw new InvalidArgumentError(certField, `expires too soon (${cert.validTo}); a root needs a year left`);
  if (Date.parse(cert.validFrom) > options.now + 60_000)
    throw new InvalidArgumentError(certField, `is not valid yet (from ${cert.validFrom})`);
  if (spkiOf(pem).equals(spkiOf(options.currentRootPem)))
    throw new InvalidArgumentError(certField, "has the current root's key; a new root needs a new key");
  if (keyPem.length > 0) {
    let spki: Buffer;
    try {
      const keys = await loadKeyPair(keyPem);
      spki = Buffer.from(await crypto.subtle.exportKey("spki", keys.keys.publicKey));
    } catch (error) {
      throw new InvalidArgumentError(keyField, "must be a PEM ECDSA P-256 private key", { cause: error });
    }
    if (!spki.equals(spkiOf(pem))) throw new InvalidArgumentError(keyField, "is not the key of signingCaCertPem");
  }
  return pem;
}
