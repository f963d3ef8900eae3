// What a new overlay network gets at create, in the Control API's transaction: its subnet (the one
// asked for, or the first block of the cluster's default pools that overlaps no other network and
// no subnet a node reports as its own), its gateway (reserved), its VXLAN id and its MTU. Network
// creates are serialised by the caller, so two of them never pick the same subnet or id.
import { SwarmError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { allocateSubnet, allocateVni } from "./ipam.js";
import { type Cidr, formatCidr, formatIpv4, parseCidr } from "./ipv4.js";
import { isOverlayNetwork, resolveMtu, resolveNetworkConfig, vxlanIdOption } from "./network-config.js";

/** No free subnet or VXLAN id is left for a new network. */
export class NetworkPoolExhaustedError extends SwarmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("FAILED_PRECONDITION", message, { context });
  }
}

/** What the allocation reads: a store transaction satisfies it. */
export interface NetworkResourcesSource {
  /** Every object of a kind. */
  all(kind: "cluster"): swarm.v1.ICluster[];
  all(kind: "network"): swarm.v1.INetwork[];
  all(kind: "node"): swarm.v1.INode[];
}

/** A new network's allocated fields. */
export interface NetworkResources {
  /** Subnets with gateway and range. */
  readonly ipam: swarm.v1.IIpamConfig[];
  /** VXLAN id (0 for networks that carry no overlay traffic: ingress). */
  readonly vni: number;
  /** MTU of its interfaces (0 for ingress). */
  readonly mtu: number;
}

/** Subnets already in use: other networks' and the ones nodes report as their own. */
function takenSubnets(source: NetworkResourcesSource): Cidr[] {
  const taken: Cidr[] = [];
  for (const n of source.all("network"))
    for (const c of n.ipam ?? []) {
      const cidr = parseCidr(c.subnet ?? "", false);
      if (cidr) taken.push(cidr);
    }
  for (const node of source.all("node"))
    for (const text of node.description?.localSubnets ?? []) {
      const cidr = parseCidr(text, false);
      if (cidr) taken.push(cidr);
    }
  return taken;
}

/** Allocates a new network's subnet, VXLAN id and MTU. Throws NetworkPoolExhaustedError. */
export function allocateNetworkResources(
  source: NetworkResourcesSource,
  spec: swarm.v1.INetworkSpec,
): NetworkResources {
  if (!isOverlayNetwork({ spec })) return { ipam: (spec.ipam ?? []).map((c) => ({ ...c })), vni: 0, mtu: 0 };
  const config = resolveNetworkConfig(source.all("cluster")[0]?.spec?.network);
  const asked = spec.ipam?.[0];
  let subnet = parseCidr(asked?.subnet ?? "");
  if (!subnet) {
    const pools = config.defaultAddrPools.map((p) => parseCidr(p, false)).filter((p): p is Cidr => p !== null);
    subnet = allocateSubnet(pools, config.subnetSize, takenSubnets(source));
    if (!subnet)
      throw new NetworkPoolExhaustedError(
        `no /${config.subnetSize} subnet is left in the default address pools (${config.defaultAddrPools.join(", ")}); give one with --subnet`,
        { pools: config.defaultAddrPools },
      );
  }
  const gateway = asked?.gateway || formatIpv4(subnet.base + 1);
  const ipam = [{ subnet: formatCidr(subnet), gateway, ...(asked?.range ? { range: asked.range } : {}) }];
  const used = new Set(source.all("network").map((n) => Number(n.vni ?? 0)));
  const requested = spec.driverOpts?.[vxlanIdOption];
  const vni = requested ? Number(requested) : allocateVni(used, config.vniFirst);
  if (vni === null) throw new NetworkPoolExhaustedError(`no VXLAN id is left from ${config.vniFirst} up`);
  return { ipam, vni, mtu: resolveMtu(spec) };
}
