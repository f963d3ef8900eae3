// Tunnel addresses: each node serving an encrypted network gets one address inside the cluster's
// WireGuard tunnel, the local end of its encrypted networks' VXLAN devices and what its peers
// route to it through the tunnel. The used set is read from the nodes themselves (the store is
// the record), so a new leader needs no table; an address is held while the node is a member and
// comes back when the node is removed.
import type { ObjectsByKind, WriteTx } from "../store/index.js";
import { addressOf, cidrLast, formatInterfaceAddress, parseCidr } from "./ipv4.js";

type Node = ObjectsByKind["node"];

/**
 * The pool tunnel addresses come from: a slice of IPv4 link-local space. The addresses exist only
 * on each node's WireGuard interface and are routed one hop, through the tunnel, never by a router:
 * link-local is what they are, and no routed network (an underlay, an overlay pool, a VPN's
 * 100.64.0.0/10) can ever overlap them. It leaves 169.254.0.0/17 (zeroconf, cloud metadata at
 * 169.254.169.254) alone. 32,766 nodes.
 */
export const tunnelPool = "169.254.128.0/17";

/** A node's tunnel address could not be given: every one of the pool is taken. */
export function tunnelExhaustedReason(node: Node): string {
  return `no free tunnel address for node ${node.description?.hostname || node.id || ""}: all of ${tunnelPool} are in use`;
}

/**
 * The node with a tunnel address (in interface form, "169.254.128.7/17": the prefix routes the
 * whole pool into the tunnel): its own when it has one, else the lowest free one of the pool
 * (null when none is free). Nothing is written; the caller stores the node.
 */
export function withTunnelAddr(tx: Pick<WriteTx, "all">, node: Node): Node | null {
  if (node.tunnelAddr) return node;
  const pool = parseCidr(tunnelPool)!;
  const used = new Set<number>();
  for (const other of tx.all("node")) {
    if (other.id === node.id || !other.tunnelAddr) continue;
    const addr = addressOf(other.tunnelAddr);
    if (addr !== null) used.add(addr);
  }
  // The pool's first and last addresses are its network and broadcast addresses.
  for (let addr = pool.base + 1; addr < cidrLast(pool); addr++)
    if (!used.has(addr)) return { ...node, tunnelAddr: formatInterfaceAddress(addr, pool) };
  return null;
}
