// Per-RPC role checks. Every call between nodes runs over mutual TLS; the server reads the
// caller's certificate from the call (grpc-js hands it over only when the TLS layer verified it
// against our root CA), takes the node id, role and cluster id from its subject, and refuses the
// call unless the role is allowed for the service, the cluster is ours and the node is still a
// member. The call's peer address says nothing about identity and is never used.
import type * as grpc from "@grpc/grpc-js";
import { toServiceError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { MemoryStore, ObjectsByKind } from "../store/index.js";
import { PermissionDeniedError } from "./errors.js";
import {
  type CallerRole,
  ManagerRole,
  type NodeIdentity,
  OperatorRole,
  parseNodeIdentity,
  WorkerRole,
} from "./node-certificate.js";

/** What authorize needs of a server call: grpc-js's auth context of the connection. */
export interface PeerCall {
  /** The TLS facts of the connection; `sslPeerCertificate` is set only for a verified client certificate. */
  getAuthContext(): { sslPeerCertificate?: { raw: Uint8Array } | undefined } | null;
}

const peerCertificates = new WeakMap<object, Uint8Array | null>();

/**
 * The verified client certificate of the call's connection, asked of grpc-js once per call:
 * `getAuthContext()` builds the whole peer certificate object again each time (the busiest
 * function of a leader with 120 nodes), and a call is checked by its service's guard and again by
 * the handler.
 */
export function peerCertificateOf(call: PeerCall): Uint8Array | undefined {
  const known = peerCertificates.get(call);
  if (known !== undefined) return known ?? undefined;
  const raw = call.getAuthContext()?.sslPeerCertificate?.raw;
  peerCertificates.set(call, raw ?? null);
  return raw;
}

/** Finds who is calling, or throws PermissionDeniedError. */
export type ResolveIdentity = (call: PeerCall) => NodeIdentity;

/** How peerIdentityResolver decides that a caller belongs to this cluster. */
export interface PeerIdentityOptions {
  /** This cluster's id: certificates with another O are refused. A function is read at each call. */
  readonly clusterId: string | (() => string | undefined);
  /**
   * The caller's role now, given what its certificate says (or throws PermissionDeniedError when
   * the node is no member any more); absent, the certificate's role counts.
   */
  readonly currentRole?: (identity: NodeIdentity) => CallerRole;
}

const identities = new WeakMap<object, NodeIdentity>();

/** The identity authorize established for this call, for handlers that need the caller's node id. */
export function identityOf(call: object): NodeIdentity | undefined {
  return identities.get(call);
}

/** Certificates whose identity is remembered: parsing one costs milliseconds, and nodes call many times a second. */
export const identityCacheEntriesMax = 4_096;
const certificateIdentities = new Map<string, NodeIdentity>();

/**
 * The identity of a certificate's bytes as grpc-js handed them over: a manager's port reads each
 * connection's certificate once (manager/connection-auth.ts), so every call on the connection brings the
 * same bytes, and their identity is found without encoding them as a key. Entries go with the
 * connection's certificate object.
 */
const connectionIdentities = new WeakMap<Uint8Array, NodeIdentity>();

/** The identity a (TLS-verified) certificate names; the oldest remembered one goes beyond the cache's bound. */
function identityOfCertificate(raw: Uint8Array): NodeIdentity {
  const same = connectionIdentities.get(raw);
  if (same) return same;
  const key = Buffer.from(raw).toString("base64");
  const known = certificateIdentities.get(key);
  if (known) {
    connectionIdentities.set(raw, known);
    return known;
  }
  const identity = parseNodeIdentity({ raw });
  connectionIdentities.set(raw, identity);
  if (certificateIdentities.size >= identityCacheEntriesMax) {
    const oldest = certificateIdentities.keys().next().value;
    if (oldest !== undefined) certificateIdentities.delete(oldest);
  }
  certificateIdentities.set(key, identity);
  return identity;
}

/** A resolver that reads the verified peer certificate and checks its cluster and the caller's role now. */
export function peerIdentityResolver(options: PeerIdentityOptions): ResolveIdentity {
  return (call) => {
    const raw = peerCertificateOf(call);
    if (!raw) throw new PermissionDeniedError("a client certificate signed by the cluster's root CA is required");
    let identity: NodeIdentity;
    try {
      identity = identityOfCertificate(raw);
    } catch (error) {
      throw new PermissionDeniedError(error instanceof Error ? error.message : "not a node certificate");
    }
    const clusterId = typeof options.clusterId === "function" ? options.clusterId() : options.clusterId;
    if (!clusterId || identity.clusterId !== clusterId)
      throw new PermissionDeniedError("the certificate is for another cluster");
    const role = options.currentRole ? options.currentRole(identity) : identity.role;
    return role === identity.role ? identity : { ...identity, role, certificateRole: identity.role };
  };
}

/** What the store-backed resolvers need besides the store. */
export interface CurrentRoleOptions {
  /** This cluster's id (from the manager's own certificate); absent, the cluster object's. */
  readonly clusterId?: string;
  /** Whether a raft id belongs to this manager's raft group now; absent, raft membership is not checked. */
  readonly isRaftMember?: (raftId: number) => boolean;
}

/**
 * Whether the node object says the node is a manager now: the cluster wants it to be one (its
 * desired role; a demotion changes that at once) and, once it holds a raft id, that id is still
 * in the raft group (a manager that left it, or one a forced new cluster left out, is not).
 */
function isManagerNow(node: ObjectsByKind["node"], isRaftMember?: (raftId: number) => boolean): boolean {
  if (Number(node.spec?.desiredRole ?? 0) !== Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER)) return false;
  const raftId = Number(node.managerStatus?.raftId ?? 0);
  return raftId === 0 || !isRaftMember || isRaftMember(raftId);
}

/**
 * A resolver for a manager's services: the caller must be a node of the cluster (its node object
 * exists), and a manager certificate counts as a manager's only while the node is a manager now
 * (see isManagerNow); otherwise it counts as a worker's, which still opens the node services
 * (dispatcher, log publishing) but not the managers' and operators' ones. One lookup by id per call.
 */
export function storeIdentityResolver(store: MemoryStore, options: CurrentRoleOptions = {}): ResolveIdentity {
  return peerIdentityResolver({
    clusterId: options.clusterId ?? (() => store.view((tx) => tx.all("cluster")[0]?.id ?? undefined)),
    currentRole: (identity) => {
      // Operators are no nodes: their certificate alone admits them (to the services that allow them).
      if (identity.role === OperatorRole) return identity.role;
      const node = store.view((tx) => tx.get("node", identity.nodeId));
      if (!node) throw new PermissionDeniedError(`node ${identity.nodeId} is not a member of the cluster (removed?)`);
      if (identity.role === ManagerRole && !isManagerNow(node, options.isRaftMember)) return WorkerRole;
      return identity.role;
    },
  });
}

/** What raftPeerResolver needs besides the store. */
export interface RaftPeerOptions extends CurrentRoleOptions {
  /** This cluster's id (from the manager's own certificate: a new member's store is still empty). */
  readonly clusterId: string;
  /** This manager's node id; once its own node object is in the store, the store knows every member. */
  readonly selfNodeId?: string;
}

/**
 * A resolver for the Raft service. A member must keep talking raft until the group has removed it
 * (a demoted leader hands its leadership over first), so the test is raft membership, not the
 * desired role: a node whose object holds a raft id must still be in the raft group; one without
 * a raft id yet must be wanted as a manager (it is joining). A new member's store may not know the
 * managers yet, so while this manager's own node object is missing, the certificate alone counts;
 * after that an unknown node is one that was removed.
 */
export function raftPeerResolver(store: MemoryStore, options: RaftPeerOptions): ResolveIdentity {
  return peerIdentityResolver({
    clusterId: options.clusterId,
    currentRole: (identity) => {
      if (identity.role !== ManagerRole) return identity.role;
      const { node, selfKnown } = store.view((tx) => ({
        node: tx.get("node", identity.nodeId),
        selfKnown: options.selfNodeId !== undefined && tx.get("node", options.selfNodeId) !== undefined,
      }));
      if (!node) {
        if (!selfKnown) return identity.role;
        throw new PermissionDeniedError(`node ${identity.nodeId} is not a member of the cluster (removed?)`);
      }
      const raftId = Number(node.managerStatus?.raftId ?? 0);
      const member =
        raftId !== 0
          ? !options.isRaftMember || options.isRaftMember(raftId)
          : Number(node.spec?.desiredRole ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER);
      return member ? identity.role : WorkerRole;
    },
  });
}

/** Checks the caller's identity and role; returns it, or throws PermissionDeniedError. */
export function authorize(
  call: PeerCall,
  allowed: readonly CallerRole[],
  resolveIdentity: ResolveIdentity,
): NodeIdentity {
  const identity = resolveIdentity(call);
  if (!allowed.includes(identity.role)) {
    if (identity.certificateRole !== undefined && allowed.includes(identity.certificateRole))
      throw new PermissionDeniedError(
        `node ${identity.nodeId} is no manager now (demoted, or out of the raft group): its ${identity.certificateRole} certificate no longer opens this method`,
      );
    throw new PermissionDeniedError(`role ${identity.role} may not call this method (allowed: ${allowed.join(", ")})`);
  }
  identities.set(call, identity);
  return identity;
}

/** A thrown error as a gRPC status (PERMISSION_DENIED for a refused identity, as the catalogue says). */
export function grpcStatusOf(error: unknown): Partial<grpc.StatusObject> {
  return toServiceError(error);
}

/**
 * Wraps every handler of a service so that each call is authorized before the handler runs; a
 * refused call ends with PERMISSION_DENIED and never reaches the handler. Works for unary and
 * streaming handlers alike; a stream is authorized again with every message it carries (raft
 * batches in, watch events out), so a node demoted or removed while its stream is open loses it
 * at its next message. Intended uses: Control and Raft with [ManagerRole]; Dispatcher and
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
    guarded[name] = ((call: GuardedCall, callback?: (error: Partial<grpc.StatusObject>) => void) => {
      const check = (): Partial<grpc.StatusObject> | null => {
        try {
          authorize(call, allowed, resolveIdentity);
          return null;
        } catch (error) {
          return grpcStatusOf(error);
        }
      };
      const refusal = check();
      if (refusal) {
        if (typeof callback === "function") callback(refusal);
        else call.emit?.("error", refusal);
        return;
      }
      recheckEveryMessage(call, check, callback);
      return original(call, callback);
    }) as grpc.UntypedHandleCall;
  }
  return guarded as T;
}

/** What guardService touches of a server call: its auth context, and its stream side when it has one. */
type GuardedCall = PeerCall & {
  emit?: (event: string | symbol, ...args: unknown[]) => boolean;
  write?: (...args: unknown[]) => boolean;
  read?: unknown;
};

/**
 * Authorizes a streaming call again before each message it receives or sends; the first refusal
 * ends the call with its status, and nothing more passes either way.
 */
function recheckEveryMessage(
  call: GuardedCall,
  check: () => Partial<grpc.StatusObject> | null,
  callback?: (error: Partial<grpc.StatusObject>) => void,
): void {
  const receives = typeof call.read === "function";
  const sends = typeof call.write === "function";
  if ((!receives && !sends) || !call.emit) return;
  const emit = call.emit.bind(call);
  let refused = false;
  const refuse = (status: Partial<grpc.StatusObject>): void => {
    refused = true;
    if (typeof callback === "function") callback(status);
    else emit("error", Object.assign(new Error(status.details), status));
  };
  if (receives) {
    call.emit = (event, ...args) => {
      if (refused && (event === "data" || event === "end")) return false;
      if (event === "data") {
        const status = check();
        if (status) {
          refuse(status);
          return false;
        }
      }
      return emit(event, ...args);
    };
  }
  if (sends) {
    const write = call.write!.bind(call);
    call.write = (...args) => {
      if (refused) return false;
      const status = check();
      if (status) {
        refuse(status);
        return false;
      }
      return write(...args);
    };
  }
}
