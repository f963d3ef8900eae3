// What every route handler gets and gives. A handler reads its request through a RequestContext
// (version, path parameters, query, a bounded JSON body, an abort signal for streams) and the
// front end's dependencies, and answers with a status and a JSON body, or writes a stream itself.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiVersion } from "../api-version.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import type { HostFacts } from "../convert/system.js";
import type { JsonObject } from "../convert/json-reader.js";
import type { EventHub } from "../events/event-hub.js";

/** The role the serving node has now ("none" while it has not joined a cluster). */
export type LocalRole = "manager" | "worker" | "none";

/** What the front end knows about the node it runs in. */
export interface LocalNode {
  /** This node's id ("" before it has one). */
  nodeId(): string;
  /** Its role. */
  role(): LocalRole;
  /** The address other nodes reach it at, host:port. */
  advertiseAddr(): string;
  /** Manager addresses it knows (for workers' `RemoteManagers`). */
  managers(): readonly string[];
}

/** Where a node starts to serve, as `swarm init` and `swarm join` ask. */
export interface SwarmAddresses {
  /** host:port the node listens on for managers and nodes ("" for the daemon's own setting). */
  readonly listenAddr: string;
  /** host:port other nodes reach it at ("" to derive it from the listen address). */
  readonly advertiseAddr: string;
  /** The node's availability when it starts. */
  readonly availability: "active" | "pause" | "drain" | "";
}

/** `POST /swarm/init`, read and checked. */
export interface SwarmInitRequest extends SwarmAddresses {
  /** The cluster's overlay address pools (none: the default pool). */
  readonly defaultAddrPools: readonly string[];
  /** Prefix length of each network's subnet from the pools (0: the default). */
  readonly subnetSize: number;
  /** UDP port of the overlay data path (0: the default). */
  readonly dataPathPort: number;
  /** Whether the managers' raft state is locked at rest. */
  readonly autolock: boolean;
}

/** `POST /swarm/join`, read and checked. */
export interface SwarmJoinRequest extends SwarmAddresses {
  /** Managers to join through, tried in order. */
  readonly remoteAddrs: readonly string[];
  readonly joinToken: string;
}

/**
 * What the daemon serving the front end does for `swarm init`, `join` and `leave`: a swarmd started
 * without a swarm makes its node on init or join, and stops and erases it on leave, as dockerd does.
 */
export interface SwarmMembership {
  /** Makes this node the first manager of a new cluster; resolves with its node id. */
  init(request: SwarmInitRequest): Promise<string>;
  /** Joins a cluster as the token's role. */
  join(request: SwarmJoinRequest): Promise<void>;
  /** Stops the node, leaves the cluster and erases the node's state; the daemon runs on without a swarm. */
  leave(force: boolean): Promise<void>;
}

/** One request, as a handler sees it. */
export interface RequestContext {
  /** The API version the client asked for. */
  readonly version: ApiVersion;
  /** Path parameters, in the order of the route's groups. */
  readonly params: readonly string[];
  /** Query parameters. */
  readonly query: URLSearchParams;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** The JSON body as an object (null when empty); 400 when it is not an object. */
  body(): Promise<JsonObject | null>;
}

/** What the handlers share. */
export interface EngineDeps {
  /** The local manager's services. */
  readonly cluster: ClusterApi;
  /** The node the front end runs in. */
  readonly local: LocalNode;
  /** The host's facts, for `/version` and `/info`. */
  readonly host: () => HostFacts;
  /** The events of the cluster, with their recent history. */
  readonly events: EventHub;
  /** Init, join and leave, when the daemon serving the front end can change its node (null: it cannot). */
  readonly membership: SwarmMembership | null;
}

/** A handler's answer: a status and a JSON body (none for an empty answer), or "streamed" when it wrote the response itself. */
export type Reply = { readonly status: number; readonly body?: unknown } | "streamed";

/** A route handler. */
export type Handler = (context: RequestContext, deps: EngineDeps) => Promise<Reply>;

/** One route of the table. */
export interface Route {
  readonly method: "GET" | "HEAD" | "POST" | "DELETE";
  /** Matched against the whole path without its version prefix; groups become params. */
  readonly path: RegExp;
  /** Whether the route needs this node to be an active manager (every swarm route does). */
  readonly swarm: boolean;
  readonly handler: Handler;
}

/**
 * Marks a root-level `version` in an update body as read: dockerode sends its options, the
 * `version` query parameter included, as the body too, and Docker's daemon ignores the extra key.
 */
export function ignoreVersionEcho(body: JsonObject): JsonObject {
  body.raw("version");
  return body;
}

/** 200 with a JSON body. */
export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** One route (a function, so handlers take their parameter types from {@link Handler}). */
export function route(method: Route["method"], path: RegExp, swarm: boolean, handler: Handler): Route {
  return { method, path, swarm, handler };
}
