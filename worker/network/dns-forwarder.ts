// Forwards the queries the node's DNS server does not own to the host's resolvers, as Docker's
// embedded resolver does: the raw query is relayed (same id, same flags) from a fresh socket on a
// random port, over the transport the client used, and the first usable answer is relayed back.
// SERVFAIL, REFUSED and silence try the next resolver; an answer (NXDOMAIN included) ends the
// search. Bounded in flight and in time, and never sent to the server's own addresses, so a
// resolv.conf naming the node itself cannot make a loop.
import { DnsCounters } from "./dns-counters.js";
import { realClock } from "../../common/index.js";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { connect, isIPv4, isIPv6 } from "node:net";

/** Longest a forwarded query may take over every resolver together, in ms. */
export const dnsForwardTimeoutMs = 2_000;

/** Most queries forwarded at once; further ones get SERVFAIL at once. */
export const dnsForwardInflightMax = 1024;

/** Resolvers tried per query (Docker tries as many). */
export const dnsForwardServersMax = 3;

/** Largest DNS message over TCP (its two-byte length prefix). */
export const dnsTcpMessageBytesMax = 65_535;

/** Largest answer read from a resolver over UDP. */
const udpAnswerBytesMax = 65_535;

/** A resolver. */
export interface Upstream {
  /** Its address. */
  readonly addr: string;
  /** Its port (53). */
  readonly port: number;
}

/** What the host's resolv.conf says. */
export interface ResolvConf {
  /** `nameserver` lines. */
  readonly nameservers: readonly string[];
  /** The `search` (or `domain`) list. */
  readonly search: readonly string[];
}

/** Reads a resolv.conf; a missing file reads as empty. */
export function readResolvConf(path = "/etc/resolv.conf"): ResolvConf {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { nameservers: [], search: [] };
  }
  const nameservers: string[] = [];
  let search: string[] = [];
  for (const raw of text.split("\n")) {
    const words = raw
      .replace(/[#;].*$/, "")
      .trim()
      .split(/\s+/);
    const [key, ...rest] = words;
    if (key === "nameserver" && rest[0] !== undefined && (isIPv4(rest[0]) || isIPv6(rest[0])))
      nameservers.push(rest[0]);
    else if (key === "search" || key === "domain") search = rest.filter((w) => w !== "");
  }
  return { nameservers, search };
}

/** The id field of a DNS message. */
function idOf(message: Buffer): number {
  return message.length >= 2 ? message.readUInt16BE(0) : -1;
}

/** The rcode of a DNS message. */
function rcodeOf(message: Buffer): number {
  return message.length >= 4 ? message.readUInt16BE(2) & 0xf : 0;
}

/** SERVFAIL (2) and REFUSED (5) say "ask someone else". */
function tryNext(answer: Buffer): boolean {
  const rcode = rcodeOf(answer);
  return rcode === 2 || rcode === 5;
}

/** Relays queries to the upstream resolvers; see the file header. */
export class DnsForwarder {
  private inflight = 0;

  /**
   * @param counters where queries forwarded, answered, refused (in-flight bound) and failed (no
   *   usable answer) are counted; the server's own by default.
   */
  constructor(
    private readonly upstreams: () => readonly Upstream[],
    private readonly isOwnAddress: (upstream: Upstream) => boolean,
    private readonly counters: DnsCounters = new DnsCounters(),
  ) {}

  /** Queries forwarded, answered, refused (in-flight bound) and failed (no usable answer). */
  get counts(): { forwarded: number; answered: number; refused: number; failed: number } {
    const c = this.counters;
    return {
      forwarded: c.get("forwarded"),
      answered: c.get("answered"),
      refused: c.get("refused"),
      failed: c.get("failed"),
    };
  }

  /** Queries being forwarded now. */
  get inflightNow(): number {
    return this.inflight;
  }

  /**
   * The first usable answer of the resolvers to `query`, relayed raw; undefined when none answered
   * in time or too many queries are in flight (the server then answers SERVFAIL).
   */
  async forward(query: Buffer, transport: "udp" | "tcp"): Promise<Buffer | undefined> {
    const servers = this.upstreams()
      .filter((u) => !this.isOwnAddress(u))
      .slice(0, dnsForwardServersMax);
    if (servers.length === 0) return undefined;
    if (this.inflight >= dnsForwardInflightMax) {
      this.counters.add("refused");
      return undefined;
    }
    this.inflight += 1;
    this.counters.add("forwarded");
    const deadline = realClock.monotonicMs() + dnsForwardTimeoutMs;
    try {
      let last: Buffer | undefined;
      for (const [i, server] of servers.entries()) {
        // Each resolver gets an equal share of what time is left.
        const share = (deadline - realClock.monotonicMs()) / (servers.length - i);
        if (share <= 0) break;
        const answer =
          transport === "udp" ? await udpExchange(server, query, share) : await tcpExchange(server, query, share);
        if (answer === undefined) continue;
        last = answer;
        if (!tryNext(answer)) break;
      }
      this.counters.add(last === undefined ? "failed" : "answered");
      return last;
    } finally {
      this.inflight -= 1;
    }
  }
}

/** One query to one resolver over UDP; undefined on timeout or error. */
function udpExchange(server: Upstream, query: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(server.addr) ? "udp6" : "udp4");
    let done = false;
    const finish = (answer: Buffer | undefined): void => {
      if (done) return;
      done = true;
      cancelTimer();
      socket.close();
      resolve(answer);
    };
    const cancelTimer = realClock.after(timeoutMs, () => finish(undefined));
    socket.on("error", () => finish(undefined));
    socket.on("message", (message, from) => {
      // Only the resolver's answer to this very query counts; anything else is ignored.
      if (from.address !== server.addr || from.port !== server.port || idOf(message) !== idOf(query)) return;
      if (message.length > udpAnswerBytesMax) return;
      finish(message);
    });
    socket.send(query, server.port, server.addr, (error) => {
      if (error) finish(undefined);
    });
  });
}

/** One query to one resolver over TCP (two-byte length prefix); undefined on timeout or error. */
function tcpExchange(server: Upstream, query: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: server.addr, port: server.port });
    let buffered = Buffer.alloc(0);
    let done = false;
    const finish = (answer: Buffer | undefined): void => {
      if (done) return;
      done = true;
      cancelTimer();
      socket.destroy();
      resolve(answer);
    };
    const cancelTimer = realClock.after(timeoutMs, () => finish(undefined));
    socket.on("error", () => finish(undefined));
    socket.on("close", () => finish(undefined));
    socket.on("connect", () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(query.length);
      socket.write(Buffer.concat([prefix, query]));
    });
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      const answer = buffered.subarray(2, 2 + length);
      finish(idOf(answer) === idOf(query) ? Buffer.from(answer) : undefined);
    });
  });
}
