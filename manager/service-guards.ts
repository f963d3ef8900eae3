// Who may call what on a manager's port, once it serves mutual TLS. The port admits connections
// without a client certificate (a joining node has none yet and must reach the CA service), so
// every other service checks the caller's verified certificate per call: raft and membership only
// for managers; the operator APIs (Control, Logs, Watch) for managers and operators' client
// certificates; the dispatcher (and log broker) for any node of the cluster,
// whose node id then comes from the certificate, never from what the caller says.
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
  peerIdentityResolver,
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
}

/** Wraps services with per-call identity checks. */
export class ServiceGuards {
  private readonly storeResolver;
  private readonly certResolver;

  constructor(options: ServiceGuardsOptions) {
    this.storeResolver = storeIdentityResolver(options.store);
    // Raft traffic reaches a new member before its store knows any node: only the certificate counts.
    this.certResolver = peerIdentityResolver({ clusterId: options.clusterId });
  }

  /** Guards a service for its audience; node-facing services get the caller's node id header from its certificate. */
  guard<T extends grpc.UntypedServiceImplementation>(handlers: T, audience: ServiceAudience): T {
    const [roles, resolver] = this.rule(audience);
    return guardService(audience === "nodes" ? bindNodeIdHeader(handlers) : handlers, roles, resolver);
  }

  /** Guards the Raft service: managers of this cluster, by certificate alone. */
  guardRaft(handlers: grpc.UntypedServiceImplementation): grpc.UntypedServiceImplementation {
    return guardService(handlers, [ManagerRole], this.certResolver);
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
    return call.getAuthContext()?.sslPeerCertificate?.raw !== undefined;
  }

  private rule(audience: ServiceAudience | "raft"): [readonly CallerRole[], ResolveIdentity] {
    if (audience === "raft") return [[ManagerRole], this.certResolver];
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
