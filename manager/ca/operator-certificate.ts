// Operators' client certificates. swarmctl reaches a manager's TCP port only with a certificate of
// the cluster's CA; an operator asks for one over a channel that already proves its power (the
// root-only control socket, or TCP with a manager or operator certificate) and gets it for the
// public key of a CSR it made itself, so the private key never leaves the operator's machine.
import { InvalidArgumentError } from "../../common/index.js";
import type { ControlServer, swarm } from "../../proto/index.js";
import type { MemoryStore } from "../store/index.js";
import { FailedPreconditionError } from "../controlapi/index.js";
import { expiryMsOf } from "./ca-service.js";
import { grpcStatusOf } from "./authorize.js";
import { OperatorRole, validateOperatorName } from "./node-certificate.js";
import { type ExternalSigning, signNodeChain, trustBundleOf } from "./signing-root.js";

/** Longest lifetime an operator certificate may ask for: a year, in nanoseconds. */
export const operatorExpiryNsMax = 365 * 24 * 3600 * 1e9;

/** Signs an operator certificate for the request; throws InvalidArgumentError naming the field. */
export async function issueOperatorCertificate(
  store: MemoryStore,
  request: swarm.v1.IIssueOperatorCertificateRequest,
  external: ExternalSigning = {},
): Promise<swarm.v1.IIssueOperatorCertificateResponse> {
  const name = request.name ?? "";
  validateOperatorName(name);
  const expiryNs = Number(request.expiryNs ?? 0);
  if (!Number.isFinite(expiryNs) || expiryNs < 0 || expiryNs > operatorExpiryNsMax)
    throw new InvalidArgumentError(
      "expiry_ns",
      `must be between 0 (the cluster's default) and ${operatorExpiryNsMax} (a year)`,
    );
  const cluster = store.view((tx) => tx.all("cluster")[0]);
  if (!cluster) throw new FailedPreconditionError("the cluster has no root CA yet");
  // During a root rotation the new root signs, with the cross-signed new root after the certificate.
  const certificatePem = await signNodeChain(
    cluster,
    request.csrPem ?? "",
    {
      nodeId: name,
      role: OperatorRole,
      clusterId: cluster.id ?? "",
      expiryMs: expiryNs > 0 ? Math.floor(expiryNs / 1e6) : expiryMsOf(cluster),
    },
    external,
  );
  return { certificatePem, rootCaPem: trustBundleOf(cluster) };
}

/** The Control method that issues operator certificates, served by every manager (any one holds the CA). */
export function operatorCertificateHandler(
  store: MemoryStore,
  external: ExternalSigning = {},
): Pick<ControlServer, "issueOperatorCertificate"> {
  return {
    issueOperatorCertificate: (call, callback) => {
      issueOperatorCertificate(store, call.request, external).then(
        (response) => callback(null, response),
        (error: unknown) => callback(grpcStatusOf(error)),
      );
    },
  };
}
