// What the TCP and UDP listeners of the mesh share: the route they forward to (swapped in place by
// update()), binding with retries (a port in use is logged and tried again, never fatal), counters.
import { type Cancel, type Clock, realClock } from "../../common/index.js";
import type { EndpointPool } from "./endpoint-pool.js";
import type { MeshPort, MeshProtocol } from "./mesh-types.js";

/** Log sink of the mesh: an event name and its fields. */
export type MeshLog = (event: string, fields: Record<string, unknown>) => void;

/** Where a published port's traffic goes: a service's port and its endpoints. */
export interface MeshRoute {
  /** The service's id. */
  readonly serviceId: string;
  /** The service's name, for logs. */
  readonly serviceName: string;
  /** The published port (its target port and PROXY protocol choice). */
  readonly port: MeshPort;
  /** The service's endpoints. */
  readonly pool: EndpointPool;
}

/** What the mesh reports of one listener. */
export interface ListenerStats {
  /** tcp or udp. */
  readonly protocol: MeshProtocol;
  /** The published port. */
  readonly publishedPort: number;
  /** The service it forwards to. */
  readonly serviceId: string;
  /** It is listening (false while a bind keeps failing). */
  readonly bound: boolean;
  /** Connections (or flows) turned away because no endpoint could take them. */
  readonly refused: number;
  /** UDP flows open now (0 for TCP). */
  readonly flows: number;
}

/** Options every listener takes. */
export interface ListenerOptions {
  /** Address to listen on. */
  readonly bindAddr: string;
  /** How long after a failed bind to try again. */
  readonly bindRetryMs: number;
  /** Log sink. */
  readonly log: MeshLog;
  /** Timers and the time of endpoint failures (default: the real clock). */
  readonly clock?: Clock;
}

/** A listener on one (protocol, published port) that keeps trying to bind until it is closed. */
export abstract class MeshListener {
  /** The route in force; update() swaps it without touching open connections. */
  route: MeshRoute;
  /** Connections or flows turned away for want of an endpoint. */
  refused = 0;
  protected closed = false;
  private boundNow = false;
  /** The options' clock, or the real one. */
  protected readonly clock: Clock;
  private retry: Cancel | null = null;

  constructor(
    route: MeshRoute,
    protected readonly options: ListenerOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.route = route;
  }

  /** tcp or udp. */
  abstract get protocol(): MeshProtocol;

  /** Binds once; rejects when the address cannot be bound. */
  protected abstract bindOnce(): Promise<void>;

  /** Stops listening and releases the port; open connections are the pools' to close. */
  protected abstract unbind(): Promise<void>;

  /** UDP flows open now. */
  protected flowCount(): number {
    return 0;
  }

  /** Tries to bind; on failure logs and schedules another try. Resolves after the first try either way. */
  async start(): Promise<void> {
    if (this.closed) return;
    try {
      await this.bindOnce();
      if (this.closed) {
        await this.unbind();
        return;
      }
      this.boundNow = true;
      this.options.log("mesh.listening", this.fields());
    } catch (error) {
      this.options.log("mesh.bind-failed", {
        ...this.fields(),
        error: String(error),
        retryMs: this.options.bindRetryMs,
      });
      if (this.closed) return;
      this.retry = this.clock.after(
        this.options.bindRetryMs,
        () => {
          this.retry = null;
          void this.start();
        },
        { keepAlive: false },
      );
    }
  }

  /** Stops retrying and listening. */
  async close(): Promise<void> {
    this.closed = true;
    this.retry?.();
    this.retry = null;
    if (this.boundNow) {
      this.boundNow = false;
      await this.unbind();
    }
  }

  /** Its counters. */
  stats(): ListenerStats {
    return {
      protocol: this.protocol,
      publishedPort: this.route.port.publishedPort,
      serviceId: this.route.serviceId,
      bound: this.boundNow,
      refused: this.refused,
      flows: this.flowCount(),
    };
  }

  /** Fields that name the listener in logs. */
  protected fields(): Record<string, unknown> {
    return {
      protocol: this.protocol,
      addr: this.options.bindAddr,
      port: this.route.port.publishedPort,
      service: this.route.serviceName,
      serviceId: this.route.serviceId,
    };
  }
}
