// The encrypted networks' part of an agent pass, kept out of the pass itself: bring the node's
// WireGuard tunnel to what the view's encrypted networks need (or remove it when none is served),
// and run those networks' VXLAN through it. An encrypted network that cannot be served encrypted
// (no tunnel on this node, no tunnel address yet, the tunnel failed) is left out of the pass with
// the reason, so its kernel state goes: its traffic is never sent in clear.
import type { DesiredLinks } from "./link-plan.js";
import { desiredTunnel } from "./tunnel-plan.js";
import type { OverlayNetwork } from "./view.js";
import { wireguardOverheadBytes } from "./wireguard-tunnel.js";
import type { WireGuardTunnel } from "./wireguard-tunnel.js";

/**
 * Encrypted networks' VXLAN listens on the node's data-path port plus this: a port of their own,
 * which the tunnel's INPUT rule accepts only out of the tunnel.
 */
export const encryptedPortOffset = 1;

/** A network left out of a pass, and why. */
export interface SkippedNetwork {
  readonly id: string;
  readonly reason: string;
}

/**
 * Converges the tunnel for the encrypted networks among `nets`; returns the networks the pass may
 * program (the plain ones, and the encrypted ones the tunnel now carries) and those it must not.
 */
export async function convergeTunnel(
  tunnel: WireGuardTunnel | undefined,
  nets: readonly OverlayNetwork[],
  underlayMtu: number,
  dataPathPort: number,
  log: (event: string, fields: Record<string, unknown>) => void,
): Promise<{ ready: OverlayNetwork[]; skipped: SkippedNetwork[] }> {
  const encrypted = nets.filter((n) => n.encrypted);
  const skipped: SkippedNetwork[] = [];
  const skip = (list: readonly OverlayNetwork[], reason: string): void => {
    for (const n of list) skipped.push({ id: n.id, reason });
  };
  const why = tunnel === undefined ? "it runs no WireGuard tunnel" : tunnel.unavailable();
  if (tunnel === undefined || why !== undefined) {
    skip(encrypted, `this node cannot encrypt overlay traffic: ${why}`);
    return { ready: nets.filter((n) => !n.encrypted), skipped };
  }
  const waiting = encrypted.filter((n) => n.tunnel === undefined);
  skip(waiting, "waiting for this node's tunnel address");
  const carried = new Set(encrypted.filter((n) => n.tunnel !== undefined));
  try {
    await tunnel.converge(
      desiredTunnel([...carried], tunnel.privateKey(), tunnel.listenPort),
      underlayMtu - wireguardOverheadBytes,
      dataPathPort + encryptedPortOffset,
    );
  } catch (error) {
    log("network.tunnel-failed", { error: String(error) });
    skip([...carried], `the WireGuard tunnel failed: ${String((error as Error).message)}`);
    carried.clear();
  }
  return { ready: nets.filter((n) => !n.encrypted || carried.has(n)), skipped };
}

/**
 * One network's links with encryption applied: an encrypted network's VXLAN device sends from the
 * node's tunnel address on the encrypted port, to the peers' tunnel addresses (their `vtep` in an
 * encrypted network's view) on theirs, and its MTU leaves room for WireGuard too.
 */
export function encryptedLinks(
  links: DesiredLinks,
  net: OverlayNetwork,
  underlayMtu: number,
  dataPathPort: number,
  vxlanOverheadBytes: number,
): DesiredLinks {
  if (!net.encrypted || net.tunnel === undefined) return links;
  return {
    ...links,
    local: net.tunnel.addr.split("/")[0]!,
    port: dataPathPort + encryptedPortOffset,
    mtu: net.mtu > 0 ? net.mtu : underlayMtu - vxlanOverheadBytes - wireguardOverheadBytes,
    peers: links.peers.map((p) => ({ ...p, port: p.port + encryptedPortOffset })),
  };
}
