// A node's key pair and the CSR it sends to the CA. The private key is made on the node and never
// leaves it; a fresh key is made for every certificate, renewals included.
import { createCertificateRequest, generateKeyPair, loadKeyPair, type PemKeyPair } from "../../manager/index.js";

/** A node's private key (with its public half), ready for a CSR and as PEM for the state dir. */
export type NodeKey = PemKeyPair;

/** A fresh ECDSA P-256 key for a node certificate. */
export function generateNodeKey(): Promise<NodeKey> {
  return generateKeyPair();
}

/** The key stored as PEM in the state directory. */
export function loadNodeKey(keyPem: string): Promise<NodeKey> {
  return loadKeyPair(keyPem);
}

/** A PEM CSR for the key. Its subject is a placeholder: the CA sets the node's identity itself. */
export function createCsr(key: NodeKey): Promise<string> {
  return createCertificateRequest(key);
}
