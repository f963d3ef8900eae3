// A small, fast cluster for swarmctl's format and flag tests: one in-process manager on a loopback
// address and two in-process agents with the fake executor (tasks reach RUNNING at once), so
// services converge in milliseconds and tables can be pinned exactly. The first agent runs on the
// manager's node, as swarmd runs both parts of a node. Every command also runs against real swarmd
// processes with real tasks in real-cluster.test.ts (and over TCP with client certificates in
// operator-tls.test.ts); this module also holds `swarmctl()`, the runner of the built CLI both use.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "../../common/index.js";
import { Manager } from "../../manager/index.js";
import { freePort } from "../../raft/index.js";
import { Agent, FakeExecutor } from "../../worker/index.js";

/** Raft tick of the test manager: short, so commits take milliseconds. */
export const cliTickMs = 20;
/** Status flush period of the test agents. */
export const cliStatusFlushMs = 20;
/** Node id of the manager's node (it also runs the first agent). */
export const managerNodeId = "node-manager";
/** Node id of the worker-only node. */
export const workerNodeId = "node-worker";

/** A running test cluster. */
export interface CliCluster {
  /** What `--host` takes to reach the manager (host:port on loopback). */
  readonly host: string;
  /** Stops the agents and the manager and removes the state directories. */
  stop(): Promise<void>;
}

/** Starts a manager on `ip` (a 127.0.0.x address) and the two agents; resolves once both nodes are ready. */
export async function startCliCluster(ip = "127.0.0.1"): Promise<CliCluster> {
  const dir = mkdtempSync(join(tmpdir(), "swarmctl-test-"));
  const addr = `${ip}:${await freePort(ip)}`;
  const manager = await Manager.start({
    id: 1,
    nodeId: managerNodeId,
    dir: join(dir, "manager"),
    addr,
    bootstrap: new Map([[1, addr]]),
    tickMs: cliTickMs,
  });
  await waitFor("the leader", () => (manager.isLeading ? true : undefined));
  const agents: Agent[] = [];
  for (const [nodeId, hostname] of [
    [managerNodeId, "manager-host"],
    [workerNodeId, "worker-host"],
  ] as const) {
    agents.push(
      await Agent.start({
        stateDir: join(dir, nodeId),
        nodeId,
        hostname,
        managers: [addr],
        executor: new FakeExecutor(),
        statusFlushMs: cliStatusFlushMs,
        log: () => undefined,
      }),
    );
  }
  await Promise.all(agents.map((a) => a.whenConnected()));
  await waitFor("both nodes ready", () =>
    manager.store.view((tx) => tx.all("node")).filter((n) => Number(n.status?.state ?? 0) === 2).length >= 2
      ? true
      : undefined,
  );
  return {
    host: addr,
    stop: async () => {
      for (const agent of agents) await agent.stop();
      await manager.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What one swarmctl run printed and how it ended. */
export interface CliResult {
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** Exit code. */
  readonly code: number;
}

/** The built CLI, as operators run it. */
export const swarmctlPath = join(import.meta.dirname, "..", "..", "dist", "cli", "swarmctl.js");

/** Longest run of one swarmctl command in the tests. */
export const cliRunMsMax = 30_000;

/**
 * The arguments with image pinning turned off where a command would pin: the tests' images are
 * never pulled from a registry, and asking Docker Hub for their digests would leave the machine.
 * A test that passes its own choice keeps it.
 */
function offline(args: readonly string[]): readonly string[] {
  const [group, verb] = args;
  if (group === "service" && (verb === "create" || verb === "update") && !args.includes("--no-resolve-image"))
    return [group, verb, "--no-resolve-image", ...args.slice(2)];
  if (group === "stack" && verb === "deploy" && !args.some((a) => a.startsWith("--resolve-image")))
    return [group, verb, "--resolve-image", "never", ...args.slice(2)];
  return args;
}

/**
 * Runs the built swarmctl with `args` and collects its output. `--host` goes before the command, as
 * Docker's global flags do: after `service create` the same spelling is the extra-hosts flag.
 * `pin: true` leaves image pinning as the command asks, for tests whose registry is their own.
 */
export function swarmctl(
  args: readonly string[],
  options: { host?: string; input?: string; env?: NodeJS.ProcessEnv; pin?: boolean } = {},
): Promise<CliResult> {
  const host = options.host ? ["--host", options.host] : [];
  const argv = [swarmctlPath, ...host, ...(options.pin === true ? args : offline(args))];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      argv,
      { timeout: cliRunMsMax, env: { ...process.env, SWARM_HOST: "", ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/**
 * Starts one cluster for a test file (before its tests, stopped after them); returns the function
 * that runs the built swarmctl against it, and the cluster's `--host` once started.
 */
export function cliClusterForFile(test: {
  before(fn: () => Promise<void>): void;
  after: { always(fn: () => Promise<void>): void };
}): { run: (...args: string[]) => Promise<CliResult>; host: () => string } {
  let cluster: CliCluster | undefined;
  test.before(async () => {
    cluster = await startCliCluster("127.0.0.1");
  });
  test.after.always(async () => {
    await cluster?.stop();
  });
  return { run: (...args) => swarmctl(args, { host: cluster!.host }), host: () => cluster!.host };
}
