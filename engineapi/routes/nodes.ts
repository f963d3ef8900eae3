// The node routes: list (engine-label and node-label filters), inspect by id, name or id prefix,
// update of the whole spec with the version read (role changes are promotions and demotions),
// and removal (`force` for a node that is still up).
import type { ClusterApi } from "../backend/cluster-client.js";
import { parseFilters } from "../convert/filters.js";
import { nodeFilterKeys, nodeMatches, nodeOut, nodeSpecIn, type TlsInfo } from "../convert/node.js";
import { tlsInfoOf } from "../convert/tls-info.js";
import { HttpError } from "../http-error.js";
import { queryBool, queryObjectVersion } from "./query.js";
import { ignoreVersionEcho, ok, route, type Route } from "./route.js";

/** The cluster's TLSInfo, read from the cluster object. */
export async function clusterTlsInfo(cluster: ClusterApi): Promise<TlsInfo> {
  const { cluster: object } = await cluster.control("getCluster", { clusterId: "default" });
  return tlsInfoOf(Buffer.from(object.rootCaCertPem ?? new Uint8Array()).toString("utf8"));
}

/** The node routes. */
export const nodeRoutes: readonly Route[] = [
  route("GET", /^\/nodes$/, true, async (context, { cluster }) => {
    const filters = parseFilters(context.query.get("filters"), nodeFilterKeys);
    const [{ nodes }, tls] = await Promise.all([cluster.control("listNodes", {}), clusterTlsInfo(cluster)]);
    return ok(nodes.filter((n) => nodeMatches(filters, n)).map((n) => nodeOut(n, tls)));
  }),
  route("GET", /^\/nodes\/([^/]+)$/, true, async (context, { cluster }) => {
    const [{ node }, tls] = await Promise.all([
      cluster.control("getNode", { nodeId: context.params[0] ?? "" }),
      clusterTlsInfo(cluster),
    ]);
    return ok(nodeOut(node, tls));
  }),
  route("POST", /^\/nodes\/([^/]+)\/update$/, true, async (context, { cluster }) => {
    const version = queryObjectVersion(context.query, "node");
    const body = await context.body();
    if (!body) throw new HttpError(400, "the request body must be a node spec");
    const spec = nodeSpecIn(ignoreVersionEcho(body));
    const { node } = await cluster.control("getNode", { nodeId: context.params[0] ?? "" });
    await cluster.control("updateNode", { nodeId: node.id ?? "", nodeVersion: { index: version }, spec });
    return { status: 200 };
  }),
  route("DELETE", /^\/nodes\/([^/]+)$/, true, async (context, { cluster }) => {
    const { node } = await cluster.control("getNode", { nodeId: context.params[0] ?? "" });
    await cluster.control("removeNode", { nodeId: node.id ?? "", force: queryBool(context.query, "force") });
    return { status: 200 };
  }),
];
