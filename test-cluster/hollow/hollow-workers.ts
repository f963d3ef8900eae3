// Hollow workers: many agents in one process, each a real node to the managers (its own node id,
// key and certificate obtained with the worker join token, its own session and state dir), but
// with the FakeExecutor, so tasks "run" without processes. They let scale tests put hundreds of
// nodes on a 2-core machine.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  clientCredentials,
  createCsr,
  fetchRootCa,
  generateNodeKey,
  managerChannelOptions,
  type NodeCertificates,
  requestNodeCertificate,
} from "../../node/index.js";
import { Agent, FakeExecutor } from "../../worker/index.js";

/** Hollow workers joining at the same time (each join is a CA round trip and a key generation). */
export const hollowJoinConcurrency = 8;

/** Status flush period of hollow agents: longer than a real node's, to keep many of them cheap. */
export const hollowStatusFlushMs = 250;

/** Options of {@link HollowWorkers.start}. */
export interface HollowWorkersOptions {
  /** host:port of a manager. */
  readonly managerAddr: string;
  /** The cluster's worker join token. */
  readonly token: string;
  /** How many hollow workers to run. */
  readonly count: number;
  /** Directory holding each worker's state dir. */
  readonly baseDir: string;
  /** Hostname prefix; workers are named `<prefix>-1`, `<prefix>-2`, … */
  readonly namePrefix?: string;
}

/** Hollow workers running in this process. */
export class HollowWorkers {
  private constructor(
    /** The agents, in join order. */
    readonly agents: readonly Agent[],
    private readonly baseDir: string,
  ) {}

  /** Joins `count` hollow workers and starts their agents; resolves once every session is open. */
  static async start(options: HollowWorkersOptions): Promise<HollowWorkers> {
    await mkdir(options.baseDir, { recursive: true });
    const caPem = await fetchRootCa(options.managerAddr, options.token);
    const agents: Agent[] = [];
    const workers = new HollowWorkers(agents, options.baseDir);
    try {
      for (let first = 0; first < options.count; first += hollowJoinConcurrency) {
        const batch = Array.from(
          { length: Math.min(hollowJoinConcurrency, options.count - first) },
          (_, i) => first + i + 1,
        );
        agents.push(...(await Promise.all(batch.map((n) => joinOne(options, caPem, n)))));
      }
      await Promise.all(agents.map((a) => a.whenConnected()));
      return workers;
    } catch (error) {
      await workers.stop();
      throw error;
    }
  }

  /** Stops every agent and removes the state dirs. */
  async stop(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.stop()));
    await rm(this.baseDir, { recursive: true, force: true });
  }
}

async function joinOne(options: HollowWorkersOptions, caPem: string, n: number): Promise<Agent> {
  const hostname = `${options.namePrefix ?? "hollow"}-${n}`;
  const key = await generateNodeKey();
  const issued = await requestNodeCertificate(options.managerAddr, {
    csr: await createCsr(key),
    caPem,
    token: options.token,
  });
  const certificates: NodeCertificates = { caPem, certPem: issued.certPem, keyPem: key.keyPem };
  const credentials = clientCredentials(certificates);
  return Agent.start({
    stateDir: join(options.baseDir, hostname),
    nodeId: issued.nodeId,
    hostname,
    managers: [options.managerAddr],
    executor: new FakeExecutor(),
    credentials: () => credentials,
    channelOptions: managerChannelOptions,
    statusFlushMs: hollowStatusFlushMs,
    log: () => undefined,
  });
}
