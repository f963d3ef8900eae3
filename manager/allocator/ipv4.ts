// IPv4 addresses and CIDR blocks as numbers: what address management computes with. An address is
// an unsigned 32-bit value held in a JavaScript number (never a signed int32), so comparisons and
// arithmetic need no care about the sign bit.

/** Addresses in the IPv4 space. */
export const ipv4SpaceSize = 2 ** 32;

/** A CIDR block: its first address and its prefix length. */
export interface Cidr {
  /** The block's first address (host bits zero). */
  readonly base: number;
  /** Prefix length, 0–32. */
  readonly prefix: number;
}

const octet = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** An IPv4 address in dotted-quad form as a number, or null when it is not one. */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => octet.test(p))) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** A number as a dotted-quad address. */
export function formatIpv4(addr: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(addr / 2 ** shift) % 256).join(".");
}

/** Number of addresses in a block. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** The block's last address (its broadcast address for prefixes below 31). */
export function cidrLast(cidr: Cidr): number {
  return cidr.base + cidrSize(cidr) - 1;
}

/**
 * "10.0.1.0/24" as a block, or null when it is not IPv4 CIDR. With `strict`, host bits must be
 * zero ("10.0.1.5/24" is refused); without, they are cleared.
 */
export function parseCidr(text: string, strict = true): Cidr | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const addr = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (addr === null || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const base = addr - (addr % size);
  if (strict && base !== addr) return null;
  return { base, prefix };
}

/** A block in CIDR form. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

/** Whether the block holds the address. */
export function cidrContains(cidr: Cidr, addr: number): boolean {
  return addr >= cidr.base && addr <= cidrLast(cidr);
}

/** Whether two blocks share an address (for CIDR blocks: one holds the other). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base <= cidrLast(b) && b.base <= cidrLast(a);
}

/** The address part of "10.0.1.5/24" or "10.0.1.5", or null. */
export function addressOf(text: string): number | null {
  const slash = text.indexOf("/");
  return parseIpv4(slash < 0 ? text : text.slice(0, slash));
}

/** An address with the subnet's prefix, "10.0.1.5/24", as tasks' attachments and VIPs are written. */
export function formatInterfaceAddress(addr: number, subnet: Cidr): string {
  return `${formatIpv4(addr)}/${subnet.prefix}`;
}
