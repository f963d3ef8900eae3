// IPv4 arithmetic the overlay needs: CIDR parsing, subnet membership, the MAC every address gets
// (Docker's rule: 02:42 followed by the four address bytes, so any node computes any peer's MAC
// from its address alone) and reverse-lookup names.

/** A parsed CIDR: the address as written, its prefix length and the network as a number. */
export interface Cidr {
  /** The address part as written ("10.0.1.7" of "10.0.1.7/24"). */
  readonly addr: string;
  /** The prefix length. */
  readonly prefixLen: number;
  /** The network address as an unsigned 32-bit number. */
  readonly network: number;
  /** The netmask as an unsigned 32-bit number. */
  readonly mask: number;
}

/** Dotted quad with no leading zeros (which some tools read as octal). */
const dottedQuad = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function ipv4ToNumber(addr: string): number | undefined {
  const m = dottedQuad.exec(addr);
  if (m === null) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const d = Number(m[4]);
  if (a > 255 || b > 255 || c > 255 || d > 255) return undefined;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Dotted-quad form of an unsigned 32-bit number. */
export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** Whether `addr` is a dotted-quad IPv4 address. */
export function isIpv4(addr: string): boolean {
  return ipv4ToNumber(addr) !== undefined;
}

/** Parses "a.b.c.d/n"; undefined when malformed. */
export function parseCidr(cidr: string): Cidr | undefined {
  const slash = cidr.indexOf("/");
  if (slash < 0) return undefined;
  const addr = cidr.slice(0, slash);
  const n = ipv4ToNumber(addr);
  const lenText = cidr.slice(slash + 1);
  if (n === undefined || !/^[0-9]{1,2}$/.test(lenText)) return undefined;
  const prefixLen = Number(lenText);
  if (prefixLen > 32) return undefined;
  const mask = prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
  return { addr, prefixLen, network: (n & mask) >>> 0, mask };
}

/** Whether `addr` lies inside `cidr`. */
export function subnetContains(cidr: string, addr: string): boolean {
  const c = parseCidr(cidr);
  const n = ipv4ToNumber(addr);
  return c !== undefined && n !== undefined && (n & c.mask) >>> 0 === c.network;
}

/** The subnet in canonical form ("10.0.1.0/24" for "10.0.1.7/24"). */
export function canonicalSubnet(cidr: string): string | undefined {
  const c = parseCidr(cidr);
  return c === undefined ? undefined : `${numberToIpv4(c.network)}/${c.prefixLen}`;
}

/** MACs computed before: every pass asks for every peer's. */
const macCache = new Map<string, string>();

/** Most MACs kept (the cache starts afresh when full). */
const macCacheMax = 100_000;

/** The MAC of an overlay address: 02:42 and the address bytes (locally administered, unicast). */
export function macOfIpv4(addr: string): string {
  const cached = macCache.get(addr);
  if (cached !== undefined) return cached;
  const n = ipv4ToNumber(addr);
  if (n === undefined) throw new RangeError(`${JSON.stringify(addr)} is not an IPv4 address`);
  const hex = n.toString(16).padStart(8, "0");
  const mac = `02:42:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}`;
  if (macCache.size >= macCacheMax) macCache.clear();
  macCache.set(addr, mac);
  return mac;
}

/** The reverse-lookup name of an address: "7.1.0.10.in-addr.arpa" for 10.0.1.7. */
export function reverseName(addr: string): string {
  return `${addr.split(".").reverse().join(".")}.in-addr.arpa`;
}

/** The address a reverse-lookup name stands for; undefined when the name is not one. */
export function addrOfReverseName(name: string): string | undefined {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (m === null) return undefined;
  const addr = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIpv4(addr) ? addr : undefined;
}

/** Whether `addr` is in 127.0.0.0/8. */
export function isLoopbackIpv4(addr: string): boolean {
  return addr.startsWith("127.") && isIpv4(addr);
}
