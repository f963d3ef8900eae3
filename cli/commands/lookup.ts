// Finding objects the way Docker's CLI lets operators name them. The managers resolve a reference
// (exact id, exact name, unique id prefix; ambiguous is an error naming it), so every lookup is one
// Get call; this file only gives those calls names and types.
import { isPredefinedNetwork } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { Connection } from "../client/connection.js";
import type { ReferenceResolver } from "../service-spec/apply-flags.js";

/** The service an operator named. */
export async function getService(connection: Connection, ref: string): Promise<swarm.v1.Service> {
  return (await connection.call<{ service: swarm.v1.Service }>("getService", { serviceId: ref })).service;
}

/** The node an operator named. */
export async function getNode(connection: Connection, ref: string): Promise<swarm.v1.Node> {
  return (await connection.call<{ node: swarm.v1.Node }>("getNode", { nodeId: ref })).node;
}

/** Every node, for hostnames in task tables. */
export async function listNodes(connection: Connection): Promise<swarm.v1.Node[]> {
  return (await connection.call<{ nodes: swarm.v1.Node[] }>("listNodes", {})).nodes;
}

/** Resolves `--secret` / `--config` sources through the managers. */
export function referenceResolver(connection: Connection): ReferenceResolver {
  return {
    resolve: async (kind, ref) => {
      if (kind === "secret") {
        const { secret } = await connection.call<{ secret: swarm.v1.Secret }>("getSecret", { secretId: ref });
        return { id: secret.id, name: secret.spec?.annotations?.name ?? ref };
      }
      const { config } = await connection.call<{ config: swarm.v1.Config }>("getConfig", { configId: ref });
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
  return (await connection.call<{ network: swarm.v1.Network }>("getNetwork", { networkId: ref })).network;
}
