// The secret and config routes, which Docker shapes alike: list with filters, inspect, create
// (201 with the new id), update (labels only; a stack redeploy resends the same data, which is
// accepted, while changed data is refused) and delete (204).
import type { swarm } from "../../proto/index.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { parseFilters } from "../convert/filters.js";
import { configOut, dataFilterKeys, dataMatches, dataSpecIn, secretOut } from "../convert/secret-config.js";
import type { JsonObject } from "../convert/json-reader.js";
import { HttpError } from "../http-error.js";
import { queryObjectVersion } from "./query.js";
import { ignoreVersionEcho, ok, route, type Route } from "./route.js";

async function requireDataSpec(body: Promise<JsonObject | null>, kind: "secret" | "config") {
  const object = await body;
  if (!object) throw new HttpError(400, `the request body must be a ${kind} spec`);
  return dataSpecIn(object, kind);
}

function secretApi(cluster: ClusterApi) {
  return {
    list: async () => (await cluster.control("listSecrets", {})).secrets as swarm.v1.Secret.$Properties[],
    get: async (ref: string) =>
      (await cluster.control("getSecret", { secretId: ref })).secret as swarm.v1.Secret.$Properties,
    create: async (spec: swarm.v1.SecretSpec.$Properties) =>
      (await cluster.control("createSecret", { spec })).secret.id ?? "",
    update: async (id: string, version: number, spec: swarm.v1.SecretSpec.$Properties) => {
      await cluster.control("updateSecret", { secretId: id, secretVersion: { index: version }, spec });
    },
    remove: async (id: string) => {
      await cluster.control("removeSecret", { secretId: id });
    },
    out: secretOut,
  };
}

function configApi(cluster: ClusterApi) {
  return {
    list: async () => (await cluster.control("listConfigs", {})).configs as swarm.v1.Config.$Properties[],
    get: async (ref: string) =>
      (await cluster.control("getConfig", { configId: ref })).config as swarm.v1.Config.$Properties,
    create: async (spec: swarm.v1.ConfigSpec.$Properties) =>
      (await cluster.control("createConfig", { spec })).config.id ?? "",
    update: async (id: string, version: number, spec: swarm.v1.ConfigSpec.$Properties) => {
      await cluster.control("updateConfig", { configId: id, configVersion: { index: version }, spec });
    },
    remove: async (id: string) => {
      await cluster.control("removeConfig", { configId: id });
    },
    out: configOut,
  };
}

function routesFor(kind: "secret" | "config"): Route[] {
  const api = (cluster: ClusterApi) => (kind === "secret" ? secretApi(cluster) : configApi(cluster));
  const plural = `${kind}s`;
  return [
    route("GET", new RegExp(`^/${plural}$`), true, async (context, { cluster }) => {
      const filters = parseFilters(context.query.get("filters"), dataFilterKeys);
      const { list, out } = api(cluster);
      return ok((await list()).filter((o) => dataMatches(filters, o)).map((o) => out(o)));
    }),
    route("GET", new RegExp(`^/${plural}/([^/]+)$`), true, async (context, { cluster }) => {
      const { get, out } = api(cluster);
      return ok(out(await get(context.params[0] ?? "")));
    }),
    route("POST", new RegExp(`^/${plural}/create$`), true, async (context, { cluster }) => {
      const spec = await requireDataSpec(context.body(), kind);
      return { status: 201, body: { ID: await api(cluster).create(spec) } };
    }),
    route("POST", new RegExp(`^/${plural}/([^/]+)/update$`), true, async (context, { cluster }) => {
      const version = queryObjectVersion(context.query, kind);
      const spec = await requireDataSpec(
        context.body().then((body) => body && ignoreVersionEcho(body)),
        kind,
      );
      const { get, update } = api(cluster);
      const current = await get(context.params[0] ?? "");
      await update(current.id ?? "", version, spec);
      return { status: 200 };
    }),
    route("DELETE", new RegExp(`^/${plural}/([^/]+)$`), true, async (context, { cluster }) => {
      const { get, remove } = api(cluster);
      await remove((await get(context.params[0] ?? "")).id ?? "");
      return { status: 204 };
    }),
  ];
}

/** The secret and config routes. */
export const secretConfigRoutes: readonly Route[] = [...routesFor("secret"), ...routesFor("config")];
