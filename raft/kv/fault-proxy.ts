// A TCP proxy that can cut one direction of traffic between two members, for partition tests.
// A member reaches a peer through the proxy; blocking it destroys open connections and
// black-holes new ones (accepted, never forwarded) the way a network partition looks to TCP.
import { createServer, type Server, type Socket, connect } from "node:net";
import type { AddressInfo } from "node:net";
import { splitAddr } from "./kv-http.js";

/** One proxied path from a listening address to a target. */
export class FaultProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private blocked = false;

  private constructor(private readonly target: string) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Starts a proxy on listenAddr ("host:0" for any port) forwarding to target. */
  static async start(listenAddr: string, target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    const [host, port] = splitAddr(listenAddr);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once("error", reject);
      proxy.server.listen(port, host, () => resolve());
    });
    return proxy;
  }

  /** Address the proxy listens on. */
  get addr(): string {
    const a = this.server.address() as AddressInfo;
    return `${a.address}:${a.port}`;
  }

  /** Whether traffic is cut. */
  get isBlocked(): boolean {
    return this.blocked;
  }

  /** Cuts the path: open connections die, new ones hang. */
  block(): void {
    this.blocked = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Restores the path. */
  unblock(): void {
    this.blocked = false;
  }

  /** Stops the proxy. */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on("close", () => this.sockets.delete(client));
    client.on("error", () => client.destroy());
    if (this.blocked) return; // black hole: hold the connection, forward nothing
    const [host, port] = splitAddr(this.target);
    const upstream = connect(port, host);
    this.sockets.add(upstream);
    upstream.on("close", () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => upstream.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
