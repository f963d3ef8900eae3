// Feeds the node's network agent the network view the managers send on the session. The agent
// coalesces views itself (the newest wins while a pass runs), so every change is handed over at
// once; a failed pass is logged and retried by the next view or the agent's periodic pass.
import type { Agent, NetworkAgent, NetworkView, NodeNetworkView, OverlayNetwork, TunnelPeer } from "../worker/index.js";
import { swarm } from "../proto/index.js";

/** Log sink of the feed. */
export type NetworkFeedLog = (event: string, fields: Record<string, unknown>) => void;

/**
 * An encrypted network's tunnel in the agent's terms, and its peers with their node's tunnel
 * address as VXLAN endpoint (a peer whose node has no tunnel is dropped: never reached in clear).
 */
function tunnelOf(n: swarm.v1.INodeNetwork): Pick<OverlayNetwork, "peers" | "tunnel"> {
  const byNode = new Map((n.tunnelPeers ?? []).map((p) => [p.nodeId ?? "", p]));
  const peers = (n.peers ?? []).flatMap((p) => {
    const tunnel = byNode.get(p.nodeId ?? "");
    return tunnel?.tunnelAddr ? [{ addr: p.addr ?? "", vtep: tunnel.tunnelAddr, port: Number(p.port ?? 0) }] : [];
  });
  const tunnelPeers: TunnelPeer[] = [...byNode.values()].map((p) => ({
    publicKey: p.publicKey ?? "",
    endpoint: `${p.endpointHost ?? ""}:${Number(p.endpointPort ?? 0)}`,
    addr: p.tunnelAddr ?? "",
  }));
  return { peers, ...(n.tunnelAddr ? { tunnel: { addr: n.tunnelAddr, peers: tunnelPeers } } : {}) };
}

/**
 * The wire view in the network agent's terms. Networks whose node address the allocator has not
 * given yet are left out: the node cannot serve them, and the next view carries the address.
 */
export function toNetworkView(view: NodeNetworkView): NetworkView {
  const networks: OverlayNetwork[] = view.networks
    .filter((n) => (n.selfAddr ?? "") !== "")
    .map((n) => ({
      id: n.networkId ?? "",
      name: n.name ?? "",
      subnet: n.subnet ?? "",
      vni: Number(n.vni ?? 0),
      mtu: Number(n.mtu ?? 0),
      internal: n.internal === true,
      encrypted: n.encrypted === true,
      self: { addr: n.selfAddr ?? "" },
      ...(n.encrypted === true
        ? tunnelOf(n)
        : {
            peers: (n.peers ?? []).map((p) => ({ addr: p.addr ?? "", vtep: p.vtep ?? "", port: Number(p.port ?? 0) })),
          }),
      services: (n.services ?? []).map((s) => ({
        id: s.serviceId ?? "",
        name: s.name ?? "",
        aliases: [...(s.aliases ?? [])],
        mode: s.mode === swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR ? "dnsrr" : "vip",
        ...(s.vip ? { vip: s.vip } : {}),
        // The managers send live backends only: running, and healthy when they have a check.
        backends: (s.backends ?? []).map((b) => ({
          taskId: b.taskId ?? "",
          addr: b.addr ?? "",
          healthy: true,
          draining: b.draining === true,
        })),
      })),
      tasks: (n.tasks ?? []).map((t) => ({
        taskId: t.taskId ?? "",
        name: t.name ?? "",
        addr: t.addr ?? "",
        serviceId: t.serviceId ?? "",
        aliases: [...(t.aliases ?? [])],
      })),
    }));
  return { networks, ...(view.dataPathPort > 0 ? { dataPathPort: view.dataPathPort } : {}) };
}

/** Hands every complete view to `net`; returns a function that stops feeding and closes the network agent. */
export function feedNetworkAgent(
  agent: Pick<Agent, "onNetworkView" | "networkView">,
  net: Pick<NetworkAgent, "update" | "close">,
  log: NetworkFeedLog,
): () => Promise<void> {
  const push = (view: NodeNetworkView): void => {
    // Until the first complete view the node does not know which networks it serves; programming
    // a partial one would delete what a restarted node's tasks still use.
    if (!view.complete) return;
    net.update(toNetworkView(view)).catch((error: unknown) => log("network.update-failed", { error: String(error) }));
  };
  const unsubscribe = agent.onNetworkView(push);
  push(agent.networkView());
  return async () => {
    unsubscribe();
    await net.close();
  };
}
