// The phases of the scale benchmark against a real cluster: three swarmd managers (real raft, real
// mTLS, metrics on) and a hollow fleet of N agents in processes of their own. The phases are those
// an operator of a large cluster lives through: N nodes join; T tasks of S services deploy; a
// rolling update of a tenth of the services; the leader is killed; 5% of the nodes are killed.
// The managers are drained, so every task runs on the hollow agents.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { swarm } from "../../proto/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { fleetGroups, HollowFleet } from "../hollow/hollow-fleet.js";
import * as grpc from "@grpc/grpc-js";
import { callControl, grpcCode } from "./control-call.js";
import { type PhaseFigures, type ProbedManager, ScaleProbe, scrape } from "./scale-probe.js";

/** Port of each manager's metrics, on the manager's own loopback address. */
export const scaleMetricsPort = 9464;
/** Share of the services the rolling update changes. */
export const scaleUpdatedServicesShare = 0.1;
/** Share of the nodes the last phase kills. */
export const scaleKilledNodesShare = 0.05;
/** Services created at once while deploying. */
export const scaleCreateConcurrency = 8;
/** Raft tick the bench sets on the cluster when it asks for a longer election timeout. */
export const scaleRaftTickMs = 100;
/**
 * Election timeout the bench runs the managers with by default. Raft's own default (0.5–1 s) is
 * tuned for failover on a quiet machine; on a 2-core machine whose load average stands at 15–20
 * (other engineers' builds and tests), a runnable process waits hundreds of milliseconds for a core,
 * and followers missed the leader's heartbeats and elected new leaders in the middle of the join.
 * Docker Swarm's default is 10 s (10 ticks of 1 s); 3 s keeps the leader-kill target (every node
 * back in session within 10 s) in reach.
 */
export const scaleElectionMsDefault = 3_000;
/** Pause between two polls of a phase's end condition. */
export const scalePollMs = 500;
/** How often a long wait reports its progress. */
export const scaleProgressMs = 10_000;
/** Longest any phase may take, besides a per-task and per-node allowance. */
export const scalePhaseMsBase = 120_000;
/** Allowance per task and per node of a phase's deadline (a loaded 2-core machine is slow). */
export const scalePhaseMsPerObject = 20;

const S = swarm.v1.TaskState;
const N = swarm.v1.NodeStatus.State;

/** Options of {@link runScale}. */
export interface ScaleOptions {
  readonly nodes: number;
  readonly tasks: number;
  readonly services: number;
  /** Churn of the hollow agents' tasks (share of running tasks exiting per hour). */
  readonly exitsPerTaskHour: number;
  /** Directory where every manager and fleet process writes a CPU profile as it exits (node --cpu-prof). */
  readonly profileDir?: string;
  /** Election timeout set on the cluster (rounded to {@link scaleRaftTickMs}); 0 keeps raft's default. */
  readonly electionMs?: number;
  /** Called with a line of progress as phases start and end. */
  readonly progress?: (line: string) => void;
}

/** What the leader-kill phase found besides its figures. */
export interface LeaderKillFigures {
  /** Kill → a new leader answers ListServices. */
  readonly newLeaderMs: number;
  /** Kill → the new leader holds a session with every node. */
  readonly allSessionsMs: number;
  /** Most nodes the managers showed DOWN at once (none died: must be 0). */
  readonly nodesWronglyDown: number;
  /** Tasks running before the kill that no longer run, less those the churn stopped. */
  readonly tasksRestarted: number;
}

/** Running tasks per hollow node: the fewest and the most on one node. */
export interface TaskSpread {
  readonly min: number;
  readonly max: number;
}

/** What the node-kill phase found besides its figures. */
export interface NodeKillFigures {
  readonly killedNodes: number;
  /** Tasks that ran on them. */
  readonly killedTasks: number;
  /** Kill → every killed node DOWN. */
  readonly downMs: number;
  /** Kill → T tasks running again, elsewhere. */
  readonly replacedMs: number;
}

/** Everything one run measured. */
export interface ScaleResult {
  readonly nodes: number;
  readonly tasks: number;
  readonly services: number;
  readonly fleetProcesses: number;
  readonly phases: PhaseFigures[];
  readonly leaderKill: LeaderKillFigures;
  readonly nodeKill: NodeKillFigures;
  /** Load average (1 min) at the start and the end. */
  readonly loadAverage: readonly [number, number];
  /** Tasks the churn stopped over the run. */
  readonly churnExits: number;
  /**
   * Running tasks per node once deployed, and before the node kill: a leader change that marks
   * live nodes DOWN moves their tasks to the nodes back first, and nothing moves them back.
   */
  readonly spread: { readonly deployed: TaskSpread; readonly beforeNodeKill: TaskSpread };
}

/** Runs every phase on a fresh cluster and removes it all afterwards. */
export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const progress = options.progress ?? (() => undefined);
  const { loadavg } = await import("node:os");
  const loadStart = loadavg()[0]!;
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-bench-scale-"));
  let cluster: LocalCluster | null = null;
  let fleet: HollowFleet | null = null;
  let probe: ScaleProbe | null = null;
  const profileFlags = options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : [];
  try {
    progress("starting 3 managers");
    cluster = await LocalCluster.up({
      baseDir,
      managers: 3,
      workers: 0,
      executor: "process",
      // Info: elections, leadership, the dispatcher's counts per interval and failed writes, rationed.
      logLevel: "info",
      ...(profileFlags.length > 0 ? { nodeFlags: profileFlags } : {}),
      nodeArgs: (node) => ["--metrics-addr", `${node.ip}:${scaleMetricsPort}`],
    });
    const managers: ProbedManager[] = cluster.nodes.map((node) => ({
      node,
      metricsAddr: `${node.ip}:${scaleMetricsPort}`,
    }));
    let fleetRef: HollowFleet | null = null;
    probe = new ScaleProbe(managers, () => fleetRef?.pids() ?? []);
    const p = probe;
    const phaseMsMax = scalePhaseMsBase + scalePhaseMsPerObject * (options.nodes + options.tasks);
    // The bench's own calls go to the manager last seen leading (followers forward them anyway);
    // the leader is looked up again when that manager is gone or no longer leads.
    let current: ProbedManager | null = null;
    const leaderControl = async (): Promise<ReturnType<ScaleProbe["control"]>> => {
      if (current && cluster!.isRunning(current.node) && current.node.name === p.leaderName) return p.control(current);
      const leader = await p.leader();
      if (!leader) throw new Error("no leader");
      current = leader.manager;
      return p.control(leader.manager);
    };
    const control = await leaderControl();
    for (const node of (await callControl(control, "listNodes", {})).nodes)
      await callControl(control, "updateNode", {
        nodeId: node.id,
        nodeVersion: node.meta.version,
        spec: { ...node.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
      });
    const clusterObject = (await callControl(control, "listClusters", {})).clusters[0]!;
    const token = clusterObject.joinTokens.worker;
    const electionMs = options.electionMs ?? scaleElectionMsDefault;
    if (electionMs > 0) {
      const spec = swarm.v1.ClusterSpec.toObject(clusterObject.spec, { longs: Number }) as swarm.v1.IClusterSpec;
      await callControl(control, "updateCluster", {
        clusterId: clusterObject.id,
        clusterVersion: clusterObject.meta.version,
        spec: {
          ...spec,
          raft: {
            ...spec.raft,
            tickNs: scaleRaftTickMs * 1e6,
            electionTick: Math.max(2, Math.round(electionMs / scaleRaftTickMs)),
            heartbeatTick: 1,
          },
        },
        rotation: {},
      });
      progress(`election timeout ${electionMs} ms (${scaleRaftTickMs} ms ticks)`);
    }
    // The nodes the last phase kills run in a process of their own, so killing it kills them all.
    const killed = Math.max(1, Math.round(options.nodes * scaleKilledNodesShare));
    const groups = options.nodes > killed ? [killed, ...fleetGroups(options.nodes - killed)] : [options.nodes];
    const readyCount = async (): Promise<{ ready: number; hollowDown: number; nodes: swarm.v1.INode[] }> => {
      const nodes = (await callControl(await leaderControl(), "listNodes", {})).nodes;
      const ready = nodes.filter((n) => Number(n.status?.state) === Number(N.STATE_READY)).length;
      const hollowDown = nodes.filter(
        (n) => n.description?.hostname?.startsWith("hollow-") && Number(n.status?.state) === Number(N.STATE_DOWN),
      ).length;
      return { ready, hollowDown, nodes };
    };
    // Running tasks per READY hollow node, from every service's task list (outside the phases' figures).
    const spread = async (): Promise<TaskSpread> => {
      const perNode = new Map<string, number>();
      for (const n of (await readyCount()).nodes)
        if (n.description?.hostname?.startsWith("hollow-") && Number(n.status?.state) === Number(N.STATE_READY))
          perNode.set(n.id!, 0);
      const client = await leaderControl();
      for (const serviceId of serviceIds)
        for (const task of (await callControl(client, "listTasks", { filters: { serviceIds: [serviceId] } })).tasks)
          if (Number(task.status?.state) === Number(S.TASK_STATE_RUNNING) && perNode.has(task.nodeId ?? ""))
            perNode.set(task.nodeId, perNode.get(task.nodeId)! + 1);
      const counts = [...perNode.values()];
      return { min: counts.length > 0 ? Math.min(...counts) : 0, max: counts.length > 0 ? Math.max(...counts) : 0 };
    };
    const phases: PhaseFigures[] = [];

    progress(`phase join: ${options.nodes} hollow nodes in ${groups.length} processes`);
    const join1 = await p.phase("join", async () => {
      fleet = await HollowFleet.start({
        // The leader first: it is the CA the nodes join through.
        managers: [...managers]
          .sort((a, b) => Number(b.node.name === p.leaderName) - Number(a.node.name === p.leaderName))
          .map((m) => m.node.addr),
        token,
        count: options.nodes,
        groups,
        baseDir,
        exitsPerTaskHour: options.exitsPerTaskHour,
        progress,
        nodeFlags: profileFlags,
      });
      fleetRef = fleet;
      await until(
        "every node READY",
        async () => ((await readyCount()).ready >= options.nodes + 3 ? true : undefined),
        phaseMsMax,
        scalePollMs,
      );
    });
    phases.push(join1.figures);
    const theFleet = fleetRef as unknown as HollowFleet;

    let lastProgressMs = 0;
    const running = async (): Promise<number> => {
      const count = (await p.leader())?.counters.running ?? -1;
      if (performance.now() - lastProgressMs > scaleProgressMs) {
        lastProgressMs = performance.now();
        progress(`  ${count} tasks running, ${theFleetRunning()} on the agents`);
      }
      return count;
    };
    const theFleetRunning = (): number => fleetRef?.running() ?? 0;
    progress(`phase deploy: ${options.tasks} tasks over ${options.services} services`);
    const serviceIds: string[] = [];
    const deploy = await p.phase("deploy", async () => {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < options.services) {
          const i = next++;
          const replicas =
            Math.floor(options.tasks / options.services) + (i < options.tasks % options.services ? 1 : 0);
          const spec: swarm.v1.IServiceSpec = {
            annotations: { name: `scale-${i + 1}` },
            task: { container: { image: "process://sleep", args: ["86400"] } },
            replicated: { replicas },
            // A tenth of each service at a time, as an operator would set for a large service.
            update: { parallelism: Math.max(1, Math.ceil(replicas / 10)) },
          };
          serviceIds[i] = await until(
            `service scale-${i + 1} created`,
            async () => {
              // A leader change under load refuses some calls: a client tries again, finding the
              // service by name when the refused call had created it after all.
              try {
                return (await callControl(await leaderControl(), "createService", { spec })).service.id;
              } catch (error) {
                if (grpcCode(error) !== grpc.status.ALREADY_EXISTS) throw error;
                const found = await callControl(await leaderControl(), "listServices", {
                  filters: { names: [spec.annotations!.name!] },
                });
                return found.services[0]?.id ?? undefined;
              }
            },
            phaseMsMax,
            scalePollMs,
          );
          if (i === 0) p.sampledServiceId = serviceIds[0]!;
        }
      };
      await Promise.all(Array.from({ length: scaleCreateConcurrency }, lane));
      await until(
        `${options.tasks} tasks RUNNING`,
        async () => ((await running()) >= options.tasks ? true : undefined),
        phaseMsMax,
        scalePollMs,
      );
    });
    phases.push(deploy.figures);
    const deployedSpread = await spread();

    const updated = serviceIds.slice(0, Math.max(1, Math.round(options.services * scaleUpdatedServicesShare)));
    progress(`phase update: rolling update of ${updated.length} services`);
    const update = await p.phase("rolling update", async () => {
      const client = await leaderControl();
      for (const id of updated) {
        const service = (await callControl(client, "getService", { serviceId: id })).service;
        const spec = service.spec;
        await callControl(client, "updateService", {
          serviceId: id,
          serviceVersion: service.meta.version,
          spec: { ...spec, task: { ...spec.task, container: { ...spec.task.container, env: ["ROLLED=1"] } } },
        });
      }
      await until(
        "every updated service COMPLETED",
        async () => {
          const services = (await callControl(await leaderControl(), "listServices", {})).services;
          const done = services.filter(
            (s) =>
              updated.includes(s.id) &&
              Number(s.updateStatus?.state) === Number(swarm.v1.UpdateStatus.State.UPDATE_STATE_COMPLETED),
          ).length;
          return done === updated.length && (await running()) >= options.tasks ? true : undefined;
        },
        phaseMsMax,
        scalePollMs,
      );
    });
    phases.push(update.figures);

    // The tasks running before the kill, by id, to find any the failover restarted.
    const runningIds = async (): Promise<Set<string>> => {
      const ids = new Set<string>();
      const client = await leaderControl();
      for (const serviceId of serviceIds)
        for (const task of (await callControl(client, "listTasks", { filters: { serviceIds: [serviceId] } })).tasks)
          if (Number(task.status?.state) === Number(S.TASK_STATE_RUNNING)) ids.add(task.id);
      return ids;
    };
    const leader = (await p.leader())!.manager;
    progress(`phase leader kill: SIGKILL ${leader.node.name}`);
    const beforeKill = await runningIds();
    const exitsBeforeKill = theFleet.exits.length;
    let wronglyDown = 0;
    const leaderKill = await p.phase("leader kill", async () => {
      const killedAt = performance.now();
      cluster!.signal(leader.node, "SIGKILL");
      const newLeaderMs = await until(
        "a new leader serving",
        async () => {
          const next = await p.leader();
          if (!next || next.manager === leader) return undefined;
          await callControl(p.control(next.manager), "listServices", {});
          return performance.now() - killedAt;
        },
        phaseMsMax,
        scalePollMs,
      );
      const allSessionsMs = await until(
        "every node in session with the new leader",
        async () => {
          wronglyDown = Math.max(wronglyDown, (await readyCount()).hollowDown);
          const next = await p.leader();
          return next && next.counters.sessions >= options.nodes ? performance.now() - killedAt : undefined;
        },
        phaseMsMax,
        scalePollMs,
      );
      // Watch a little longer: a node wrongly marked down shows up once its grace period ends.
      await until(
        "the store's tasks all running again",
        async () => {
          wronglyDown = Math.max(wronglyDown, (await readyCount()).hollowDown);
          return (await running()) >= options.tasks ? true : undefined;
        },
        phaseMsMax,
        scalePollMs,
      );
      return { newLeaderMs, allSessionsMs };
    });
    phases.push(leaderKill.figures);
    const afterKill = await runningIds();
    const churned = new Set(theFleet.exits.slice(exitsBeforeKill).map((e) => e.taskId));
    const tasksRestarted = [...beforeKill].filter((id) => !afterKill.has(id) && !churned.has(id)).length;
    progress(`restarting ${leader.node.name}`);
    await cluster.restartNode(leader.node);
    await until(
      "the old leader back as a follower",
      async () => ((await scrape(leader.metricsAddr)) ? true : undefined),
      phaseMsMax,
      scalePollMs,
    );

    const victims = new Set(theFleet.hostnames(0));
    const victimIds = new Set(
      (await readyCount()).nodes.filter((n) => victims.has(n.description?.hostname ?? "")).map((n) => n.id!),
    );
    let killedTasks = 0;
    const client = await leaderControl();
    for (const serviceId of serviceIds)
      for (const task of (await callControl(client, "listTasks", { filters: { serviceIds: [serviceId] } })).tasks)
        if (Number(task.status?.state) === Number(S.TASK_STATE_RUNNING) && victimIds.has(task.nodeId ?? ""))
          killedTasks++;
    progress(`phase node kill: ${victimIds.size} nodes running ${killedTasks} tasks`);
    const nodeKillSpread = await spread();
    const nodeKill = await p.phase("node kill", async () => {
      const killedAt = performance.now();
      await theFleet.crash(0);
      const downMs = await until(
        "every killed node DOWN",
        async () => {
          const { nodes } = await readyCount();
          const down = nodes.filter((n) => victimIds.has(n.id!) && Number(n.status?.state) === Number(N.STATE_DOWN));
          return down.length === victimIds.size ? performance.now() - killedAt : undefined;
        },
        phaseMsMax,
        scalePollMs,
      );
      const replacedMs = await until(
        `${options.tasks} tasks RUNNING again`,
        async () => {
          if ((await running()) < options.tasks) return undefined;
          // The store's count may still include the dead nodes' tasks: confirm task by task.
          let elsewhere = 0;
          const client = await leaderControl();
          for (const serviceId of serviceIds)
            for (const task of (await callControl(client, "listTasks", { filters: { serviceIds: [serviceId] } })).tasks)
              if (
                Number(task.status?.state) === Number(S.TASK_STATE_RUNNING) &&
                Number(task.desiredState) === Number(S.TASK_STATE_RUNNING) &&
                !victimIds.has(task.nodeId ?? "")
              )
                elsewhere++;
          return elsewhere >= options.tasks ? performance.now() - killedAt : undefined;
        },
        phaseMsMax,
        scalePollMs,
      );
      return { downMs, replacedMs };
    });
    phases.push(nodeKill.figures);

    return {
      nodes: options.nodes,
      tasks: options.tasks,
      services: options.services,
      fleetProcesses: groups.length,
      phases,
      leaderKill: {
        newLeaderMs: leaderKill.result.newLeaderMs,
        allSessionsMs: leaderKill.result.allSessionsMs,
        nodesWronglyDown: Math.max(0, wronglyDown),
        tasksRestarted,
      },
      nodeKill: {
        killedNodes: victimIds.size,
        killedTasks,
        downMs: nodeKill.result.downMs,
        replacedMs: nodeKill.result.replacedMs,
      },
      loadAverage: [loadStart, loadavg()[0]!],
      churnExits: theFleet.exits.length,
      spread: { deployed: deployedSpread, beforeNodeKill: nodeKillSpread },
    };
  } finally {
    probe?.close();
    await (fleet as HollowFleet | null)?.stop();
    await cluster?.down({ purge: true });
    // SWARM_SCALE_KEEP keeps the managers' logs and state for a post-mortem.
    if (process.env.SWARM_SCALE_KEEP) progress(`kept ${baseDir}`);
    else rmSync(baseDir, { recursive: true, force: true });
  }
}
