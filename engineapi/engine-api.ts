// The Engine API front end of one node: a client of the local manager's gRPC services, the event
// hub, and the listeners operators configured (`swarmd --engine-api`). It runs in swarmd beside
// the node, starting before the node so that a manager still locked at start can be unlocked with
// `docker swarm unlock`.
import { ClusterClient, type InProcessControl } from "./backend/cluster-client.js";
import { EventHub } from "./events/event-hub.js";
import { hostFactsReader } from "./host-facts.js";
import { createEngineHandler, type EngineLog } from "./http/engine-handler.js";
import {
  type EngineApiAddress,
  type EngineApiListener,
  listenTls,
  listenUnix,
  type ServingTls,
} from "./http/listeners.js";
import type { EngineDeps, LocalNode, SwarmMembership } from "./routes/route.js";

/** Options of {@link EngineApi.start}. */
export interface EngineApiOptions {
  /** gRPC target of the node's control socket (`unix:///…/control.sock`). */
  readonly controlTarget: string;
  /** The node the front end serves. */
  readonly local: LocalNode;
  /** The node's state directory (shown as Docker's root dir). */
  readonly stateDir: string;
  /** swarm-ts's version, shown as the engine's. */
  readonly version: string;
  /** The Control handlers of a manager in this process, called directly when there is one. */
  readonly inProcess?: InProcessControl;
  readonly log?: EngineLog;
  /** Init, join and leave by the daemon (without it they answer as a node that cannot change). */
  readonly membership?: SwarmMembership;
}

/** A node's Engine API front end. */
export class EngineApi {
  private readonly listeners: EngineApiListener[] = [];

  private constructor(
    private readonly client: ClusterClient,
    private readonly events: EventHub,
    private readonly handler: ReturnType<typeof createEngineHandler>,
  ) {}

  /** Connects to the control socket (lazily, gRPC reconnects by itself) and starts following events. */
  static start(options: EngineApiOptions): EngineApi {
    const client = new ClusterClient(options.controlTarget, undefined, options.inProcess);
    const events = new EventHub(client);
    const deps: EngineDeps = {
      cluster: client,
      local: options.local,
      host: hostFactsReader({ version: options.version, stateDir: options.stateDir }),
      events,
      membership: options.membership ?? null,
    };
    events.start();
    const handler = createEngineHandler({
      deps,
      serverName: `swarm-ts/${options.version} (linux)`,
      ...(options.log ? { log: options.log } : {}),
    });
    return new EngineApi(client, events, handler);
  }

  /** Listens on one more address; a TCP address needs its TLS material. */
  async listen(address: EngineApiAddress, tls?: ServingTls): Promise<EngineApiListener> {
    let listener: EngineApiListener;
    if (address.kind === "unix") listener = await listenUnix(address.path, this.handler);
    else {
      if (!tls) throw new Error("a TCP Engine API listener needs TLS material");
      listener = await listenTls(address, this.handler, tls);
    }
    this.listeners.push(listener);
    return listener;
  }

  /** Stops every listener, the event hub and the gRPC clients. */
  async close(): Promise<void> {
    this.events.stop();
    await Promise.all(this.listeners.map((l) => l.close()));
    this.client.close();
  }
}
