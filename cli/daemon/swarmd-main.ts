// swarmd: runs one node in the foreground until SIGTERM/SIGINT. Human messages (the join commands
// after init, errors) go to stdout/stderr as text; everything the node does is logged by pino as
// one JSON line per event on stderr.
import { pino, type Logger } from "pino";
import { isGrpcStatusError, SwarmError } from "../../common/index.js";
import {
  leaveCluster,
  type MetricsServer,
  type NodeLog,
  NodeMetrics,
  readNodeState,
  serveMetrics,
  SwarmNode,
  type SwarmNodeOptions,
} from "../../node/index.js";
import { joinTokenEnv, joinTokenWarning, readJoinToken } from "./join-token-source.js";
import { EngineApiRunner } from "./engine-api-runner.js";
import { NodeHost } from "./node-host.js";
import { lockStateDir, pidFilePath, runningPid } from "./pid-lock.js";
import { swarm } from "../../proto/index.js";
import { type JoinAvailability, parseSwarmdArgs, type SwarmdArgs, swarmdUsage } from "./swarmd-args.js";

const availabilityOf: Record<JoinAvailability, swarm.v1.NodeSpec.Availability> = {
  active: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE,
  pause: swarm.v1.NodeSpec.Availability.AVAILABILITY_PAUSE,
  drain: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN,
};

/** How long a stop may take before swarmd exits anyway. */
export const stopMsMax = 15_000;

/** Runs swarmd with the given arguments; resolves with the exit code once the node has stopped. */
export async function swarmdMain(argv: readonly string[]): Promise<number> {
  let args: SwarmdArgs | "help";
  try {
    args = parseSwarmdArgs(argv, process.env);
    // Read once: tasks and helper programs swarmd starts must not inherit the join token.
    delete process.env[joinTokenEnv];
  } catch (error) {
    process.stderr.write(`swarmd: ${(error as Error).message}\n\n${swarmdUsage}`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(swarmdUsage);
    return 0;
  }
  const logger = pino({ level: args.logLevel, base: { pid: process.pid } }, pino.destination(2));
  try {
    return await runVerb(args, logger);
  } catch (error) {
    process.stderr.write(`swarmd: ${failureLine(error)}\n`);
    // A refusal is said in that one line; the stack of anything unexpected is for developers
    // (--log-level debug), not a JSON line after the message.
    if (!(error instanceof SwarmError)) logger.debug({ err: error }, "swarmd.failed");
    return 1;
  }
}

/** One line for whatever stopped swarmd: the error's own message, without grpc-js's status prefix or a stack. */
export function failureLine(error: unknown): string {
  const text = isGrpcStatusError(error) ? error.details : error instanceof Error ? error.message : String(error);
  return (
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "failed"
  );
}

async function runVerb(args: SwarmdArgs, logger: Logger): Promise<number> {
  if (args.verb === "leave") {
    const pid = await runningPid(args.stateDir);
    if (pid !== null)
      throw new SwarmError(
        "NODE_RUNNING",
        `swarmd (pid ${pid}) still runs on ${args.stateDir}; stop it (SIGTERM) before leaving`,
      );
    for (const warning of await leaveCluster(args.stateDir, { force: args.force }))
      process.stderr.write(`swarmd: warning: ${warning}\n`);
    process.stdout.write("Node left the swarm.\n");
    return 0;
  }
  const metrics = args.metricsAddr === undefined ? null : new NodeMetrics();
  const plainLog: NodeLog = (level, event, fields) => logger[level](fields, event);
  const log = metrics ? metrics.countingLog(plainLog) : plainLog;
  const options: SwarmNodeOptions = {
    stateDir: args.stateDir,
    log,
    ...(metrics ? { metrics: metrics.manager } : {}),
    ...(args.listenAddr ? { listenAddr: args.listenAddr } : {}),
    ...(args.advertiseAddr ? { advertiseAddr: args.advertiseAddr } : {}),
    ...(args.executor ? { executor: args.executor } : {}),
    ...(args.meshDatapath ? { meshDatapath: args.meshDatapath } : {}),
    ...(args.autolock ? { autolock: true } : {}),
    ...(args.hostname === undefined ? {} : { hostname: args.hostname }),
    ...(args.processAllow === undefined ? {} : { processAllow: args.processAllow }),
    ...(args.clusterNetwork ? { clusterNetwork: args.clusterNetwork } : {}),
    ...(args.dataPathPort ? { dataPathPort: args.dataPathPort } : {}),
    // A new node serves overlay networks where it can; a restarted one keeps what it was given.
    ...(args.networkAgent || args.verb === "init" || args.verb === "join"
      ? { networkAgent: args.networkAgent ?? "auto" }
      : {}),
    ...(args.networkPrefix ? { networkPrefix: args.networkPrefix } : {}),
    ...(args.wireguardGo ? { wireguardGo: args.wireguardGo } : {}),
    ...(args.labels ? { engineLabels: args.labels } : {}),
    ...(args.genericResources ? { genericResources: args.genericResources } : {}),
    ...(args.publishAddr === undefined ? {} : { publishAddr: args.publishAddr }),
    ...(args.availability ? { availability: availabilityOf[args.availability] } : {}),
  };
  const { mkdir } = await import("node:fs/promises");
  await mkdir(args.stateDir, { recursive: true, mode: 0o700 });
  const unlock = await lockStateDir(args.stateDir);
  let metricsServer: MetricsServer | null = null;
  let engineApi: EngineApiRunner | null = null;
  const host = new NodeHost({
    node: options,
    keep: [pidFilePath(args.stateDir), ...args.engineApi.flatMap((a) => (a.kind === "unix" ? [a.path] : []))],
    logger,
    events: {
      started: async (node) => {
        await engineApi?.nodeStarted(node);
      },
      left: () => engineApi?.nodeLeft(),
    },
  });
  // `swarmd run` on an empty state directory with the Engine API is a daemon in no swarm, as a
  // fresh dockerd is, until `docker swarm init` or `docker swarm join` makes its node.
  const inactive = args.verb === "run" && args.engineApi.length > 0 && (await readNodeState(args.stateDir)) === null;
  try {
    // Bound before the node starts, so a taken port fails fast; scrapes see no parts until it runs.
    if (metrics && args.metricsAddr !== undefined) {
      metricsServer = await serveMetrics(args.metricsAddr, () => metrics.scrape());
      logger.info({ addr: metricsServer.addr }, "swarmd.metrics-serving");
    }
    // Before the node too: a manager restarted locked waits in startNode for `docker swarm unlock`.
    if (args.engineApi.length > 0)
      engineApi = await EngineApiRunner.start({
        addresses: args.engineApi,
        sans: args.engineApiSans,
        stateDir: args.stateDir,
        logger,
        membership: host,
      });
    if (!inactive) await host.adopt(await startNode(args, options, logger));
  } catch (error) {
    await host.stop();
    await engineApi?.close();
    await metricsServer?.close();
    await unlock();
    throw error;
  }
  metrics?.follow(() => ({ manager: host.node?.manager ?? null, agent: host.node?.agent ?? null }));
  const node = host.node;
  if (inactive)
    process.stdout.write(
      "This node is not part of a swarm: `docker swarm init` or `docker swarm join` on its Engine API makes it one.\n",
    );
  else if (node && args.verb === "init" && args.restore)
    process.stdout.write(
      `Swarm restored from ${args.restore}: current node (${node.nodeId}) is now its only manager.\n`,
    );
  if (node && args.verb === "init") printJoinCommands(node);
  if (node && args.verb === "join") process.stdout.write(`This node joined a swarm as a ${node.state.role}.\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, "swarmd.stopping");
      setTimeout(() => process.exit(1), stopMsMax).unref();
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await engineApi?.close();
  await host.stop();
  await metricsServer?.close();
  await unlock();
  logger.flush();
  return 0;
}

async function startNode(args: SwarmdArgs, options: SwarmNodeOptions, logger: Logger): Promise<SwarmNode> {
  switch (args.verb) {
    case "init":
      if (args.restore)
        return SwarmNode.restore({
          ...options,
          backupFile: args.restore,
          ...(args.unlockKey ? { unlockKey: args.unlockKey } : {}),
        });
      return args.forceNewCluster ? SwarmNode.forceNewCluster(options) : SwarmNode.init(options);
    case "join": {
      if (!args.tokenSource) throw new SwarmError("INVALID_ARGUMENT", "token: is required");
      const exposed = joinTokenWarning(args.tokenSource);
      if (exposed) logger.warn({ problem: exposed }, "swarmd.join-token-exposed");
      const { token, warning } = await readJoinToken(args.tokenSource);
      if (warning) logger.warn({ problem: warning }, "swarmd.join-token-exposed");
      return SwarmNode.join({ ...options, token, remoteAddr: args.remoteAddr ?? "" });
    }
    case "run":
    case "leave":
      return SwarmNode.run(options);
  }
}

/** What Docker prints after `swarm init`, in our commands. */
function printJoinCommands(node: SwarmNode): void {
  const tokens = node.joinTokens();
  const addr = node.state.advertiseAddr;
  process.stdout.write(
    [
      `Swarm initialized: current node (${node.nodeId}) is now a manager.`,
      "",
      "To add a worker to this swarm, run the following command:",
      "",
      `    swarmd join --token ${tokens.worker} ${addr}`,
      "",
      "To add a manager to this swarm, run the following command:",
      "",
      `    swarmd join --token ${tokens.manager} ${addr}`,
      "",
    ].join("\n"),
  );
  const unlockKey = node.unlockKey();
  if (unlockKey) {
    process.stdout.write(
      `To unlock a swarm manager after it restarts, run \`swarmctl cluster unlock\` and provide the following key:\n\n    ${unlockKey}\n\nPlease remember to store this key in a password manager.\n`,
    );
  }
}
