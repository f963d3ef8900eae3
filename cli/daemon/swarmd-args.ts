// swarmd's command line: `swarmd init|join|run|leave [flags]`. swarmd is a daemon with a handful of
// flags, so node:util's parser is enough (oclif's start-up cost buys nothing here).
import { parseArgs } from "node:util";
import { defaultStateDir, InvalidArgumentError } from "../../common/index.js";
import {
  type ExecutorChoice,
  type MeshDatapath,
  meshDatapaths,
  parseExecutorChoice,
  parseMetricsAddr,
  parseProcessAllow,
} from "../../node/index.js";
import { type JoinTokenSource, joinTokenEnv, joinTokenSourceOf } from "./join-token-source.js";

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
}

/** What `swarmd --help` prints. */
export const swarmdUsage = `Usage:
  swarmd init  [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor auto|docker|process] [--autolock]
  swarmd init  --force-new-cluster [--state-dir DIR]   (quorum lost for good: this manager alone, store kept)
  swarmd join  --token-file FILE | --token - | --token TOKEN [--state-dir DIR] [--listen-addr HOST[:PORT]] [--advertise-addr HOST[:PORT]] [--executor ...] MANAGER_ADDR
  swarmd run   [--state-dir DIR]          (restart a node that was initialised or joined; also plain \`swarmd\`)
  swarmd leave [--state-dir DIR] [--force]

Common flags: --log-level debug|info|warn|error (default info), --metrics-addr HOST:PORT,
  --mesh-datapath userspace|kernel|auto (default userspace; kernel: iptables DNAT, root only),
  --hostname NAME (the node's name in \`node ls\`; kept across restarts; default: the machine's),
  --process-allow PROG[,PROG…] (the only programs process tasks may run: names looked up in PATH,
  absolute paths, * wildcards; give it on every start)
Join token: --token-file FILE (best), the environment variable ${joinTokenEnv}, or --token - (read from
  standard input); --token TOKEN works but leaves it readable by every local user for the daemon's life.
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
  if (values.autolock && (verb !== "init" || values["force-new-cluster"]))
    throw new InvalidArgumentError("autolock", "goes with init only (later: swarmctl cluster update --autolock)");
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
    force: values.force,
    forceNewCluster: values["force-new-cluster"],
    autolock: values.autolock,
    logLevel,
  };
}
