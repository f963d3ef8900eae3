// The node routes: list (engine-label and node-label filters), inspect by id, name or id prefix,
// update of the whole spec with the version read (role changes are promotions and demotions),
// and removal (`force` for a node that is still up).
import type { swarm } from "../../proto/index.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { parseFilters } from "../convert/filters.js";
import { nodeFilterKeys, nodeMatches, nodeOut, nodeSpecIn } from "../convert/node.js";
import { clusterTlsInfo, nodeTlsInfo } from "../convert/tls-info.js";
import { HttpError } from "../http-error.js";
import { queryBool, queryObjectVersion } from "./query.js";
import { ignoreVersionEcho, ok, route, type Route } from "./route.js";

/**
 * Docker's Node for each node, with the TLSInfo the node reports (what `docker swarm ca --rotate`
 * follows). A node that has reported none yet shows the cluster's, read only when one needs it.
 */
async function nodesOut(cluster: ClusterApi, nodes: readonly swarm.v1.Node.$Properties[]): Promise<unknown[]> {
  const reported = nodes.map((n) => nodeTlsInfo(n.description?.tlsInfo));
  const fallback = reported.includes(null)
    ? clusterTlsInfo((await cluster.control("getCluster", { clusterId: "default" })).cluster)
    : null;
  return nodes.map((n, i) => nodeOut(n, reported[i] ?? fallback));
}

/** The node routes. */
export const nodeRoutes: readonly Route[] = [
  route("GET", /^\/nodes$/, true, async (context, { cluster }) => {
    const filters = parseFilters(context.query.get("filters"), nodeFilterKeys);
    const { nodes } = await cluster.control("listNodes", {});
    return ok(
      await nodesOut(
        cluster,
        nodes.filter((n) => nodeMatches(filters, n)),
      ),
    );
  }),
  route("GET", /^\/nodes\/([^/]+)$/, true, async (context, { cluster }) => {
    const { node } = await cluster.control("getNode", { nodeId: context.params[0] ?? "" });
    const [out] = await nodesOut(cluster, [node]);
    return ok(out);
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
