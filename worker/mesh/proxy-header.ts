// PROXY protocol headers (HAProxy's proxy-protocol.txt, versions 1 and 2) that the mesh writes
// toward a task before any client byte, so the task sees the client's address rather than the
// mesh's. Only TCP over IPv4 or IPv6 is described; anything else gets the "unknown" form, which
// tells the task to use the connection's own addresses.
import { isIPv4, isIPv6 } from "node:net";

/** The addresses of a proxied TCP connection, as the client and the mesh saw them. */
export interface ProxiedAddresses {
  /** The client's address. */
  readonly sourceAddr: string;
  /** The client's port. */
  readonly sourcePort: number;
  /** The address the client connected to (the published address). */
  readonly destAddr: string;
  /** The published port. */
  readonly destPort: number;
}

/** The 12-byte signature that opens every version 2 header. */
export const proxyV2Signature = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);

/** A version 1 (text) header, e.g. `PROXY TCP4 192.0.2.1 192.0.2.2 51000 80\r\n`. */
export function proxyV1Header(a: ProxiedAddresses): Buffer {
  const family = addressFamily(a);
  if (family === null) return Buffer.from("PROXY UNKNOWN\r\n", "latin1");
  const source = unmapped(a.sourceAddr);
  const dest = unmapped(a.destAddr);
  return Buffer.from(`PROXY TCP${family} ${source} ${dest} ${a.sourcePort} ${a.destPort}\r\n`, "latin1");
}

/** A version 2 (binary) header: signature, version 2 with command PROXY (0x21), family and addresses. */
export function proxyV2Header(a: ProxiedAddresses): Buffer {
  const family = addressFamily(a);
  if (family === null) {
    // LOCAL command, unspecified family, no addresses.
    return Buffer.concat([proxyV2Signature, Buffer.from([0x20, 0x00, 0x00, 0x00])]);
  }
  const addrBytes = family === 4 ? 4 : 16;
  const body = Buffer.alloc(addrBytes * 2 + 4);
  ipBytes(unmapped(a.sourceAddr), family).copy(body, 0);
  ipBytes(unmapped(a.destAddr), family).copy(body, addrBytes);
  body.writeUInt16BE(a.sourcePort, addrBytes * 2);
  body.writeUInt16BE(a.destPort, addrBytes * 2 + 2);
  const head = Buffer.alloc(4);
  head[0] = 0x21;
  head[1] = family === 4 ? 0x11 : 0x21; // AF_INET or AF_INET6, over STREAM
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([proxyV2Signature, head, body]);
}

/** 4 when both addresses are IPv4 (IPv4-mapped IPv6 counts), 6 when both are IPv6, null otherwise. */
function addressFamily(a: ProxiedAddresses): 4 | 6 | null {
  const source = unmapped(a.sourceAddr);
  const dest = unmapped(a.destAddr);
  if (isIPv4(source) && isIPv4(dest)) return 4;
  if (isIPv6(source) && isIPv6(dest)) return 6;
  return null;
}

/** A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the header wants a.b.c.d. */
function unmapped(addr: string): string {
  return addr.startsWith("::ffff:") && isIPv4(addr.slice(7)) ? addr.slice(7) : addr;
}

/** The network-order bytes of an address of the given family. */
function ipBytes(addr: string, family: 4 | 6): Buffer {
  if (family === 4) return Buffer.from(addr.split(".").map(Number));
  const [head = "", tail = ""] = addr.split("::", 2) as [string?, string?];
  const groups = (s: string): string[] => (s === "" ? [] : s.split(":"));
  let left = groups(head);
  let right = addr.includes("::") ? groups(tail) : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 between two IPv6 ends) counts as two groups.
  const v4 = (list: string[]): string[] => {
    const last = list[list.length - 1];
    if (last === undefined || !isIPv4(last)) return list;
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = last.split(".").map(Number);
    return [...list.slice(0, -1), ((b0 << 8) | b1).toString(16), ((b2 << 8) | b3).toString(16)];
  };
  left = v4(left);
  right = v4(right);
  const all = addr.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
