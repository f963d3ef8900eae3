// The service routes: list (with `status=true` task counts), inspect (`insertDefaults`), create,
// update (optimistic `version`, `registryAuthFrom`, `rollback=previous`), delete. Network targets
// given by name become ids, as Docker's daemon resolves them, so a stack redeploy (which sends
// names) compares equal to what was stored and restarts nothing.
import { isPredefinedNetwork } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { serviceStatusSince } from "../api-version.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { parseFilters } from "../convert/filters.js";
import { serviceFilterKeys, serviceMatches } from "../convert/list-filters.js";
import { serviceOut } from "../convert/service-out.js";
import { keepSwarmExtras, serviceSpecIn } from "../convert/service-spec-in.js";
import { serviceStatusOf } from "../convert/service-status.js";
import { HttpError } from "../http-error.js";
import { queryBool, queryChoice, queryObjectVersion } from "./query.js";
import { registryCredentialsOf } from "./distribution.js";
import { ignoreVersionEcho, ok, route, type RequestContext, type Route } from "./route.js";

/** Turns network names in a spec into ids (ids, id prefixes and predefined networks stay). */
async function resolveNetworkTargets(cluster: ClusterApi, spec: swarm.v1.ServiceSpec.$Properties): Promise<void> {
  const attachments = [...(spec.task?.networks ?? []), ...(spec.networks ?? [])];
  if (attachments.length === 0) return;
  const { networks } = await cluster.control("listNetworks", {});
  for (const attachment of attachments) {
    const target = attachment.target ?? "";
    if (isPredefinedNetwork(target)) continue;
    const byName = networks.find((n) => n.spec?.annotations?.name === target);
    if (byName?.id) attachment.target = byName.id;
  }
}

/**
 * The spec with the X-Registry-Auth credentials the client sent (`--with-registry-auth`), kept by
 * the managers for the nodes' pulls and never shown again. Without the header an update keeps the
 * credentials stored (Docker's registryAuthFrom=spec).
 */
function withRegistryAuth(context: RequestContext, spec: swarm.v1.ServiceSpec.$Properties): void {
  // A malformed header is refused (400) before anything is stored; "{}" or empty means none.
  if (registryCredentialsOf(context) === undefined) return;
  const header = context.request.headers["x-registry-auth"];
  const registryAuth = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
  const container = spec.task?.container;
  if (container) container.pullOptions = { registryAuth };
}

/**
 * Whether the managers pin the image: the docker CLI of every version served here (1.30 and later)
 * pins it itself through `GET /distribution/{name}/json`, or was told not to, so never for it.
 */
const queryRegistry = false;

async function requireSpec(context: RequestContext, update: boolean): Promise<swarm.v1.ServiceSpec.$Properties> {
  const body = await context.body();
  if (!body) throw new HttpError(400, "the request body must be a service spec");
  return serviceSpecIn(update ? ignoreVersionEcho(body) : body, context.version);
}

/** The service routes. */
export const serviceRoutes: readonly Route[] = [
  route("GET", /^\/services$/, true, async (context, { cluster }) => {
    const filters = parseFilters(context.query.get("filters"), serviceFilterKeys);
    const { services } = await cluster.control("listServices", {});
    const selected = services.filter((s) => serviceMatches(filters, s));
    const withStatus = queryBool(context.query, "status") && context.version >= serviceStatusSince;
    const tasks = withStatus && selected.length > 0 ? (await cluster.control("listTasks", {})).tasks : [];
    return ok(selected.map((s) => serviceOut(s, withStatus ? { status: serviceStatusOf(s, tasks) } : {})));
  }),
  route("GET", /^\/services\/([^/]+)$/, true, async (context, { cluster }) => {
    const { service } = await cluster.control("getService", { serviceId: context.params[0] ?? "" });
    return ok(serviceOut(service, { insertDefaults: queryBool(context.query, "insertDefaults") }));
  }),
  route("POST", /^\/services\/create$/, true, async (context, { cluster }) => {
    const spec = await requireSpec(context, false);
    withRegistryAuth(context, spec);
    await resolveNetworkTargets(cluster, spec);
    const { service, warnings } = await cluster.control("createService", { spec, queryRegistry });
    return { status: 201, body: { ID: service.id, Warnings: warnings ?? [] } };
  }),
  route("POST", /^\/services\/([^/]+)\/update$/, true, async (context, { cluster }) => {
    const version = queryObjectVersion(context.query, "service");
    queryChoice(context.query, "registryAuthFrom", ["spec", "previous-spec"]);
    const rollback = queryChoice(context.query, "rollback", ["previous"]) === "previous";
    const { service: current } = await cluster.control("getService", { serviceId: context.params[0] ?? "" });
    const request: swarm.v1.UpdateServiceRequest.$Properties = {
      serviceId: current.id ?? "",
      serviceVersion: { index: version },
      rollback: rollback
        ? swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS
        : swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_NONE,
    };
    // A rollback restores the previous spec; the body (the current spec, as the CLI sends it) is not used.
    if (!rollback) {
      const spec = keepSwarmExtras(await requireSpec(context, true), current.spec);
      withRegistryAuth(context, spec);
      await resolveNetworkTargets(cluster, spec);
      request.spec = spec;
      request.queryRegistry = queryRegistry;
    }
    const { warnings } = await cluster.control("updateService", request);
    return ok({ Warnings: warnings ?? [] });
  }),
  route("DELETE", /^\/services\/([^/]+)$/, true, async (context, { cluster }) => {
    const { service } = await cluster.control("getService", { serviceId: context.params[0] ?? "" });
    await cluster.control("removeService", { serviceId: service.id ?? "" });
    return { status: 200 };
  }),
];
