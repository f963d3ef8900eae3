// Hollow workers: many agents in one process, each a real node to the managers (its own node id,
// key and certificate obtained with the worker join token, its own session and state dir), but
// with the FakeExecutor, so tasks "run" without processes. They let scale tests put thousands of
// nodes on a 2-core machine; hollow-fleet.ts spreads them over several such processes.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  CaChannels,
  clientCredentials,
  createCsr,
  fetchRootCa,
  generateNodeKey,
  managerChannelOptions,
  type NodeCertificates,
  type NodeKey,
  requestNodeCertificate,
} from "../../node/index.js";
import { Agent, FakeExecutor, MemoryTaskDb, MemoryTaskFiles } from "../../worker/index.js";
import { HollowChurn, type HollowExit } from "./hollow-churn.js";

/** Hollow workers of one process joining at the same time (each join is a CA round trip and a key generation). */
export const hollowJoinConcurrency = 8;

/**
 * Longest random pause before each join: thousands of workers started together would otherwise
 * reach the CA in lockstep, each wave at once.
 */
export const hollowJoinJitterMs = 100;

/** Attempts of one join before the whole start fails (a CA busy with a leader change refuses some). */
export const hollowJoinAttemptsMax = 10;

/** First pause between two join attempts; it doubles on each retry, jittered. */
export const hollowJoinRetryMs = 500;

/** Longest pause between two join attempts. */
export const hollowJoinRetryMsMax = 8_000;

/** Status flush period of hollow agents: longer than a real node's, to keep many of them cheap. */
export const hollowStatusFlushMs = 250;

/** Options of {@link HollowWorkers.start}. */
export interface HollowWorkersOptions {
  /** host:port of a manager: the CA the workers join through, and the first manager they try. */
  readonly managerAddr: string;
  /**
   * Every manager's host:port. Each agent starts its list at a different one, so that sessions
   * opened after a leader change do not all try the same follower first. Default: managerAddr.
   */
  readonly managers?: readonly string[];
  /** The cluster's worker join token. */
  readonly token: string;
  /** How many hollow workers to run. */
  readonly count: number;
  /** Directory holding each worker's state dir. */
  readonly baseDir: string;
  /** Hostname prefix; workers are named `<prefix>-<first>`, `<prefix>-<first + 1>`, … */
  readonly namePrefix?: string;
  /** Number of the first worker's name (default 1), so several processes name their workers apart. */
  readonly first?: number;
  /** Joins in flight at once (default {@link hollowJoinConcurrency}). */
  readonly joinConcurrency?: number;
  /**
   * Share of running tasks that exit or fail per hour (0.01: 1% of them each hour); 0 or absent:
   * tasks run until the managers stop them.
   */
  readonly exitsPerTaskHour?: number;
  /** Called for every exit the churn makes (task id and exit code). */
  readonly onExit?: (exit: HollowExit) => void;
  /** Called as each worker has its certificate and its agent started. */
  readonly onJoined?: () => void;
  /** Called for every failed join attempt that will be retried. */
  readonly onRetry?: (error: unknown) => void;
  /** Every agent's log events (default: dropped); a fleet process counts them per interval. */
  readonly agentLog?: (event: string, fields: Record<string, unknown>) => void;
}

/** Hollow workers running in this process. */
export class HollowWorkers {
  private churn: HollowChurn | null = null;

  private constructor(
    /** The agents, in join order. */
    readonly agents: Agent[],
    /** Their executors, in the same order. */
    readonly executors: FakeExecutor[],
    private readonly baseDir: string,
  ) {}

  /**
   * Joins `count` hollow workers and starts their agents; resolves once every session is open.
   * At most `joinConcurrency` joins are in flight, each after a random pause, and a refused join is
   * retried with a jittered, growing backoff.
   */
  static async start(options: HollowWorkersOptions): Promise<HollowWorkers> {
    await mkdir(options.baseDir, { recursive: true });
    const caPem = await withRetries(() => fetchRootCa(options.managerAddr, options.token), options.onRetry);
    // Every join of this process asks the CA on one connection per manager.
    const channels = new CaChannels(caPem);
    const workers = new HollowWorkers([], [], options.baseDir);
    const first = options.first ?? 1;
    const slots: (Agent | undefined)[] = Array.from({ length: options.count });
    const executors: (FakeExecutor | undefined)[] = Array.from({ length: options.count });
    let next = 0;
    let failed: unknown = null;
    const lane = async (): Promise<void> => {
      while (failed === null && next < options.count) {
        const i = next++;
        await sleep(Math.random() * hollowJoinJitterMs);
        try {
          const executor = new FakeExecutor();
          // One key per worker, whatever the attempts: the CA makes one node per key, so an attempt
          // whose answer came too late leaves no node behind.
          const key = await generateNodeKey();
          const csr = await createCsr(key);
          slots[i] = await withRetries(
            () => joinOne(options, channels, { key, csr }, first + i, executor),
            options.onRetry,
          );
          executors[i] = executor;
          options.onJoined?.();
        } catch (error) {
          failed ??= error;
        }
      }
    };
    try {
      const lanes = Math.max(1, Math.min(options.joinConcurrency ?? hollowJoinConcurrency, options.count));
      await Promise.all(Array.from({ length: lanes }, lane));
      for (const [i, agent] of slots.entries()) {
        if (!agent) continue;
        workers.agents.push(agent);
        workers.executors.push(executors[i]!);
      }
      if (failed !== null) throw failed instanceof Error ? failed : new Error("a hollow worker could not join");
      await Promise.all(workers.agents.map((a) => a.whenConnected()));
      if ((options.exitsPerTaskHour ?? 0) > 0)
        workers.churn = new HollowChurn(workers.executors, options.exitsPerTaskHour!, options.onExit);
      return workers;
    } catch (error) {
      await workers.stop();
      throw error;
    } finally {
      channels.close();
    }
  }

  /** Agents with an open session. */
  connectedCount(): number {
    let n = 0;
    for (const agent of this.agents) if (agent.connected) n++;
    return n;
  }

  /** Tasks whose fake container runs, over every agent. */
  runningCount(): number {
    let n = 0;
    for (const executor of this.executors) for (const c of executor.state.containers.values()) if (c.running) n++;
    return n;
  }

  /** Stops every agent and removes the state dirs. */
  async stop(): Promise<void> {
    this.churn?.stop();
    await Promise.all(this.agents.map((a) => a.stop()));
    await rm(this.baseDir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `attempt` until it succeeds, at most {@link hollowJoinAttemptsMax} times, backing off with jitter. */
async function withRetries<T>(attempt: () => Promise<T>, onRetry?: (error: unknown) => void): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= hollowJoinAttemptsMax) throw error;
      onRetry?.(error);
      const backoffMs = Math.min(hollowJoinRetryMsMax, hollowJoinRetryMs * 2 ** (n - 1));
      await sleep(backoffMs / 2 + Math.random() * (backoffMs / 2));
    }
  }
}

async function joinOne(
  options: HollowWorkersOptions,
  channels: CaChannels,
  request: { readonly key: NodeKey; readonly csr: string },
  n: number,
  executor: FakeExecutor,
): Promise<Agent> {
  const hostname = `${options.namePrefix ?? "hollow"}-${n}`;
  const caPem = channels.caPem;
  const issued = await requestNodeCertificate(
    options.managerAddr,
    { csr: request.csr, caPem, token: options.token },
    { channels },
  );
  const certificates: NodeCertificates = { caPem, certPem: issued.certPem, keyPem: request.key.keyPem };
  const credentials = clientCredentials(certificates);
  const managers = options.managers ?? [options.managerAddr];
  const rotated = managers.map((_, i) => managers[(i + n) % managers.length]!);
  return Agent.start({
    stateDir: join(options.baseDir, hostname),
    nodeId: issued.nodeId,
    hostname,
    managers: rotated,
    executor,
    // Records and task files in memory: a hollow agent never restarts (its process dies with its
    // node), and a file written, fsynced and renamed per task change was most of a fleet process's
    // CPU (open, fsync, close and rename: over a third of its samples at 120 nodes).
    taskDb: new MemoryTaskDb(),
    taskFiles: new MemoryTaskFiles(),
    credentials: () => credentials,
    channelOptions: managerChannelOptions,
    statusFlushMs: hollowStatusFlushMs,
    log: options.agentLog ?? (() => undefined),
  });
}
