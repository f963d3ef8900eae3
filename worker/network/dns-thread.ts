// The node's DNS server on a thread of its own. The network agent's event loop runs passes: it
// spawns and feeds ip, bridge and iptables processes, renders rules and parses views, tens to
// hundreds of milliseconds at a time on a large network, and an answer that waits behind that
// work is late by as much (measured: p99 24 ms, p99.9 over 200 ms while passes ran back to back).
// So the server answers on a worker thread (dns-thread-main.ts) with an event loop that does
// nothing else; the agent sends it the networks to answer from as messages, and reads its counters
// from shared memory (dns-counters.ts). A thread that dies is logged and started again on the next
// update, with that update's networks and addresses.
import { Worker } from "node:worker_threads";
import { DnsCounters } from "./dns-counters.js";
import type { Upstream } from "./dns-forwarder.js";
import { dnsPort } from "./dns-server.js";
import type { DnsStats } from "./dns-server.js";
import type { DnsThreadData, DnsThreadReply, DnsThreadRequest } from "./dns-thread-protocol.js";
import type { OverlayNetwork } from "./view.js";

/**
 * The DNS thread's nice value. An answer is a few microseconds of work, but on a busy node the
 * thread's wake-up waits for a core behind whatever else runs (measured on 2 cores under load:
 * the p99 of a bare echo server went from 1.5 to 11 ms while the agent ran passes). A higher
 * priority for this one thread gets the answer out first; what it can take from the rest of the
 * node stays bounded by the work it has, since forwarded queries are bounded in flight and local
 * answers cost microseconds.
 */
export const dnsThreadNice = -10;

/** Options of a {@link DnsThread}. */
export interface DnsThreadOptions {
  /** Port to listen on; 53 by default. */
  readonly port?: number;
  /** Resolvers for names that are not ours; the host's resolv.conf by default. */
  readonly upstreams?: readonly Upstream[];
  /**
   * The thread's nice value; {@link dnsThreadNice} by default. Only this thread's: the agent's
   * passes and the processes they start keep the process's.
   */
  readonly nice?: number;
  /** Log sink (the thread's lines come here). */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
}

/**
 * Starts the thread: the compiled entry, or, when this runs from TypeScript source (tests), the
 * source entry through tsx's loader, which a worker does not inherit from its parent (neither
 * does `--import tsx` in its execArgv work on Node 20).
 */
function startThread(data: DnsThreadData): Worker {
  const own = import.meta.url;
  if (!own.endsWith(".ts")) return new Worker(new URL("./dns-thread-main.js", own), { workerData: data });
  const loader = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(new URL("./dns-thread-main.ts", own).href);
  return new Worker(`import(${loader}).then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
    workerData: data,
  });
}

/** The DNS server on its own thread; see the file header. */
export class DnsThread {
  private readonly port: number;
  private readonly upstreams: readonly Upstream[] | undefined;
  private readonly nice: number;
  private readonly log: (event: string, fields: Record<string, unknown>) => void;
  private readonly counters = new DnsCounters();
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, () => void>();
  private nextId = 1;
  private listeners: readonly string[] = [];
  private closed = false;

  constructor(options: DnsThreadOptions = {}) {
    this.port = options.port ?? dnsPort;
    this.upstreams = options.upstreams;
    this.nice = options.nice ?? dnsThreadNice;
    this.log = options.log ?? (() => undefined);
  }

  /** The port listened on. */
  get listenPort(): number {
    return this.port;
  }

  /** Answers from `networks` from now on, on the listeners it has (no wait: the next query sees them). */
  setNetworks(networks: readonly OverlayNetwork[]): void {
    if (this.closed || this.worker === undefined) return;
    this.send({ op: "records", networks });
  }

  /**
   * Answers from `networks` from now on, listening on exactly `addrs`; resolves once the listeners
   * are settled. An address that cannot be bound yet is logged and tried again on the next update.
   */
  async update(networks: readonly OverlayNetwork[], addrs: readonly string[]): Promise<void> {
    if (this.closed) return;
    const id = this.nextId++;
    await this.request({ op: "update", id, networks, addrs }, id);
  }

  /** Counters and listeners, read without asking the thread. */
  stats(): DnsStats {
    const c = this.counters;
    return {
      listeners: [...this.listeners].sort(),
      queries: c.get("queries"),
      local: c.get("local"),
      truncated: c.get("truncated"),
      forward: {
        forwarded: c.get("forwarded"),
        answered: c.get("answered"),
        refused: c.get("refused"),
        failed: c.get("failed"),
      },
    };
  }

  /** Closes every listener and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    const id = this.nextId++;
    await this.request({ op: "close", id }, id);
    await worker.terminate();
    this.worker = undefined;
    this.listeners = [];
  }

  /** Sends `message` and waits for the thread's reply to `id` (or for the thread's end). */
  private request(message: DnsThreadRequest, id: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.set(id, resolve);
      this.send(message);
      // Held while a reply is awaited, so the process cannot end under an update in flight.
      this.worker?.ref();
    });
  }

  private send(message: DnsThreadRequest): void {
    (this.worker ?? this.start()).postMessage(message);
  }

  /** Starts the thread. Between requests it does not keep the process alive: the agent's close ends it. */
  private start(): Worker {
    const data: DnsThreadData = {
      port: this.port,
      nice: this.nice,
      ...(this.upstreams === undefined ? {} : { upstreams: this.upstreams }),
      counters: this.counters.buffer,
    };
    const worker = startThread(data);
    worker.unref();
    worker.on("message", (reply: DnsThreadReply) => {
      if ("log" in reply) {
        this.log(reply.log, reply.fields);
        return;
      }
      this.listeners = reply.listeners;
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      resolve?.();
    });
    worker.on("error", (error) => this.log("dns.thread-failed", { error: String(error) }));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.listeners = [];
      if (!this.closed) this.log("dns.thread-exited", { code });
      // Nobody waits forever on a thread that is gone; the next update starts another.
      for (const resolve of this.waiting.values()) resolve();
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}
