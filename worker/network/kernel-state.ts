// What the kernel holds now, read from the JSON that iproute2 prints (`ip -j -d link`, `ip -j addr`,
// `ip -j neigh`, `bridge -j fdb`, `bridge -j link`). The agent never trusts its own memory of what
// it programmed: it reads this before every pass and plans the difference, so entries left by a
// crash, a restart or anyone else are found and deleted.

/** A network interface. */
export interface LinkState {
  /** Interface name. */
  readonly name: string;
  /** Kernel interface index. */
  readonly index: number;
  /** "bridge", "vxlan", "veth", … ("" for a device without a kind, e.g. lo). */
  readonly kind: string;
  /** MTU. */
  readonly mtu: number;
  /** MAC address. */
  readonly mac: string;
  /** Administratively up. */
  readonly up: boolean;
  /** The bridge it is a port of. */
  readonly master?: string;
  /** VXLAN attributes, for VXLAN devices. */
  readonly vxlan?: {
    readonly vni: number;
    readonly local: string;
    readonly port: number;
    readonly learning: boolean;
    readonly proxy: boolean;
  };
}

/** An IPv4 address on an interface. */
export interface AddrState {
  /** The interface. */
  readonly dev: string;
  /** The address. */
  readonly addr: string;
  /** Its prefix length. */
  readonly prefixLen: number;
}

/** A neighbour (ARP) entry. */
export interface NeighState {
  /** The interface. */
  readonly dev: string;
  /** The IPv4 address. */
  readonly addr: string;
  /** Its MAC, absent for incomplete or failed entries. */
  readonly mac?: string;
  /** Whether it is permanent. */
  readonly permanent: boolean;
}

/** A forwarding-database entry of a VXLAN device (`self`), naming the tunnel endpoint of a MAC. */
export interface FdbState {
  /** The interface. */
  readonly dev: string;
  /** The MAC. */
  readonly mac: string;
  /** Remote tunnel endpoint. */
  readonly dst?: string;
  /** Remote UDP port, when it is not the device's own. */
  readonly port?: number;
}

/** A bridge port. */
export interface BridgePortState {
  /** The port's interface. */
  readonly name: string;
  /** The bridge. */
  readonly master: string;
  /** Whether hairpin mode is on (frames may go back out of the port they came in by). */
  readonly hairpin: boolean;
}

/** Everything one pass reads. */
export interface KernelState {
  /** Links by name. */
  readonly links: ReadonlyMap<string, LinkState>;
  /** IPv4 addresses. */
  readonly addrs: readonly AddrState[];
  /** IPv4 neighbour entries. */
  readonly neighs: readonly NeighState[];
  /** `self` FDB entries with a remote. */
  readonly fdb: readonly FdbState[];
  /** Bridge ports. */
  readonly ports: readonly BridgePortState[];
}

type Json = Record<string, unknown>;

/** Parses a JSON array of objects printed by iproute2 (empty output reads as none). */
function jsonArray(text: string, what: string): Json[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const parsed: unknown = JSON.parse(trimmed);
  if (!Array.isArray(parsed)) throw new Error(`${what}: expected a JSON array`);
  return parsed.filter((x): x is Json => typeof x === "object" && x !== null);
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" ? v : 0);

/** Links from `ip -j -d link show`. */
export function parseLinks(text: string): Map<string, LinkState> {
  const links = new Map<string, LinkState>();
  for (const l of jsonArray(text, "ip link")) {
    const name = str(l.ifname);
    if (name === "") continue;
    const info = (l.linkinfo ?? {}) as Json;
    const kind = str(info.info_kind);
    const data = (info.info_data ?? {}) as Json;
    const flags = Array.isArray(l.flags) ? (l.flags as unknown[]) : [];
    const master = str(l.master);
    links.set(name, {
      name,
      index: num(l.ifindex),
      kind,
      mtu: num(l.mtu),
      mac: str(l.address).toLowerCase(),
      up: flags.includes("UP"),
      ...(master !== "" ? { master } : {}),
      ...(kind === "vxlan"
        ? {
            vxlan: {
              vni: num(data.id),
              local: str(data.local),
              port: num(data.port),
              learning: data.learning === true,
              proxy: data.proxy === true,
            },
          }
        : {}),
    });
  }
  return links;
}

/** IPv4 addresses from `ip -j addr show`. */
export function parseAddrs(text: string): AddrState[] {
  const addrs: AddrState[] = [];
  for (const l of jsonArray(text, "ip addr")) {
    const dev = str(l.ifname);
    for (const a of Array.isArray(l.addr_info) ? (l.addr_info as Json[]) : []) {
      if (str(a.family) !== "inet") continue;
      addrs.push({ dev, addr: str(a.local), prefixLen: num(a.prefixlen) });
    }
  }
  return addrs;
}

/** IPv4 neighbour entries from `ip -j -4 neigh show`. */
export function parseNeighs(text: string): NeighState[] {
  const neighs: NeighState[] = [];
  for (const n of jsonArray(text, "ip neigh")) {
    const addr = str(n.dst);
    if (addr === "" || addr.includes(":")) continue;
    const state = Array.isArray(n.state) ? (n.state as unknown[]) : [];
    const mac = str(n.lladdr).toLowerCase();
    neighs.push({ dev: str(n.dev), addr, ...(mac !== "" ? { mac } : {}), permanent: state.includes("PERMANENT") });
  }
  return neighs;
}

/** `self` FDB entries with a remote, from `bridge -j fdb show`. */
export function parseFdb(text: string): FdbState[] {
  const entries: FdbState[] = [];
  for (const e of jsonArray(text, "bridge fdb")) {
    const flags = Array.isArray(e.flags) ? (e.flags as unknown[]) : [];
    if (!flags.includes("self") || str(e.master) !== "") continue;
    const dst = str(e.dst);
    const port = num(e.port);
    entries.push({
      dev: str(e.ifname),
      mac: str(e.mac).toLowerCase(),
      ...(dst !== "" ? { dst } : {}),
      ...(port > 0 ? { port } : {}),
    });
  }
  return entries;
}

/** Bridge ports from `bridge -j -d link show`. */
export function parseBridgePorts(text: string): BridgePortState[] {
  return jsonArray(text, "bridge link")
    .filter((p) => str(p.master) !== "")
    .map((p) => ({ name: str(p.ifname), master: str(p.master), hairpin: p.hairpin === true }));
}
