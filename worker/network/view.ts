// The node's network view: everything one node must know about the overlay networks it serves,
// computed by the leader from the store and pushed over the session (the mapping from the wire
// message lives with the session code). It is always complete: the agent makes the kernel and the
// DNS server match exactly this, so whatever the view no longer names (a dead task, a removed
// peer) disappears from the node. Addresses are plain IPv4 strings; subnets are CIDR.
import { InvalidArgumentError } from "../../common/index.js";
import { ipv4ToNumber, isIpv4, parseCidr } from "./ipv4.js";
import { isWireGuardKey } from "./wireguard-keys.js";

/** How a service's name is answered: its virtual IP, or its tasks' addresses (DNS round robin). */
export type EndpointMode = "vip" | "dnsrr";

/** Another node's address on the network, reached through its VXLAN endpoint. */
export interface NetworkPeer {
  /** The address on the overlay (a task's or another node's own); its MAC is derived from it. */
  readonly addr: string;
  /** Underlay address of the node holding it (the VXLAN tunnel endpoint). */
  readonly vtep: string;
  /** That node's data-path (VXLAN) UDP port. */
  readonly port: number;
}

/** Another node as this node's WireGuard tunnel knows it (encrypted networks). */
export interface TunnelPeer {
  /** The node's public key, base64. */
  readonly publicKey: string;
  /** Where its tunnel listens, "host:port" on the underlay. */
  readonly endpoint: string;
  /** Its address inside the tunnel (plain IPv4): the remote end of encrypted VXLAN. */
  readonly addr: string;
}

/** One task behind a service. */
export interface ServiceBackend {
  /** The task's id. */
  readonly taskId: string;
  /** Its address on this network. */
  readonly addr: string;
  /** RUNNING and, when it has a healthcheck, healthy. */
  readonly healthy: boolean;
  /** Desired to stop but still running: reachable as a peer, out of the VIP and DNS. */
  readonly draining: boolean;
}

/** A service attached to the network. */
export interface NetworkService {
  /** The service's id. */
  readonly id: string;
  /** The service's name (its DNS name on the network). */
  readonly name: string;
  /** Further DNS names of the service on this network. */
  readonly aliases: readonly string[];
  /** vip or dnsrr. */
  readonly mode: EndpointMode;
  /** The service's virtual IP on this network (vip mode only). */
  readonly vip?: string;
  /** Its tasks with an address on this network. */
  readonly backends: readonly ServiceBackend[];
}

/** A task with an address on the network, for names and reverse lookups. */
export interface NetworkTask {
  /** The task's id. */
  readonly taskId: string;
  /** The task's name, `<service>.<slot>.<taskId>`. */
  readonly name: string;
  /** Its address on this network. */
  readonly addr: string;
  /** Its service's id. */
  readonly serviceId: string;
  /** Further names of this task on the network (container hostname, task aliases). */
  readonly aliases: readonly string[];
}

/** One overlay network as one node sees it. */
export interface OverlayNetwork {
  /** The network's id. */
  readonly id: string;
  /** The network's name. */
  readonly name: string;
  /** Its subnet, e.g. "10.0.1.0/24"; the same on every node. */
  readonly subnet: string;
  /** The VXLAN network identifier, the same on every node. */
  readonly vni: number;
  /** The MTU of its interfaces; 0 lets the node derive it from the underlay (underlay MTU − 50). */
  readonly mtu: number;
  /** No traffic leaves the network (no egress, no masquerade). */
  readonly internal: boolean;
  /**
   * The network asked for encryption: its VXLAN runs through the node's WireGuard tunnel, and its
   * peers' `vtep` are their nodes' tunnel addresses (never their underlay addresses).
   */
  readonly encrypted: boolean;
  /** Encrypted networks: this node's tunnel address (interface form) and the other nodes' tunnels. */
  readonly tunnel?: { readonly addr: string; readonly peers: readonly TunnelPeer[] };
  /** This node's own address on the network: bridge address, gateway of its tasks, DNS listener. */
  readonly self: { readonly addr: string };
  /** Every address on the network that lives on another node. */
  readonly peers: readonly NetworkPeer[];
  /** The services attached to the network. */
  readonly services: readonly NetworkService[];
  /** The tasks attached to the network, on every node. */
  readonly tasks: readonly NetworkTask[];
}

/** The complete view of one node. */
export interface NetworkView {
  /** The networks the node has a task or an address on. */
  readonly networks: readonly OverlayNetwork[];
  /**
   * The UDP port this node's VXLAN devices bind, as the managers know it (the node's own, else the
   * cluster's); absent keeps the agent's configured port.
   */
  readonly dataPathPort?: number;
}

/** Network ids become parts of interface names: lowercase letters and digits only. */
const networkIdPattern = /^[a-z0-9]{10,64}$/;

/** Highest VXLAN network identifier (24 bits). */
export const vniMax = 2 ** 24 - 1;

/** Lowest MTU accepted for a network (IPv4's minimum datagram size everyone must take). */
export const networkMtuMin = 576;

/** Highest MTU accepted for a network (jumbo frames). */
export const networkMtuMax = 9000;

/**
 * Checks one network of a view and throws InvalidArgumentError naming the first bad field. The
 * view comes from the leader, but a node must not program its kernel from a malformed one: the
 * agent skips such a network and says why, rather than half-applying it.
 */
export function checkNetwork(net: OverlayNetwork, field = "network"): void {
  const bad = (path: string, problem: string): never => {
    throw new InvalidArgumentError(`${field}.${path}`, problem);
  };
  if (!networkIdPattern.test(net.id)) bad("id", `${JSON.stringify(net.id)} is not a network id`);
  const subnet = parseCidr(net.subnet);
  if (subnet === undefined || subnet.prefixLen > 30 || subnet.prefixLen < 8)
    bad("subnet", `${JSON.stringify(net.subnet)} is not an IPv4 subnet between /8 and /30`);
  if (!Number.isInteger(net.vni) || net.vni < 1 || net.vni > vniMax) bad("vni", `${net.vni} is not in 1..${vniMax}`);
  if (net.mtu !== 0 && (!Number.isInteger(net.mtu) || net.mtu < networkMtuMin || net.mtu > networkMtuMax))
    bad("mtu", `${net.mtu} is not 0 or in ${networkMtuMin}..${networkMtuMax}`);
  const { network, mask } = subnet!;
  const inSubnet = (addr: string, path: string): void => {
    const n = ipv4ToNumber(addr);
    if (n === undefined || (n & mask) >>> 0 !== network)
      bad(path, `${JSON.stringify(addr)} is not an address in ${net.subnet}`);
  };
  inSubnet(net.self.addr, "self.addr");
  net.peers.forEach((p, i) => {
    inSubnet(p.addr, `peers[${i}].addr`);
    if (!isIpv4(p.vtep)) bad(`peers[${i}].vtep`, `${JSON.stringify(p.vtep)} is not an IPv4 address`);
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) bad(`peers[${i}].port`, `${p.port} is not a port`);
  });
  net.services.forEach((s, i) => {
    if (s.mode === "vip" && s.vip !== undefined) inSubnet(s.vip, `services[${i}].vip`);
    s.backends.forEach((b, j) => inSubnet(b.addr, `services[${i}].backends[${j}].addr`));
  });
  net.tasks.forEach((t, i) => inSubnet(t.addr, `tasks[${i}].addr`));
  if (net.tunnel !== undefined) {
    const own = parseCidr(net.tunnel.addr);
    if (own === undefined) bad("tunnel.addr", `${JSON.stringify(net.tunnel.addr)} is not an address with a prefix`);
    net.tunnel.peers.forEach((p, i) => {
      if (!isWireGuardKey(p.publicKey)) bad(`tunnel.peers[${i}].publicKey`, "is not a base64 WireGuard key");
      if (!isIpv4(p.addr)) bad(`tunnel.peers[${i}].addr`, `${JSON.stringify(p.addr)} is not an IPv4 address`);
      const colon = p.endpoint.lastIndexOf(":");
      const port = Number(p.endpoint.slice(colon + 1));
      if (colon < 0 || !isIpv4(p.endpoint.slice(0, colon)) || !Number.isInteger(port) || port < 1 || port > 65535)
        bad(`tunnel.peers[${i}].endpoint`, `${JSON.stringify(p.endpoint)} is not an IPv4 host:port`);
    });
  }
}
