// IPv4 subnets in CIDR form, as much of them as a stack's pre-check needs to tell whether two
// networks' subnets overlap (the managers do the full validation).

/** A subnet: its first address as an unsigned number and its prefix length. */
export interface Subnet {
  readonly base: number;
  readonly prefix: number;
}

const octet = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** "10.0.1.0/24" as a subnet (host bits cleared), or null when it is not IPv4 CIDR. */
export function parseSubnet(text: string): Subnet | null {
  const [addrText = "", prefixText = "", ...rest] = text.split("/");
  const parts = addrText.split(".");
  if (rest.length > 0 || parts.length !== 4 || !parts.every((p) => octet.test(p))) return null;
  if (!/^(3[0-2]|[12]?\d)$/.test(prefixText)) return null;
  const addr = parts.reduce((n, p) => n * 256 + Number(p), 0);
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  return { base: addr - (addr % size), prefix };
}

/** Whether two subnets share an address (one contains the other, as CIDR blocks never cross). */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  const wider = a.prefix <= b.prefix ? a : b;
  const narrower = wider === a ? b : a;
  const size = 2 ** (32 - wider.prefix);
  return narrower.base >= wider.base && narrower.base < wider.base + size;
}
