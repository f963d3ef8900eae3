// A local cluster of real swarmd processes: each node on its own loopback address with its own
// state directory and log file, joined with the real join tokens. The addresses come from a
// loopback block the cluster claims (common/loopback-block.ts: 127.X.Y.1, .2, … of a /24 no other
// run holds), so clusters of the demo, `cluster up` and any number of tests never collide. Nodes
// are named manager-1, worker-1, … (`swarmd --hostname`), so `node ls` and `service ps` say where
// tasks run. Join tokens reach swarmd through its environment and log files are 0600, so no other
// local user reads a token. Tests start a cluster attached (the processes die with the test);
// `npm run cluster -- up` starts one detached and records it in `<baseDir>/cluster.json`, so
// `status` and `down` find it again, and the block stays claimed for as long as its nodes live.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, constants, existsSync, openSync, readFileSync } from "node:fs";
import { access, mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { basename, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import {
  claimLoopbackBlock,
  controlSocketPath,
  LoopbackBlock,
  loopbackLockDir,
  SwarmError,
  unixTarget,
} from "../../common/index.js";
import { joinTokenEnv } from "../../cli/daemon/join-token-source.js";
import { ControlClient, swarm } from "../../proto/index.js";
import { canMakeClusterNet, ClusterNet, clusterUnderlayPrefix, runCommand } from "./cluster-netns.js";
import { NodeEngine } from "./cluster-engine.js";
import { startNetnsRelay } from "./netns-relay.js";
import { registerCluster, unregisterCluster } from "./cluster-registry.js";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The swarmd the cluster runs: always the built one (`npm run build`), also when this file runs
 * from source under tsx, because a node's start-up time should be the product's, not tsx's.
 */
export const swarmdScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "..", "cli", "swarmd.js")
  : join(here, "..", "..", "dist", "cli", "swarmd.js");

/** Port every node's manager part listens on (each node has its own address), when it is free there. */
export const clusterPort = 4242;

/** Most nodes of one cluster: one loopback block's addresses, less some for tests' own clients. */
export const clusterNodesMax = 200;

/** How long `up` waits for every node to be READY (a manager joining takes 20 s and more on a loaded 2-core machine). */
export const clusterUpMsMax = 120_000;

/** One node of the cluster. */
export interface ClusterNode {
  /** "manager-1", "worker-2", … */
  readonly name: string;
  readonly role: "manager" | "worker";
  /** Loopback address (on the host; in an overlay cluster the relay answers its published ports there). */
  readonly ip: string;
  /** An overlay cluster node's address on the cluster's own underlay (what swarmd listens on). */
  readonly underlayIp?: string;
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
  /**
   * Directory of the node's own Docker Engine (overlay clusters' `dockerNodes`): a dockerd in the
   * node's namespace, which the node's swarmd uses through DOCKER_HOST (cluster-engine.ts).
   */
  engineDir?: string;
}

/** Options of {@link LocalCluster.up}. */
export interface LocalClusterOptions {
  /** Directory holding every node's state dir and log. */
  readonly baseDir: string;
  readonly managers: number;
  readonly workers: number;
  /** `--executor` of every node. */
  readonly executor?: "auto" | "docker" | "process";
  /**
   * The loopback block the nodes take their addresses from (node i gets `block.addr(i + 1)`);
   * absent, the cluster claims one of its own and releases it in `down()`.
   */
  readonly block?: LoopbackBlock;
  /** Extra swarmd flags of one node's first start (`init` or `join`), e.g. its own `--data-path-port`. */
  readonly startArgs?: (node: ClusterNode, verb: "init" | "join") => readonly string[];
  /** Processes outlive this one (the `cluster up` command) instead of dying with it (tests). */
  readonly detached?: boolean;
  /** swarmd's `--log-level`. */
  readonly logLevel?: string;
  /** Extra environment of every swarmd. */
  readonly env?: Readonly<Record<string, string>>;
  /** Node's own flags for every swarmd, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  readonly nodeFlags?: readonly string[];
  /** Extra swarmd flags of every node, on every start (e.g. `--mesh-datapath kernel`), or of each node. */
  readonly nodeArgs?: readonly string[] | ((node: ClusterNode) => readonly string[]);
  /** Runs before a node's first start, e.g. to mount a small file system on its state dir. */
  readonly prepareNode?: (node: ClusterNode) => Promise<void>;
  /**
   * The nodes serve overlay networks (root only): each runs in a network namespace of its own on
   * the cluster's own underlay (cluster-netns.ts), as on separate machines; `relayPorts` of every
   * node are answered on its loopback address on the host too (netns-relay-main.ts). Without it,
   * nodes run no network agent, so nothing touches the host's network.
   */
  readonly overlay?: {
    readonly relayPorts?: readonly number[];
    /**
     * Names of nodes that run their tasks on a Docker Engine of their own, started in the node's
     * namespace (cluster-engine.ts), whatever `executor` says: a cluster mixing containers and
     * process tasks on the same overlays.
     */
    readonly dockerNodes?: readonly string[];
  };
}

/** What cluster.json records. */
interface ClusterFile {
  readonly nodes: ClusterNode[];
  /** The loopback block's prefix ("127.X.Y"), when the cluster claimed it and must release it. */
  readonly block?: string;
  /** The id of the cluster's own network (overlay clusters) and its node count. */
  readonly net?: { readonly id: string; readonly nodes: number };
  /** Pid of its relay's outer half, when it has one. */
  readonly relayPid?: number;
}

/** A local cluster. */
export class LocalCluster {
  private constructor(
    /** Directory of the cluster. */
    readonly baseDir: string,
    /** Its nodes, managers first. */
    readonly nodes: ClusterNode[],
    private readonly options: Pick<
      LocalClusterOptions,
      "detached" | "logLevel" | "env" | "executor" | "nodeArgs" | "nodeFlags"
    >,
    /** The loopback block of its nodes (null for a cluster loaded from a file that names none). */
    private readonly block: LoopbackBlock | null,
    /** Whether the cluster claimed the block itself, and so releases it in `down()`. */
    private readonly ownsBlock: boolean,
    /** The cluster's own network (overlay clusters), or null: the host's. */
    readonly net: ClusterNet | null = null,
  ) {}

  /** Pid of the relay answering the cluster's published ports on the host, or 0. */
  private relayPid = 0;

  /** The network namespace of a process task of an overlay cluster, as its node's agent names it. */
  taskNetns(taskId: string): string {
    return `swarm-${taskId}`;
  }

  /** Runs a command in a node's namespace (the host's without one); resolves with its stdout. */
  exec(node: ClusterNode, argv: readonly string[], timeoutMs?: number): Promise<string> {
    const [program, ...args] = this.inNode(node, argv);
    return runCommand(program!, args, timeoutMs);
  }

  /** The command line running `argv` where the node runs. */
  private inNode(node: ClusterNode, argv: readonly string[]): string[] {
    return this.net ? this.net.inNode(this.nodes.indexOf(node), argv) : [...argv];
  }

  /**
   * An address of the cluster's loopback block that no node has, for a test's own clients or
   * intruders: `i` is 1 … 54 (the block's `.201` … `.254`).
   */
  spareAddr(i: number): string {
    const host = clusterNodesMax + i;
    if (!Number.isInteger(i) || i < 1 || host > 254) throw new RangeError(`spare address ${i} is not in 1..54`);
    const first = this.nodes[0]!.ip;
    return `${first.slice(0, first.lastIndexOf("."))}.${host}`;
  }

  /** Starts the first manager with `swarmd init`, then joins the others with their tokens. */
  static async up(options: LocalClusterOptions): Promise<LocalCluster> {
    if (options.managers < 1) throw new SwarmError("INVALID_ARGUMENT", "a cluster needs at least one manager");
    if (options.managers + options.workers > clusterNodesMax)
      throw new SwarmError("INVALID_ARGUMENT", `a local cluster has at most ${clusterNodesMax} nodes`);
    // The node logs hold what swarmd prints (the join commands after init): for this user only.
    await mkdir(options.baseDir, { recursive: true, mode: 0o700 });
    const ownBlock = options.block ? null : await claimLoopbackBlock(`local cluster in ${options.baseDir}`);
    const block = options.block ?? ownBlock!;
    const nodes: ClusterNode[] = [];
    try {
      for (let i = 0; i < options.managers + options.workers; i++) {
        const role = i < options.managers ? "manager" : "worker";
        const name = `${role}-${role === "manager" ? i + 1 : i - options.managers + 1}`;
        const ip = block.addr(i + 1);
        const underlayIp = `${clusterUnderlayPrefix}.${i + 1}`;
        nodes.push({
          name,
          role,
          ip,
          ...(options.overlay
            ? { underlayIp, addr: `${underlayIp}:${clusterPort}` }
            : { addr: `${ip}:${await managerPortOn(ip)}` }),
          stateDir: join(options.baseDir, name),
          logFile: join(options.baseDir, `${name}.log`),
          pid: 0,
        });
      }
    } catch (error) {
      ownBlock?.release();
      throw error;
    }
    let net: ClusterNet | null = null;
    if (options.overlay) {
      if (!canMakeClusterNet()) {
        ownBlock?.release();
        throw new SwarmError(
          "NOT_ROOT",
          "a local cluster with overlay networks needs root (it makes network namespaces)",
        );
      }
      net = new ClusterNet(ClusterNet.newId(), nodes.length);
      await net.create();
      for (const name of options.overlay.dockerNodes ?? []) {
        const node = nodes.find((n) => n.name === name);
        if (!node) throw new SwarmError("INVALID_ARGUMENT", `overlay.dockerNodes: no node is named ${name}`);
        node.engineDir = join(options.baseDir, `${name}-engine`);
      }
    }
    const cluster = new LocalCluster(options.baseDir, nodes, options, block, ownBlock !== null, net);
    try {
      for (const node of nodes) {
        if (node.engineDir) await NodeEngine.start(node.engineDir, (argv) => net!.inNode(nodes.indexOf(node), argv));
      }
      const root = await cgroupRoot();
      for (const node of nodes) {
        // Named after the node's claimed address too: two clusters in directories of the same name
        // (two demos) must never share a cgroup, which `down` kills whole.
        const cgroupName = `${basename(options.baseDir)}-${node.ip.replaceAll(".", "-")}-${node.name}`;
        const cgroup = root ? await makeCgroup(root, cgroupName) : undefined;
        if (cgroup) node.cgroup = cgroup;
        await options.prepareNode?.(node);
      }
      const leader = nodes[0]!;
      await rm(leader.logFile, { force: true });
      cluster.spawnNode(leader, [
        "init",
        "--listen-addr",
        leader.addr,
        // Nodes of one cluster share the host: each publishes on its own address only (in its own
        // namespace, on its underlay address, where the relay delivers the host address's traffic).
        "--publish-addr",
        leader.underlayIp ?? leader.ip,
        "--hostname",
        leader.name,
        ...(options.startArgs?.(leader, "init") ?? []),
      ]);
      const tokens = await cluster.waitJoinTokens();
      for (const node of nodes.slice(1)) {
        // The token goes through swarmd's environment, never its command line (which every local
        // user can read in /proc).
        const token = node.role === "manager" ? tokens.manager : tokens.worker;
        const extra = options.startArgs?.(node, "join") ?? [];
        cluster.spawnNode(
          node,
          [
            "join",
            "--listen-addr",
            node.addr,
            "--publish-addr",
            node.underlayIp ?? node.ip,
            "--hostname",
            node.name,
            ...extra,
            leader.addr,
          ],
          {
            [joinTokenEnv]: token,
          },
        );
        // Managers join one at a time: each must be a member before the next changes the group.
        if (node.role === "manager") await cluster.waitReady(nodes.indexOf(node) + 1);
      }
      await cluster.waitReady(nodes.length);
      const relayPorts = options.overlay?.relayPorts ?? [];
      if (net && relayPorts.length > 0)
        cluster.relayPid = await startNetnsRelay({
          netns: net.switchNetns,
          listen: nodes.flatMap((n) => relayPorts.map((port) => `${n.ip}:${port}=${n.underlayIp ?? ""}:${port}`)),
          socketPath: join(options.baseDir, "relay.sock"),
          logFile: join(options.baseDir, "relay.log"),
          detached: options.detached ?? false,
        });
      // The nodes keep the block claimed as long as they live: a detached cluster outlives this
      // process, and an attached one's nodes may outlive a test process that crashed.
      block.adopt(nodes.map((n) => n.pid));
      await cluster.save();
      // A cluster that outlives this process is found again by `npm run cluster -- status|down`.
      if (options.detached) await registerCluster(resolve(options.baseDir));
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
      const block =
        file.block === undefined
          ? null
          : new LoopbackBlock(file.block, join(loopbackLockDir, `${file.block}.lock`), `local cluster in ${baseDir}`);
      const cluster = new LocalCluster(
        baseDir,
        file.nodes,
        { detached: true },
        block,
        block !== null,
        file.net ? new ClusterNet(file.net.id, file.net.nodes) : null,
      );
      cluster.relayPid = file.relayPid ?? 0;
      return cluster;
    } catch {
      return null;
    }
  }

  /** gRPC target of the first manager's control socket. */
  get controlTarget(): string {
    return unixTarget(controlSocketPath(this.nodes[0]!.stateDir));
  }

  /** The cluster's worker and manager join tokens, as the first manager's Control API gives them. */
  async joinTokens(): Promise<{ worker: string; manager: string }> {
    const client = new ControlClient(this.controlTarget, grpc.credentials.createInsecure());
    try {
      const clusters = await new Promise<swarm.v1.ICluster[]>((resolve, reject) =>
        client.listClusters({}, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (err, res) =>
          err ? reject(err) : resolve(res!.clusters),
        ),
      );
      const tokens = clusters[0]?.joinTokens;
      if (!tokens?.worker || !tokens.manager)
        throw new SwarmError("CLUSTER_NOT_READY", "the cluster has no join tokens yet");
      return { worker: tokens.worker, manager: tokens.manager };
    } finally {
      client.close();
    }
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
    this.block?.adopt([node.pid]);
    await this.save();
  }

  /**
   * Stops every node (workers first) and forgets the cluster. Stopped nodes leave their tasks
   * running, as swarmd does; `purge` then makes each node leave (`swarmd leave --force`), which
   * removes its tasks and its state directory.
   */
  async down(options: { purge?: boolean } = {}): Promise<void> {
    if (this.relayPid) {
      try {
        process.kill(this.relayPid, "SIGTERM");
      } catch {
        // Gone already.
      }
      this.relayPid = 0;
    }
    for (const node of [...this.nodes].reverse()) await this.stopNode(node);
    // An overlay cluster's tasks live on bridges inside its namespaces, which go now: they go too.
    if (options.purge || this.net) {
      for (const node of this.nodes) {
        const [program, ...args] = this.inNode(node, [
          process.execPath,
          swarmdScript,
          "leave",
          "--force",
          "--state-dir",
          node.stateDir,
        ]);
        spawnSync(program!, args, { stdio: "ignore", env: { ...process.env, ...this.engineEnv(node) } });
      }
    }
    for (const node of this.nodes) if (node.engineDir) await NodeEngine.found(node.engineDir)?.stop();
    await this.net?.remove();
    await rm(join(this.baseDir, "cluster.json"), { force: true });
    if (this.ownsBlock) this.block?.release();
    await unregisterCluster(resolve(this.baseDir));
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

  /** Waits until the first manager's Control API gives the join tokens (its swarmd must stay up). */
  private async waitJoinTokens(): Promise<{ worker: string; manager: string }> {
    const leader = this.nodes[0]!;
    const end = Date.now() + clusterUpMsMax;
    let last = "no answer";
    for (;;) {
      try {
        return await this.joinTokens();
      } catch (error) {
        last = (error as Error).message;
      }
      if (!this.isRunning(leader))
        throw new SwarmError(
          "NODE_EXITED",
          `swarmd init exited; see ${leader.logFile}; it ended with:\n${logTail(leader.logFile)}`,
        );
      if (Date.now() > end)
        throw new SwarmError(
          "CLUSTER_NOT_READY",
          `swarmd init gave no join tokens within ${clusterUpMsMax} ms: ${last}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private spawnNode(node: ClusterNode, args: string[], env: Readonly<Record<string, string>> = {}): void {
    // Both streams go to the node's log file: a detached swarmd must not write into a pipe whose
    // reader (the `cluster up` command) has exited. Only this user may read it.
    const log = openSync(node.logFile, "a", 0o600);
    const argv = [
      process.execPath,
      ...(this.options.nodeFlags ?? []),
      swarmdScript,
      ...args,
      "--state-dir",
      node.stateDir,
      "--executor",
      node.engineDir ? "docker" : (this.options.executor ?? "auto"),
      "--log-level",
      this.options.logLevel ?? "info",
      // Nodes in the host's own namespace never make bridges, VXLAN devices or rules there; those
      // of an overlay cluster make them in their own namespaces.
      "--network-agent",
      this.net ? "auto" : "off",
      ...(typeof this.options.nodeArgs === "function" ? this.options.nodeArgs(node) : (this.options.nodeArgs ?? [])),
    ];
    // The shell joins the node's cgroup and becomes swarmd (same pid), so every socket swarmd
    // opens belongs to that cgroup from the start.
    const inside = this.inNode(node, argv);
    const [command, ...rest] = node.cgroup
      ? ["/bin/sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', join(cgroupRootSync, node.cgroup), ...inside]
      : inside;
    const child = spawn(command!, rest, {
      stdio: ["ignore", log, log],
      detached: this.options.detached ?? false,
      env: { ...process.env, ...this.options.env, ...this.engineEnv(node), ...env },
    });
    closeSync(log);
    node.pid = child.pid ?? 0;
    if (this.options.detached) child.unref();
  }

  /** DOCKER_HOST of a node with an engine of its own, else nothing. */
  private engineEnv(node: ClusterNode): Record<string, string> {
    return node.engineDir ? { DOCKER_HOST: `unix://${NodeEngine.socketIn(node.engineDir)}` } : {};
  }

  private async save(): Promise<void> {
    const file: ClusterFile = {
      nodes: this.nodes,
      ...(this.ownsBlock && this.block ? { block: this.block.prefix } : {}),
      ...(this.net ? { net: { id: this.net.id, nodes: this.net.nodes } } : {}),
      ...(this.relayPid ? { relayPid: this.relayPid } : {}),
    };
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

/**
 * The manager port of a node on `ip`: {@link clusterPort} when it can be bound there, else a free
 * port the kernel picks (a process listening on every address may hold 4242).
 */
async function managerPortOn(ip: string): Promise<number> {
  const bound = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(undefined));
      server.listen(port, ip, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
      });
    });
  const port = (await bound(clusterPort)) ?? (await bound(0));
  if (port === undefined) throw new SwarmError("ADDRESS_UNUSABLE", `no port can be bound on ${ip}`);
  return port;
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
