// The DNS server's hot path: the common query — one question, class IN, perhaps an EDNS OPT
// record — answered straight from the wire, with no decoding into objects and no encoding from
// them. The question's bytes are echoed as they came (the client's 0x20 case randomisation
// survives), each A record points back at the question's name (compression pointer 0xC00C) and
// its 16 bytes come precomputed from the record (dns-records.ts), so an answer costs one buffer
// and a few copies. Anything else (PTR, malformed or unusual messages) goes to dns-answer.ts's
// general path, which decides exactly as this one does.
import type { DnsRecords, NameRecord } from "./dns-records.js";
import type { QueryOrigin } from "./dns-answer.js";

/** Bytes of one A record with a compressed name: pointer 2, type 2, class 2, TTL 4, length 2, address 4. */
export const aRecordBytes = 16;

/** Bytes of the OPT record we add when the client sent one: root name, type, size, TTL, length. */
const optRecordBytes = 11;

/** The UDP payload size our OPT record announces (and the most we send over UDP). */
const ednsPayloadMax = 1232;

/** Largest UDP answer without EDNS (RFC 1035). */
const udpPayloadMin = 512;

/** Largest answer over TCP (the two-byte length prefix). */
const tcpPayloadMax = 65_535;

/** DNS types the lookup distinguishes, by number; others only ever get "no data". */
const typeNames: Readonly<Record<number, string>> = { 1: "A", 28: "AAAA", 12: "PTR", 255: "ANY" };

const flagResponse = 0x8000;
const flagAuthoritative = 0x0400;
const flagTruncated = 0x0200;
const flagRecursionDesired = 0x0100;
const flagRecursionAvailable = 0x0080;
const rcodeNxDomain = 3;

/** The 16 wire bytes of each address of `addrs` as an A record for `ttlS`, one after the other. */
export function aRecordsWire(addrs: readonly string[], ttlS: number): Buffer {
  const wire = Buffer.alloc(addrs.length * aRecordBytes);
  addrs.forEach((addr, i) => {
    const at = i * aRecordBytes;
    wire.writeUInt16BE(0xc00c, at);
    wire.writeUInt16BE(1, at + 2);
    wire.writeUInt16BE(1, at + 4);
    wire.writeUInt32BE(ttlS, at + 6);
    wire.writeUInt16BE(4, at + 10);
    const octets = addr.split(".");
    for (let o = 0; o < 4; o++) wire[at + 12 + o] = Number(octets[o] ?? 0) & 0xff;
  });
  return wire;
}

/**
 * The answer to `query` built from the wire, "forward" when the name is not ours, or undefined
 * when the query needs the general path.
 */
export function fastAnswer(
  query: Buffer,
  origin: QueryOrigin,
  records: DnsRecords,
  random: () => number,
): Buffer | "forward" | undefined {
  if (query.length < 17) return undefined;
  const flags = query.readUInt16BE(2);
  // A query (not a response) of opcode 0, one question, nothing else but an OPT record.
  if ((flags & 0xf800) !== 0) return undefined;
  if (query.readUInt16BE(4) !== 1 || query.readUInt16BE(6) !== 0 || query.readUInt16BE(8) !== 0) return undefined;
  const additionals = query.readUInt16BE(10);
  if (additionals > 1) return undefined;
  // The name, label by label, lowercased; a compression pointer in a question is unusual: general path.
  let at = 12;
  let name = "";
  for (;;) {
    const length = query[at];
    if (length === undefined || length > 63) return undefined;
    at += 1;
    if (length === 0) break;
    if (at + length > query.length) return undefined;
    name += (name === "" ? "" : ".") + query.toString("latin1", at, at + length).toLowerCase();
    at += length;
  }
  if (at + 4 > query.length) return undefined;
  const qtype = query.readUInt16BE(at);
  if (query.readUInt16BE(at + 2) !== 1) return undefined;
  const questionEnd = at + 4;
  let udpLimit = udpPayloadMin;
  if (additionals === 1) {
    // Only an OPT record of the root name whose data ends the message.
    if (questionEnd + optRecordBytes > query.length || query[questionEnd] !== 0) return undefined;
    if (query.readUInt16BE(questionEnd + 1) !== 41) return undefined;
    if (questionEnd + optRecordBytes + query.readUInt16BE(questionEnd + 9) !== query.length) return undefined;
    udpLimit = Math.min(Math.max(query.readUInt16BE(questionEnd + 3), udpPayloadMin), ednsPayloadMax);
  }
  const type = typeNames[qtype] ?? `TYPE${qtype}`;
  const found = records.lookup(name, type, records.scopeOf(origin.source, origin.listener));
  if (found.kind === "forward") return "forward";
  if (found.kind === "ptr") return undefined;
  const limit = origin.transport === "tcp" ? tcpPayloadMax : udpLimit;
  const opt = additionals === 1 ? optRecordBytes : 0;
  const base = questionEnd + opt;
  const record: NameRecord | undefined = found.kind === "addrs" ? found.record : undefined;
  const total = record?.addrs.length ?? 0;
  const count = Math.min(total, Math.max(0, Math.floor((limit - base) / aRecordBytes)));
  const reply = Buffer.allocUnsafe(base + count * aRecordBytes);
  query.copy(reply, 0, 0, questionEnd);
  reply.writeUInt16BE(
    flagResponse |
      flagAuthoritative |
      (flags & flagRecursionDesired) |
      flagRecursionAvailable |
      (count < total ? flagTruncated : 0) |
      (found.kind === "nxdomain" ? rcodeNxDomain : 0),
    2,
  );
  reply.writeUInt16BE(count, 6);
  reply.writeUInt16BE(0, 8);
  reply.writeUInt16BE(additionals, 10);
  if (record !== undefined && count > 0) {
    let out = questionEnd;
    if (record.shuffle && total > 1) {
      // A random choice of `count` of the records, in random order (partial Fisher–Yates).
      const order = Array.from({ length: total }, (_, i) => i);
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(random() * (total - i));
        const picked = order[j]!;
        order[j] = order[i]!;
        order[i] = picked;
        record.wire.copy(reply, out, picked * aRecordBytes, (picked + 1) * aRecordBytes);
        out += aRecordBytes;
      }
    } else {
      record.wire.copy(reply, out, 0, count * aRecordBytes);
    }
  }
  if (opt > 0) {
    const o = reply.length - optRecordBytes;
    reply[o] = 0;
    reply.writeUInt16BE(41, o + 1);
    reply.writeUInt16BE(ednsPayloadMax, o + 3);
    reply.writeUInt32BE(0, o + 5);
    reply.writeUInt16BE(0, o + 9);
  }
  return reply;
}
