// Which root signs node certificates now, which roots nodes trust, and the signing itself. Outside
// a root rotation the cluster's root does both. While one runs, the new root signs and every
// certificate it issues travels with the new root cross-signed by the current one, so that nodes
// still trusting only the current root accept it; nodes trust both roots until the rotation ends.
// A root whose key the cluster does not hold signs through the operator's external CA (cfssl).
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import type { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";
import { FailedPreconditionError } from "../controlapi/index.js";
import { type ExternalCaTls, signExternally } from "./external-ca.js";
import {
  issueNodeCertificate,
  type NodeCertificateOptions,
  parseNodeIdentity,
  signedByCa,
  verifiedCsr,
} from "./node-certificate.js";
import { joinCertificates, leafPem, splitCertificates } from "./pem.js";

type Cluster = ObjectsByKind["cluster"];

/** The root that signs node certificates now, with what travels after each certificate it signs. */
export interface SigningRoot {
  /** PEM of the signing root's certificate. */
  readonly certPem: string;
  /** PEM of its key; empty when an external CA holds it. */
  readonly keyPem: string;
  /** PEM appended to every certificate it signs: the cross-signed new root during a rotation, else empty. */
  readonly intermediatesPem: string;
  /** The external CAs that sign under this root (their ca_cert_pem is this root, or empty and this is the current root). */
  readonly externalCas: readonly swarm.v1.IExternalCa[];
}

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString("utf8");

/** Whether two PEM certificates are the same certificate (compared by their DER). */
export function sameCertificate(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return new NodeX509Certificate(leafPem(a)).raw.equals(new NodeX509Certificate(leafPem(b)).raw);
}

/** Whether a root rotation is under way. */
export function rotationInProgress(cluster: Cluster | undefined): boolean {
  return (cluster?.rootRotation?.caCertPem?.length ?? 0) > 0;
}

/**
 * The roots a node must trust: the cluster's root, and the new root while a rotation runs. It is
 * what the dispatcher sends every node and what the CA answers with each certificate.
 */
export function trustBundleOf(cluster: Cluster | undefined): string {
  if (!cluster) return "";
  // Outside a rotation, the stored bytes themselves: the join tokens carry their digest.
  if (!rotationInProgress(cluster)) return text(cluster.rootCaCertPem);
  return joinCertificates(cluster.rootCaCertPem, cluster.rootRotation?.caCertPem);
}

/** The external CAs of the cluster's spec that sign under `rootPem` (those naming no root sign under the current one). */
function externalCasFor(cluster: Cluster, rootPem: string, isCurrent: boolean): swarm.v1.IExternalCa[] {
  return (cluster.spec?.caConfig?.externalCas ?? []).filter((ca) => {
    const own = text(ca.caCertPem);
    return own.length === 0 ? isCurrent : sameCertificate(own, rootPem);
  });
}

/** The signing root of the cluster; FailedPreconditionError before the cluster has a root. */
export function signingRootOf(cluster: Cluster | undefined): SigningRoot {
  const rotation = cluster?.rootRotation;
  if (cluster && rotation && (rotation.caCertPem?.length ?? 0) > 0) {
    const certPem = text(rotation.caCertPem);
    return {
      certPem,
      keyPem: text(rotation.caKeyPem),
      intermediatesPem: text(rotation.crossSignedCaCertPem),
      externalCas: externalCasFor(cluster, certPem, false),
    };
  }
  const certPem = text(cluster?.rootCaCertPem);
  if (!cluster || certPem.length === 0) throw new FailedPreconditionError("the cluster has no root CA yet");
  return {
    certPem,
    keyPem: text(cluster.rootCaKeyPem),
    intermediatesPem: "",
    externalCas: externalCasFor(cluster, certPem, true),
  };
}

/** How {@link signNodeChain} reaches external CAs. */
export interface ExternalSigning {
  /** TLS towards the external CA: roots its server certificate must chain to (the CA's own when absent: the trust bundle). */
  readonly tls?: (caPem: string) => ExternalCaTls;
}

/**
 * Signs a node certificate for the CSR with the cluster's signing root and returns the chain to
 * hand the node: the certificate, then the cross-signed new root while a rotation runs. A root
 * without a key signs through its external CAs; their answer is checked (the CSR's key, the
 * identity asked for, a signature of the signing root) before it is handed out.
 */
export async function signNodeChain(
  cluster: Cluster,
  csrPem: string,
  options: NodeCertificateOptions,
  external: ExternalSigning = {},
): Promise<string> {
  const root = signingRootOf(cluster);
  if (root.keyPem.length > 0) {
    const certPem = await issueNodeCertificate({ certPem: root.certPem, keyPem: root.keyPem }, csrPem, options);
    return joinCertificates(certPem, root.intermediatesPem);
  }
  if (root.externalCas.length === 0)
    throw new FailedPreconditionError(
      "the signing root's key is not in the cluster and no external CA signs under it (swarmctl cluster ca --external-ca)",
    );
  const csr = await verifiedCsr(csrPem);
  const answer = await signExternally(
    root.externalCas.map((ca) => ca.url ?? ""),
    {
      certificate_request: csrPem,
      subject: { CN: options.nodeId, names: [{ O: options.clusterId, OU: options.role }] },
      hosts: [options.nodeId, options.role],
      profile: "",
    },
    external.tls?.(joinCertificates(trustBundleOf(cluster), root.certPem)) ?? {
      caPem: joinCertificates(trustBundleOf(cluster), root.certPem),
    },
  );
  const [leaf] = splitCertificates(answer);
  if (!leaf) throw new FailedPreconditionError("the external CA answered no certificate");
  const identity = parseNodeIdentity(leaf);
  if (identity.nodeId !== options.nodeId || identity.role !== options.role || identity.clusterId !== options.clusterId)
    throw new FailedPreconditionError(
      `the external CA signed ${identity.nodeId}/${identity.role}/${identity.clusterId}, not ${options.nodeId}/${options.role}/${options.clusterId}`,
    );
  const leafKey = new NodeX509Certificate(leaf).publicKey.export({ type: "spki", format: "der" });
  if (!Buffer.from(csr.publicKey.rawData).equals(leafKey))
    throw new FailedPreconditionError("the external CA signed another key than the request's");
  if (!signedByCa(leaf, root.certPem))
    throw new FailedPreconditionError("the external CA's certificate is not signed by the cluster's signing root");
  return joinCertificates(leaf, root.intermediatesPem);
}
