// The IPv4 subnets a node's own interfaces use, reported in its description so that the managers
// give no overlay network a subnet that would clash with them (a route to the host's LAN, Docker's
// docker0). Loopback is left out, and so are the interfaces of the cluster's own overlays, which
// the node's network agent names with known prefixes: they belong to networks the managers know.
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

/** Name prefixes of the interfaces the node's network agent makes for overlays (bridges, VXLAN devices). */
export const overlayInterfacePrefixes: readonly string[] = ["sw-", "vx-"];

/** "192.168.1.5/24" → "192.168.1.0/24"; null for anything that is not IPv4 CIDR. */
export function subnetOfInterfaceAddress(cidr: string): string | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return null;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const addr = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const base = addr - (addr % size);
  const text = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join(".");
  return `${text}/${prefix}`;
}

/** The subnets of the given interfaces (default: this host's), sorted, each once. */
export function localSubnets(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
  excludedPrefixes: readonly string[] = overlayInterfacePrefixes,
): string[] {
  const subnets = new Set<string>();
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (excludedPrefixes.some((p) => name.startsWith(p))) continue;
    for (const a of addresses ?? []) {
      if (a.family !== "IPv4" || a.internal || !a.cidr) continue;
      const subnet = subnetOfInterfaceAddress(a.cidr);
      // A /32 is one address (a VIP, a point-to-point peer), not a subnet anything routes into.
      if (subnet && !subnet.endsWith("/32")) subnets.add(subnet);
    }
  }
  return [...subnets].sort();
}
