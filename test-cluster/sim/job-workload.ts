// The cluster simulator's workload steps for jobs, configs and placement: replicated-job and
// global-job services created (totalCompletions, maxConcurrent, restart on failure or never) and
// run again (a ForceUpdate makes a new job iteration); configs created, referenced and rotated;
// services created with node.labels / node.role / node.hostname constraints, and the workers'
// node labels changed under them. Each step writes to the leader's store as the Control API would.
import { type Random, timestampFromMs } from "../../common/index.js";
import type { ReadTx, WriteTx } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import { isJob } from "./job-properties.js";

type ServiceSpec = swarm.v1.ServiceSpec.$Properties;
type Service = swarm.v1.Service.$Properties;

/** Percent of the workload's steps that are this file's (the rest are the services' and nodes' steps). */
export const jobWorkloadPercent = 35;
/** Most completions a simulated replicated job asks for. */
export const jobCompletionsMax = 6;
/** Most tasks a simulated replicated job runs at once (0: as many as its completions). */
export const jobConcurrencyMax = 3;
/** Shortest time a job's task runs before it exits, ms. */
export const jobRunMinMs = 200;
/** Spread of a job task's run time above the shortest, ms. */
export const jobRunSpreadMs = 2_000;
/** Percent of job tasks that exit 1 (so the restart policy retries them). */
export const jobFailPercent = 15;

/**
 * The node labels every relabelling keeps: `tier` is "front" on two workers and "back" on the other
 * two, `disk=ssd` is on at most two; with at most one node drained, each constraint the workload
 * writes keeps an eligible node.
 */
const constraintsWritten: readonly [string, ...string[]] = [
  "node.labels.tier==front",
  "node.labels.tier==back",
  "node.labels.tier!=front",
  "node.labels.disk!=ssd",
  "node.role==worker",
  "node.role!=manager",
  "node.hostname!=w1",
  "node.hostname!=w4",
];

/** What the job workload needs of the simulator. */
export interface JobWorkloadWorld {
  /** The seed's random stream. */
  readonly random: Random;
  /** Simulated time, ms. */
  now(): number;
  /** A new object id. */
  newId(): string;
  /** Reads the leader's store, or undefined without a leader. */
  view<T>(fn: (tx: ReadTx) => T): T | undefined;
  /** Proposes a write on the leader (noted in the trace); `onAck` runs once it committed. */
  write(what: string, fn: (tx: WriteTx) => void, onAck?: () => void): void;
  /** A new service's spec as the services' workload makes it (update settings, restart policy, maybe a secret). */
  serviceSpec(id: string, global: boolean): ServiceSpec;
  /** Records a service whose creation was acknowledged (global: whether its mode is global). */
  acknowledgeService(id: string, global: boolean): void;
  /** Services acknowledged and not being removed. */
  services(): readonly string[];
  /** Worker nodes in the simulation. */
  readonly workers: number;
}

/** The job status a new spec gives a service: a job runs again as a new iteration (the Control API's rule). */
export function jobRerun(
  current: Service,
  spec: ServiceSpec,
  nowMs: number,
): Pick<Service, "jobStatus"> | Record<string, never> {
  if (!isJob(spec)) return {};
  return {
    jobStatus: {
      jobIteration: { index: Number(current.jobStatus?.jobIteration?.index ?? 0) + 1 },
      lastExecution: timestampFromMs(nowMs),
    },
  };
}

/** The workload steps for jobs, configs and placement, drawing from the seed's stream. */
export class JobWorkload {
  private readonly configs: string[] = [];
  private readonly ackedConfigs = new Set<string>();

  constructor(private readonly world: JobWorkloadWorld) {}

  /** Configs whose creation was acknowledged (for acknowledged-writes). */
  acknowledgedConfigs(): ReadonlySet<string> {
    return this.ackedConfigs;
  }

  /** Draws how long a job task's container runs and how it exits. */
  jobRun(): { afterMs: number; exitCode: number } {
    const random = this.world.random;
    return {
      afterMs: jobRunMinMs + random.nextInt(jobRunSpreadMs),
      exitCode: random.nextInt(100) < jobFailPercent ? 1 : 0,
    };
  }

  /** One workload step. */
  step(): void {
    const roll = this.world.random.nextInt(100);
    if (roll < 25) this.createJob();
    else if (roll < 40) this.rerun();
    else if (roll < 52) this.createConfig();
    else if (roll < 67) this.rotateConfig();
    else if (roll < 82) this.relabelNodes();
    else this.createConstrainedService();
  }

  private pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[this.world.random.nextInt(list.length)];
  }

  private one(list: readonly [string, ...string[]]): string {
    return this.pick(list) ?? list[0];
  }

  /** A constraint to write; one on `tier` only once every node has its tier (else it may match none). */
  private constraint(): string {
    const tiered = this.world.view((tx) => {
      const nodes = tx.all("node");
      return nodes.length >= this.world.workers && nodes.every((n) => n.spec?.annotations?.labels?.tier);
    });
    const c = this.one(constraintsWritten);
    return tiered || !c.includes("tier") ? c : "node.role==worker";
  }

  /** A config reference, as `service create --config` writes it. */
  private configRef(id: string): swarm.v1.ConfigReference.$Properties {
    return { configId: id, configName: id, file: { name: `/etc/${id}`, uid: "0", gid: "0", mode: 0o444 } };
  }

  /** Sometimes one of the acknowledged configs. */
  private maybeConfigs(percent: number): swarm.v1.ConfigReference.$Properties[] {
    const id = this.world.random.nextInt(100) < percent ? this.pick([...this.ackedConfigs]) : undefined;
    return id ? [this.configRef(id)] : [];
  }

  private createJob(): void {
    const random = this.world.random;
    const id = this.world.newId();
    const global = random.nextInt(100) < 30;
    const base = this.world.serviceSpec(id, false);
    const never = random.nextInt(100) < 20;
    const constraint = random.nextInt(100) < 30 ? this.constraint() : undefined;
    const configs = this.maybeConfigs(40);
    const totalCompletions = 1 + random.nextInt(jobCompletionsMax);
    const maxConcurrent = random.nextInt(jobConcurrencyMax + 1);
    const { replicated: _replicated, update: _update, rollback: _rollback, ...rest } = base;
    const spec: ServiceSpec = {
      ...rest,
      task: {
        ...base.task,
        container: { ...base.task?.container, ...(configs.length > 0 ? { configs } : {}) },
        restart: {
          condition: never
            ? swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE
            : swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ON_FAILURE,
          delayNs: (100 + random.nextInt(900)) * 1_000_000,
        },
        ...(constraint ? { placement: { constraints: [constraint] } } : {}),
      },
      ...(global ? { globalJob: {} } : { replicatedJob: { totalCompletions, maxConcurrent } }),
    };
    const what = global ? "global job" : `job of ${totalCompletions} completions, ${maxConcurrent || "all"} at once`;
    this.world.write(
      `creates ${what} ${id}${never ? " (restart never)" : ""}${constraint ? ` on ${constraint}` : ""}`,
      (tx) =>
        tx.create("service", {
          id,
          spec,
          jobStatus: { jobIteration: { index: 0 }, lastExecution: timestampFromMs(this.world.now()) },
        }),
      () => this.world.acknowledgeService(id, global),
    );
  }

  /** Writes a new spec as the Control API's update does (a job runs again as a new iteration). */
  private update(what: string, id: string, change: (spec: ServiceSpec) => ServiceSpec): void {
    const now = this.world.now();
    this.world.write(what, (tx) => {
      const current = tx.get("service", id);
      if (!current?.spec) return;
      const { updateStatus: _cleared, ...rest } = current;
      const spec = change(current.spec);
      tx.update("service", { ...rest, spec, previousSpec: current.spec, ...jobRerun(current, spec, now) });
    });
  }

  /** `service update --force`: a job runs again, another service's tasks are all replaced. */
  private rerun(): void {
    const services = this.world.services();
    const jobs = this.world.view((tx) => services.filter((id) => isJob(tx.get("service", id)?.spec))) ?? [];
    const id = this.world.random.nextInt(100) < 75 && jobs.length > 0 ? this.pick(jobs) : this.pick(services);
    if (!id) return;
    this.update(`forces ${id} to run again`, id, (spec) => ({
      ...spec,
      task: { ...spec.task, forceUpdate: Number(spec.task?.forceUpdate ?? 0) + 1 },
    }));
  }

  private createConfig(): void {
    const id = this.world.newId();
    this.configs.push(id);
    this.world.write(
      `creates config ${id}`,
      (tx) =>
        tx.create("config", { id, spec: { annotations: { name: id }, data: new TextEncoder().encode(`c-${id}`) } }),
      () => this.ackedConfigs.add(id),
    );
  }

  /** A config rotation, Docker's way: the service moves to another config (or to none). */
  private rotateConfig(): void {
    const id = this.pick(this.world.services());
    if (!id) return;
    const configs = this.maybeConfigs(85);
    this.update(`rotates ${id} to config ${configs[0]?.configId ?? "none"}`, id, (spec) => ({
      ...spec,
      task: { ...spec.task, container: { ...spec.task?.container, configs } },
    }));
  }

  /**
   * Gives the workers new node labels, all in one transaction (so two relabellings conflict rather
   * than mix): `tier` front on two and back on two, `disk=ssd` on at most two.
   */
  private relabelNodes(): void {
    const random = this.world.random;
    const nodes = (this.world.view((tx) => tx.all("node")) ?? []).map((n) => n.id ?? "").sort();
    // Every worker at once, so the label counts hold on all of them.
    if (nodes.length < this.world.workers) return;
    const front = new Set<string>();
    const order = [...nodes];
    while (front.size < Math.floor(nodes.length / 2)) front.add(order.splice(random.nextInt(order.length), 1)[0]!);
    const ssd = new Set<string>();
    const ssdCount = random.nextInt(3);
    while (ssd.size < Math.min(ssdCount, nodes.length)) ssd.add(nodes[random.nextInt(nodes.length)]!);
    this.world.write(
      `labels tier=front on ${[...front].join(",")}, disk=ssd on ${[...ssd].join(",") || "none"}`,
      (tx) => {
        for (const id of nodes) {
          const node = tx.get("node", id);
          if (!node) continue;
          const { disk: _disk, tier: _tier, ...others } = node.spec?.annotations?.labels ?? {};
          const labels = { ...others, tier: front.has(id) ? "front" : "back", ...(ssd.has(id) ? { disk: "ssd" } : {}) };
          tx.update("node", { ...node, spec: { ...node.spec, annotations: { ...node.spec?.annotations, labels } } });
        }
      },
    );
  }

  private createConstrainedService(): void {
    const random = this.world.random;
    const id = this.world.newId();
    const global = random.nextInt(100) < 30;
    const base = this.world.serviceSpec(id, global);
    const constraint = this.constraint();
    const configs = this.maybeConfigs(40);
    const spec: ServiceSpec = {
      ...base,
      task: {
        ...base.task,
        container: { ...base.task?.container, ...(configs.length > 0 ? { configs } : {}) },
        placement: { constraints: [constraint] },
      },
    };
    this.world.write(
      `creates service ${id} (${global ? "global" : `${spec.replicated?.replicas} replicas`}) on ${constraint}`,
      (tx) => tx.create("service", { id, spec }),
      () => this.world.acknowledgeService(id, global),
    );
  }
}
