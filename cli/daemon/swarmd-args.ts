// swarmd's command line: `swarmd init|join|run|leave [flags]`. swarmd is a daemon with a handful of
// flags, so node:util's parser is enough (oclif's start-up cost buys nothing here).
import { parseArgs } from "node:util";
import { defaultStateDir, InvalidArgumentError } from "../../common/index.js";
import { type EngineApiAddress, parseEngineApiAddress } from "../../engineapi/index.js";
import {
  type ExecutorChoice,
  type MeshDatapath,
  meshDatapaths,
  parseExecutorChoice,
  parseMetricsAddr,
  servingNamesFor,
} from "../../node/index.js";

/** The verbs swarmd knows. */
export const swarmdVerbs = ["init", "join", "run", "leave"] as const;

/** One of {@link swarmdVerbs}. */
export type SwarmdVerb = (typeof swarmdVerbs)[number];

/** Log levels swarmd accepts, as pino names them. */
export const logLevels = ["debug", "info", "warn", "error"] as const;

/** A parsed swarmd command line. */
export interface SwarmdArgs {
  readonly verb: SwarmdVerb;
  readonly stateDir: string;
  readonly listenAddr?: string;
  readonly advertiseAddr?: string;
  readonly executor?: ExecutorChoice;
  readonly token?: string;
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
  /** `--engine-api unix:///path|tcp://host:port` (repeatable): serve the Docker Engine API there. */
  readonly engineApi: readonly EngineApiAddress[];
  /** `--engine-api-san NAME` (repeatable): names and addresses the Engine API's TLS certificate serves. */
  readonly engineApiSans: readonly string[];
}

/** What `swarmd --help` prints. */
export const swarmdUsage = `Usage:
  swarmd init  [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor auto|docker|process] [--autolock]
  swarmd init  --force-new-cluster [--state-dir DIR]   (quorum lost for good: this manager alone, store kept)
  swarmd join  --token TOKEN [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor ...] MANAGER_ADDR
  swarmd run   [--state-dir DIR]          (restart a node that was initialised or joined; also plain \`swarmd\`)
  swarmd leave [--state-dir DIR] [--force]

Common flags: --log-level debug|info|warn|error (default info), --metrics-addr HOST:PORT,
  --mesh-datapath userspace|kernel|auto (default userspace; kernel: iptables DNAT, root only),
  --engine-api unix:///PATH | tcp://HOST:PORT (repeatable; the Docker Engine API for the docker CLI;
    TCP is always mutual TLS with the cluster CA), --engine-api-san NAME (repeatable: names and
    addresses clients dial, for the TLS certificate)
State directory default: ${defaultStateDir}
`;

/** Parses argv (without node and the script). Throws InvalidArgumentError naming the flag. */
export function parseSwarmdArgs(argv: readonly string[]): SwarmdArgs | "help" {
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
        force: { type: "boolean", default: false },
        "force-new-cluster": { type: "boolean", default: false },
        autolock: { type: "boolean", default: false },
        "log-level": { type: "string", default: "info" },
        "metrics-addr": { type: "string" },
        "mesh-datapath": { type: "string" },
        "engine-api": { type: "string", multiple: true },
        "engine-api-san": { type: "string", multiple: true },
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
  if (verb === "join") {
    if (!values.token) throw new InvalidArgumentError("token", "is required: swarmd join --token TOKEN MANAGER_ADDR");
    if (rest.length !== 1) throw new InvalidArgumentError("MANAGER_ADDR", "give exactly one manager address");
  } else if (rest.length > 0) {
    throw new InvalidArgumentError("arguments", `unexpected "${rest.join(" ")}"`);
  }
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
  return {
    verb,
    stateDir: values["state-dir"] ?? defaultStateDir,
    ...(values["listen-addr"] ? { listenAddr: values["listen-addr"] } : {}),
    ...(values["advertise-addr"] ? { advertiseAddr: values["advertise-addr"] } : {}),
    ...(values.executor ? { executor: parseExecutorChoice(values.executor) } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(rest[0] && verb === "join" ? { remoteAddr: rest[0] } : {}),
    ...(values["metrics-addr"] ? { metricsAddr: values["metrics-addr"] } : {}),
    ...(meshDatapath ? { meshDatapath } : {}),
    engineApi,
    engineApiSans,
    force: values.force,
    forceNewCluster: values["force-new-cluster"],
    autolock: values.autolock,
    logLevel,
  };
}
