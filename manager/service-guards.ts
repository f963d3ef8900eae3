// Who may call what on a manager's port, once it serves mutual TLS. The port admits connections
// without a client certificate (a joining node has none yet and must reach the CA service), so
// every other service checks the caller's verified certificate per call, and again per message
// of a stream: raft and membership only for managers; the operator APIs (Control, Logs, Watch)
// for managers and operators' client certificates; the dispatcher (and log broker) for any node
// of the cluster, whose node id then comes from the certificate, never from what the caller says.
// A certificate is valid for its whole life, so the role it names is only an upper bound: what a
// node may do is what its node object and the raft group say now (authorize.ts), so a demoted
// manager's or a removed node's certificate opens nothing it no longer may.
import type * as grpc from "@grpc/grpc-js";
import {
  authorize,
  type CallerRole,
  grpcStatusOf,
  guardService,
  identityOf,
  ManagerRole,
  OperatorRole,
  type PeerCall,
  peerCertificateOf,
  raftPeerResolver,
  type ResolveIdentity,
  storeIdentityResolver,
  WorkerRole,
} from "./ca/index.js";
import { nodeIdHeader } from "./membership/index.js";
import type { MemoryStore } from "./store/index.js";

/** Which callers a service admits: managers only, managers and operators (the operator APIs), or any node. */
export type ServiceAudience = "managers" | "operators" | "nodes";

/** Options of {@link ServiceGuards}. */
export interface ServiceGuardsOptions {
  /** The manager's store: node objects say which nodes still belong to the cluster. */
  readonly store: MemoryStore;
  /** This cluster's id, from the manager's own certificate (a new member's store is still empty). */
  readonly clusterId: string;
  /** This manager's node id: once its node object is in the store, raft callers must be known nodes. */
  readonly nodeId?: string;
  /** Whether a raft id is in this manager's raft group now (RaftNode.isMember). */
  readonly isRaftMember?: (raftId: number) => boolean;
}

/** Wraps services with per-call identity checks. */
export class ServiceGuards {
  private readonly storeResolver;
  private readonly raftResolver;

  constructor(options: ServiceGuardsOptions) {
    const isRaftMember = options.isRaftMember;
    this.storeResolver = storeIdentityResolver(options.store, {
      clusterId: options.clusterId,
      ...(isRaftMember ? { isRaftMember } : {}),
    });
    // Raft traffic reaches a new member before its store knows any node (see raftPeerResolver).
    this.raftResolver = raftPeerResolver(options.store, {
      clusterId: options.clusterId,
      ...(options.nodeId === undefined ? {} : { selfNodeId: options.nodeId }),
      ...(isRaftMember ? { isRaftMember } : {}),
    });
  }

  /**
   * Guards a service for its audience; node-facing services get the caller's node id header from
   * its certificate. (The membership service keeps the header it is given: a follower passes a
   * joiner's Join on to the leader with the joiner's node id.)
   */
  guard<T extends grpc.UntypedServiceImplementation>(handlers: T, audience: ServiceAudience): T {
    const [roles, resolver] = this.rule(audience);
    return guardService(audience === "nodes" ? bindNodeIdHeader(handlers) : handlers, roles, resolver);
  }

  /** Guards the Raft service: managers of this cluster that are still in its raft group. */
  guardRaft(handlers: grpc.UntypedServiceImplementation): grpc.UntypedServiceImplementation {
    return guardService(handlers, [ManagerRole], this.raftResolver);
  }

  /**
   * Why the caller may not call a service of the audience, as the status its guard would answer,
   * or null when it may: the same check as the guards, made when the call opens (call-admission.ts),
   * before its request is read.
   */
  refusal(call: PeerCall, audience: ServiceAudience | "raft"): Partial<grpc.StatusObject> | null {
    const [roles, resolver] = this.rule(audience);
    try {
      authorize(call, roles, resolver);
      return null;
    } catch (error) {
      return grpcStatusOf(error);
    }
  }

  /** Whether the caller's connection presented a client certificate that TLS verified against the root CA. */
  identified(call: PeerCall): boolean {
    return peerCertificateOf(call) !== undefined;
  }

  private rule(audience: ServiceAudience | "raft"): [readonly CallerRole[], ResolveIdentity] {
    if (audience === "raft") return [[ManagerRole], this.raftResolver];
    if (audience === "managers") return [[ManagerRole], this.storeResolver];
    if (audience === "operators") return [[ManagerRole, OperatorRole], this.storeResolver];
    return [[WorkerRole, ManagerRole], this.storeResolver];
  }
}

/** Overwrites the node id header with the authenticated node id before the handler reads it. */
function bindNodeIdHeader<T extends grpc.UntypedServiceImplementation>(handlers: T): T {
  const bound: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const original = handler as (call: { metadata: grpc.Metadata }, callback?: unknown) => unknown;
    bound[name] = ((call: { metadata: grpc.Metadata }, callback?: unknown) => {
      const identity = identityOf(call);
      if (identity) call.metadata.set(nodeIdHeader, identity.nodeId);
      return original(call, callback);
    }) as grpc.UntypedHandleCall;
  }
  return bound as T;
}
