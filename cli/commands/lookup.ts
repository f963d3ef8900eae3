// Finding objects the way Docker's CLI lets operators name them. The managers resolve a reference
// (exact id, exact name, unique id prefix; ambiguous is an error naming it), so every lookup is one
// Get call; this file only gives those calls names and types.
import { isPredefinedNetwork, SwarmError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { Connection } from "../client/connection.js";
import type { ReferenceResolver } from "../service-spec/apply-flags.js";

/** The service an operator named. */
export async function getService(connection: Connection, ref: string): Promise<swarm.v1.Service> {
  return (await connection.call("getService", { serviceId: ref })).service;
}

/** Docker's name for the node of the manager swarmctl talks to: `node inspect self`. */
export const selfNodeRef = "self";

/** The node an operator named; `self` is the node of the manager that answers, as Docker's. */
export async function getNode(connection: Connection, ref: string): Promise<swarm.v1.Node> {
  const nodeId = ref === selfNodeRef ? await selfNodeId(connection) : ref;
  return (await connection.call("getNode", { nodeId })).node;
}

/** The id of the node the answering manager runs on (every Control answer carries it in a trailer). */
async function selfNodeId(connection: Connection): Promise<string> {
  if (connection.servingNodeId === "") await connection.call("listClusters", {});
  if (connection.servingNodeId === "")
    throw new SwarmError(
      "NO_SELF_NODE",
      "the manager did not say which node it runs on: name the node instead of self",
    );
  return connection.servingNodeId;
}

/** Every node, for hostnames in task tables. */
export async function listNodes(connection: Connection): Promise<swarm.v1.Node[]> {
  return (await connection.call("listNodes", {})).nodes;
}

/** Resolves `--secret` / `--config` sources through the managers. */
export function referenceResolver(connection: Connection): ReferenceResolver {
  return {
    resolve: async (kind, ref) => {
      if (kind === "secret") {
        const { secret } = await connection.call("getSecret", { secretId: ref });
        return { id: secret.id, name: secret.spec?.annotations?.name ?? ref };
      }
      const { config } = await connection.call("getConfig", { configId: ref });
      return { id: config.id, name: config.spec?.annotations?.name ?? ref };
    },
    networkId: async (ref) => {
      if (isPredefinedNetwork(ref)) return null;
      try {
        return (await getNetwork(connection, ref)).id;
      } catch {
        // A network that is gone cannot be attached either: the removal is a no-op.
        return null;
      }
    },
  };
}

/** The network an operator named. */
export async function getNetwork(connection: Connection, ref: string): Promise<swarm.v1.Network> {
  return (await connection.call("getNetwork", { networkId: ref })).network;
}
