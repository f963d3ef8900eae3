// Builds the node DNS server's answer to one query: decode, look the name up in the querier's
// scope, encode with the right flags, and cut what does not fit. Answers are authoritative (a
// resolver stops at our NXDOMAIN instead of asking elsewhere, RFC 8020), AAAA and other types of
// a known name are NOERROR with no answer (so stub resolvers do not walk the search list), and an
// answer larger than the client can take over UDP (512 bytes, or its EDNS size) is truncated with
// TC set, so the client asks again over TCP and gets everything. Only time is the caller's.
import dnsPacket from "dns-packet";
import type { Answer, DecodedPacket, Packet, Question } from "dns-packet";
import { fastAnswer } from "./dns-fast-answer.js";
import type { DnsRecords } from "./dns-records.js";

/** Largest UDP answer without EDNS (RFC 1035). */
export const dnsUdpPayloadMin = 512;

/** Largest UDP answer we send whatever EDNS size a client offers (the DNS flag day's safe size). */
export const dnsEdnsPayloadMax = 1232;

/** Largest answer over TCP (the two-byte length prefix). */
const tcpPayloadMax = 65_535;

const rcodes = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, notImp: 4 } as const;

/** What to do with a query. */
export type DnsReply = { readonly kind: "reply"; readonly message: Buffer } | { readonly kind: "forward" };

/** Where a query came from and how. */
export interface QueryOrigin {
  /** The querier's address. */
  readonly source: string;
  /** The address it was sent to (one of the node's own). */
  readonly listener: string;
  /** The transport. */
  readonly transport: "udp" | "tcp";
}

const forward: DnsReply = { kind: "forward" };

/** A header-only answer with `rcode`, for queries we cannot or will not parse. */
export function errorReply(query: Buffer, rcode: number): Buffer | undefined {
  if (query.length < 12) return undefined;
  const reply = Buffer.alloc(12);
  reply.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, the query's opcode and RD, RA, and the rcode.
  const flags = 0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0080 | rcode;
  reply.writeUInt16BE(flags, 2);
  return reply;
}

/** The answer to `query`, or "forward" when the name is not ours; undefined drops it. */
export function answerQuery(
  query: Buffer,
  origin: QueryOrigin,
  records: DnsRecords,
  random: () => number,
): DnsReply | undefined {
  const fast = fastAnswer(query, origin, records, random);
  if (fast === "forward") return forward;
  if (fast !== undefined) return { kind: "reply", message: fast };
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    const reply = errorReply(query, rcodes.formErr);
    return reply === undefined ? undefined : { kind: "reply", message: reply };
  }
  if (packet.type === "response") return undefined;
  const opcode = (query.readUInt16BE(2) >> 11) & 0xf;
  if (opcode !== 0) return { kind: "reply", message: errorReply(query, rcodes.notImp)! };
  const question = packet.questions?.[0];
  if (question === undefined) return { kind: "reply", message: errorReply(query, rcodes.formErr)! };
  if ((question.class ?? "IN") !== "IN") return { kind: "forward" };
  const scope = records.scopeOf(origin.source, origin.listener);
  const found = records.lookup(question.name, question.type, scope);
  const opt = packet.additionals?.find((a) => a.type === "OPT");
  const limit =
    origin.transport === "tcp"
      ? tcpPayloadMax
      : opt === undefined
        ? dnsUdpPayloadMin
        : Math.min(Math.max(opt.udpPayloadSize, dnsUdpPayloadMin), dnsEdnsPayloadMax);
  const base = (rcode: number, answers: Answer[]): Packet => ({
    type: "response",
    id: packet.id ?? 0,
    flags:
      dnsPacket.AUTHORITATIVE_ANSWER |
      ((packet.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
      dnsPacket.RECURSION_AVAILABLE |
      rcode,
    questions: [question],
    answers,
    additionals:
      opt === undefined
        ? []
        : [
            {
              type: "OPT",
              name: ".",
              udpPayloadSize: dnsEdnsPayloadMax,
              extendedRcode: 0,
              ednsVersion: 0,
              flags: 0,
              flag_do: false,
              options: [],
            },
          ],
  });
  switch (found.kind) {
    case "forward":
      return { kind: "forward" };
    case "nxdomain":
      return { kind: "reply", message: dnsPacket.encode(base(rcodes.nxDomain, [])) };
    case "nodata":
      return { kind: "reply", message: dnsPacket.encode(base(rcodes.noError, [])) };
    case "ptr":
      return {
        kind: "reply",
        message: fit(
          base(rcodes.noError, []),
          found.names.map((data) => ({ type: "PTR", class: "IN", name: question.name, ttl: found.ttlS, data })),
          limit,
        ),
      };
    case "addrs": {
      const addrs = found.record.shuffle ? shuffled(found.record.addrs, random) : found.record.addrs;
      return {
        kind: "reply",
        message: fit(
          base(rcodes.noError, []),
          addrs.map((data) => aRecord(question, found.record.ttlS, data)),
          limit,
        ),
      };
    }
  }
}

function aRecord(question: Question, ttl: number, data: string): Answer {
  return { type: "A", class: "IN", name: question.name, ttl, data };
}

/**
 * Encodes `packet` with as many of `answers` as fit in `limit` bytes; when some are left out the
 * TC flag tells the client to ask again over TCP. The size is computed, not searched, so a
 * thousand-address answer costs one encode.
 */
function fit(packet: Packet, answers: readonly Answer[], limit: number): Buffer {
  const full = { ...packet, answers: [...answers] };
  if (dnsPacket.encodingLength(full) <= limit) return dnsPacket.encode(full);
  let size = dnsPacket.encodingLength(packet);
  const kept: Answer[] = [];
  for (const a of answers) {
    const next = dnsPacket.encodingLength({ answers: [a] }) - 12;
    if (size + next > limit) break;
    size += next;
    kept.push(a);
  }
  return dnsPacket.encode({ ...packet, flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, answers: kept });
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
