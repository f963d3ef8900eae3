// The node's DNS server: one per node, listening on UDP and TCP on the node's own address of each
// overlay network it serves (port 53; tests pick a high port on a claimed loopback address). Tasks
// use it as their resolver: a process task through its namespace's resolv.conf, a container
// through Docker's embedded resolver, which forwards what it does not know here. Names come from
// the network view (dns-records.ts), answers are built by dns-answer.ts, the rest is forwarded to
// the host's resolvers (dns-forwarder.ts).
import { realRandom } from "../../common/index.js";
import { createSocket } from "node:dgram";
import { statSync } from "node:fs";
import type { Socket } from "node:dgram";
import { createServer } from "node:net";
import type { Server, Socket as TcpSocket } from "node:net";
import { answerQuery, errorReply } from "./dns-answer.js";
import type { QueryOrigin } from "./dns-answer.js";
import { DnsForwarder, dnsTcpMessageBytesMax, readResolvConf } from "./dns-forwarder.js";
import type { Upstream } from "./dns-forwarder.js";
import { DnsCounters } from "./dns-counters.js";
import { DnsRecords } from "./dns-records.js";

/** The host's resolver configuration, whose servers get the names that are not the cluster's. */
export const resolvConfPath = "/etc/resolv.conf";

/** The DNS port. */
export const dnsPort = 53;

/** Most TCP connections open at once per listener. */
export const dnsTcpConnectionsMax = 256;

/** A TCP connection idle this long is closed, in ms (RFC 7766 suggests seconds). */
export const dnsTcpIdleMs = 10_000;

/** Most queries of one TCP connection waiting for their answers; a client sending more is cut off. */
export const dnsTcpPipelineMax = 32;

const servFail = 2;

/** Options of a {@link DnsServer}. */
export interface DnsServerOptions {
  /** Port to listen on; 53 by default. */
  readonly port?: number;
  /** Resolvers for names that are not ours; the host's resolv.conf by default. */
  readonly upstreams?: readonly Upstream[];
  /** Random source for shuffled answers. */
  readonly random?: () => number;
  /** Log sink. */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
  /** Where the counters live; the server's own by default (dns-thread.ts shares them with the agent's thread). */
  readonly counters?: DnsCounters;
}

/** Counters of a {@link DnsServer}. */
export interface DnsStats {
  /** Addresses listened on. */
  readonly listeners: readonly string[];
  /** Queries received. */
  readonly queries: number;
  /** Queries answered from the view. */
  readonly local: number;
  /** Truncated UDP answers. */
  readonly truncated: number;
  /** Queries forwarded, answered by a resolver, refused for the in-flight bound, and failed. */
  readonly forward: { forwarded: number; answered: number; refused: number; failed: number };
}

/** A UDP socket and a TCP server on one address. */
interface Listener {
  readonly udp: Socket;
  readonly tcp: Server;
  /** Open TCP connections, destroyed when the listener closes. */
  readonly connections: Set<TcpSocket>;
}

/** The DNS server; see the file header. */
export class DnsServer {
  private readonly port: number;
  private readonly random: () => number;
  private readonly log: (event: string, fields: Record<string, unknown>) => void;
  private readonly forwarder: DnsForwarder;
  private readonly listeners = new Map<string, Listener>();
  private records = new DnsRecords({ networks: [] });
  private resolvConf: { mtimeMs: number; upstreams: readonly Upstream[] } | undefined;
  private readonly counters: DnsCounters;

  constructor(options: DnsServerOptions = {}) {
    this.port = options.port ?? dnsPort;
    this.random = options.random ?? (() => realRandom.nextFloat());
    this.log = options.log ?? (() => undefined);
    this.counters = options.counters ?? new DnsCounters();
    const fixed = options.upstreams;
    this.forwarder = new DnsForwarder(
      () => fixed ?? this.hostUpstreams(),
      (u) => u.port === this.port && this.listeners.has(u.addr),
      this.counters,
    );
  }

  /** The host's resolvers, read again whenever resolv.conf changes (DHCP, a VPN, resolvconf). */
  private hostUpstreams(): readonly Upstream[] {
    let mtimeMs = 0;
    try {
      mtimeMs = statSync(resolvConfPath).mtimeMs;
    } catch {
      // No resolv.conf: no resolvers.
    }
    if (this.resolvConf === undefined || this.resolvConf.mtimeMs !== mtimeMs) {
      const upstreams = readResolvConf(resolvConfPath).nameservers.map((addr) => ({ addr, port: dnsPort }));
      this.resolvConf = { mtimeMs, upstreams };
    }
    return this.resolvConf.upstreams;
  }

  /** The port listened on. */
  get listenPort(): number {
    return this.port;
  }

  /** Answers from `records` from now on, on the listeners it has. */
  setRecords(records: DnsRecords): void {
    this.records = records;
  }

  /**
   * Answers from `records` from now on, listening on exactly `addrs`. An address that cannot be
   * bound yet (not configured, taken) is logged and tried again on the next update.
   */
  async update(records: DnsRecords, addrs: readonly string[]): Promise<void> {
    this.records = records;
    await this.listenOn(addrs);
  }

  /**
   * Listens on exactly `addrs`, answering from the records it has. An address that cannot be
   * bound yet (not configured, taken) is logged and tried again on the next call.
   */
  async listenOn(addrs: readonly string[]): Promise<void> {
    const wanted = new Set(addrs);
    for (const [addr, listener] of this.listeners) {
      if (wanted.has(addr)) continue;
      this.listeners.delete(addr);
      await closeListener(listener);
    }
    for (const addr of wanted) {
      if (this.listeners.has(addr)) continue;
      try {
        this.listeners.set(addr, await this.listen(addr));
      } catch (error) {
        this.log("dns.listen-failed", { addr, port: this.port, error: String(error) });
      }
    }
  }

  /** Answers one query as if it arrived from `origin`; undefined when it is dropped. For tests and benchmarks. */
  async answer(query: Buffer, origin: QueryOrigin): Promise<Buffer | undefined> {
    const now = this.answerNow(query, origin);
    return now === "forward" ? this.forward(query, origin) : now;
  }

  /**
   * The answer from the view, synchronously (the UDP path sends it in the same turn, no promise,
   * no log line); "forward" when the name is for the host's resolvers; undefined drops the query.
   */
  private answerNow(query: Buffer, origin: QueryOrigin): Buffer | undefined | "forward" {
    this.counters.add("queries");
    const reply = answerQuery(query, origin, this.records, this.random);
    if (reply === undefined) return undefined;
    if (reply.kind === "forward") return "forward";
    this.counters.add("local");
    if (reply.message.length >= 4 && (reply.message.readUInt16BE(2) & 0x0200) !== 0) this.counters.add("truncated");
    return reply.message;
  }

  /** The host resolvers' answer, or SERVFAIL. */
  private async forward(query: Buffer, origin: QueryOrigin): Promise<Buffer | undefined> {
    return (await this.forwarder.forward(query, origin.transport)) ?? errorReply(query, servFail);
  }

  /** Counters and listeners. */
  stats(): DnsStats {
    return {
      listeners: [...this.listeners.keys()].sort(),
      queries: this.counters.get("queries"),
      local: this.counters.get("local"),
      truncated: this.counters.get("truncated"),
      forward: this.forwarder.counts,
    };
  }

  /** Closes every listener. */
  async close(): Promise<void> {
    const all = [...this.listeners.values()];
    this.listeners.clear();
    await Promise.all(all.map(closeListener));
  }

  private async listen(addr: string): Promise<Listener> {
    const udp = createSocket({ type: "udp4" });
    udp.on("message", (message, from) => {
      const origin: QueryOrigin = { source: from.address, listener: addr, transport: "udp" };
      const now = this.answerNow(message, origin);
      if (now === "forward")
        void this.forward(message, origin).then((reply) => {
          if (reply !== undefined) udp.send(reply, from.port, from.address, () => undefined);
        });
      else if (now !== undefined) udp.send(now, from.port, from.address, () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind({ address: addr, port: this.port, exclusive: true }, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    udp.on("error", (error) => this.log("dns.udp-error", { addr, error: String(error) }));
    const connections = new Set<TcpSocket>();
    const tcp = createServer((socket) => {
      connections.add(socket);
      socket.once("close", () => connections.delete(socket));
      this.serveTcp(socket, addr);
    });
    tcp.maxConnections = dnsTcpConnectionsMax;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen({ host: addr, port: this.port, exclusive: true }, () => {
          tcp.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      udp.close();
      throw error;
    }
    tcp.on("error", (error) => this.log("dns.tcp-error", { addr, error: String(error) }));
    return { udp, tcp, connections };
  }

  /** One TCP connection: length-prefixed queries answered in order, bounded and idle-timed. */
  private serveTcp(socket: TcpSocket, listener: string): void {
    const source = socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
    let buffered = Buffer.alloc(0);
    let pending = 0;
    let chain: Promise<void> = Promise.resolve();
    socket.setTimeout(dnsTcpIdleMs, () => socket.destroy());
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) {
          if (buffered.length > 2 + dnsTcpMessageBytesMax) socket.destroy();
          return;
        }
        const query = Buffer.from(buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        if (++pending > dnsTcpPipelineMax) {
          socket.destroy();
          return;
        }
        chain = chain.then(async () => {
          const reply = await this.answer(query, { source, listener, transport: "tcp" });
          pending -= 1;
          if (reply === undefined || socket.destroyed) return;
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([prefix, reply]));
        });
      }
    });
  }
}

async function closeListener(listener: Listener): Promise<void> {
  for (const socket of listener.connections) socket.destroy();
  await Promise.all([
    new Promise<void>((resolve) => listener.udp.close(() => resolve())),
    new Promise<void>((resolve) => listener.tcp.close(() => resolve())),
  ]);
}
