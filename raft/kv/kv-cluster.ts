// Runs a test key-value cluster as separate OS processes on loopback, with fault injection:
// SIGKILL and restart (real WAL recovery), SIGSTOP/SIGCONT, and partitions through TCP proxies
// placed on every directed path between members.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { childScriptArgs, claimLoopbackBlock, type LoopbackBlock, realClock } from "../../common/index.js";
import { FaultProxy } from "./fault-proxy.js";

/**
 * How long a member may take to print its ready line. Generous: from source each member compiles
 * the raft code through tsx first, which on a loaded 2-core machine (several members starting at
 * once beside other test files) takes far longer than its usual second or two.
 */
export const memberStartMsMax = 90_000;

const serverMain = childScriptArgs(import.meta.url, "kv-server-main");

/** Options of a KvCluster. */
export interface KvClusterOptions {
  /** Number of members. */
  readonly size: number;
  /** Directory for the members' state (one subdirectory each). */
  readonly dir: string;
  /** Put a fault proxy on every directed path between members. */
  readonly proxies?: boolean;
  /** Tick length. */
  readonly tickMs?: number;
  /** Election timeout in ticks. */
  readonly electionTicks?: number;
  /** Applied entries between snapshots. */
  readonly snapshotInterval?: number;
}

interface MemberProcess {
  readonly id: number;
  readonly raft: string;
  readonly http: string;
  readonly args: string[];
  child: ChildProcess | null;
  stopped: boolean;
}

/** Finds a free TCP port on a loopback address. */
export async function freePort(host: string): Promise<number> {
  const [port] = await freePorts(host, 1);
  return port!;
}

/**
 * Finds `count` distinct free TCP ports on a loopback address. Every listener stays open until all
 * are found: one closed before the next is opened can hand the same port out twice.
 */
export async function freePorts(host: string, count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    for (const server of servers)
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, host, () => resolve());
      });
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(
      servers.map(
        (server) => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(undefined))),
      ),
    );
  }
}

/** A running cluster of kv-server processes. */
export class KvCluster {
  private readonly members = new Map<number, MemberProcess>();
  /** Proxies by "from>to". */
  private readonly proxies = new Map<string, FaultProxy>();

  private constructor(
    /** The loopback block of the members' addresses, released by close(). */
    private readonly block: LoopbackBlock,
  ) {}

  /** Starts every member and waits until each serves. */
  static async start(options: KvClusterOptions): Promise<KvCluster> {
    // Distinct loopback addresses per member, as distinct machines would have, from a block no
    // other run uses.
    const cluster = new KvCluster(await claimLoopbackBlock("kv cluster"));
    try {
      return await cluster.startMembers(options);
    } catch (error) {
      await cluster.close();
      throw error;
    }
  }

  private async startMembers(options: KvClusterOptions): Promise<KvCluster> {
    const ids = Array.from({ length: options.size }, (_, i) => i + 1);
    const addrs = new Map<number, { raft: string; http: string }>();
    for (const id of ids) {
      const host = this.block.addr(id);
      const [raft, http] = await freePorts(host, 2);
      addrs.set(id, { raft: `${host}:${raft}`, http: `${host}:${http}` });
    }
    if (options.proxies) {
      for (const from of ids) {
        for (const to of ids) {
          if (from !== to)
            this.proxies.set(`${from}>${to}`, await FaultProxy.start("127.0.0.1:0", addrs.get(to)!.raft));
        }
      }
    }
    const peers = ids.map((id) => `${id}=${addrs.get(id)!.raft}`).join(",");
    for (const id of ids) {
      const dir = join(options.dir, `member-${id}`);
      mkdirSync(dir, { recursive: true });
      const via = ids
        .filter((to) => to !== id && this.proxies.has(`${id}>${to}`))
        .map((to) => `${to}=${this.proxies.get(`${id}>${to}`)!.addr}`)
        .join(",");
      const args = [
        ...[
          "--id",
          String(id),
          "--dir",
          dir,
          "--raft",
          addrs.get(id)!.raft,
          "--http",
          addrs.get(id)!.http,
          "--peers",
          peers,
        ],
        ...["--tick-ms", String(options.tickMs ?? 50), "--election-ticks", String(options.electionTicks ?? 10)],
        ...["--snapshot-interval", String(options.snapshotInterval ?? 10_000)],
        ...(via ? ["--via", via] : []),
      ];
      this.members.set(id, {
        id,
        raft: addrs.get(id)!.raft,
        http: addrs.get(id)!.http,
        args,
        child: null,
        stopped: false,
      });
    }
    await Promise.all(ids.map((id) => this.launch(id)));
    return this;
  }

  /** Raft id → HTTP address of every member. */
  httpAddresses(): Map<number, string> {
    return new Map([...this.members].map(([id, m]) => [id, m.http]));
  }

  /** Member ids. */
  ids(): number[] {
    return [...this.members.keys()];
  }

  /** Process id of a running member. */
  pid(id: number): number | undefined {
    return this.members.get(id)?.child?.pid;
  }

  /** Kills a member with SIGKILL: no cleanup, unsynced writes lost. */
  async kill(id: number): Promise<void> {
    const m = this.members.get(id)!;
    const child = m.child;
    if (!child) return;
    m.child = null;
    m.stopped = false;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** Restarts a killed member from its state directory. */
  async restart(id: number): Promise<void> {
    if (this.members.get(id)!.child) return;
    await this.launch(id);
  }

  /** Freezes a member (SIGSTOP). */
  pause(id: number): void {
    const m = this.members.get(id)!;
    if (m.child && !m.stopped) {
      m.child.kill("SIGSTOP");
      m.stopped = true;
    }
  }

  /** Resumes a frozen member (SIGCONT). */
  resume(id: number): void {
    const m = this.members.get(id)!;
    if (m.child && m.stopped) {
      m.child.kill("SIGCONT");
      m.stopped = false;
    }
  }

  /** Cuts traffic from `from` to `to` (one direction). */
  cut(from: number, to: number): void {
    this.proxies.get(`${from}>${to}`)?.block();
  }

  /** Splits the members into groups that cannot reach each other. */
  partition(groups: number[][]): void {
    for (const a of groups) for (const b of groups) if (a !== b) for (const x of a) for (const y of b) this.cut(x, y);
  }

  /** Restores every path and resumes frozen members. */
  heal(): void {
    for (const p of this.proxies.values()) p.unblock();
    for (const id of this.members.keys()) this.resume(id);
  }

  /** Stops every member and proxy, and frees the members' addresses. */
  async close(): Promise<void> {
    this.heal();
    await Promise.all([...this.members.keys()].map((id) => this.kill(id)));
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
    this.block.release();
  }

  private launch(id: number): Promise<void> {
    const m = this.members.get(id)!;
    const child = spawn(process.execPath, [...serverMain, ...m.args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    m.child = child;
    m.stopped = false;
    const stderr: string[] = [];
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 50) stderr.shift();
    });
    return new Promise<void>((resolve, reject) => {
      const cancelTimer = realClock.after(memberStartMsMax, () =>
        reject(new Error(`member ${id} did not start: ${stderr.join("")}`)),
      );
      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => {
        if (line.includes('"ready":true')) {
          cancelTimer();
          resolve();
        }
      });
      child.once("exit", (code) => {
        cancelTimer();
        if (m.child === child) m.child = null;
        reject(new Error(`member ${id} exited with ${code}: ${stderr.join("")}`));
      });
    });
  }
}
