// Server certificates for the Docker Engine API over TCP. Docker clients check the server's
// certificate against the names they dial (`DOCKER_HOST=tcp://mgr1.example:2376`), which a node
// certificate does not carry, so a manager signs itself one more certificate with the names and
// addresses the operator gives (`swarmd --engine-api-san`). Its role (OU) is one no gRPC service
// admits and its only use is serverAuth, so it cannot stand in for the node's own certificate.
import { isIP } from "node:net";
import { InvalidArgumentError, realClock } from "../../common/index.js";
import type { MemoryStore } from "../store/index.js";
import { expiryMsOf, rootCaOf } from "./ca-service.js";
import { loadKeyPair, type PemKeyPair, signingAlgorithm } from "./crypto-keys.js";
import { clockSkewMs, randomSerial, type RootCa } from "./root-ca.js";
import { x509 } from "./x509.js";

/** OU of an Engine API server certificate. */
export const EngineApiServerRole = "swarm-engine-api";

/** Characters of one name of a serving certificate. */
export const servingNameCharsMax = 253;

/** One subject alternative name. */
interface AltName {
  readonly type: "dns" | "ip";
  readonly value: string;
}

/** Checks a name for a serving certificate: an IP address or a DNS name; throws InvalidArgumentError naming `field`. */
export function servingAltName(field: string, name: string): AltName {
  if (isIP(name)) return { type: "ip", value: name };
  const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
  if (name.length === 0 || name.length > servingNameCharsMax || !name.split(".").every((part) => label.test(part)))
    throw new InvalidArgumentError(field, `"${name}" is neither an IP address nor a DNS name`);
  return { type: "dns", value: name.toLowerCase() };
}

/** The names (DNS and IP SANs) a certificate serves, sorted. */
export function servingNames(certPem: string): string[] {
  const certificate = new x509.X509Certificate(certPem);
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  return (san?.names.items ?? [])
    .filter((n) => n.type === "dns" || n.type === "ip")
    .map((n) => n.value)
    .sort();
}

/** Options of {@link issueServingCertificate}. */
export interface ServingCertificateOptions {
  /** Names and addresses clients dial (at least one). */
  readonly names: readonly string[];
  /** The serving node's id (the CN). */
  readonly nodeId: string;
  /** Issuing time in ms since the epoch; now when absent. */
  readonly now?: number;
}

/**
 * Signs a server certificate for `key` with the cluster's root CA (read from the store, which
 * every manager holds), valid for the cluster's node certificate lifetime.
 */
export async function issueServingCertificate(
  store: MemoryStore,
  key: PemKeyPair,
  options: ServingCertificateOptions,
): Promise<{ certPem: string; caPem: string }> {
  const { cluster, ca } = rootCaOf(store.view((tx) => tx.all("cluster")[0]));
  const certPem = await signServingCertificate(ca, key, {
    ...options,
    clusterId: cluster.id ?? "",
    expiryMs: expiryMsOf(cluster),
  });
  return { certPem, caPem: ca.certPem };
}

/**
 * Signs a server certificate (serverAuth only) for `key` with `ca`, naming `options.names` as
 * DNS and IP SANs. Also what a test's stand-in of an operator's service (an external CA) serves.
 */
export async function signServingCertificate(
  ca: RootCa,
  key: PemKeyPair,
  options: ServingCertificateOptions & { readonly clusterId: string; readonly expiryMs: number },
): Promise<string> {
  const names = options.names.map((n, i) => servingAltName(`names[${i}]`, n));
  if (names.length === 0) throw new InvalidArgumentError("names", "give at least one name or address");
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await loadKeyPair(ca.keyPem);
  const now = options.now ?? realClock.now();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ O: [options.clusterId] }, { OU: [EngineApiServerRole] }, { CN: [options.nodeId] }],
    issuer: caCert.subjectName,
    notBefore: new Date(now - clockSkewMs),
    notAfter: new Date(Math.min(now + options.expiryMs, caCert.notAfter.getTime())),
    publicKey: key.keys.publicKey,
    signingKey: caKey.keys.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((n) => ({ type: n.type, value: n.value }))),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      await x509.SubjectKeyIdentifierExtension.create(key.keys.publicKey),
    ],
  });
  return certificate.toString("pem");
}
