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
import { ignoreVersionEcho, ok, route, type RequestContext, type Route } from "./route.js";

/** What create and update answer when the client sent registry credentials. */
export const registryAuthWarning =
  "swarm-ts does not pass registry credentials to its nodes (X-Registry-Auth was ignored); nodes pull with their own engine's credentials";

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

function warningsFor(context: RequestContext): string[] {
  return context.request.headers["x-registry-auth"] ? [registryAuthWarning] : [];
}

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
    await resolveNetworkTargets(cluster, spec);
    const { service } = await cluster.control("createService", { spec });
    return { status: 201, body: { ID: service.id, Warnings: warningsFor(context) } };
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
      await resolveNetworkTargets(cluster, spec);
      request.spec = spec;
    }
    await cluster.control("updateService", request);
    return ok({ Warnings: warningsFor(context) });
  }),
  route("DELETE", /^\/services\/([^/]+)$/, true, async (context, { cluster }) => {
    const { service } = await cluster.control("getService", { serviceId: context.params[0] ?? "" });
    await cluster.control("removeService", { serviceId: service.id ?? "" });
    return { status: 200 };
  }),
];
