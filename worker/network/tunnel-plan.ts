// Plans the node's WireGuard tunnel: from the tunnel peers of every encrypted network in the view
// and the device as wireguard-go reports it, the one UAPI `set` request that makes the device hold
// exactly those peers (each allowed only its tunnel address), the node's key and its port. Peers
// nobody names any more are removed, as every other entry of the agent. Pure; see
// tunnel-plan.test.ts.
import { keyToHex } from "./wireguard-keys.js";
import type { UapiDevice } from "./wireguard-uapi.js";
import type { OverlayNetwork, TunnelPeer } from "./view.js";
import { byCodePoint } from "./code-point-order.js";

/** The tunnel as the node must hold it. */
export interface DesiredTunnel {
  /** The node's private key, base64. */
  readonly privateKey: string;
  /** The UDP port the tunnel listens on. */
  readonly listenPort: number;
  /** The node's tunnel address in interface form ("169.254.128.7/17"). */
  readonly addr: string;
  /** The other nodes, one per public key. */
  readonly peers: readonly TunnelPeer[];
}

/**
 * The tunnel the encrypted networks need, or undefined when none is served (or none has this
 * node's tunnel address yet). All encrypted networks of one node share one tunnel: the union of
 * their peers, by public key.
 */
export function desiredTunnel(
  networks: readonly OverlayNetwork[],
  privateKey: string,
  listenPort: number,
): DesiredTunnel | undefined {
  let addr: string | undefined;
  const peers = new Map<string, TunnelPeer>();
  for (const net of networks) {
    if (!net.encrypted || net.tunnel === undefined) continue;
    addr ??= net.tunnel.addr;
    for (const p of net.tunnel.peers) peers.set(p.publicKey, p);
  }
  if (addr === undefined) return undefined;
  return {
    privateKey,
    listenPort,
    addr,
    peers: [...peers.values()].sort((a, b) => byCodePoint(a.publicKey, b.publicKey)),
  };
}

/** The UAPI `set` request from `current` to `desired` (without the closing empty line), or "" when they match. */
export function planTunnel(desired: DesiredTunnel, current: UapiDevice): string {
  const lines: string[] = [];
  const privateKey = keyToHex(desired.privateKey);
  if (current.privateKey !== privateKey) lines.push(`private_key=${privateKey}`);
  if (current.listenPort !== desired.listenPort) lines.push(`listen_port=${desired.listenPort}`);
  const wanted = new Map(desired.peers.map((p) => [keyToHex(p.publicKey), p]));
  for (const peer of current.peers)
    if (!wanted.has(peer.publicKey)) lines.push(`public_key=${peer.publicKey}`, "remove=true");
  for (const [publicKey, peer] of wanted) {
    const have = current.peers.find((p) => p.publicKey === publicKey);
    const allowed = `${peer.addr}/32`;
    if (
      have !== undefined &&
      have.endpoint === peer.endpoint &&
      have.allowedIps.length === 1 &&
      have.allowedIps[0] === allowed
    )
      continue;
    lines.push(
      `public_key=${publicKey}`,
      `endpoint=${peer.endpoint}`,
      "replace_allowed_ips=true",
      `allowed_ip=${allowed}`,
    );
  }
  return lines.length === 0 ? "" : `set=1\n${lines.join("\n")}\n`;
}
