// The UDP data path of one published port. Each client (address, port) is a flow with its own
// upstream socket to the endpoint chosen for its first datagram, so replies can be told apart and
// sent back from the published port; a flow that stays silent for the idle time is closed, as
// conntrack forgets UDP flows.
import type { Cancel } from "../../common/index.js";
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIPv6 } from "node:net";
import type { Closable, PoolEntry } from "./endpoint-pool.js";
import { MeshListener, type ListenerOptions, type MeshRoute } from "./mesh-listener.js";

/** Options of a UDP listener. */
export interface UdpListenerOptions extends ListenerOptions {
  /** How long a silent flow lives. */
  readonly udpFlowIdleMs: number;
  /** Most flows open at once. */
  readonly udpFlowsMax: number;
}

/** One client's flow: its upstream socket and the endpoint it goes to. */
interface Flow extends Closable {
  readonly upstream: Socket;
  readonly entry: PoolEntry;
  /** Restarts the idle timer (traffic seen). */
  readonly refresh: () => void;
}

/** Listens on one published UDP port and relays each client's datagrams to an endpoint and back. */
export class UdpListener extends MeshListener {
  private socket: Socket | null = null;
  private readonly flows = new Map<string, Flow>();

  constructor(
    route: MeshRoute,
    private readonly udp: UdpListenerOptions,
  ) {
    super(route, udp);
  }

  /** Always udp. */
  get protocol(): "udp" {
    return "udp";
  }

  protected override flowCount(): number {
    return this.flows.size;
  }

  protected bindOnce(): Promise<void> {
    const socket = createSocket({ type: isIPv6(this.udp.bindAddr) ? "udp6" : "udp4" });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        socket.close();
        reject(error);
      };
      socket.once("error", onError);
      socket.bind({ address: this.udp.bindAddr, port: this.route.port.publishedPort, exclusive: true }, () => {
        socket.off("error", onError);
        socket.on("error", (error) => this.udp.log("mesh.listener-error", { ...this.fields(), error: String(error) }));
        socket.on("message", (msg, rinfo) => this.receive(socket, msg, rinfo));
        this.socket = socket;
        resolve();
      });
    });
  }

  protected unbind(): Promise<void> {
    for (const flow of [...this.flows.values()]) flow.close();
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }

  /** A datagram from a client: sent on its flow, opening one when it is new. */
  private receive(socket: Socket, msg: Buffer, client: RemoteInfo): void {
    const key = `${client.address}|${client.port}`;
    let flow = this.flows.get(key);
    if (flow === undefined) {
      if (this.flows.size >= this.udp.udpFlowsMax) {
        this.refused++;
        return;
      }
      const opened = this.open(socket, key, client);
      if (opened === null) {
        this.refused++;
        return;
      }
      flow = opened;
    }
    flow.refresh();
    const port = flow.entry.endpoint.ports[this.route.port.targetPort] ?? 0;
    flow.upstream.send(msg, port, flow.entry.endpoint.addr);
  }

  /** Opens a flow to the next endpoint, or null when none can take it. */
  private open(socket: Socket, key: string, client: RemoteInfo): Flow | null {
    const route = this.route;
    const entry = route.pool.pick(route.port.targetPort, new Set(), this.clock.now());
    if (entry === null) return null;
    const addr = entry.endpoint.addr;
    const port = entry.endpoint.ports[route.port.targetPort]!;
    const upstream = createSocket({ type: isIPv6(addr) ? "udp6" : "udp4" });
    let closed = false;
    let cancelIdle: Cancel = () => undefined;
    const flow: Flow = {
      upstream,
      entry,
      refresh: () => {
        cancelIdle();
        cancelIdle = this.clock.after(this.udp.udpFlowIdleMs, () => flow.close(), { keepAlive: false });
      },
      close: () => {
        if (closed) return;
        closed = true;
        cancelIdle();
        this.flows.delete(key);
        route.pool.release(entry, flow);
        upstream.close();
      },
    };
    flow.refresh();
    upstream.on("error", (error) => {
      this.udp.log("mesh.udp-flow-error", { ...this.fields(), taskId: entry.endpoint.taskId, error: String(error) });
      flow.close();
    });
    upstream.on("message", (reply, from) => {
      // The upstream socket is not connected; only the endpoint's replies go back to the client.
      if (from.port !== port || from.address !== addr) return;
      flow.refresh();
      socket.send(reply, client.port, client.address);
    });
    this.flows.set(key, flow);
    route.pool.attach(entry, flow);
    return flow;
  }
}
