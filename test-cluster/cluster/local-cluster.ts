// A local cluster of real swarmd processes: each node on its own loopback address (127.0.0.2,
// 127.0.0.3, …) with its own state directory and log file, joined with the real join tokens. Tests
// start one attached (the processes die with the test); `npm run cluster -- up` starts one detached
// and records it in `<baseDir>/cluster.json`, so `status` and `down` find it again.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, constants, existsSync, openSync, readFileSync } from "node:fs";
import { access, mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { controlSocketPath, SwarmError, unixTarget } from "../../common/index.js";
import { ControlClient, swarm } from "../../proto/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The swarmd the cluster runs: always the built one (`npm run build`), also when this file runs
 * from source under tsx, because a node's start-up time should be the product's, not tsx's.
 */
export const swarmdScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "..", "cli", "swarmd.js")
  : join(here, "..", "..", "dist", "cli", "swarmd.js");

/** Port every node's manager part listens on (each node has its own address). */
export const clusterPort = 4242;

/** How long `up` waits for every node to be READY (a manager joining takes 20 s and more on a loaded 2-core machine). */
export const clusterUpMsMax = 120_000;

/** One node of the cluster. */
export interface ClusterNode {
  /** "manager-1", "worker-2", … */
  readonly name: string;
  readonly role: "manager" | "worker";
  /** Loopback address. */
  readonly ip: string;
  /** host:port of its manager part (managers) or the address it advertises. */
  readonly addr: string;
  readonly stateDir: string;
  readonly logFile: string;
  /** Process id of its swarmd. */
  pid: number;
  /**
   * Its own cgroup (v2, path under the cgroup2 root) holding swarmd and its tasks, so faults can
   * match its packets (`iptables -m cgroup`); absent where cgroup2 is not writable.
   */
  cgroup?: string;
}

/** Options of {@link LocalCluster.up}. */
export interface LocalClusterOptions {
  /** Directory holding every node's state dir and log. */
  readonly baseDir: string;
  readonly managers: number;
  readonly workers: number;
  /** `--executor` of every node. */
  readonly executor?: "auto" | "docker" | "process";
  /** Last byte of the first node's address (127.0.0.N); the others follow. Default 2. */
  readonly firstIp?: number;
  /** First three octets of the nodes' addresses, e.g. a claimed loopback block's prefix. Default "127.0.0". */
  readonly ipPrefix?: string;
  /** Extra swarmd flags of one node's first start (`init` or `join`), e.g. its own `--data-path-port`. */
  readonly startArgs?: (node: ClusterNode, verb: "init" | "join") => readonly string[];
  /** Processes outlive this one (the `cluster up` command) instead of dying with it (tests). */
  readonly detached?: boolean;
  /** swarmd's `--log-level`. */
  readonly logLevel?: string;
  /** Extra environment of every swarmd. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra swarmd flags of every node, on every start (e.g. `--mesh-datapath kernel`). */
  readonly nodeArgs?: readonly string[];
  /** Runs before a node's first start, e.g. to mount a small file system on its state dir. */
  readonly prepareNode?: (node: ClusterNode) => Promise<void>;
}

/** What cluster.json records. */
interface ClusterFile {
  readonly nodes: ClusterNode[];
}

/** A local cluster. */
export class LocalCluster {
  private constructor(
    /** Directory of the cluster. */
    readonly baseDir: string,
    /** Its nodes, managers first. */
    readonly nodes: ClusterNode[],
    private readonly options: Pick<LocalClusterOptions, "detached" | "logLevel" | "env" | "executor" | "nodeArgs">,
  ) {}

  /** Starts the first manager with `swarmd init`, then joins the others with their tokens. */
  static async up(options: LocalClusterOptions): Promise<LocalCluster> {
    if (options.managers < 1) throw new SwarmError("INVALID_ARGUMENT", "a cluster needs at least one manager");
    await mkdir(options.baseDir, { recursive: true });
    const first = options.firstIp ?? 2;
    const nodes: ClusterNode[] = [];
    for (let i = 0; i < options.managers + options.workers; i++) {
      const role = i < options.managers ? "manager" : "worker";
      const name = `${role}-${role === "manager" ? i + 1 : i - options.managers + 1}`;
      const ip = `${options.ipPrefix ?? "127.0.0"}.${first + i}`;
      nodes.push({
        name,
        role,
        ip,
        addr: `${ip}:${clusterPort}`,
        stateDir: join(options.baseDir, name),
        logFile: join(options.baseDir, `${name}.log`),
        pid: 0,
      });
    }
    const cluster = new LocalCluster(options.baseDir, nodes, options);
    try {
      const root = await cgroupRoot();
      for (const node of nodes) {
        const cgroup = root ? await makeCgroup(root, `${basename(options.baseDir)}-${node.name}`) : undefined;
        if (cgroup) node.cgroup = cgroup;
        await options.prepareNode?.(node);
      }
      const leader = nodes[0]!;
      await rm(leader.logFile, { force: true });
      cluster.spawnNode(leader, ["init", "--listen-addr", leader.addr, ...(options.startArgs?.(leader, "init") ?? [])]);
      const tokens = await joinTokensFrom(cluster, leader);
      for (const node of nodes.slice(1)) {
        const token = node.role === "manager" ? tokens.manager : tokens.worker;
        const extra = options.startArgs?.(node, "join") ?? [];
        cluster.spawnNode(node, ["join", "--token", token, "--listen-addr", node.addr, ...extra, leader.addr]);
        // Managers join one at a time: each must be a member before the next changes the group.
        if (node.role === "manager") await cluster.waitReady(nodes.indexOf(node) + 1);
      }
      await cluster.waitReady(nodes.length);
      await cluster.save();
      return cluster;
    } catch (error) {
      await cluster.down();
      throw error;
    }
  }

  /** The cluster recorded in `baseDir`, or null. */
  static async load(baseDir: string): Promise<LocalCluster | null> {
    try {
      const file = JSON.parse(await readFile(join(baseDir, "cluster.json"), "utf8")) as ClusterFile;
      return new LocalCluster(baseDir, file.nodes, { detached: true });
    } catch {
      return null;
    }
  }

  /** gRPC target of the first manager's control socket. */
  get controlTarget(): string {
    return unixTarget(controlSocketPath(this.nodes[0]!.stateDir));
  }

  /** The worker and manager join tokens the first manager printed at init. */
  joinTokens(): Promise<{ worker: string; manager: string }> {
    return joinTokensFrom(this, this.nodes[0]!);
  }

  /** Whether a node's swarmd process is alive. */
  isRunning(node: ClusterNode): boolean {
    if (!node.pid) return false;
    try {
      process.kill(node.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a signal to a node's swarmd (SIGKILL to crash it, SIGSTOP/SIGCONT to pause it). */
  signal(node: ClusterNode, signal: NodeJS.Signals): void {
    if (this.isRunning(node)) process.kill(node.pid, signal);
  }

  /** Stops a node cleanly (SIGTERM) and waits for its process to end. */
  async stopNode(node: ClusterNode, timeoutMs = 20_000): Promise<void> {
    this.signal(node, "SIGTERM");
    const end = Date.now() + timeoutMs;
    while (this.isRunning(node) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    this.signal(node, "SIGKILL");
  }

  /**
   * Starts a stopped node again on its state directory: `swarmd run` unless `args` names another
   * start (e.g. `["init", "--force-new-cluster"]`).
   */
  async restartNode(node: ClusterNode, args: readonly string[] = ["run"]): Promise<void> {
    this.spawnNode(node, [...args]);
    await this.save();
  }

  /**
   * Stops every node (workers first) and forgets the cluster. Stopped nodes leave their tasks
   * running, as swarmd does; `purge` then makes each node leave (`swarmd leave --force`), which
   * removes its tasks and its state directory.
   */
  async down(options: { purge?: boolean } = {}): Promise<void> {
    for (const node of [...this.nodes].reverse()) await this.stopNode(node);
    if (options.purge) {
      for (const node of this.nodes) {
        spawnSync(process.execPath, [swarmdScript, "leave", "--force", "--state-dir", node.stateDir], {
          stdio: "ignore",
        });
      }
    }
    await rm(join(this.baseDir, "cluster.json"), { force: true });
    // A cgroup that still holds processes (tasks of a kept node) stays; an empty one goes. Purged,
    // whatever a crashed node left behind in its cgroup is killed first.
    const root = await cgroupRoot();
    for (const node of this.nodes) {
      if (!root || !node.cgroup) continue;
      if (options.purge) await writeFile(join(root, node.cgroup, "cgroup.kill"), "1").catch(() => undefined);
      await rmdir(join(root, node.cgroup)).catch(() => undefined);
    }
  }

  /** Nodes as the managers see them. */
  async listNodes(): Promise<swarm.v1.INode[]> {
    const client = new ControlClient(this.controlTarget, grpc.credentials.createInsecure());
    try {
      return await new Promise((resolve, reject) =>
        client.listNodes({}, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (err, res) =>
          err ? reject(err) : resolve(res!.nodes),
        ),
      );
    } finally {
      client.close();
    }
  }

  /** Waits until `count` nodes are READY. */
  async waitReady(count: number, timeoutMs = clusterUpMsMax): Promise<void> {
    const end = Date.now() + timeoutMs;
    let last = "no answer";
    for (;;) {
      try {
        const nodes = await this.listNodes();
        const ready = nodes.filter(
          (n) => Number(n.status?.state) === Number(swarm.v1.NodeStatus.State.STATE_READY),
        ).length;
        if (ready >= count) return;
        last = `${ready} of ${count} nodes ready`;
      } catch (error) {
        last = String((error as Error).message);
      }
      for (const node of this.nodes) {
        if (node.pid && !this.isRunning(node))
          throw new SwarmError(
            "NODE_EXITED",
            `${node.name}'s swarmd exited; see ${node.logFile}; it ended with:\n${logTail(node.logFile)}`,
          );
      }
      if (Date.now() > end)
        throw new SwarmError("CLUSTER_NOT_READY", `cluster not ready after ${timeoutMs} ms: ${last}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private spawnNode(node: ClusterNode, args: string[]): void {
    // Both streams go to the node's log file: a detached swarmd must not write into a pipe whose
    // reader (the `cluster up` command) has exited.
    const log = openSync(node.logFile, "a");
    const argv = [
      process.execPath,
      swarmdScript,
      ...args,
      "--state-dir",
      node.stateDir,
      "--executor",
      this.options.executor ?? "auto",
      "--log-level",
      this.options.logLevel ?? "info",
      // Nodes in the host's own namespace never make bridges, VXLAN devices or rules there.
      "--network-agent",
      "off",
      ...(this.options.nodeArgs ?? []),
    ];
    // The shell joins the node's cgroup and becomes swarmd (same pid), so every socket swarmd
    // opens belongs to that cgroup from the start.
    const [command, ...rest] = node.cgroup
      ? ["/bin/sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', join(cgroupRootSync, node.cgroup), ...argv]
      : argv;
    const child = spawn(command!, rest, {
      stdio: ["ignore", log, log],
      detached: this.options.detached ?? false,
      env: { ...process.env, ...this.options.env },
    });
    closeSync(log);
    node.pid = child.pid ?? 0;
    if (this.options.detached) child.unref();
  }

  private async save(): Promise<void> {
    const file: ClusterFile = { nodes: this.nodes };
    await writeFile(join(this.baseDir, "cluster.json"), `${JSON.stringify(file, null, 2)}\n`);
  }
}

/** Parent of the nodes' cgroups, under the cgroup2 root. */
export const cgroupParent = "swarm-test";

/** Where cgroup2 is mounted on this machine (unified or pure v2 layouts). */
export const cgroupRootSync = existsSync("/sys/fs/cgroup/unified/cgroup.procs")
  ? "/sys/fs/cgroup/unified"
  : "/sys/fs/cgroup";

/** The cgroup2 root if this process may create cgroups there (root), else null. */
async function cgroupRoot(): Promise<string | null> {
  try {
    await access(join(cgroupRootSync, "cgroup.procs"), constants.W_OK);
    await access(join(cgroupRootSync, "cgroup.subtree_control"));
    return cgroupRootSync;
  } catch {
    return null;
  }
}

/** Creates (or reuses) a node's cgroup; returns its path under the root. */
async function makeCgroup(root: string, name: string): Promise<string | undefined> {
  const path = join(cgroupParent, name);
  try {
    await mkdir(join(root, path), { recursive: true });
    return path;
  } catch {
    return undefined;
  }
}

/** Reads the worker and manager tokens from `swarmd init`'s output in its log file. */
async function joinTokensFrom(cluster: LocalCluster, node: ClusterNode): Promise<{ worker: string; manager: string }> {
  const end = Date.now() + clusterUpMsMax;
  for (;;) {
    const text = await readFile(node.logFile, "utf8").catch(() => "");
    const tokens = [...text.matchAll(/--token (SWMTKN-\S+)/g)].map((m) => m[1]!);
    if (tokens.length >= 2) return { worker: tokens[0]!, manager: tokens[1]! };
    if (!cluster.isRunning(node))
      throw new SwarmError(
        "NODE_EXITED",
        `swarmd init exited; see ${node.logFile}; it ended with:\n${logTail(node.logFile)}`,
      );
    if (Date.now() > end)
      throw new SwarmError("CLUSTER_NOT_READY", `swarmd init printed no join tokens; see ${node.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lines of a node's log quoted when it exits unexpectedly (the log may be gone by the time anyone looks). */
export const logTailLines = 12;

/** The last lines of a log file, for an error message; never throws. */
export function logTail(file: string): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-logTailLines).join("\n");
  } catch (error) {
    return `(log unreadable: ${(error as Error).message})`;
  }
}
