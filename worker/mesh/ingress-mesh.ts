// The routing mesh's data path on one node: a listener per (protocol, published port) of every
// service in the cluster's endpoint set, each forwarding to that service's endpoints wherever they
// run. update() takes the whole set each time and converges to it: listeners open and close, and
// endpoint sets are swapped in place so open connections carry on.
import { type Clock, realClock } from "../../common/index.js";
import { EndpointPool, type EndpointStats } from "./endpoint-pool.js";
import { KernelDnat, kernelPathAvailable, type KernelRoute } from "./kernel-dnat.js";
import {
  bindRetryMs,
  connectTimeoutMs,
  failedBackoffMs,
  removedEndpointGraceMs,
  udpFlowIdleMs,
  udpFlowsMax,
} from "./mesh-bounds.js";
import type { ListenerStats, MeshListener, MeshLog, MeshRoute } from "./mesh-listener.js";
import type { MeshService } from "./mesh-types.js";
import { TcpListener } from "./tcp-listener.js";
import { UdpListener } from "./udp-listener.js";

/** How an IngressMesh is set up; the bounds default to those of mesh-bounds.ts. */
export interface IngressMeshOptions {
  /** The node's address; every published port listens there. */
  readonly bindAddr: string;
  /** Log sink; JSON lines on stderr when absent. */
  readonly log?: MeshLog;
  /** See {@link connectTimeoutMs}. */
  readonly connectTimeoutMs?: number;
  /** See {@link failedBackoffMs}. */
  readonly failedBackoffMs?: number;
  /** See {@link removedEndpointGraceMs}. */
  readonly removedEndpointGraceMs?: number;
  /** See {@link udpFlowIdleMs}. */
  readonly udpFlowIdleMs?: number;
  /** See {@link udpFlowsMax}. */
  readonly udpFlowsMax?: number;
  /** See {@link bindRetryMs}. */
  readonly bindRetryMs?: number;
  /**
   * Also install the kernel path (iptables DNAT, root only) for the TCP ports it can serve: round
   * robin, no PROXY header. Off by default: the kernel path is faster but cannot fail over before
   * the client notices, nor close a removed endpoint's connections. Where it cannot run, the mesh
   * logs why and stays in userspace.
   */
  readonly kernel?: boolean;
  /** Timers and the time of endpoint failures (default: the real clock). */
  readonly clock?: Clock;
}

/** What the mesh reports: its listeners and every service's endpoints. */
export interface MeshStats {
  /** One entry per listener, bound or still trying. */
  readonly listeners: readonly ListenerStats[];
  /** Endpoint counters per service id (connections through the kernel path are not counted). */
  readonly endpoints: Readonly<Record<string, readonly EndpointStats[]>>;
  /** Published TCP ports the kernel path serves now (empty when it is off). */
  readonly kernelPorts: readonly number[];
}

/** Logs to stderr as one JSON line, the default when no sink is given. */
const stderrLog: MeshLog = (event, fields) => {
  process.stderr.write(`${JSON.stringify({ component: "mesh", event, ...fields })}\n`);
};

/** The userspace routing mesh of one node. */
export class IngressMesh {
  private readonly bindAddr: string;
  private readonly log: MeshLog;
  private readonly clock: Clock;
  private readonly bounds: {
    connectTimeoutMs: number;
    failedBackoffMs: number;
    removedEndpointGraceMs: number;
    udpFlowIdleMs: number;
    udpFlowsMax: number;
    bindRetryMs: number;
  };
  private readonly pools = new Map<string, EndpointPool>();
  private readonly listeners = new Map<string, MeshListener>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** The kernel path: wanted until first checked, then the rules or null when off. */
  private kernel: KernelDnat | "wanted" | null;
  private kernelPorts: number[] = [];

  constructor(options: IngressMeshOptions) {
    this.bindAddr = options.bindAddr;
    this.log = options.log ?? stderrLog;
    this.clock = options.clock ?? realClock;
    this.bounds = {
      connectTimeoutMs: options.connectTimeoutMs ?? connectTimeoutMs,
      failedBackoffMs: options.failedBackoffMs ?? failedBackoffMs,
      removedEndpointGraceMs: options.removedEndpointGraceMs ?? removedEndpointGraceMs,
      udpFlowIdleMs: options.udpFlowIdleMs ?? udpFlowIdleMs,
      udpFlowsMax: options.udpFlowsMax ?? udpFlowsMax,
      bindRetryMs: options.bindRetryMs ?? bindRetryMs,
    };
    this.kernel = options.kernel === true ? "wanted" : null;
  }

  /**
   * Converges to the complete endpoint set `services`: opens listeners for newly published ports,
   * closes those no longer published, and swaps endpoints in place. Calls apply one at a time in
   * order. A port that cannot be bound is logged and retried in the background; it does not fail
   * the call.
   */
  update(services: readonly MeshService[]): Promise<void> {
    const run = this.queue.then(() => this.apply(services));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Closes every listener and every connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    // A listener's close resolves only once its open connections have ended, and long-lived ones
    // (a database client's) never end by themselves: the pools end them while the ports close.
    const closing = [...this.listeners.values()].map((l) => l.close());
    for (const pool of this.pools.values()) pool.closeAll();
    this.pools.clear();
    await Promise.all(closing);
    this.listeners.clear();
    if (this.kernel instanceof KernelDnat)
      await this.kernel
        .close()
        .catch((error: unknown) => this.log("mesh.kernel-close-failed", { error: String(error) }));
    this.kernel = null;
    this.kernelPorts = [];
  }

  /** Listeners and endpoint counters, read-only. */
  stats(): MeshStats {
    const endpoints: Record<string, readonly EndpointStats[]> = {};
    for (const [serviceId, pool] of this.pools) endpoints[serviceId] = pool.stats();
    return {
      listeners: [...this.listeners.values()].map((l) => l.stats()),
      endpoints,
      kernelPorts: [...this.kernelPorts],
    };
  }

  private async apply(services: readonly MeshService[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, MeshRoute>();
    const present = new Set<string>();
    const kernelRoutes: KernelRoute[] = [];
    for (const service of services) {
      present.add(service.serviceId);
      let pool = this.pools.get(service.serviceId);
      if (pool === undefined) {
        pool = new EndpointPool(this.bounds.removedEndpointGraceMs, this.clock);
        this.pools.set(service.serviceId, pool);
      }
      pool.replace(service.endpoints, service.balancing);
      for (const port of service.ports) {
        const key = `${port.protocol}/${port.publishedPort}`;
        const other = wanted.get(key);
        if (other !== undefined) {
          // The managers allocate published ports uniquely; two claims mean a stale set, and the first wins.
          this.log("mesh.port-conflict", { port: key, service: service.name, heldBy: other.serviceName });
          continue;
        }
        wanted.set(key, { serviceId: service.serviceId, serviceName: service.name, port, pool });
        if (port.protocol === "tcp" && port.proxyProtocol === undefined && service.balancing === "round-robin") {
          const endpoints = service.endpoints.filter((e) => !e.draining && e.ports[port.targetPort] !== undefined);
          if (endpoints.length > 0) kernelRoutes.push({ port, endpoints });
        }
      }
    }
    // A gone service's endpoints leave like removed ones: their connections close after the grace.
    for (const [serviceId, pool] of this.pools) {
      if (present.has(serviceId)) continue;
      pool.replace([], pool.balancing);
      if (pool.stats().length === 0) this.pools.delete(serviceId);
    }
    const closing: Promise<void>[] = [];
    for (const [key, listener] of this.listeners) {
      if (wanted.has(key)) continue;
      this.listeners.delete(key);
      closing.push(listener.close());
    }
    await Promise.all(closing);
    const starting: Promise<void>[] = [];
    for (const [key, route] of wanted) {
      const listener = this.listeners.get(key);
      if (listener !== undefined) {
        listener.route = route;
        continue;
      }
      const created = this.listen(route);
      this.listeners.set(key, created);
      starting.push(created.start());
    }
    await Promise.all(starting);
    await this.syncKernel(kernelRoutes);
  }

  /** Brings the kernel path's rules in line with `routes`; on any failure removes them and stays in userspace. */
  private async syncKernel(routes: readonly KernelRoute[]): Promise<void> {
    if (this.kernel === "wanted") {
      const available = await kernelPathAvailable(this.bindAddr);
      if (!available)
        this.log("mesh.kernel-unavailable", {
          addr: this.bindAddr,
          reason: "needs root, an IPv4 bind address and iptables",
        });
      this.kernel = available ? new KernelDnat(this.bindAddr) : null;
    }
    const kernel = this.kernel;
    if (kernel === null || this.closed) return;
    try {
      await kernel.sync(routes);
      this.kernelPorts = routes.map((r) => r.port.publishedPort);
    } catch (error) {
      this.log("mesh.kernel-failed", { addr: this.bindAddr, error: String(error) });
      this.kernel = null;
      this.kernelPorts = [];
      await kernel.close().catch(() => {});
    }
  }

  /** A listener for a route, not yet started. */
  private listen(route: MeshRoute): MeshListener {
    const common = { bindAddr: this.bindAddr, bindRetryMs: this.bounds.bindRetryMs, log: this.log, clock: this.clock };
    switch (route.port.protocol) {
      case "tcp":
        return new TcpListener(route, {
          ...common,
          connectTimeoutMs: this.bounds.connectTimeoutMs,
          failedBackoffMs: this.bounds.failedBackoffMs,
        });
      case "udp":
        return new UdpListener(route, {
          ...common,
          udpFlowIdleMs: this.bounds.udpFlowIdleMs,
          udpFlowsMax: this.bounds.udpFlowsMax,
        });
    }
  }
}
