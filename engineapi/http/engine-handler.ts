// The request handler of the Engine API: the version prefix, `/_ping`, the route table, the
// manager-only guard of swarm routes, and errors as Docker writes them. Listeners (unix socket,
// TLS) only accept connections and hand each request here.
import { realClock } from "../../common/index.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { splitVersionPrefix } from "../api-version.js";
import { httpErrorOf, lockedSwarmMessage, notManagerMessage } from "../convert/grpc-errors.js";
import { JsonObject } from "../convert/json-reader.js";
import { HttpError } from "../http-error.js";
import { eventRoutes } from "../routes/events.js";
import { logRoutes } from "../routes/logs.js";
import { networkRoutes } from "../routes/networks.js";
import { nodeRoutes } from "../routes/nodes.js";
import type { EngineDeps, RequestContext, Route } from "../routes/route.js";
import { secretConfigRoutes } from "../routes/secrets-configs.js";
import { serviceRoutes } from "../routes/services.js";
import { swarmRoutes } from "../routes/swarm.js";
import { systemRoutes } from "../routes/system.js";
import { distributionRoutes } from "../routes/distribution.js";
import { taskRoutes } from "../routes/tasks.js";
import { commonHeaders, readJsonBody, sendEmpty, sendError, sendJson } from "./respond.js";

/** Every route the front end serves, in match order (specific paths before parameters). */
export const engineRoutes: readonly Route[] = [
  ...systemRoutes,
  ...distributionRoutes,
  ...eventRoutes,
  ...swarmRoutes,
  ...nodeRoutes,
  ...logRoutes,
  ...serviceRoutes,
  ...taskRoutes,
  ...secretConfigRoutes,
  ...networkRoutes,
];

/** Top-level paths of Docker's API that swarm-ts does not serve (containers, images…): 501, not 404. */
const engineOnlyPrefixes = [
  "containers",
  "images",
  "volumes",
  "plugins",
  "build",
  "exec",
  "commit",
  "auth",
  "session",
  "system",
  "grpc",
  "checkpoints",
];

/** The message for engine routes swarm-ts does not serve. */
export const swarmRoutesOnlyMessage = "swarm-ts serves the swarm routes of the Docker Engine API only";

/** A request-level log line. */
export type EngineLog = (level: "debug" | "info" | "warn", event: string, fields: Record<string, unknown>) => void;

/** Options of {@link createEngineHandler}. */
export interface EngineHandlerOptions {
  readonly deps: EngineDeps;
  /** The `Server` header, e.g. "swarm-ts/0.1.0 (linux)". */
  readonly serverName: string;
  readonly log?: EngineLog;
}

/** The `Swarm` header of `/_ping`, from the node's role and whether its manager answered locked. */
function swarmHeader(deps: EngineDeps, locked: boolean): string {
  const role = deps.local.role();
  if (role === "none") return "inactive";
  if (locked) return "locked";
  return `active/${role}`;
}

function findRoute(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of engineRoutes) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}

/** Builds the handler of every request. */
export function createEngineHandler(
  options: EngineHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { deps } = options;
  const headers = commonHeaders(options.serverName);
  const log = options.log ?? (() => undefined);
  // Learned from answers: whether the manager refused a call because it is still locked.
  let locked = false;

  const serve = async (request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<number> => {
    const url = new URL(request.url ?? "/", "http://engine");
    const { version, path } = splitVersionPrefix(url.pathname);
    const method = request.method ?? "GET";
    if (path === "/_ping" && (method === "GET" || method === "HEAD")) {
      response.writeHead(200, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-cache, no-store, must-revalidate",
        Pragma: "no-cache",
        Swarm: swarmHeader(deps, locked),
        "Content-Length": method === "HEAD" ? 0 : 2,
      });
      response.end(method === "HEAD" ? undefined : "OK");
      return 200;
    }
    const found = findRoute(method, path);
    if (!found) {
      const top = path.split("/")[1] ?? "";
      if (engineOnlyPrefixes.includes(top)) throw new HttpError(501, `${swarmRoutesOnlyMessage} (${method} ${path})`);
      throw new HttpError(404, "page not found");
    }
    if (found.route.swarm) {
      const role = deps.local.role();
      if (role === "worker") throw new HttpError(503, notManagerMessage);
      if (role === "none") throw new HttpError(503, "This node is not part of a swarm");
    }
    const context: RequestContext = {
      version,
      params: found.params,
      query: url.searchParams,
      request,
      response,
      signal,
      body: async () => JsonObject.of("", await readJsonBody(request)),
    };
    const reply = await found.route.handler(context, deps);
    locked = false;
    if (reply === "streamed") return 200;
    if (reply.body === undefined) sendEmpty(response, reply.status);
    else sendJson(response, reply.status, reply.body);
    return reply.status;
  };

  return (request, response) => {
    const started = realClock.monotonicMs();
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const abort = new AbortController();
    response.on("close", () => abort.abort());
    serve(request, response, abort.signal).then(
      (status) => log("debug", "engine-api.request", fields(request, status, started)),
      (error: unknown) => {
        const refusal = httpErrorOf(error);
        if (refusal.message === lockedSwarmMessage) locked = true;
        sendError(response, refusal);
        log(refusal.status >= 500 ? "warn" : "debug", "engine-api.request", {
          ...fields(request, refusal.status, started),
          error: refusal.message,
        });
      },
    );
  };
}

function fields(request: IncomingMessage, status: number, started: number): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url,
    status,
    ms: realClock.monotonicMs() - started,
    userAgent: request.headers["user-agent"],
  };
}
