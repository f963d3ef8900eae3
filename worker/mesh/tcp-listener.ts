// The TCP data path of one published port: accept, choose an endpoint, connect (trying the next
// endpoint when one refuses or times out, before the client is touched), optionally write a PROXY
// protocol header, then pipe both ways. Streams do the copying and the backpressure; half-closes
// pass through (allowHalfOpen on both sides) and an error on either side ends both.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { Closable, PoolEntry } from "./endpoint-pool.js";
import { MeshListener, type ListenerOptions, type MeshRoute } from "./mesh-listener.js";
import { proxyV1Header, proxyV2Header } from "./proxy-header.js";

/** Options of a TCP listener. */
export interface TcpListenerOptions extends ListenerOptions {
  /** How long a connect to an endpoint may take before the next is tried. */
  readonly connectTimeoutMs: number;
  /** How long a failed endpoint is passed over. */
  readonly failedBackoffMs: number;
}

/** Listens on one published TCP port and forwards each connection to an endpoint. */
export class TcpListener extends MeshListener {
  private server: Server | null = null;

  constructor(
    route: MeshRoute,
    private readonly tcp: TcpListenerOptions,
  ) {
    super(route, tcp);
  }

  /** Always tcp. */
  get protocol(): "tcp" {
    return "tcp";
  }

  protected bindOnce(): Promise<void> {
    // pauseOnConnect: no client byte is read before the upstream is connected (and the PROXY
    // header written), so failover to another endpoint never has to replay anything.
    const server = createServer({ pauseOnConnect: true, allowHalfOpen: true, noDelay: true }, (client) =>
      this.accept(client),
    );
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: this.tcp.bindAddr, port: this.route.port.publishedPort, exclusive: true }, () => {
        server.off("error", reject);
        server.on("error", (error) => this.tcp.log("mesh.listener-error", { ...this.fields(), error: String(error) }));
        this.server = server;
        resolve();
      });
    });
  }

  protected unbind(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return Promise.resolve();
    // close() waits for open connections; those belong to the pools, so only the port is released here.
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Takes a new client connection: finds an endpoint that accepts, then splices the two. */
  private accept(client: Socket): void {
    const route = this.route;
    client.setNoDelay(true);
    const tried = new Set<PoolEntry>();
    let upstream: Socket | null = null;
    const onClientGone = (): void => {
      upstream?.destroy();
    };
    client.on("error", onClientGone);
    client.once("close", onClientGone);
    const attempt = (): void => {
      const entry = route.pool.pick(route.port.targetPort, tried, this.clock.now());
      if (entry === null) {
        this.refused++;
        client.off("error", onClientGone);
        client.off("close", onClientGone);
        client.on("error", () => {});
        // A reset tells the client at once that nothing serves the port, as a closed port would.
        client.resetAndDestroy();
        return;
      }
      tried.add(entry);
      const port = entry.endpoint.ports[route.port.targetPort]!;
      const socket = connect({ host: entry.endpoint.addr, port, noDelay: true, allowHalfOpen: true });
      upstream = socket;
      const cancelTimer = this.clock.after(this.tcp.connectTimeoutMs, () =>
        socket.destroy(new Error(`connect timed out after ${this.tcp.connectTimeoutMs} ms`)),
      );
      const onFail = (error: Error): void => {
        cancelTimer();
        socket.destroy();
        upstream = null;
        if (client.destroyed) return;
        route.pool.markFailed(entry, this.clock.now(), this.tcp.failedBackoffMs);
        this.tcp.log("mesh.endpoint-failed", {
          ...this.fields(),
          taskId: entry.endpoint.taskId,
          endpoint: `${entry.endpoint.addr}:${port}`,
          error: error.message,
        });
        attempt();
      };
      socket.once("close", () => cancelTimer());
      socket.once("error", onFail);
      socket.once("connect", () => {
        cancelTimer();
        socket.off("error", onFail);
        client.off("error", onClientGone);
        client.off("close", onClientGone);
        if (client.destroyed) {
          socket.destroy();
          return;
        }
        this.splice(client, socket, entry, route);
      });
    };
    attempt();
  }

  /** Pipes client and upstream both ways and counts the pair on its endpoint until both sides close. */
  private splice(client: Socket, upstream: Socket, entry: PoolEntry, route: MeshRoute): void {
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    const pair: Closable = { close: closeBoth };
    route.pool.attach(entry, pair);
    const proxy = route.port.proxyProtocol;
    if (proxy !== undefined) {
      const addresses = {
        sourceAddr: client.remoteAddress ?? "",
        sourcePort: client.remotePort ?? 0,
        destAddr: client.localAddress ?? "",
        destPort: client.localPort ?? 0,
      };
      upstream.write(proxy === "v1" ? proxyV1Header(addresses) : proxyV2Header(addresses));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("error", closeBoth);
    upstream.on("error", closeBoth);
    let closed = 0;
    const onClose = (other: Socket) => (): void => {
      // A side that closed without passing on its end (a reset, a destroy) takes the other with it;
      // one that ended cleanly has already ended the other through pipe(), which then finishes.
      if (!other.writableEnded) other.destroy();
      if (++closed === 2) route.pool.release(entry, pair);
    };
    client.once("close", onClose(upstream));
    upstream.once("close", onClose(client));
  }
}
