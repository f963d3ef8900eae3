// The networks every node has without anyone creating them, as Docker's predefined `host` and
// `none`: a task attached to `host` shares the node's network namespace, one attached to `none`
// has a loopback only. Both the manager (validation) and the worker (the container's network mode)
// know them by these names, so they live here.

/** Names of the predefined networks. */
export const predefinedNetworks = ["host", "none"] as const;

/** One predefined network's name. */
export type PredefinedNetwork = (typeof predefinedNetworks)[number];

/** Whether a network attachment's target names a predefined network. */
export function isPredefinedNetwork(target: string): target is PredefinedNetwork {
  return (predefinedNetworks as readonly string[]).includes(target);
}
