// swarmd's command line: `swarmd init|join|run|leave [flags]`. swarmd is a daemon with a handful of
// flags, so node:util's parser is enough (oclif's start-up cost buys nothing here).
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { defaultStateDir, InvalidArgumentError } from "../../common/index.js";
import { type EngineApiAddress, parseEngineApiAddress } from "../../engineapi/index.js";
import type { swarm } from "../../proto/index.js";
import {
  type ExecutorChoice,
  type MeshDatapath,
  meshDatapaths,
  type NetworkAgentChoice,
  parseExecutorChoice,
  parseNetworkAgentChoice,
  parseNetworkPrefix,
  parseMetricsAddr,
  parseProcessAllow,
  servingNamesFor,
  validateNetworkConfig,
} from "../../node/index.js";
import { parseNodeGenericResources } from "./generic-resource-flags.js";
import { type JoinTokenSource, joinTokenEnv, joinTokenSourceOf } from "./join-token-source.js";

/** The verbs swarmd knows. */
export const swarmdVerbs = ["init", "join", "run", "leave"] as const;

/** One of {@link swarmdVerbs}. */
export type SwarmdVerb = (typeof swarmdVerbs)[number];

/** Availabilities `swarmd join --availability` accepts, as `docker swarm join --availability`. */
export const joinAvailabilities = ["active", "pause", "drain"] as const;

/** One of {@link joinAvailabilities}. */
export type JoinAvailability = (typeof joinAvailabilities)[number];

/** Most `--label` flags one node may carry. */
export const engineLabelsMax = 64;

/** Longest `--label` key or value, in bytes (UTF-8). */
export const engineLabelBytesMax = 1024;

/** Log levels swarmd accepts, as pino names them. */
export const logLevels = ["debug", "info", "warn", "error"] as const;

/** A parsed swarmd command line. */
export interface SwarmdArgs {
  readonly verb: SwarmdVerb;
  readonly stateDir: string;
  readonly listenAddr?: string;
  readonly advertiseAddr?: string;
  readonly executor?: ExecutorChoice;
  /** join: where the join token comes from (see join-token-source.ts). */
  readonly tokenSource?: JoinTokenSource;
  readonly remoteAddr?: string;
  readonly force: boolean;
  /** `init --force-new-cluster`: restart a surviving manager's state dir as a one-member cluster. */
  readonly forceNewCluster: boolean;
  /** `init --autolock`: wrap managers' raft key with an unlock key, printed once. */
  readonly autolock: boolean;
  readonly logLevel: (typeof logLevels)[number];
  /** `--metrics-addr HOST:PORT`: serve Prometheus metrics at http://HOST:PORT/metrics (off by default). */
  readonly metricsAddr?: string;
  /** `--mesh-datapath userspace|kernel|auto`: the routing mesh's data path (default userspace). */
  readonly meshDatapath?: MeshDatapath;
  /** `--hostname NAME`: the node's hostname in its description (default: the machine's). */
  readonly hostname?: string;
  /** `--process-allow PROG[,PROG…]`: the only programs the process executor may run (default: any). */
  readonly processAllow?: readonly string[];
  /** `--engine-api unix:///path|tcp://host:port` (repeatable): serve the Docker Engine API there. */
  readonly engineApi: readonly EngineApiAddress[];
  /** `--engine-api-san NAME` (repeatable): names and addresses the Engine API's TLS certificate serves. */
  readonly engineApiSans: readonly string[];
  /** `init --default-addr-pool ... --default-addr-pool-mask-length N --data-path-port P`: the cluster's overlay settings. */
  readonly clusterNetwork?: swarm.v1.INetworkConfig;
  /** `join|run --data-path-port P`: this node's own VXLAN port. */
  readonly dataPathPort?: number;
  /** `--network-agent auto|off`: whether the node serves overlay networks (auto: when root). */
  readonly networkAgent?: NetworkAgentChoice;
  /** `--network-prefix P`: the network agent's kernel-name prefix, for nodes sharing a namespace. */
  readonly networkPrefix?: string;
  /** `--wireguard-go PROGRAM`: the wireguard-go program encrypted networks run on. */
  readonly wireguardGo?: string;
  /** `join --availability`: the availability the node joins with (default active). */
  readonly availability?: JoinAvailability;
  /** `init --restore FILE`: found the cluster from a backup (`swarmctl cluster backup`). */
  readonly restore?: string;
  /** `init --restore FILE --unlock-key KEY`: the unlock key an encrypted backup was taken under. */
  readonly unlockKey?: string;
  /** `init|join|run --label KEY=VALUE`: the node's engine labels (`engine.labels.KEY` in constraints). */
  readonly labels?: Readonly<Record<string, string>>;
  /** `init|join|run --node-generic-resource KIND=VALUE,…`: the node's generic resources (GPUs…). */
  readonly genericResources?: readonly swarm.v1.GenericResource.$Properties[];
  /** `--publish-addr ADDR`: the only address published ports answer on (default: every address). */
  readonly publishAddr?: string;
}

/** What `swarmd --help` prints. */
export const swarmdUsage = `Usage:
  swarmd init  [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor auto|docker|process] [--autolock]
               [--default-addr-pool CIDR[,CIDR...]] [--default-addr-pool-mask-length N] [--data-path-port PORT]
  swarmd init  --force-new-cluster [--state-dir DIR]   (quorum lost for good: this manager alone, store kept)
  swarmd init  --restore FILE [--unlock-key KEY] [--state-dir DIR] [--listen-addr ...] [--advertise-addr ...]
               (a new cluster from \`swarmctl cluster backup FILE\`)
  swarmd join  --token-file FILE | --token - | --token TOKEN [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor ...]
               [--data-path-port PORT] [--availability active|pause|drain] MANAGER_ADDR
  swarmd run   [--state-dir DIR]          (restart a node that was initialised or joined; also plain \`swarmd\`)
  swarmd run   --engine-api ADDR [--state-dir DIR]   (an empty DIR: a daemon in no swarm, as a fresh dockerd;
               \`docker swarm init\` / \`docker swarm join\` make its node, \`docker swarm leave\` erases it)
  swarmd leave [--state-dir DIR] [--force]

Common flags: --log-level debug|info|warn|error (default info), --metrics-addr HOST:PORT,
  --mesh-datapath userspace|kernel|auto (default userspace; kernel: iptables DNAT, root only),
  --hostname NAME (the node's name in \`node ls\`; kept across restarts; default: the machine's),
  --process-allow PROG[,PROG…] (the only programs process tasks may run: names looked up in PATH,
  absolute paths, * wildcards; give it on every start)
Join token: --token-file FILE (best), the environment variable ${joinTokenEnv}, or --token - (read from
  standard input); --token TOKEN works but leaves it readable by every local user for the daemon's life.
  --engine-api unix:///PATH | tcp://HOST:PORT (repeatable; the Docker Engine API for the docker CLI;
    TCP is always mutual TLS with the cluster CA), --engine-api-san NAME (repeatable: names and
    addresses clients dial, for the TLS certificate)
  --label KEY=VALUE (repeatable; the node's engine labels, for engine.labels.KEY constraints;
  kept in the state directory, and a later --label set replaces them)
  --node-generic-resource KIND=NAME|KIND=COUNT[,…] (repeatable; the node's generic resources, e.g.
  gpu=GPU-UUID1,gpu=GPU-UUID2,ssd=3, for services' --generic-resource KIND=COUNT; kept like --label)
  --publish-addr ADDR (published ports answer on this address only; default: every address)
Overlay networks: init's --default-addr-pool (default 10.0.0.0/8), --default-addr-pool-mask-length
  (default 24) and --data-path-port (default 4789) set the cluster's; join's and run's
  --data-path-port gives this node its own VXLAN port (nodes sharing a machine need distinct ones);
  --network-agent auto|off (default auto: overlay networks when swarmd runs as root; off: none, and
  tasks on overlay networks go to other nodes); --network-prefix P (1-2 letters or digits) names this
  node's bridges and chains apart from other nodes sharing its network namespace; --wireguard-go
  PROGRAM (default: wireguard-go in PATH) runs the node's tunnel for encrypted networks (without it
  the node reports it cannot encrypt, and their tasks go to other nodes)
State directory default: ${defaultStateDir}
`;

/** Longest `--hostname` (a DNS name, as Docker bounds a node's hostname). */
export const hostnameLengthMax = 253;

// Letters, digits, dots, dashes and underscores, starting with a letter or digit.
const hostnamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Parses argv (without node and the script); `env` supplies the join token's environment variable.
 * Throws InvalidArgumentError naming the flag.
 */
export function parseSwarmdArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): SwarmdArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        "state-dir": { type: "string" },
        "listen-addr": { type: "string" },
        "advertise-addr": { type: "string" },
        executor: { type: "string" },
        token: { type: "string" },
        "token-file": { type: "string" },
        hostname: { type: "string" },
        "process-allow": { type: "string", multiple: true },
        force: { type: "boolean", default: false },
        "force-new-cluster": { type: "boolean", default: false },
        autolock: { type: "boolean", default: false },
        "log-level": { type: "string", default: "info" },
        "metrics-addr": { type: "string" },
        "mesh-datapath": { type: "string" },
        "engine-api": { type: "string", multiple: true },
        "engine-api-san": { type: "string", multiple: true },
        "default-addr-pool": { type: "string", multiple: true },
        "default-addr-pool-mask-length": { type: "string" },
        "data-path-port": { type: "string" },
        "network-agent": { type: "string" },
        "network-prefix": { type: "string" },
        "wireguard-go": { type: "string" },
        availability: { type: "string" },
        restore: { type: "string" },
        "unlock-key": { type: "string" },
        label: { type: "string", multiple: true },
        "node-generic-resource": { type: "string", multiple: true },
        "publish-addr": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new InvalidArgumentError("arguments", (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [verbText = "run", ...rest] = positionals;
  const verb = swarmdVerbs.find((v) => v === verbText);
  if (!verb)
    throw new InvalidArgumentError(
      "command",
      `unknown command "${verbText}"; expected one of ${swarmdVerbs.join(", ")}`,
    );
  const logLevel = logLevels.find((l) => l === values["log-level"]);
  if (!logLevel) throw new InvalidArgumentError("log-level", `must be one of ${logLevels.join(", ")}`);
  let tokenSource: JoinTokenSource | undefined;
  if (verb === "join") {
    tokenSource = joinTokenSourceOf({ token: values.token, tokenFile: values["token-file"], env: env[joinTokenEnv] });
    if (rest.length !== 1) throw new InvalidArgumentError("MANAGER_ADDR", "give exactly one manager address");
  } else if (rest.length > 0) {
    throw new InvalidArgumentError("arguments", `unexpected "${rest.join(" ")}"`);
  } else if (values.token !== undefined || values["token-file"] !== undefined) {
    throw new InvalidArgumentError(values.token === undefined ? "token-file" : "token", "goes with join only");
  }
  const hostname = values.hostname;
  if (hostname !== undefined && (!hostnamePattern.test(hostname) || hostname.length > hostnameLengthMax))
    throw new InvalidArgumentError(
      "hostname",
      `must be 1 to ${hostnameLengthMax} letters, digits, dots, dashes or underscores, starting with a letter or digit`,
    );
  const processAllow = values["process-allow"] === undefined ? undefined : parseProcessAllow(values["process-allow"]);
  if (values["force-new-cluster"] && verb !== "init")
    throw new InvalidArgumentError("force-new-cluster", "goes with init only: swarmd init --force-new-cluster");
  // Checked here so that a typo fails before the node starts, not after.
  if (values["metrics-addr"] !== undefined) parseMetricsAddr("metrics-addr", values["metrics-addr"]);
  const meshDatapath = meshDatapaths.find((d) => d === values["mesh-datapath"]);
  if (values["mesh-datapath"] !== undefined && !meshDatapath)
    throw new InvalidArgumentError("mesh-datapath", `must be one of ${meshDatapaths.join(", ")}`);
  const engineApi = (values["engine-api"] ?? []).map((a) => parseEngineApiAddress("engine-api", a));
  const engineApiSans = values["engine-api-san"] ?? [];
  servingNamesFor(engineApiSans);
  if (engineApiSans.length > 0 && !engineApi.some((a) => a.kind === "tcp"))
    throw new InvalidArgumentError(
      "engine-api-san",
      "names a TLS certificate: it goes with --engine-api tcp://HOST:PORT",
    );
  if (values.autolock && (verb !== "init" || values["force-new-cluster"]))
    throw new InvalidArgumentError("autolock", "goes with init only (later: swarmctl cluster update --autolock)");
  const network = parseNetworkFlags(verb, values);
  if (
    verb === "leave" &&
    (values["network-agent"] !== undefined ||
      values["network-prefix"] !== undefined ||
      values["wireguard-go"] !== undefined)
  )
    throw new InvalidArgumentError("network-agent", "does not go with leave: the node's own settings are used");
  const networkAgent =
    values["network-agent"] === undefined ? undefined : parseNetworkAgentChoice(values["network-agent"]);
  const networkPrefix =
    values["network-prefix"] === undefined ? undefined : parseNetworkPrefix(values["network-prefix"]);
  const wireguardGo = values["wireguard-go"];
  if (wireguardGo === "") throw new InvalidArgumentError("wireguard-go", "give the wireguard-go program");
  const availability = joinAvailabilities.find((a) => a === values.availability);
  if (values.availability !== undefined && !availability)
    throw new InvalidArgumentError("availability", `must be one of ${joinAvailabilities.join(", ")}`);
  if (availability && verb !== "join")
    throw new InvalidArgumentError("availability", "goes with join only (later: swarmctl node update --availability)");
  if (values.restore !== undefined && (verb !== "init" || values["force-new-cluster"] || values.autolock))
    throw new InvalidArgumentError(
      "restore",
      "goes with init only, without --force-new-cluster or --autolock (the backup says whether autolock is on)",
    );
  if (values.restore === "") throw new InvalidArgumentError("restore", "give the backup file");
  if (values["unlock-key"] !== undefined && values.restore === undefined)
    throw new InvalidArgumentError(
      "unlock-key",
      "goes with --restore only (a locked manager: swarmctl cluster unlock)",
    );
  if (values.restore !== undefined && network.clusterNetwork)
    throw new InvalidArgumentError("restore", "the overlay settings come from the backup; drop the pool flags");
  const labels = values.label === undefined ? undefined : parseEngineLabels(values.label);
  if (labels && verb === "leave") throw new InvalidArgumentError("label", "does not go with leave");
  const genericTexts = values["node-generic-resource"];
  const genericResources = genericTexts === undefined ? undefined : parseNodeGenericResources(genericTexts);
  if (genericResources && verb === "leave")
    throw new InvalidArgumentError("node-generic-resource", "does not go with leave");
  const publishAddr = values["publish-addr"];
  if (publishAddr !== undefined && !isIP(publishAddr))
    throw new InvalidArgumentError("publish-addr", `"${publishAddr}" is not an IP address`);
  return {
    verb,
    stateDir: values["state-dir"] ?? defaultStateDir,
    ...(values["listen-addr"] ? { listenAddr: values["listen-addr"] } : {}),
    ...(values["advertise-addr"] ? { advertiseAddr: values["advertise-addr"] } : {}),
    ...(values.executor ? { executor: parseExecutorChoice(values.executor) } : {}),
    ...(tokenSource ? { tokenSource } : {}),
    ...(hostname !== undefined ? { hostname } : {}),
    ...(processAllow !== undefined ? { processAllow } : {}),
    ...(rest[0] && verb === "join" ? { remoteAddr: rest[0] } : {}),
    ...(values["metrics-addr"] ? { metricsAddr: values["metrics-addr"] } : {}),
    ...(meshDatapath ? { meshDatapath } : {}),
    engineApi,
    engineApiSans,
    ...network,
    ...(networkAgent ? { networkAgent } : {}),
    ...(networkPrefix ? { networkPrefix } : {}),
    ...(wireguardGo ? { wireguardGo } : {}),
    ...(availability ? { availability } : {}),
    ...(values.restore ? { restore: values.restore } : {}),
    ...(values["unlock-key"] ? { unlockKey: values["unlock-key"] } : {}),
    ...(labels ? { labels } : {}),
    ...(genericResources ? { genericResources } : {}),
    ...(publishAddr !== undefined ? { publishAddr } : {}),
    force: values.force,
    forceNewCluster: values["force-new-cluster"],
    autolock: values.autolock,
    logLevel,
  };
}

/**
 * The `--label KEY=VALUE` flags as a map (KEY alone means an empty value, as dockerd's); a key
 * given twice keeps its last value. Bounded, since the labels travel in every node description.
 */
export function parseEngineLabels(texts: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const text of texts) {
    const at = text.indexOf("=");
    const key = (at === -1 ? text : text.slice(0, at)).trim();
    const value = at === -1 ? "" : text.slice(at + 1);
    if (!key) throw new InvalidArgumentError("label", `"${text}" has no key; give KEY=VALUE`);
    if (Buffer.byteLength(key) > engineLabelBytesMax || Buffer.byteLength(value) > engineLabelBytesMax)
      throw new InvalidArgumentError("label", `"${key}": keys and values are at most ${engineLabelBytesMax} bytes`);
    labels[key] = value;
  }
  if (Object.keys(labels).length > engineLabelsMax)
    throw new InvalidArgumentError("label", `at most ${engineLabelsMax} labels`);
  return labels;
}

/** A whole number from a flag, or an error naming it. */
function flagNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(flag, `must be a whole number, got "${text}"`);
  return Number(text);
}

/**
 * The overlay flags: on init they are the cluster's settings (as \`docker swarm init\`'s); on join
 * and run only --data-path-port is taken, as this node's own port.
 */
function parseNetworkFlags(
  verb: SwarmdVerb,
  values: {
    "default-addr-pool"?: string[] | undefined;
    "default-addr-pool-mask-length"?: string | undefined;
    "data-path-port"?: string | undefined;
    "force-new-cluster"?: boolean | undefined;
  },
): { clusterNetwork?: swarm.v1.INetworkConfig; dataPathPort?: number } {
  const pools = (values["default-addr-pool"] ?? []).flatMap((p) => p.split(",")).map((p) => p.trim());
  const mask = values["default-addr-pool-mask-length"];
  const portText = values["data-path-port"];
  const port = portText === undefined ? undefined : flagNumber("data-path-port", portText);
  const init = verb === "init" && !values["force-new-cluster"];
  if (!init && pools.length > 0)
    throw new InvalidArgumentError("default-addr-pool", "goes with init only: the pools are the cluster's");
  if (!init && mask !== undefined)
    throw new InvalidArgumentError(
      "default-addr-pool-mask-length",
      "goes with init only: the mask length is the cluster's",
    );
  if (verb === "leave" && port !== undefined)
    throw new InvalidArgumentError("data-path-port", "does not go with leave");
  const config: swarm.v1.INetworkConfig = {
    ...(pools.length > 0 ? { defaultAddrPools: pools } : {}),
    ...(mask === undefined ? {} : { subnetSize: flagNumber("default-addr-pool-mask-length", mask) }),
    ...(port === undefined ? {} : { dataPathPort: port }),
  };
  // The cluster's own checks, with the flags' names in the errors.
  const flagOf: Record<string, string> = {
    defaultAddrPools: "default-addr-pool",
    subnetSize: "default-addr-pool-mask-length",
    dataPathPort: "data-path-port",
  };
  try {
    validateNetworkConfig("network", config);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    const key = /^network\.(\w+)/.exec(error.field)?.[1] ?? "";
    throw new InvalidArgumentError(flagOf[key] ?? error.field, error.message.slice(error.field.length + 2));
  }
  if (init) return Object.keys(config).length > 0 ? { clusterNetwork: config } : {};
  return port === undefined ? {} : { dataPathPort: port };
}
