// The CA gRPC service every manager serves. It is the one service a caller may reach without a
// node certificate: a joining node fetches the root certificate (which it checks against the
// digest in its join token) and presents its join token with a CSR. Members renew with their
// current certificate instead of a token, and get the role their node object wants now, so a
// promoted or demoted node picks up its new role at its next renewal.
//
// Signing writes the node object, so it happens where the store accepts writes (the leader; a
// follower answers NOT_LEADER). The key never leaves the cluster object. During a root rotation
// the new root signs, and each certificate travels with the cross-signed new root (signing-root.ts).
import { createHash } from "node:crypto";
import type * as grpc from "@grpc/grpc-js";
import {
  encodeId,
  idEntropyBytes,
  InvalidArgumentError,
  NotFoundError,
  realClock,
  sameJoinToken,
  timestampFromMs,
} from "../../common/index.js";
import { type CAServer, swarm } from "../../proto/index.js";
import { type MemoryStore, type ObjectsByKind, SequenceConflictError } from "../store/index.js";
import { FailedPreconditionError } from "../controlapi/index.js";
import { grpcStatusOf, type PeerCall, type ResolveIdentity, storeIdentityResolver } from "./authorize.js";
import { PermissionDeniedError } from "./errors.js";
import {
  type CertificateRole,
  certificateRole,
  certificateValidity,
  ManagerRole,
  nodeCertExpiryMsDefault,
  protoRole,
  verifiedCsr,
  WorkerRole,
} from "./node-certificate.js";
import type { RootCa } from "./root-ca.js";
import { type ExternalSigning, signNodeChain, trustBundleOf } from "./signing-root.js";

type Cluster = ObjectsByKind["cluster"];
type Node = ObjectsByKind["node"];

/** What the CA service needs. */
export interface CaServiceOptions {
  /** The manager's store: the cluster object (CA key, join tokens) and the node objects. */
  readonly store: MemoryStore;
  /** Who a renewing caller is; by default its verified client certificate checked against the store. */
  readonly resolveIdentity?: ResolveIdentity;
  /** Current time in ms since the epoch, for certificate validity; the real clock by default. */
  readonly now?: () => number;
  /** How certificates are signed through external CAs (the manager's TLS material towards them). */
  readonly external?: ExternalSigning;
}

/** The role a join token admits, compared in constant time against both of the cluster's tokens. */
export function roleForJoinToken(cluster: Cluster, token: string): CertificateRole | undefined {
  // Both comparisons always run, so the time taken does not tell which token (if any) matched.
  const worker = sameJoinToken(token, cluster.joinTokens?.worker ?? "");
  const manager = sameJoinToken(token, cluster.joinTokens?.manager ?? "");
  if (manager && token.length > 0) return ManagerRole;
  if (worker && token.length > 0) return WorkerRole;
  return undefined;
}

/** The cluster's root CA with its key; FailedPreconditionError before the cluster exists. */
export function rootCaOf(cluster: Cluster | undefined): { cluster: Cluster; ca: RootCa } {
  const certPem = cluster?.rootCaCertPem ?? new Uint8Array();
  const keyPem = cluster?.rootCaKeyPem ?? new Uint8Array();
  if (!cluster || certPem.length === 0 || keyPem.length === 0)
    throw new FailedPreconditionError("the cluster has no root CA yet");
  return {
    cluster,
    ca: { certPem: Buffer.from(certPem).toString("utf8"), keyPem: Buffer.from(keyPem).toString("utf8") },
  };
}

/** The cluster's node certificate lifetime (its CA config, else Docker's 90 days), ms. */
export function expiryMsOf(cluster: Cluster): number {
  const ns = Number(cluster.spec?.caConfig?.nodeCertExpiryNs ?? 0);
  return ns > 0 ? Math.floor(ns / 1e6) : nodeCertExpiryMsDefault;
}

function issuedCertificate(
  role: CertificateRole,
  nodeId: string,
  csrPem: Uint8Array,
  certPem: string,
): swarm.v1.Certificate.$Properties {
  return {
    role: protoRole(role),
    csrPem,
    status: swarm.v1.Certificate.Status.STATUS_ISSUED,
    certificatePem: new TextEncoder().encode(certPem),
    cn: nodeId,
    notAfter: timestampFromMs(certificateValidity(certPem).notAfterMs),
  };
}

function unaryWithCall<Req, Res>(
  handler: (request: Req, call: PeerCall & Pick<grpc.ServerUnaryCall<Req, Res>, "getDeadline">) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(grpcStatusOf(error)),
      );
  };
}

/** The availability a joining node asked for, checked against the enum (a raw number may be anything). */
function joinAvailability(value: number | null | undefined): swarm.v1.NodeSpec.Availability {
  const known = Object.values(swarm.v1.NodeSpec.Availability) as number[];
  const availability = Number(value ?? 0);
  if (!known.includes(availability))
    throw new InvalidArgumentError("availability", `unknown availability ${availability}`);
  return availability;
}

/**
 * The node id a joining key gets in a cluster: derived from the key (its SubjectPublicKeyInfo) and
 * the cluster id, so that a join asked again with the same key (its caller's deadline passed while
 * the first request was being committed) finds the node the first one made instead of leaving it
 * behind, with a certificate nobody holds the key of, and making another.
 */
export function nodeIdForKey(clusterId: string, publicKeyInfo: ArrayBuffer): string {
  const digest = createHash("sha256").update(clusterId).update("\0").update(new Uint8Array(publicKeyInfo)).digest();
  return encodeId(digest.subarray(0, idEntropyBytes));
}

/** Longest a NodeCertificateStatus call waits for a pending certificate before it answers "pending". */
export const certificateStatusWaitMsMax = 20_000;

/** Attempts at recording a renewed certificate in the node object when concurrent writes to it win. */
export const certificateWriteAttemptsMax = 10;

/** The CA service's handlers, to add to a gRPC server unwrapped (see guardService). */
export function createCaService(options: CaServiceOptions): CAServer {
  const { store } = options;
  const resolveIdentity = options.resolveIdentity ?? storeIdentityResolver(store);
  const now = options.now ?? (() => realClock.now());
  const currentCluster = () => store.view((tx) => tx.all("cluster")[0]);

  /** The node's certificate chain for `csrPem`, with the cluster's expiry, through an external CA when configured. */
  const signFor = (cluster: Cluster, csrPem: string, nodeId: string, role: CertificateRole): Promise<string> =>
    signNodeChain(
      cluster,
      csrPem,
      { nodeId, role, clusterId: cluster.id ?? "", expiryMs: expiryMsOf(cluster), now: now() },
      options.external,
    );

  const join = async (
    request: swarm.v1.IssueNodeCertificateRequest,
  ): Promise<swarm.v1.IssueNodeCertificateResponse.$Properties> => {
    const cluster = currentCluster();
    if (!cluster) throw new FailedPreconditionError("the cluster has no root CA yet");
    // The token is checked before the CSR, so that a caller without one learns nothing more.
    const role = roleForJoinToken(cluster, request.token);
    if (!role) throw new PermissionDeniedError("invalid join token");
    const availability = joinAvailability(request.availability);
    const csrPem = Buffer.from(request.csrPem).toString("utf8");
    const csr = await verifiedCsr(csrPem);
    const nodeId = nodeIdForKey(cluster.id ?? "", csr.publicKey.rawData);
    // The same key asked before: the node that request made is the answer (see nodeIdForKey).
    const joined = (node: Node | undefined): boolean => {
      if (!node) return false;
      if (certificateRole(node.spec?.desiredRole) !== role)
        throw new PermissionDeniedError(`this key already joined as node ${nodeId} with another role`);
      return true;
    };
    const issued = { nodeId, status: swarm.v1.Certificate.Status.STATUS_ISSUED };
    if (joined(store.view((tx) => tx.get("node", nodeId)))) return issued;
    const certPem = await signFor(cluster, csrPem, nodeId, role);
    await store.update((tx) => {
      // A rotation may have committed while we signed: the token must still be valid now.
      const latest = tx.get("cluster", cluster.id ?? "");
      if (!latest || roleForJoinToken(latest, request.token) !== role)
        throw new PermissionDeniedError("invalid join token");
      if (joined(tx.get("node", nodeId))) return;
      const node: Node = {
        id: nodeId,
        spec: { desiredRole: protoRole(role), availability },
        // The current role stays worker until a manager has joined the raft group (recordManagerNode).
        role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
        status: {
          state: swarm.v1.NodeStatus.State.STATE_UNKNOWN,
          message: "certificate issued; no session yet",
          addr: request.availabilityAddr,
        },
        certificate: issuedCertificate(role, nodeId, request.csrPem, certPem),
      };
      tx.create("node", node);
    });
    return issued;
  };

  /**
   * The node's certificate once it is no longer pending, as SwarmKit's NodeCertificateStatus
   * answers: a caller waits in one call instead of polling. This CA signs before it answers
   * IssueNodeCertificate, so the wait is for certificates another writer left pending; it ends at
   * the call's deadline or after certificateStatusWaitMsMax, with the pending certificate.
   */
  const settledCertificate = (nodeId: string, deadlineMs: number): Promise<Node> => {
    const read = (): Node => {
      const node = store.view((tx) => tx.get("node", nodeId));
      if (!node) throw new NotFoundError("node", nodeId);
      return node;
    };
    const pending = (node: Node): boolean =>
      Number(node.certificate?.status ?? 0) === Number(swarm.v1.Certificate.Status.STATUS_PENDING);
    const first = read();
    if (!pending(first)) return Promise.resolve(first);
    const waitMs = Math.min(certificateStatusWaitMsMax, Math.max(0, deadlineMs - realClock.now()));
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void): void => {
        stopWatching();
        cancelTimer();
        settle();
      };
      const stopWatching = store.watch(() => {
        try {
          const node = read();
          if (!pending(node)) finish(() => resolve(node));
        } catch (error) {
          finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
      });
      const cancelTimer = realClock.after(waitMs, () => finish(() => resolve(read())));
    });
  };

  const renew = async (
    request: swarm.v1.IssueNodeCertificateRequest,
    call: PeerCall,
  ): Promise<swarm.v1.IssueNodeCertificateResponse.$Properties> => {
    let nodeId: string;
    try {
      nodeId = resolveIdentity(call).nodeId;
    } catch (error) {
      if (error instanceof PermissionDeniedError)
        throw new PermissionDeniedError(`a join token or a valid node certificate is required: ${error.message}`);
      throw error;
    }
    const cluster = currentCluster();
    if (!cluster) throw new FailedPreconditionError("the cluster has no root CA yet");
    const node = store.view((tx) => tx.get("node", nodeId));
    if (!node) throw new PermissionDeniedError(`node ${nodeId} is not a member of the cluster (removed?)`);
    const role = certificateRole(node.spec?.desiredRole);
    const csrPem = Buffer.from(request.csrPem).toString("utf8");
    const certPem = await signFor(cluster, csrPem, nodeId, role);
    // The node object is busy around a role change (the leader records the role and manager
    // status, the dispatcher its status): a write that lost the race to one of those is made
    // again on the newer object, so a renewal never fails for a concurrent, unrelated write.
    for (let attempt = 1; ; attempt++) {
      try {
        await store.update((tx) => {
          const latest = tx.get("node", nodeId);
          if (!latest) throw new PermissionDeniedError(`node ${nodeId} is not a member of the cluster (removed?)`);
          // A role change that committed while we signed wins: the node renews again to pick it up.
          if (certificateRole(latest.spec?.desiredRole) !== role)
            throw new FailedPreconditionError("the node's role changed while its certificate was signed; retry");
          tx.update("node", { ...latest, certificate: issuedCertificate(role, nodeId, request.csrPem, certPem) });
        });
        break;
      } catch (error) {
        if (!(error instanceof SequenceConflictError) || attempt >= certificateWriteAttemptsMax) throw error;
      }
    }
    return { nodeId, status: swarm.v1.Certificate.Status.STATUS_ISSUED };
  };

  return {
    getRootCACertificate: unaryWithCall(() => {
      const cluster = currentCluster();
      const certificatePem = cluster?.rootCaCertPem ?? new Uint8Array();
      if (certificatePem.length === 0)
        return Promise.reject(new FailedPreconditionError("the cluster has no root CA yet"));
      return Promise.resolve({ certificatePem });
    }),
    issueNodeCertificate: unaryWithCall((request: swarm.v1.IssueNodeCertificateRequest, call) =>
      request.token ? join(request) : renew(request, call),
    ),
    nodeCertificateStatus: unaryWithCall(async (request: swarm.v1.NodeCertificateStatusRequest, call) => {
      const deadline = call.getDeadline();
      const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
      const node = await settledCertificate(request.nodeId, deadlineMs);
      return {
        certificate: node.certificate ?? {},
        // The roots to trust: the new one too while a rotation runs.
        rootCaPem: new TextEncoder().encode(trustBundleOf(currentCluster())),
      };
    }),
  };
}
