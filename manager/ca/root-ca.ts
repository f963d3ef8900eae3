// The cluster's root CA: a self-signed ECDSA P-256 certificate whose key signs every node
// certificate. It is long-lived (20 years, as SwarmKit's) because replacing it means re-issuing
// every node certificate and every join token; node certificates are the short-lived part.
import { randomBytes } from "node:crypto";
import { realClock } from "../../common/index.js";
import { generateKeyPair, signingAlgorithm } from "./crypto-keys.js";
import { x509 } from "./x509.js";

/** Common name of every root CA certificate, as Docker's. */
export const rootCaCommonName = "swarm-ca";
/** Lifetime of a root CA certificate: 20 years, in milliseconds. */
export const rootCaValidityMs = 20 * 365 * 24 * 3600 * 1000;
/** How far back a certificate's validity starts, to tolerate clocks a little behind ours, in milliseconds. */
export const clockSkewMs = 60 * 1000;
/** Bytes of a random serial number (positive, so the top bit of the first byte is cleared). */
export const serialBytes = 16;

/** A root CA: its certificate and private key, as PEM text. */
export interface RootCa {
  /** PEM of the self-signed certificate. */
  readonly certPem: string;
  /** PEM (PKCS#8) of the private key. */
  readonly keyPem: string;
}

/** A random positive serial number in hex, as RFC 5280 asks (unique per CA, at most 20 bytes). */
export function randomSerial(): string {
  const bytes = randomBytes(serialBytes);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

/**
 * Creates a new root CA. `clusterId`, when known, becomes the certificate's O so that an operator
 * can tell clusters' CAs apart; nothing depends on it. `now` is injectable for tests.
 */
export async function createRootCa(clusterId?: string, options: { now?: number } = {}): Promise<RootCa> {
  const now = options.now ?? realClock.now();
  const { keys, keyPem } = await generateKeyPair();
  const name: x509.JsonName = [...(clusterId ? [{ O: [clusterId] }] : []), { CN: [rootCaCommonName] }];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore: new Date(now - clockSkewMs),
    notAfter: new Date(now + rootCaValidityMs),
    keys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: certificate.toString("pem"), keyPem };
}
