// `swarmctl dashboard`'s HTTP server, on the operator's machine: the page's files, a small JSON
// API and the live streams, all on the operator's one connection to a manager (as `kubectl proxy`
// does), with no listener and no credential added anywhere in the cluster.
//
//   browser ──HTTP──▶ DashboardServer ── GET /            the page (static-assets.ts)
//                          │            ── GET /api/stream  snapshot + deltas (sse-hub.ts) ◀── ClusterFeed ◀── Watch
//                          │            ── GET /api/logs    log lines (logs-stream.ts) ◀── Logs
//                          │            ── POST /api/actions  swarmctl … (action-runner.ts)
//                          └ access.ts: token → cookie, Host and Origin checks
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connection } from "../../client/connection.js";
import { joinCommandOf } from "../model/index.js";
import { ActionError, parseAction } from "../shared/actions.js";
import { apiPaths, type JoinCommandBody, type SessionInfo } from "../shared/wire.js";
import { Access, newToken } from "./access.js";
import { ActionRunner } from "./action-runner.js";
import { ClusterFeed } from "./cluster-feed.js";
import { logRequestOf, logStreamsMax, streamLogs } from "./logs-stream.js";
import { SseHub } from "./sse-hub.js";
import { type Asset, loadAssets } from "./static-assets.js";

/** What an object id in a query looks like. */
const idPattern = /^[a-zA-Z0-9_.-]{1,128}$/;

/** Largest request body accepted (an action is a few dozen bytes). */
export const requestBodyBytesMax = 16 * 1024;

/**
 * Headers of every answer: no framing, no sniffing, no referrer (the first URL holds the token),
 * nothing active in anything but the page (which carries its own policy, see static-assets.ts).
 */
const securityHeaders: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

/** Options of {@link DashboardServer.start}. */
export interface DashboardServerOptions {
  readonly connection: Connection;
  /** swarmctl's connection flags as the operator gave them, for the commands actions run and show. */
  readonly connectionArgs: readonly string[];
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** swarm-ts's version, for the page. */
  readonly version: string;
  /** The token; a new random one by default. */
  readonly token?: string;
}

/** A running dashboard. */
export class DashboardServer {
  private readonly hub = new SseHub();
  private readonly feed: ClusterFeed;
  private readonly runner: ActionRunner;
  private logStreams = 0;

  private constructor(
    private readonly options: DashboardServerOptions,
    private readonly server: Server,
    private readonly assets: ReadonlyMap<string, Asset>,
    private access: Access | null,
  ) {
    this.feed = new ClusterFeed(options.connection, this.hub);
    this.runner = new ActionRunner(options.connectionArgs);
  }

  /** Loads the page's files, listens, and opens the watch. */
  static async start(options: DashboardServerOptions): Promise<DashboardServer> {
    const assets = loadAssets();
    const server = createServer();
    const dashboard = new DashboardServer(options, server, assets, null);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => dashboard.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    dashboard.access = new Access(options.token ?? newToken(), port, hostNamesFor(options.host));
    dashboard.feed.start();
    return dashboard;
  }

  /** The port it listens on. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The URL that opens the dashboard (with its token). */
  get url(): string {
    const host = this.options.host.includes(":") ? `[${this.options.host}]` : this.options.host;
    return `http://${host}:${this.port}/?token=${this.access!.token}`;
  }

  /** Resolves once the first view of the cluster is in. */
  whenSynced(): Promise<void> {
    return this.feed.whenSynced();
  }

  /** Stops serving: ends every stream and the watch. */
  async close(): Promise<void> {
    this.feed.stop();
    this.hub.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const access = this.access;
    if (!access) return void sendJson(res, 503, { error: "starting" });
    if (!access.hostAllowed(req))
      return void sendJson(res, 403, { error: `this dashboard answers only as ${this.url.split("/?")[0]}` });
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const path = url.pathname;
    if (!path.startsWith("/api/")) return this.serveAsset(req, res, url);
    if (!access.authorized(req))
      return void sendJson(res, 401, {
        error: "this page lacks the dashboard's token: open the URL `swarmctl dashboard` printed",
      });
    const route = `${req.method ?? "GET"} ${path}`;
    switch (route) {
      case `GET ${apiPaths.session}`:
        return void sendJson(res, 200, {
          connectionArgs: this.options.connectionArgs,
          target: this.options.connection.target,
          version: this.options.version,
        } satisfies SessionInfo);
      case `GET ${apiPaths.stream}`:
        return this.openStream(res, url.searchParams.get("service"));
      case `GET ${apiPaths.joinCommand}`:
        return this.joinCommand(res, url.searchParams.get("role"));
      case `GET ${apiPaths.logs}`:
        return this.openLogs(res, url.searchParams);
      case `POST ${apiPaths.actions}`:
        if (!access.writeAllowed(req))
          return void sendJson(res, 403, { error: "actions must come as JSON from the dashboard's own page" });
        return void this.runAction(req, res);
      default:
        return void sendJson(res, 404, { error: `no such API: ${route}` });
    }
  }

  private serveAsset(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const token = url.searchParams.get("token");
    let cookie: string | null = null;
    if ((url.pathname === "/" || url.pathname === "/index.html") && token !== null) {
      // The page comes with the cookie that admits this browser (and takes the token out of its
      // address bar itself): no redirect, so the first load waits for one round trip less.
      if (!this.access!.isToken(token))
        return void sendJson(res, 401, { error: "wrong token: open the URL `swarmctl dashboard` printed" });
      cookie = this.access!.cookieHeader();
    }
    const asset = this.assets.get(url.pathname);
    if (!asset || (req.method !== "GET" && req.method !== "HEAD"))
      return void sendJson(res, 404, { error: `not found: ${url.pathname}` });
    const headers: Record<string, string> = {
      "Content-Type": asset.contentType,
      ETag: asset.etag,
      "Cache-Control": cookie ? "no-store" : "no-cache",
      Vary: "Accept-Encoding",
      ...(cookie ? { "Set-Cookie": cookie } : {}),
      ...(asset.policy ? { "Content-Security-Policy": asset.policy } : {}),
    };
    if (!cookie && req.headers["if-none-match"] === asset.etag) {
      res.writeHead(304, headers);
      return void res.end();
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? asset.gzipped : asset.body;
    res.writeHead(200, {
      ...headers,
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      "Content-Length": String(body.length),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private openStream(res: ServerResponse, serviceId: string | null): void {
    if (serviceId && !idPattern.test(serviceId)) return void sendJson(res, 400, { error: "service: not a service id" });
    if (this.hub.full) return void sendJson(res, 503, { error: "too many pages are open on this dashboard" });
    // Pending changes go out first, so the snapshot is where the next delta starts.
    this.feed.flushNow();
    this.hub.add(res, serviceId || null, (id) => this.feed.views.snapshot(id, this.feed.link));
  }

  private joinCommand(res: ServerResponse, role: string | null): void {
    if (role !== "worker" && role !== "manager") return void sendJson(res, 400, { error: "role: worker or manager" });
    const command = joinCommandOf(this.feed.views.mirror, role);
    if (command === null) return void sendJson(res, 503, { error: "the cluster is not known yet" });
    sendJson(res, 200, { role, command } satisfies JoinCommandBody);
  }

  private openLogs(res: ServerResponse, query: URLSearchParams): void {
    let request;
    try {
      request = logRequestOf(query);
    } catch (error) {
      return void sendJson(res, 400, { error: (error as Error).message });
    }
    if (this.logStreams >= logStreamsMax)
      return void sendJson(res, 503, { error: `${logStreamsMax} log streams are open already; close one` });
    this.logStreams++;
    streamLogs(res, this.options.connection, this.feed.views.mirror, request, () => this.logStreams--);
  }

  private async runAction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let action;
    try {
      action = parseAction(JSON.parse(await readBody(req)));
    } catch (error) {
      const line = error instanceof ActionError || error instanceof BodyError ? error.message : "the body is not JSON";
      return sendJson(res, error instanceof BodyError ? 413 : 400, { error: line });
    }
    if (this.runner.busy) return sendJson(res, 429, { error: "other actions are still running; wait for one to end" });
    sendJson(res, 200, await this.runner.run(action));
  }
}

/** Host names the Host header may use: the listen address, and the loopback names when on loopback. */
export function hostNamesFor(listenHost: string): Set<string> {
  const bracketed = listenHost.includes(":") ? `[${listenHost}]` : listenHost;
  const names = new Set([bracketed.toLowerCase()]);
  if (isLoopback(listenHost)) for (const n of ["localhost", "127.0.0.1", "[::1]"]) names.add(n);
  // Listening on every address, the server is reached by names it cannot know; the token guards it.
  if (listenHost === "0.0.0.0" || listenHost === "::") names.add("*");
  return names;
}

/** Whether an address is a loopback one (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "::1" || host === "localhost";
}

class BodyError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Beyond the bound the rest is read and dropped, so the answer can still be sent.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= requestBodyBytesMax) chunks.push(chunk);
    });
    req.on("end", () =>
      size > requestBodyBytesMax
        ? reject(new BodyError(`the body is larger than ${requestBodyBytesMax} bytes`))
        : resolve(Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}
