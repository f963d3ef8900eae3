// Per-RPC role checks. Every call between nodes runs over mutual TLS; the server reads the
// caller's certificate from the call (grpc-js hands it over only when the TLS layer verified it
// against our root CA), takes the node id, role and cluster id from its subject, and refuses the
// call unless the role is allowed for the service, the cluster is ours and the node is still a
// member. The call's peer address says nothing about identity and is never used.
import * as grpc from "@grpc/grpc-js";
import type { MemoryStore } from "../store/index.js";
import { toServiceError } from "../controlapi/index.js";
import { PermissionDeniedError } from "./errors.js";
import { type CallerRole, type NodeIdentity, OperatorRole, parseNodeIdentity } from "./node-certificate.js";

/** What authorize needs of a server call: grpc-js's auth context of the connection. */
export interface PeerCall {
  /** The TLS facts of the connection; `sslPeerCertificate` is set only for a verified client certificate. */
  getAuthContext(): { sslPeerCertificate?: { raw: Uint8Array } | undefined } | null;
}

/** Finds who is calling, or throws PermissionDeniedError. */
export type ResolveIdentity = (call: PeerCall) => NodeIdentity;

/** How peerIdentityResolver decides that a caller belongs to this cluster. */
export interface PeerIdentityOptions {
  /** This cluster's id: certificates with another O are refused. A function is read at each call. */
  readonly clusterId: string | (() => string | undefined);
  /**
   * Whether the node is still a member (e.g. its node object exists); absent, not checked. The
   * raft service on a manager that is still catching up should not use the store for this: its
   * store may not know the leader's node yet.
   */
  readonly isMember?: (nodeId: string, role: CallerRole) => boolean;
}

const identities = new WeakMap<object, NodeIdentity>();

/** The identity authorize established for this call, for handlers that need the caller's node id. */
export function identityOf(call: object): NodeIdentity | undefined {
  return identities.get(call);
}

/** A resolver that reads the verified peer certificate and checks its cluster and membership. */
export function peerIdentityResolver(options: PeerIdentityOptions): ResolveIdentity {
  return (call) => {
    const certificate = call.getAuthContext()?.sslPeerCertificate;
    if (!certificate?.raw)
      throw new PermissionDeniedError("a client certificate signed by the cluster's root CA is required");
    let identity: NodeIdentity;
    try {
      identity = parseNodeIdentity(certificate);
    } catch (error) {
      throw new PermissionDeniedError(error instanceof Error ? error.message : "not a node certificate");
    }
    const clusterId = typeof options.clusterId === "function" ? options.clusterId() : options.clusterId;
    if (!clusterId || identity.clusterId !== clusterId)
      throw new PermissionDeniedError("the certificate is for another cluster");
    if (options.isMember && !options.isMember(identity.nodeId, identity.role))
      throw new PermissionDeniedError(`node ${identity.nodeId} is not a member of the cluster (removed?)`);
    return identity;
  };
}

/** A resolver for a manager: cluster id from the cluster object, membership from the node objects. */
export function storeIdentityResolver(store: MemoryStore): ResolveIdentity {
  return peerIdentityResolver({
    clusterId: () => store.view((tx) => tx.all("cluster")[0]?.id ?? undefined),
    // Operators are no nodes: their certificate alone admits them (to the services that allow them).
    isMember: (nodeId, role) => role === OperatorRole || store.view((tx) => tx.get("node", nodeId)) !== undefined,
  });
}

/** Checks the caller's identity and role; returns it, or throws PermissionDeniedError. */
export function authorize(
  call: PeerCall,
  allowed: readonly CallerRole[],
  resolveIdentity: ResolveIdentity,
): NodeIdentity {
  const identity = resolveIdentity(call);
  if (!allowed.includes(identity.role))
    throw new PermissionDeniedError(`role ${identity.role} may not call this method (allowed: ${allowed.join(", ")})`);
  identities.set(call, identity);
  return identity;
}

/** A thrown error as a gRPC status: PERMISSION_DENIED for ours, the Control API's mapping for the rest. */
export function grpcStatusOf(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof PermissionDeniedError) return { code: grpc.status.PERMISSION_DENIED, details: error.message };
  return toServiceError(error);
}

/**
 * Wraps every handler of a service so that each call is authorized before the handler runs; a
 * refused call ends with PERMISSION_DENIED and never reaches the handler. Works for unary and
 * streaming handlers alike. Intended uses: Control and Raft with [ManagerRole]; Dispatcher and
 * LogBroker with [WorkerRole, ManagerRole]. The CA service authenticates each request itself
 * (joiners have no certificate yet) and is served unwrapped.
 */
export function guardService<T extends grpc.UntypedServiceImplementation>(
  handlers: T,
  allowed: readonly CallerRole[],
  resolveIdentity: ResolveIdentity,
): T {
  const guarded: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const original = handler as (call: PeerCall, callback?: (error: Partial<grpc.StatusObject>) => void) => unknown;
    guarded[name] = ((
      call: PeerCall & { emit?: (event: "error", error: unknown) => boolean },
      callback?: (error: Partial<grpc.StatusObject>) => void,
    ) => {
      try {
        authorize(call, allowed, resolveIdentity);
      } catch (error) {
        const status = grpcStatusOf(error);
        if (typeof callback === "function") callback(status);
        else call.emit?.("error", status);
        return;
      }
      return original(call, callback);
    }) as grpc.UntypedHandleCall;
  }
  return guarded as T;
}
