// A hollow fleet: thousands of hollow workers spread over several processes (hollow-fleet-main.ts),
// at most a thousand agents each, so no single event loop carries every session and a crash can
// be staged by killing one process (its agents vanish at once, connections reset, as when
// machines die). Joins are bounded over the whole fleet and jittered, so a fleet starting at once
// does not storm the managers' CA. The agents keep their task records in memory (hollow-workers.ts);
// what little else they put in their state dirs goes to tmpfs when the machine has one.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { childScriptArgs } from "../../common/index.js";
import type { HollowExit } from "./hollow-churn.js";
import { type FleetEvent, hollowTokenEnv } from "./hollow-fleet-protocol.js";

/** Most hollow agents in one process. */
export const hollowAgentsPerProcessMax = 1_000;

/** Joins in flight over the whole fleet (each process gets its share, at least one). */
export const fleetJoinConcurrency = 16;

/** Time allowed for every agent to join, besides a per-agent allowance ({@link fleetReadyMsPerAgent}). */
export const fleetReadyMsBase = 60_000;

/** Time allowed per agent to join (a 2-core machine shared with other work, load average 25, joined 0.5–3 per second). */
export const fleetReadyMsPerAgent = 1_000;

/** Exits of the churn remembered (the oldest are dropped past this). */
export const fleetExitsKeptMax = 100_000;

/** Bytes of a fleet process's stderr kept for error messages. */
export const fleetStderrBytesMax = 8_192;

/** How long a stopped fleet process may take to stop its agents before it is killed. */
export const fleetStopMsMax = 30_000;

/** Where agent state goes: tmpfs when there is one. */
export const fleetStateRoot = existsSync("/dev/shm") ? "/dev/shm" : undefined;

const fleetMain = childScriptArgs(import.meta.url, "hollow-fleet-main");

/** Options of {@link HollowFleet.start}. */
export interface HollowFleetOptions {
  /** Every manager's host:port; the first (best the leader) is the CA the agents join through. */
  readonly managers: readonly string[];
  /** The cluster's worker join token. */
  readonly token: string;
  /** How many hollow workers in all. */
  readonly count: number;
  /**
   * Agents per process, in order (summing to `count`); default: `count` split evenly into
   * processes of at most {@link hollowAgentsPerProcessMax}. A benchmark that kills some nodes
   * puts them in a process of their own.
   */
  readonly groups?: readonly number[];
  /** Directory of the agents' state when the machine has no tmpfs. */
  readonly baseDir: string;
  /** Share of running tasks that exit or fail per hour (see HollowChurn); default 0. */
  readonly exitsPerTaskHour?: number;
  /** Node's own flags for every fleet process (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
  /** Called every {@link fleetProgressMs} while agents join, with a line of progress. */
  readonly progress?: (line: string) => void;
}

/** How often a joining fleet reports its progress. */
export const fleetProgressMs = 10_000;

/** One process of the fleet. */
export interface FleetProcess {
  /** Number of its first worker (`hollow-<first>`). */
  readonly first: number;
  /** Its agents. */
  readonly count: number;
  readonly child: ChildProcess;
  /** Its last stats line, if any. */
  stats: { connected: number; running: number; rssBytes: number } | null;
  /** Its last join progress line, if any. */
  joining: { joined: number; retries: number; lastError: string } | null;
  /** Whether it exited. */
  exited: boolean;
}

/** The even split of `count` agents into processes of at most {@link hollowAgentsPerProcessMax}. */
export function fleetGroups(count: number): number[] {
  const processes = Math.max(1, Math.ceil(count / hollowAgentsPerProcessMax));
  return Array.from({ length: processes }, (_, i) => Math.floor(count / processes) + (i < count % processes ? 1 : 0));
}

/** A running hollow fleet. */
export class HollowFleet {
  /** Exits the churn made, oldest first. */
  readonly exits: HollowExit[] = [];

  private constructor(
    /** The processes, in worker order. */
    readonly processes: readonly FleetProcess[],
    private readonly stateDir: string,
  ) {}

  /** Starts every process; resolves once every agent has its session. */
  static async start(options: HollowFleetOptions): Promise<HollowFleet> {
    const groups = options.groups ?? fleetGroups(options.count);
    if (groups.reduce((a, b) => a + b, 0) !== options.count || groups.some((g) => !Number.isSafeInteger(g) || g < 1))
      throw new RangeError(`fleet groups ${groups.join(",")} do not split ${options.count} agents`);
    const stateDir = await mkdtemp(join(fleetStateRoot ?? options.baseDir, "swarm-hollow-"));
    const laneShare = Math.max(1, Math.floor(fleetJoinConcurrency / groups.length));
    const processes: FleetProcess[] = [];
    const fleet = new HollowFleet(processes, stateDir);
    const readiness: Promise<void>[] = [];
    let first = 1;
    for (const [i, count] of groups.entries()) {
      const child = spawn(
        process.execPath,
        [
          ...(options.nodeFlags ?? []),
          ...fleetMain,
          "--managers",
          options.managers.join(","),
          "--first",
          String(first),
          "--count",
          String(count),
          "--dir",
          join(stateDir, `p${i + 1}`),
          "--join-concurrency",
          String(laneShare),
          "--exits-per-task-hour",
          String(options.exitsPerTaskHour ?? 0),
        ],
        { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, [hollowTokenEnv]: options.token } },
      );
      const proc: FleetProcess = { first, count, child, stats: null, joining: null, exited: false };
      processes.push(proc);
      readiness.push(fleet.follow(proc));
      first += count;
    }
    const readyMsMax = fleetReadyMsBase + fleetReadyMsPerAgent * options.count;
    let timer: NodeJS.Timeout | undefined;
    const reporter = setInterval(() => {
      const joined = processes.reduce((n, p) => n + (p.stats ? p.count : (p.joining?.joined ?? 0)), 0);
      const retries = processes.reduce((n, p) => n + (p.joining?.retries ?? 0), 0);
      const lastError = processes.map((p) => p.joining?.lastError ?? "").find((e) => e !== "") ?? "";
      options.progress?.(
        `  ${joined}/${options.count} joined, ${retries} retries${lastError ? ` (last: ${lastError})` : ""}`,
      );
    }, fleetProgressMs);
    try {
      await Promise.race([
        Promise.all(readiness),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`hollow fleet: not every agent joined within ${readyMsMax} ms`)),
            readyMsMax,
          );
        }),
      ]);
      return fleet;
    } catch (error) {
      await fleet.stop();
      throw error;
    } finally {
      clearTimeout(timer);
      clearInterval(reporter);
    }
  }

  /** Reads one process's events; resolves when it is ready, rejects if it exits first. */
  private follow(proc: FleetProcess): Promise<void> {
    let stderr = "";
    proc.child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-fleetStderrBytesMax);
    });
    return new Promise<void>((resolve, reject) => {
      createInterface({ input: proc.child.stdout! }).on("line", (line) => {
        let event: FleetEvent;
        try {
          event = JSON.parse(line) as FleetEvent;
        } catch {
          return;
        }
        if (event.event === "ready") resolve();
        else if (event.event === "stats") proc.stats = event;
        else if (event.event === "joining") proc.joining = event;
        else if (event.event === "exit") {
          this.exits.push({ taskId: event.taskId, exitCode: event.exitCode });
          if (this.exits.length > fleetExitsKeptMax) this.exits.shift();
        }
      });
      proc.child.once("exit", (code, signal) => {
        proc.exited = true;
        reject(new Error(`hollow fleet process ${proc.first}… exited (${code ?? signal}): ${stderr.trim()}`));
      });
    });
  }

  /** Agents with an open session, by the processes' last stats (a second old at most). */
  connected(): number {
    return this.processes.reduce((n, p) => n + (p.exited ? 0 : (p.stats?.connected ?? 0)), 0);
  }

  /** Tasks running on the agents, by the processes' last stats. */
  running(): number {
    return this.processes.reduce((n, p) => n + (p.exited ? 0 : (p.stats?.running ?? 0)), 0);
  }

  /** Pids of the live processes. */
  pids(): number[] {
    return this.processes.filter((p) => !p.exited && p.child.pid !== undefined).map((p) => p.child.pid!);
  }

  /** Hostnames of one process's agents. */
  hostnames(index: number): string[] {
    const proc = this.processes[index]!;
    return Array.from({ length: proc.count }, (_, i) => `hollow-${proc.first + i}`);
  }

  /** SIGKILLs one process: its agents vanish as if their machines died. */
  async crash(index: number): Promise<void> {
    const proc = this.processes[index]!;
    if (proc.exited) return;
    const exited = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
    proc.child.kill("SIGKILL");
    await exited;
  }

  /** Stops every process (their agents close their sessions), then removes the agents' state. */
  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (proc) => {
        if (proc.exited) return;
        const exited = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
        proc.child.kill("SIGTERM");
        const timer = setTimeout(() => proc.child.kill("SIGKILL"), fleetStopMsMax);
        await exited;
        clearTimeout(timer);
      }),
    );
    await rm(this.stateDir, { recursive: true, force: true });
  }
}
