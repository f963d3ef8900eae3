// The cluster's overlay settings with Docker's defaults filled in, and what a network's driver
// options mean: whether it is encrypted and which MTU its interfaces get. Shared by the Control
// API (validation, network create), the allocator and the network view.
import type { swarm } from "../../proto/index.js";

/** Pool that networks get their subnets from when the cluster names none (Docker's). */
export const defaultAddrPoolsDefault: readonly string[] = ["10.0.0.0/8"];
/** Mask length of a subnet cut from a pool when the cluster names none (Docker's). */
export const subnetSizeDefault = 24;
/** UDP port of VXLAN between nodes (IANA's, Docker's). */
export const dataPathPortDefault = 4789;
/** First VXLAN network identifier handed out (Docker's; lower ones are left to other users of VXLAN). */
export const vniFirstDefault = 4096;
/** Largest VXLAN network identifier (24 bits). */
export const vniMax = 2 ** 24 - 1;

/** Bytes VXLAN adds to every frame: inner Ethernet 14 + outer IPv4 20 + UDP 8 + VXLAN 8. */
export const vxlanOverheadBytes = 50;
/**
 * Bytes WireGuard takes off the underlay MTU: outer IPv6 40 (IPv4: 20) + UDP 8 + data header 16 +
 * Poly1305 tag 16, as wireguard-go sizes its interface (1420 on 1500), so the same figure holds on
 * either underlay family; up to 15 more bytes of padding fit in what IPv4 leaves over.
 */
export const wireguardOverheadBytes = 80;
/** UDP port of a node's WireGuard tunnel when it reports none (WireGuard's usual). */
export const wireguardPortDefault = 51820;
/** The underlay MTU assumed for a network that names none: Ethernet's. */
export const underlayMtuDefault = 1500;
/** Largest underlay MTU a network may be sized for (jumbo frames). */
export const underlayMtuMax = 9000;
/** Smallest MTU an IPv4 network may have (RFC 791's minimum datagram every host accepts). */
export const mtuMin = 576;

/** Driver option naming the MTU of a network's interfaces, as Docker's. */
export const mtuOption = "com.docker.network.driver.mtu";
/** Driver option asking for encryption between nodes, as Docker's (`--opt encrypted`). */
export const encryptedOption = "encrypted";
/** Driver option naming the VXLAN id of a network, as Docker's overlay driver takes it. */
export const vxlanIdOption = "com.docker.network.driver.overlay.vxlanid_list";

/** The cluster's overlay settings, every field set. */
export interface ResolvedNetworkConfig {
  /** Pools in order, CIDR. */
  readonly defaultAddrPools: readonly string[];
  /** Mask length of subnets cut from the pools. */
  readonly subnetSize: number;
  /** Cluster-wide data-path port. */
  readonly dataPathPort: number;
  /** First VNI handed out. */
  readonly vniFirst: number;
}

/** The cluster's overlay settings with defaults for what it leaves unset (or for no cluster yet). */
export function resolveNetworkConfig(config: swarm.v1.INetworkConfig | null | undefined): ResolvedNetworkConfig {
  const pools = config?.defaultAddrPools ?? [];
  return {
    defaultAddrPools: pools.length > 0 ? [...pools] : defaultAddrPoolsDefault,
    subnetSize: Number(config?.subnetSize ?? 0) || subnetSizeDefault,
    dataPathPort: Number(config?.dataPathPort ?? 0) || dataPathPortDefault,
    vniFirst: Number(config?.vniFirst ?? 0) || vniFirstDefault,
  };
}

/** Whether a network spec asks for encryption ("encrypted" present and not "false"). */
export function isEncryptedSpec(spec: swarm.v1.INetworkSpec | null | undefined): boolean {
  const opts = spec?.driverOpts ?? {};
  return Object.hasOwn(opts, encryptedOption) && opts[encryptedOption] !== "false";
}

/** Overhead a network's packets carry between nodes. */
export function overheadBytesOf(spec: swarm.v1.INetworkSpec | null | undefined): number {
  return vxlanOverheadBytes + (isEncryptedSpec(spec) ? wireguardOverheadBytes : 0);
}

/** Largest MTU a network may ask for. */
export function mtuMaxOf(spec: swarm.v1.INetworkSpec | null | undefined): number {
  return underlayMtuMax - overheadBytesOf(spec);
}

/**
 * The MTU of a network's interfaces: the driver option when given, else what fits in a 1500-byte
 * underlay (1450; 1370 encrypted). A network spans nodes on one L2 segment, so one value serves
 * every node; a cluster on a smaller or jumbo underlay names it per network.
 */
export function resolveMtu(spec: swarm.v1.INetworkSpec | null | undefined): number {
  const given = spec?.driverOpts?.[mtuOption];
  if (given !== undefined && given !== "") return Number(given);
  return underlayMtuDefault - overheadBytesOf(spec);
}

/** Whether a network is an overlay the allocator gives addresses on (not the routing mesh's ingress). */
export function isOverlayNetwork(network: swarm.v1.INetwork | null | undefined): boolean {
  const driver = network?.spec?.driver || "overlay";
  return driver === "overlay" && network?.spec?.ingress !== true;
}
