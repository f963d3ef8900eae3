// Whether a node runs a network agent (overlay networks, service VIPs and DNS for its tasks), and
// building it. `auto` runs one where it can work: swarmd as root, since it makes bridges, VXLAN
// devices, netfilter rules and task namespaces. Local test clusters share one network namespace
// between their nodes, so each node names its kernel objects with a short prefix of its own.
import { join } from "node:path";
import Docker from "dockerode";
import { InvalidArgumentError } from "../common/index.js";
import { engineSocketPath, NetworkAgent, tunnelInterfaceName, WireGuardTunnel } from "../worker/index.js";

/** The `--network-agent` values. */
export const networkAgentChoices = ["auto", "off"] as const;

/** One of {@link networkAgentChoices}. */
export type NetworkAgentChoice = (typeof networkAgentChoices)[number];

/** Parses a `--network-agent` value. */
export function parseNetworkAgentChoice(value: string): NetworkAgentChoice {
  const choice = networkAgentChoices.find((c) => c === value);
  if (!choice) throw new InvalidArgumentError("network-agent", `must be one of ${networkAgentChoices.join(", ")}`);
  return choice;
}

/** A node prefix: what KernelNames accepts (two lowercase letters or digits at most). */
const networkPrefixPattern = /^[a-z0-9]{1,2}$/;

/** Checks a `--network-prefix` value. */
export function parseNetworkPrefix(value: string): string {
  if (!networkPrefixPattern.test(value))
    throw new InvalidArgumentError("network-prefix", `must be 1 or 2 lowercase letters or digits, got "${value}"`);
  return value;
}

/** Where a node keeps its WireGuard private key: its worker state, never sent anywhere. */
export function wireguardKeyFile(stateDir: string): string {
  return join(stateDir, "worker", "wireguard.key");
}

/** What building a node's network agent needs. */
export interface NetworkAgentSetup {
  readonly choice: NetworkAgentChoice;
  /** Kernel-name prefix; "" on a node alone in its namespace. */
  readonly prefix: string;
  /** The node's advertise host: the local end of its VXLAN tunnels. */
  readonly host: string;
  /** The address published ports answer on ("0.0.0.0": every address of the node). */
  readonly publishAddr: string;
  /** The node's own data-path port, when it has one (else the cluster's, from the view). */
  readonly dataPathPort?: number;
  /** The node runs its tasks on the Docker Engine (overlay bridges become Docker networks). */
  readonly docker: boolean;
  /** The node's id, naming it in its Docker networks' owner label. */
  readonly nodeId: string;
  /** File of the node's WireGuard private key (encrypted networks), in its state directory. */
  readonly wireguardKeyFile: string;
  /** The wireguard-go program (`swarmd --wireguard-go`); `wireguard-go` in PATH by default. */
  readonly wireguardGo?: string;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

/** Why a node runs no network agent, or undefined when it can run one. */
export function networkAgentUnavailable(choice: NetworkAgentChoice): string | undefined {
  if (choice === "off") return "swarmd runs with --network-agent off";
  if (process.getuid?.() !== 0) return "overlay networks need swarmd to run as root";
  return undefined;
}

/** Builds the node's network agent, or undefined where it cannot run (see {@link networkAgentUnavailable}). */
export function createNetworkAgent(setup: NetworkAgentSetup): NetworkAgent | undefined {
  const why = networkAgentUnavailable(setup.choice);
  if (why !== undefined) {
    setup.log("network.agent-off", { reason: why });
    return undefined;
  }
  return new NetworkAgent({
    underlayAddr: setup.host,
    publishAddr: setup.publishAddr,
    prefix: setup.prefix,
    ...(setup.dataPathPort ? { dataPathPort: setup.dataPathPort } : {}),
    ...(setup.docker ? { docker: new Docker({ socketPath: engineSocketPath() }), owner: setup.nodeId } : {}),
    // One tunnel per node for all its encrypted networks; without wireguard-go it says why, and
    // the node reports it cannot encrypt.
    tunnel: new WireGuardTunnel({
      name: `${setup.prefix}${tunnelInterfaceName}`,
      keyFile: setup.wireguardKeyFile,
      ...(setup.wireguardGo ? { wireguardGo: setup.wireguardGo } : {}),
      log: setup.log,
    }),
    log: setup.log,
  });
}
