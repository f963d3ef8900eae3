// On a Docker executor node the bridge of each overlay network is a Docker bridge network, so
// containers can join it by name with an address the cluster chose: `docker network create -d
// bridge` with the overlay's subnet, this node's own address as gateway, the overlay's MTU and our
// bridge name, labelled as ours. The agent then treats Docker's bridge as its own (MAC, VIPs, the
// VXLAN port). Docker refuses overlapping subnets on one engine, so only one node per dockerd can
// hold a given overlay.
import type Docker from "dockerode";
import { engineMessage, engineStatus, ignoreStatus } from "../executor/docker/engine.js";
import { NetworkCommandError } from "./command-runner.js";

/** Label marking a Docker network as an overlay's bridge on one node; its value names the node. */
export const dockerNetworkOwnerLabel = "io.swarm-ts.network.owner";

/** Label naming the overlay network a Docker network stands for. */
export const dockerNetworkIdLabel = "io.swarm-ts.network.id";

/** What one overlay's Docker network must look like. */
export interface DockerBridgeSpec {
  /** The overlay's id. */
  readonly networkId: string;
  /** The Docker network's name, which is also its bridge's name. */
  readonly bridge: string;
  /** The subnet. */
  readonly subnet: string;
  /** This node's address on the overlay (the gateway Docker puts on the bridge). */
  readonly gateway: string;
  /** The MTU. */
  readonly mtu: number;
  /** No egress. */
  readonly internal: boolean;
}

/** The Docker networks of one node's overlays. */
export class DockerBridges {
  constructor(
    private readonly docker: Docker,
    /** Names this node in the owner label, so nodes sharing an engine never remove each other's networks. */
    private readonly owner: string,
  ) {}

  /** Makes the Docker network of `spec` exist with its subnet and gateway (made again when they differ). */
  async ensure(spec: DockerBridgeSpec): Promise<void> {
    const existing = await this.inspect(spec.bridge);
    if (existing !== undefined) {
      const config = existing.IPAM?.Config?.[0];
      if (config?.Subnet === spec.subnet && config.Gateway === spec.gateway) return;
      await this.remove(spec.bridge);
    }
    try {
      await this.docker.createNetwork({
        Name: spec.bridge,
        Driver: "bridge",
        CheckDuplicate: true,
        Internal: spec.internal,
        // The range holds only the gateway: every container address comes from the cluster, and
        // Docker must never pick one itself that the cluster gives to a task on another node.
        IPAM: {
          Driver: "default",
          Config: [{ Subnet: spec.subnet, Gateway: spec.gateway, IPRange: `${spec.gateway}/32` }],
        },
        Options: {
          "com.docker.network.bridge.name": spec.bridge,
          "com.docker.network.driver.mtu": String(spec.mtu),
        },
        Labels: { [dockerNetworkOwnerLabel]: this.owner, [dockerNetworkIdLabel]: spec.networkId },
      });
    } catch (error) {
      // 409: made meanwhile (a second pass racing this one), which is what we wanted.
      if (engineStatus(error) === 409) return;
      throw new NetworkCommandError(`docker network create ${spec.bridge}`, engineMessage(error), { cause: error });
    }
  }

  /** Names of this node's Docker networks. */
  async list(): Promise<string[]> {
    const networks = await this.docker.listNetworks({
      filters: { label: [`${dockerNetworkOwnerLabel}=${this.owner}`] },
    });
    return networks.map((n) => n.Name).sort();
  }

  /** Removes one (gone already is fine); fails while containers are still connected. */
  async remove(name: string): Promise<void> {
    try {
      await ignoreStatus([404], () => this.docker.getNetwork(name).remove());
    } catch (error) {
      throw new NetworkCommandError(`docker network rm ${name}`, engineMessage(error), { cause: error });
    }
  }

  /** Connects a created container to a network with its cluster address, before it starts. */
  async connect(name: string, containerId: string, addr: string): Promise<void> {
    try {
      await this.docker
        .getNetwork(name)
        .connect({ Container: containerId, EndpointConfig: { IPAMConfig: { IPv4Address: addr } } });
    } catch (error) {
      // 403: "already connected" on a replayed prepare.
      const message = engineMessage(error);
      if (engineStatus(error) === 403 && /already/.test(message)) return;
      throw new NetworkCommandError(`docker network connect ${name}`, message, { cause: error });
    }
  }

  private async inspect(name: string): Promise<Docker.NetworkInspectInfo | undefined> {
    try {
      return await this.docker.getNetwork(name).inspect();
    } catch (error) {
      if (engineStatus(error) === 404) return undefined;
      throw error;
    }
  }
}
