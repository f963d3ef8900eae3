// The node a swarmd runs, when the Engine API may change it: a swarmd started on an empty state
// directory with `--engine-api` runs without a swarm, as a fresh dockerd does, until `docker swarm
// init` or `docker swarm join` makes its node; `docker swarm leave` stops the node, takes it out of
// its cluster and erases its state, and the daemon runs on without a swarm. One change at a time:
// a second init racing the first finds the node made and is refused.
import { basename, dirname, resolve } from "node:path";
import type { Logger } from "pino";
import type { SwarmInitRequest, SwarmJoinRequest, SwarmMembership } from "../../engineapi/index.js";
import { leaveCluster, SwarmNode, type SwarmNodeOptions } from "../../node/index.js";
import { swarm } from "../../proto/index.js";

/** A node's availability by Docker's name. */
const availabilityOf = {
  active: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE,
  pause: swarm.v1.NodeSpec.Availability.AVAILABILITY_PAUSE,
  drain: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN,
} as const;

/**
 * The listen address the docker CLI sends when its operator gave none (its flag's default). A
 * swarmd started with its own --listen-addr keeps that one then: the daemon's flag is the
 * operator's choice, the CLI's default is not.
 */
export const dockerListenAddrDefault = "0.0.0.0:2377";

/** What the host tells the rest of the daemon (the Engine API's listeners, metrics). */
export interface NodeHostEvents {
  /** A node started (after init, join, or at the daemon's start). */
  started(node: SwarmNode): Promise<void>;
  /** The node stopped and left; the daemon has no swarm now. */
  left(): void;
}

/** Options of {@link NodeHost}. */
export interface NodeHostOptions {
  /** The daemon's node options (state dir, executor, listen address…); requests override the addresses. */
  readonly node: SwarmNodeOptions;
  /** Paths inside the state directory that outlive a leave: the pid file, the Engine API's sockets. */
  readonly keep: readonly string[];
  readonly logger: Logger;
  readonly events: NodeHostEvents;
}

/** The daemon's current node, and the Engine API's init, join and leave. */
export class NodeHost implements SwarmMembership {
  private current: SwarmNode | null = null;
  /** The change in progress: init, join and leave run one after the other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NodeHostOptions) {}

  /** The running node, if any. */
  get node(): SwarmNode | null {
    return this.current;
  }

  /** Adopts a node the daemon started itself (`swarmd init`, `join`, `run`). */
  async adopt(node: SwarmNode): Promise<void> {
    this.current = node;
    await this.options.events.started(node);
  }

  /** Makes the node the first manager of a new cluster. */
  init(request: SwarmInitRequest): Promise<string> {
    return this.serialize(async () => {
      const clusterNetwork: swarm.v1.INetworkConfig = {
        ...(request.defaultAddrPools.length > 0 ? { defaultAddrPools: [...request.defaultAddrPools] } : {}),
        ...(request.subnetSize > 0 ? { subnetSize: request.subnetSize } : {}),
        ...(request.dataPathPort > 0 ? { dataPathPort: request.dataPathPort } : {}),
      };
      const node = await SwarmNode.init({
        ...this.addressOptions(request),
        ...(Object.keys(clusterNetwork).length > 0 ? { clusterNetwork } : {}),
        ...(request.dataPathPort > 0 ? { dataPathPort: request.dataPathPort } : {}),
        ...(request.autolock ? { autolock: true } : {}),
      });
      await this.started(node);
      return node.nodeId;
    });
  }

  /** Joins a cluster through the first manager that answers. */
  join(request: SwarmJoinRequest): Promise<void> {
    return this.serialize(async () => {
      let lastError: unknown = null;
      for (const remoteAddr of request.remoteAddrs) {
        try {
          const node = await SwarmNode.join({ ...this.addressOptions(request), token: request.joinToken, remoteAddr });
          await this.started(node);
          return;
        } catch (error) {
          lastError = error;
          this.options.logger.warn({ remoteAddr, error: String(error) }, "swarmd.join-failed");
        }
      }
      throw lastError;
    });
  }

  /** Stops the node, leaves its cluster and erases its state; the daemon stays. */
  leave(force: boolean): Promise<void> {
    return this.serialize(async () => {
      const node = this.current;
      if (!node) return;
      await node.stop();
      this.current = null;
      const stateDir = resolve(this.options.node.stateDir);
      const keep = this.options.keep
        .filter((path) => dirname(resolve(path)) === stateDir)
        .map((path) => basename(path));
      for (const warning of await leaveCluster(this.options.node.stateDir, { force, keep }))
        this.options.logger.warn({ problem: warning }, "swarmd.leave-warning");
      this.options.events.left();
      this.options.logger.info({}, "swarmd.left");
    });
  }

  /** Stops the node, if one runs (the daemon is stopping). */
  async stop(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.current?.stop();
  }

  private async started(node: SwarmNode): Promise<void> {
    this.current = node;
    try {
      await this.options.events.started(node);
    } catch (error) {
      await node.stop();
      this.current = null;
      throw error;
    }
  }

  /** The daemon's options with the request's addresses and availability laid over them. */
  private addressOptions(request: SwarmInitRequest | SwarmJoinRequest): SwarmNodeOptions {
    return {
      ...this.options.node,
      ...(request.listenAddr &&
      !(request.listenAddr === dockerListenAddrDefault && this.options.node.listenAddr !== undefined)
        ? { listenAddr: request.listenAddr }
        : {}),
      ...(request.advertiseAddr ? { advertiseAddr: request.advertiseAddr } : {}),
      ...(request.availability ? { availability: availabilityOf[request.availability] } : {}),
      // A node made through the API serves overlay networks where it can, as `swarmd init` does.
      networkAgent: this.options.node.networkAgent ?? "auto",
    };
  }

  private serialize<T>(change: () => Promise<T>): Promise<T> {
    const run = this.queue.then(change, change);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
