// The node's network view as the agent holds it: the managers send it on the session stream
// (complete first, then per-network replacements and removals), and the agent keeps the last one
// across manager failovers, so the node's network agent always has a whole view to converge to.
import type { swarm } from "../../proto/index.js";

/** The whole view: every overlay network the node serves, and the port its VXLAN devices bind. */
export interface NodeNetworkView {
  /** Networks by id order. */
  readonly networks: readonly swarm.v1.INodeNetwork[];
  /** UDP port of the node's VXLAN devices (0 until the managers have said). */
  readonly dataPathPort: number;
  /** Whether a complete view has arrived since the agent started. */
  readonly complete: boolean;
}

/** The view, kept up to date from the session's updates. */
export class NetworkViewSet {
  private readonly networks = new Map<string, swarm.v1.INodeNetwork>();
  private port = 0;
  private completeSeen = false;

  /** Applies one update: a complete one replaces the view, others replace or drop single networks. */
  apply(update: swarm.v1.INetworkViewUpdate): void {
    if (update.complete === true) {
      this.networks.clear();
      this.completeSeen = true;
    }
    for (const id of update.removedNetworkIds ?? []) this.networks.delete(id);
    for (const n of update.networks ?? []) this.networks.set(n.networkId ?? "", n);
    if (Number(update.dataPathPort ?? 0) > 0) this.port = Number(update.dataPathPort);
  }

  /** The whole view. */
  view(): NodeNetworkView {
    const networks = [...this.networks.values()].sort((a, b) => (a.networkId ?? "").localeCompare(b.networkId ?? ""));
    return { networks, dataPathPort: this.port, complete: this.completeSeen };
  }
}
