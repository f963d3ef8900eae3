// What the scale benchmark measures while its phases run: each manager's CPU time and peak RSS
// (from /proc), the counters its `--metrics-addr` serves (heartbeats, status updates, raft commit
// index and proposal bytes), and the latency of ListServices, ListTasks of one service and
// ListNodes, sampled on the leader throughout.
import { readFileSync } from "node:fs";
import { controlSocketPath, unixTarget } from "../../common/index.js";
import { parseExposition } from "../../common/metrics/index.js";
import type { ControlClient } from "../../proto/index.js";
import type { ClusterNode } from "../cluster/local-cluster.js";
import { callControl, controlClient } from "./control-call.js";
import { percentile } from "./load.js";

/** Pause between two latency samples (each sample is the three calls in turn). */
export const latencySampleMs = 250;
/** Pause between two RSS samples. */
export const rssSampleMs = 500;
/** Deadline of one sampled call; a call past it counts as an error. */
export const sampledCallMsMax = 10_000;
/** Deadline of one metrics scrape. */
export const scrapeMsMax = 5_000;
/** Latency samples kept per phase and call (the oldest are dropped past it). */
export const latencySamplesMax = 20_000;

/** Kernel clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
const userHz = 100;

/** CPU seconds (user + system) a process used so far, or NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / userHz;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in bytes, or NaN once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The counters the benchmark reads from one manager's metrics. */
export interface ManagerCounters {
  readonly leader: boolean;
  readonly heartbeats: number;
  readonly statusUpdates: number;
  readonly commitIndex: number;
  readonly proposalBytes: number;
  readonly sessions: number;
  /** Tasks the store has running and desired running. */
  readonly running: number;
  /** Leader changes this manager saw. */
  readonly leaderChanges: number;
}

/** Scrapes one manager's metrics; null when it does not answer. */
export async function scrape(metricsAddr: string): Promise<ManagerCounters | null> {
  try {
    const res = await fetch(`http://${metricsAddr}/metrics`, { signal: AbortSignal.timeout(scrapeMsMax) });
    const samples = parseExposition(await res.text());
    const value = (name: string, labels: Record<string, string> = {}): number =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);
    return {
      leader: value("swarm_raft_leader") === 1,
      heartbeats: value("swarm_dispatcher_heartbeats_total"),
      statusUpdates: value("swarm_dispatcher_status_updates_total"),
      commitIndex: value("swarm_raft_commit_index"),
      proposalBytes: value("swarm_raft_proposal_bytes_total"),
      sessions: value("swarm_dispatcher_sessions"),
      running: value("swarm_store_tasks", { state: "running", desired: "running" }),
      leaderChanges: value("swarm_raft_leader_changes_total"),
    };
  } catch {
    return null;
  }
}

/** One manager as the probe sees it. */
export interface ProbedManager {
  readonly node: ClusterNode;
  /** host:port of its metrics. */
  readonly metricsAddr: string;
}

/** Latency figures of one call over a phase. */
export interface LatencyFigures {
  readonly samples: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** What one phase measured. */
export interface PhaseFigures {
  readonly phase: string;
  readonly wallMs: number;
  /** Name of the leader at the end of the phase. */
  readonly leader: string;
  readonly leaderCpuSeconds: number;
  readonly leaderRssPeakBytes: number;
  /** Followers' CPU seconds, summed, and their largest peak RSS. */
  readonly followersCpuSeconds: number;
  readonly followersRssPeakBytes: number;
  /** The hollow fleet's processes' CPU seconds, summed. */
  readonly hollowCpuSeconds: number;
  readonly heartbeatsPerSecond: number;
  readonly statusUpdatesPerSecond: number;
  readonly raftEntriesPerSecond: number;
  readonly raftBytesPerSecond: number;
  /** Leader changes seen during the phase (the most any manager alive at both ends saw). */
  readonly leaderChanges: number;
  readonly listServices: LatencyFigures;
  readonly listTasks: LatencyFigures;
  readonly listNodes: LatencyFigures;
}

type CallName = "listServices" | "listTasks" | "listNodes";

/** Samples the cluster during one phase at a time. */
export class ScaleProbe {
  private readonly clients = new Map<string, ControlClient>();
  private latency = new Map<CallName, { ms: number[]; errors: number }>();
  private rssPeak = new Map<number, number>();
  private sampling = false;
  private loops: Promise<void>[] = [];
  /** The service ListTasks is sampled for (set once services exist). */
  sampledServiceId = "";
  /** The name of the manager last seen leading. */
  leaderName = "";

  constructor(
    private readonly managers: readonly ProbedManager[],
    private readonly hollowPids: () => readonly number[],
  ) {}

  /** The managers whose process runs. */
  private live(): ProbedManager[] {
    return this.managers.filter((m) => !Number.isNaN(cpuSeconds(m.node.pid)));
  }

  /** The leader's counters and the manager itself, asking every live manager; null without a leader. */
  async leader(): Promise<{ manager: ProbedManager; counters: ManagerCounters } | null> {
    for (const manager of this.live()) {
      const counters = await scrape(manager.metricsAddr);
      if (counters?.leader) {
        this.leaderName = manager.node.name;
        return { manager, counters };
      }
    }
    return null;
  }

  /** A Control client on a manager's control socket. */
  control(manager: ProbedManager): ControlClient {
    let client = this.clients.get(manager.node.name);
    if (!client) {
      client = controlClient(unixTarget(controlSocketPath(manager.node.stateDir)));
      this.clients.set(manager.node.name, client);
    }
    return client;
  }

  /** Runs one phase: samples while `body` runs, then returns its figures and body's result. */
  async phase<T>(name: string, body: () => Promise<T>): Promise<{ figures: PhaseFigures; result: T }> {
    const before = await this.countersAll();
    const cpuBefore = new Map<number, number>();
    for (const pid of [...this.managers.map((m) => m.node.pid), ...this.hollowPids()])
      cpuBefore.set(pid, cpuSeconds(pid));
    this.latency = new Map();
    this.rssPeak = new Map();
    this.sampling = true;
    this.loops = [this.sampleLatency(), this.sampleRss()];
    const startedAt = performance.now();
    let result: T;
    try {
      result = await body();
    } finally {
      this.sampling = false;
      await Promise.all(this.loops);
    }
    const wallMs = performance.now() - startedAt;
    const after = await this.countersAll();
    const leader = (await this.leader())?.manager;
    const cpuOf = (pid: number): number => {
      const used = cpuSeconds(pid) - (cpuBefore.get(pid) ?? 0);
      return Number.isNaN(used) ? 0 : used;
    };
    const followers = this.managers.filter((m) => m !== leader);
    // Counters are per process: sum the growth of every manager alive at both ends (only the
    // leader counts heartbeats and status updates; a manager killed in the phase takes its share).
    const delta = (read: (c: ManagerCounters) => number): number => {
      let sum = 0;
      for (const [name, end] of after) {
        const start = before.get(name);
        if (start) sum += Math.max(0, read(end) - read(start));
      }
      return sum;
    };
    const maxOf = (m: Map<string, ManagerCounters>): number =>
      Math.max(0, ...[...m.values()].map((c) => c.commitIndex));
    const seconds = wallMs / 1000;
    const figures: PhaseFigures = {
      phase: name,
      wallMs,
      leader: leader?.node.name ?? "",
      leaderCpuSeconds: leader ? cpuOf(leader.node.pid) : 0,
      leaderRssPeakBytes: leader ? (this.rssPeak.get(leader.node.pid) ?? 0) : 0,
      followersCpuSeconds: followers.reduce((sum, m) => sum + cpuOf(m.node.pid), 0),
      followersRssPeakBytes: Math.max(0, ...followers.map((m) => this.rssPeak.get(m.node.pid) ?? 0)),
      // Fleet processes started during the phase count from zero; killed ones are lost.
      hollowCpuSeconds: [...new Set([...cpuBefore.keys(), ...this.hollowPids()])]
        .filter((pid) => !this.managers.some((m) => m.node.pid === pid))
        .reduce((sum, pid) => sum + cpuOf(pid), 0),
      heartbeatsPerSecond: delta((c) => c.heartbeats) / seconds,
      statusUpdatesPerSecond: delta((c) => c.statusUpdates) / seconds,
      raftEntriesPerSecond: Math.max(0, maxOf(after) - maxOf(before)) / seconds,
      raftBytesPerSecond: delta((c) => c.proposalBytes) / seconds,
      leaderChanges: Math.max(
        0,
        ...[...after].map(([name, end]) => end.leaderChanges - (before.get(name)?.leaderChanges ?? end.leaderChanges)),
      ),
      listServices: this.figuresOf("listServices"),
      listTasks: this.figuresOf("listTasks"),
      listNodes: this.figuresOf("listNodes"),
    };
    return { figures, result: result! };
  }

  /** Closes the Control clients. */
  close(): void {
    for (const client of this.clients.values()) client.close();
  }

  private async countersAll(): Promise<Map<string, ManagerCounters>> {
    const out = new Map<string, ManagerCounters>();
    for (const manager of this.live()) {
      const counters = await scrape(manager.metricsAddr);
      if (counters) out.set(manager.node.name, counters);
    }
    return out;
  }

  private figuresOf(call: CallName): LatencyFigures {
    const entry = this.latency.get(call) ?? { ms: [], errors: 0 };
    return {
      samples: entry.ms.length,
      errors: entry.errors,
      p50Ms: percentile(entry.ms, 0.5),
      p99Ms: percentile(entry.ms, 0.99),
    };
  }

  private record(call: CallName, ms: number | null): void {
    let entry = this.latency.get(call);
    if (!entry) this.latency.set(call, (entry = { ms: [], errors: 0 }));
    if (ms === null) entry.errors++;
    else {
      entry.ms.push(ms);
      if (entry.ms.length > latencySamplesMax) entry.ms.shift();
    }
  }

  /** Calls the three list methods in turn on the last known leader (any live manager without one). */
  private async sampleLatency(): Promise<void> {
    while (this.sampling) {
      const live = this.live();
      const target = live.find((m) => m.node.name === this.leaderName) ?? live[0];
      if (target) {
        const client = this.control(target);
        const timed = async (call: CallName, run: () => Promise<unknown>): Promise<void> => {
          const t0 = performance.now();
          try {
            await run();
            this.record(call, performance.now() - t0);
          } catch {
            this.record(call, null);
          }
        };
        await timed("listServices", () => callControl(client, "listServices", {}, sampledCallMsMax));
        if (this.sampledServiceId)
          await timed("listTasks", () =>
            callControl(client, "listTasks", { filters: { serviceIds: [this.sampledServiceId] } }, sampledCallMsMax),
          );
        await timed("listNodes", () => callControl(client, "listNodes", {}, sampledCallMsMax));
      }
      await new Promise((resolve) => setTimeout(resolve, latencySampleMs));
    }
  }

  private async sampleRss(): Promise<void> {
    while (this.sampling) {
      for (const m of this.managers) {
        const rss = rssBytes(m.node.pid);
        if (!Number.isNaN(rss)) this.rssPeak.set(m.node.pid, Math.max(this.rssPeak.get(m.node.pid) ?? 0, rss));
      }
      await new Promise((resolve) => setTimeout(resolve, rssSampleMs));
    }
  }
}
