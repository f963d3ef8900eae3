// ECDSA P-256 keys as @peculiar/x509 needs them (WebCrypto CryptoKeys) and as files and the store
// keep them (PKCS#8 PEM), and the CSRs made from them. A node's private key never leaves the node:
// it sends only a CSR, which carries the public key and proves possession of the private one.
import { createPrivateKey, createPublicKey, webcrypto } from "node:crypto";
import { x509 } from "./x509.js";

/** The one key algorithm of the cluster: ECDSA on P-256, as SwarmKit uses. */
export const keyAlgorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
/** The signature algorithm for certificates and CSRs. */
export const signingAlgorithm = { name: "ECDSA", hash: "SHA-256" } as const;

/** A key pair together with its private key in PEM, the form written to disk and to the store. */
export interface PemKeyPair {
  /** The WebCrypto keys, for signing with @peculiar/x509. */
  readonly keys: webcrypto.CryptoKeyPair;
  /** PEM (PKCS#8) of the private key. */
  readonly keyPem: string;
}

/** A fresh ECDSA P-256 key pair. */
export async function generateKeyPair(): Promise<PemKeyPair> {
  const keys = await webcrypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"]);
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { keys, keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** The key pair of a PEM private key (PKCS#8 or SEC1); the public half is derived from it. */
export async function loadKeyPair(keyPem: string): Promise<PemKeyPair> {
  const privateObject = createPrivateKey(keyPem);
  const pkcs8 = privateObject.export({ format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateObject).export({ format: "der", type: "spki" });
  const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, keyAlgorithm, true, ["sign"]);
  const publicKey = await webcrypto.subtle.importKey("spki", spki, keyAlgorithm, true, ["verify"]);
  return { keys: { privateKey, publicKey }, keyPem: x509.PemConverter.encode(new Uint8Array(pkcs8), "PRIVATE KEY") };
}

/** Subject a node puts in its CSR; the CA ignores it and sets the node's identity itself. */
export const csrSubjectDefault = "CN=swarm-node";

/** A PEM CSR for the key pair, signed with its private key. */
export async function createCertificateRequest(key: PemKeyPair, subject: string = csrSubjectDefault): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys: key.keys, signingAlgorithm });
  return csr.toString("pem");
}
