// The network routes: list (the cluster's overlay networks, then the predefined host and none),
// inspect by id, name or id prefix (`scope` and `verbose` change nothing: every cluster network is
// swarm-scoped), create (201 `{"Id","Warning"}`) and remove (204; a predefined network or one in
// use is refused with 403, as Docker refuses them).
import { isPredefinedNetwork, removeNetworkWhenFree } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { parseFilters } from "../convert/filters.js";
import { isGrpcError } from "../convert/grpc-errors.js";
import {
  engineNetworkOut,
  networkCreateIn,
  networkFilterKeys,
  networkMatches,
  predefinedNetworkNames,
  predefinedNetworkOut,
} from "../convert/network.js";
import { HttpError } from "../http-error.js";
import { ok, route, type Route } from "./route.js";

/** gRPC FAILED_PRECONDITION: the manager refuses to remove a network a service uses. */
const failedPrecondition = 9;

/** Ids and names of the networks some service attaches to. */
async function networksInUse(cluster: ClusterApi): Promise<Set<string>> {
  const { services } = await cluster.control("listServices", {});
  const used = new Set<string>();
  for (const s of services)
    for (const n of [...(s.spec?.task?.networks ?? []), ...(s.spec?.networks ?? [])]) used.add(n.target ?? "");
  return used;
}

/** The network routes. */
export const networkRoutes: readonly Route[] = [
  route("GET", /^\/networks$/, true, async (context, { cluster }) => {
    const filters = parseFilters(context.query.get("filters"), networkFilterKeys);
    const { networks } = await cluster.control("listNetworks", {});
    const used = filters.has("dangling") ? await networksInUse(cluster) : new Set<string>();
    const inUse = (n: swarm.v1.Network.$Properties): boolean =>
      used.has(n.id ?? "") || used.has(n.spec?.annotations?.name ?? "");
    const cluster_ = networks.map((n) => ({ out: engineNetworkOut(n), inUse: inUse(n) }));
    const predefined = predefinedNetworkNames().map((name) => ({ out: predefinedNetworkOut(name), inUse: false }));
    return ok([...cluster_, ...predefined].filter((n) => networkMatches(filters, n.out, n.inUse)).map((n) => n.out));
  }),
  route("GET", /^\/networks\/(.+)$/, true, async (context, { cluster }) => {
    const ref = context.params[0] ?? "";
    if (isPredefinedNetwork(ref)) return ok(predefinedNetworkOut(ref));
    const { network } = await cluster.control("getNetwork", { networkId: ref });
    return ok(engineNetworkOut(network));
  }),
  route("POST", /^\/networks\/create$/, true, async (context, { cluster }) => {
    const body = await context.body();
    if (!body) throw new HttpError(400, "the request body must be a network create request");
    const { network } = await cluster.control("createNetwork", { spec: networkCreateIn(body) });
    return { status: 201, body: { Id: network.id ?? "", Warning: "" } };
  }),
  route("DELETE", /^\/networks\/(.+)$/, true, async (context, { cluster }) => {
    const ref = context.params[0] ?? "";
    if (isPredefinedNetwork(ref)) throw new HttpError(403, `${ref} is a pre-defined network and cannot be removed`);
    const { network } = await cluster.control("getNetwork", { networkId: ref });
    try {
      // Docker's `stack rm` removes the networks right after the services: wait, bounded, for
      // their tasks to stop rather than fail the removal as Docker does.
      await removeNetworkWhenFree(() => cluster.control("removeNetwork", { networkId: network.id ?? "" }));
    } catch (error) {
      if (isGrpcError(error) && error.code === failedPrecondition)
        throw new HttpError(403, error.details ?? "", { cause: error });
      throw error;
    }
    return { status: 204 };
  }),
];
