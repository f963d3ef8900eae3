// Plans the links, addresses, neighbour and forwarding entries of a node's overlay networks: from
// the desired networks and the kernel state just read, the lines of one `ip -batch` and one
// `bridge -batch` that make the kernel match, deleting every entry of ours nobody asked for. Pure:
// the agent runs the batches; tests compare the text.
import { macOfIpv4 } from "./ipv4.js";
import type { KernelNames } from "./kernel-names.js";
import type { KernelState, LinkState } from "./kernel-state.js";
import { byCodePoint } from "./code-point-order.js";

/** One network as the kernel should hold it on this node. */
export interface DesiredLinks {
  /** The bridge's name. */
  readonly bridge: string;
  /** The VXLAN device's name. */
  readonly vxlan: string;
  /** The VXLAN network identifier. */
  readonly vni: number;
  /** The MTU of the bridge, the VXLAN device and task interfaces. */
  readonly mtu: number;
  /** The node's own address on the network. */
  readonly selfAddr: string;
  /** The subnet's prefix length. */
  readonly prefixLen: number;
  /** Service VIPs held as /32s on the bridge, so the node answers ARP for them and DNATs. */
  readonly vips: readonly string[];
  /** Addresses on other nodes, with their tunnel endpoint and data-path port. */
  readonly peers: readonly { readonly addr: string; readonly vtep: string; readonly port: number }[];
  /** Docker made the bridge (a Docker bridge network): its address and MTU are Docker's to set. */
  readonly dockerBridge: boolean;
  /** The VXLAN device's local address when not the underlay's (encrypted networks: the tunnel address). */
  readonly local?: string;
  /** The VXLAN device's UDP port when not the node's data-path port (encrypted networks have their own). */
  readonly port?: number;
}

/** Settings of the node the plan is for. */
export interface LinkPlanOptions {
  /** Names of this node's links. */
  readonly names: KernelNames;
  /** The node's underlay address (the VXLAN devices' local end). */
  readonly underlayAddr: string;
  /** The node's data-path UDP port. */
  readonly dataPathPort: number;
  /** Bridges that belong to Docker networks: never deleted here (the Docker side removes its networks). */
  readonly dockerBridges?: ReadonlySet<string>;
}

/** The batches of one pass. */
export interface LinkPlan {
  /** `ip -batch` lines (links, addresses, neighbours), in order. */
  readonly ip: readonly string[];
  /** `bridge -batch` lines (FDB entries, hairpin), run after `ip`. */
  readonly bridge: readonly string[];
}

/** Whether an existing VXLAN device has the attributes it must have (else it is made again). */
function vxlanMatches(link: LinkState, want: DesiredLinks, options: LinkPlanOptions): boolean {
  const v = link.vxlan;
  return (
    v !== undefined &&
    v.vni === want.vni &&
    v.local === (want.local ?? options.underlayAddr) &&
    v.port === (want.port ?? options.dataPathPort) &&
    !v.learning &&
    v.proxy
  );
}

/** Plans one pass; see the file header. */
export function planLinks(desired: readonly DesiredLinks[], state: KernelState, options: LinkPlanOptions): LinkPlan {
  const ip: string[] = [];
  const bridge: string[] = [];
  const wantedBridges = new Set(desired.map((d) => d.bridge));
  const wantedVxlans = new Set(desired.map((d) => d.vxlan));

  // Networks this node no longer serves: the VXLAN device first, then the bridge.
  for (const link of state.links.values()) {
    if (options.names.isOwnVxlan(link.name) && !wantedVxlans.has(link.name)) ip.push(`link del dev ${link.name}`);
  }
  for (const link of state.links.values()) {
    if (!options.names.isOwnBridge(link.name) || wantedBridges.has(link.name)) continue;
    if (options.dockerBridges?.has(link.name) !== true) ip.push(`link del dev ${link.name}`);
  }

  for (const want of desired) {
    const mac = macOfIpv4(want.selfAddr);
    const br = state.links.get(want.bridge);
    if (!want.dockerBridge) {
      if (br === undefined || br.kind !== "bridge") {
        if (br !== undefined) ip.push(`link del dev ${want.bridge}`);
        ip.push(`link add name ${want.bridge} type bridge`);
        ip.push(`link set dev ${want.bridge} address ${mac} mtu ${want.mtu} up`);
      } else if (br.mac !== mac || br.mtu !== want.mtu || !br.up) {
        ip.push(`link set dev ${want.bridge} address ${mac} mtu ${want.mtu} up`);
      }
    } else if (br !== undefined && br.mac !== mac) {
      // Docker gives its bridge a random MAC; peers derive ours from our address.
      ip.push(`link set dev ${want.bridge} address ${mac}`);
    }

    // Addresses: ours on an agent bridge is self/prefix plus the VIPs; on a Docker bridge Docker
    // owns the gateway address and only the VIP /32s are ours.
    const wantAddrs = new Map<string, string>();
    if (!want.dockerBridge) wantAddrs.set(want.selfAddr, `${want.selfAddr}/${want.prefixLen}`);
    for (const vip of want.vips) if (vip !== want.selfAddr) wantAddrs.set(vip, `${vip}/32`);
    const fresh = br === undefined || br.kind !== "bridge";
    const have = fresh ? [] : state.addrs.filter((a) => a.dev === want.bridge);
    for (const a of have) {
      if (want.dockerBridge && (a.prefixLen !== 32 || a.addr === want.selfAddr)) continue;
      if (wantAddrs.get(a.addr) !== `${a.addr}/${a.prefixLen}`)
        ip.push(`addr del ${a.addr}/${a.prefixLen} dev ${want.bridge}`);
    }
    for (const [addr, cidr] of wantAddrs) {
      if (!have.some((a) => a.addr === addr && `${a.addr}/${a.prefixLen}` === cidr))
        ip.push(`addr replace ${cidr} dev ${want.bridge}`);
    }

    // The VXLAN device: made again when an attribute that cannot be changed differs.
    const vx = state.links.get(want.vxlan);
    const local = want.local ?? options.underlayAddr;
    const dataPathPort = want.port ?? options.dataPathPort;
    const vxFresh = vx === undefined || !vxlanMatches(vx, want, options);
    if (vxFresh) {
      if (vx !== undefined) ip.push(`link del dev ${want.vxlan}`);
      ip.push(
        `link add name ${want.vxlan} mtu ${want.mtu} type vxlan id ${want.vni} dstport ${dataPathPort} local ${local} nolearning proxy`,
      );
      ip.push(`link set dev ${want.vxlan} master ${want.bridge} up`);
    } else if (vx.mtu !== want.mtu || vx.master !== want.bridge || !vx.up) {
      ip.push(`link set dev ${want.vxlan} mtu ${want.mtu} master ${want.bridge} up`);
    }

    // Neighbour (ARP) and FDB entries: exactly one per peer address, permanent.
    const peers = new Map(want.peers.map((p) => [p.addr, p]));
    const neighs = vxFresh ? [] : state.neighs.filter((n) => n.dev === want.vxlan);
    for (const n of neighs) if (!peers.has(n.addr)) ip.push(`neigh del ${n.addr} dev ${want.vxlan}`);
    const neighByAddr = new Map(neighs.map((n) => [n.addr, n]));
    const fdb = vxFresh ? [] : state.fdb.filter((e) => e.dev === want.vxlan);
    const fdbByMac = new Map(fdb.map((e) => [e.mac, e]));
    const wantMacs = new Set<string>();
    for (const p of [...peers.values()].sort((a, b) => byCodePoint(a.addr, b.addr))) {
      const peerMac = macOfIpv4(p.addr);
      wantMacs.add(peerMac);
      const n = neighByAddr.get(p.addr);
      if (n === undefined || !n.permanent || n.mac !== peerMac)
        ip.push(`neigh replace ${p.addr} lladdr ${peerMac} dev ${want.vxlan} nud permanent`);
      const e = fdbByMac.get(peerMac);
      const port = p.port === dataPathPort ? undefined : p.port;
      if (e === undefined || e.dst !== p.vtep || (e.port ?? dataPathPort) !== p.port)
        bridge.push(
          `fdb replace ${peerMac} dev ${want.vxlan} dst ${p.vtep}${port === undefined ? "" : ` port ${port}`} self permanent`,
        );
    }
    for (const e of fdb) if (!wantMacs.has(e.mac)) bridge.push(`fdb del ${e.mac} dev ${want.vxlan} self`);

    // Hairpin on every task port, so a task reaching its own service's VIP can be sent back to itself.
    for (const port of state.ports) {
      if (port.master === want.bridge && port.name !== want.vxlan && !port.hairpin)
        bridge.push(`link set dev ${port.name} hairpin on`);
    }
  }
  return { ip, bridge };
}
