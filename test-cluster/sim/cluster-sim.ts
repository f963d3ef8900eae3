// The whole-cluster simulator: N managers, each a real RaftNode over a simulated disk (a save not
// yet synced is lost in a crash) and a simulated network (drops, duplicates, delays, partitions),
// the real store, and on the leader the real dispatcher, orchestrator, update supervisor,
// allocator, scheduler and task reaper; M workers, each a real Agent over the fake executor,
// reaching the dispatchers through a simulated link (delays, resets, partitions) — all in one
// process on one FakeClock, driven by a seeded workload (services created, updated rolling
// start-first and stop-first, scaled and removed; secrets created and rotated; nodes drained and
// activated; jobs, configs, constraints and node labels: see job-workload.ts) and seeded faults (managers and workers crashed, restarted and partitioned, tasks
// killed or made unhealthy). Named properties are checked as it runs; a failing seed replays
// exactly with --seed.
import { FakeClock, nextRealTurn, SeededRandom } from "../../common/index.js";
import {
  Dispatcher,
  leaderOnly,
  leadershipBarrierRetryMs,
  LeaderRecorder,
  MemoryStore,
  RoleReconciler,
  ServiceOrchestrator,
  TaskAllocator,
  TaskReaper,
  TaskScheduler,
  type StoreEvent,
  type TransactionOutcome,
  UpdateSupervisor,
  type WriteTx,
} from "../../manager/index.js";
import { type DispatcherServer, swarm } from "../../proto/index.js";
import { makeMessage, type Message, RaftNode, type RaftTransport } from "../../raft/index.js";
import type { DemotionRaft } from "../../manager/index.js";
import { endStateProblem, type Problem, secretsProblem, slotProblem } from "./cluster-properties.js";
import type { LinkManager, LinkWorld } from "./dispatcher-link.js";
import { jobCommitProblem, misplacedTasks } from "./job-properties.js";
import { jobRerun, JobWorkload, jobWorkloadPercent } from "./job-workload.js";
import { MemberClock } from "./member-clock.js";
import {
  membershipStepMs,
  MembershipWorkload,
  pausePlacementProblem,
  type PausedSince,
  raftMembershipProblem,
} from "./membership-workload.js";
import { SimDisk } from "./sim-disk.js";
import { SimWorker } from "./sim-worker.js";
import {
  completedSeenFailed,
  composeLenses,
  constraintsBlind,
  drainBlind,
  jobRetriesBlind,
  pauseBlind,
  maxConcurrentBlind,
  storeSeenAs,
} from "./store-lens.js";

/** Simulated time with faults and workload, per seed. */
export const faultPhaseMs = 20_000;
/** Simulated time allowed after the faults stop for every service to converge (the liveness bound). */
export const convergenceBoundMs = 60_000;
/** Raft tick of simulated managers. */
export const simTickMs = 100;
/** Simulated worker nodes (zones a, a, b, b). */
export const simWorkers = 4;
/** Most events one seed may process (a bound on a runaway run). */
export const stepsMax = 2_000_000;
/** Microtask turns let run after each event before looking for deferred work. */
export const microtaskTurns = 20;
/** Store agreement and slot occupancy are checked every this many events (and at the end). */
export const agreementCheckEvents = 200;
/** Percent of worker link messages that reset their connection while faults are on. */
export const linkResetPercent = 1;
/** How long a live task may stay on a node that cannot hold it (drained, down, failing a constraint), simulated ms. */
export const eligibilityGraceMs = 10_000;
/**
 * Most real event-loop turns of deferred work one event may start before the run counts as stopped:
 * work that keeps deferring more work never lets the next timer fire (an event takes a few turns).
 */
export const deferredTurnsMax = 20_000;
/** Most events at one simulated instant before the run counts as stopped (timers re-arming at no delay). */
export const eventsAtOneInstantMax = 50_000;

/** Bugs a test injects to show that the simulator catches them. */
export interface SimHooks {
  /** Manager 2's store skips applying every 7th entry (breaks store agreement). */
  readonly followerSkipsEntries?: boolean;
  /** The leader runs no scheduler (breaks convergence). */
  readonly noScheduler?: boolean;
  /**
   * A new leader starts its components without waiting for its read barrier, so they may act on a
   * store that lags the log (entries of an earlier leader apply after their first writes).
   */
  readonly noLeadershipBarrier?: boolean;
  /** Every service creation also writes a second live task into slot 1 (breaks slot-tasks). */
  readonly duplicateSlot?: boolean;
  /** The dispatcher sends every secret with every assignments message (breaks secrets-need-to-know). */
  readonly dispatcherSendsEverySecret?: boolean;
  /** Workers' containers ignore stop and removal (breaks running-tasks-agree). */
  readonly containersIgnoreStop?: boolean;
  /** The workload moves a running task back to ASSIGNED (breaks task-state-monotonic). */
  readonly rewindTaskState?: boolean;
  /** The orchestrator and the scheduler see every node as active, drained ones too (breaks eligible-nodes). */
  readonly drainIgnored?: boolean;
  /** The orchestrator and the scheduler see services without placement constraints (breaks eligible-nodes). */
  readonly constraintsIgnored?: boolean;
  /** The dispatcher sends every config with every assignments message (breaks secrets-need-to-know). */
  readonly dispatcherSendsEveryConfig?: boolean;
  /** The orchestrator sees a completed job task as failed, and retries its slot (breaks job-completion-final). */
  readonly jobRestartsCompleted?: boolean;
  /** The orchestrator sees replicated jobs without their maxConcurrent (breaks job-max-concurrent). */
  readonly jobIgnoresMaxConcurrent?: boolean;
  /** The orchestrator sees jobs' restart condition as none, so failed job tasks are never retried (breaks job-liveness). */
  readonly jobRetriesIgnored?: boolean;
  /** The orchestrator and the scheduler see paused nodes as active (breaks eligible-nodes). */
  readonly pauseIgnored?: boolean;
  /** The role reconciler records a demotion without removing the member from raft (breaks raft-membership). */
  readonly demotionKeepsRaftMember?: boolean;
  /** Each leader runs a component that defers work forever, so no timer fires again (breaks time-moves). */
  readonly deferForever?: boolean;
}

/** Options of one seed. */
export interface ClusterSimOptions {
  /** Managers (default 3). */
  readonly managers?: number;
  /** Injected bugs. */
  readonly hooks?: SimHooks;
  /**
   * Runs the membership workload (promotions, demotions, removals, pauses: membership-workload.ts)
   * and the manager's membership components (default true; false to bisect a failure without them).
   */
  readonly membership?: boolean;
  /** Prints every commit the leader applies to one service and its tasks (`--follow ID`), to debug a seed. */
  readonly follow?: { readonly serviceId: string; readonly print: (line: string) => void };
}

/** Names of the properties the simulator checks. */
export type ClusterProperty =
  | "store-agreement"
  | "acknowledged-writes"
  | "task-state-monotonic"
  | "slot-tasks"
  | "secrets-need-to-know"
  | "eligible-nodes"
  | "running-tasks-agree"
  | "convergence"
  | "job-completion-final"
  | "job-max-concurrent"
  | "job-liveness"
  | "raft-membership"
  | "time-moves";

/** A property that did not hold. */
export interface ClusterViolation {
  /** Name of the property. */
  readonly property: ClusterProperty;
  /** What was seen. */
  readonly detail: string;
  /** Simulated ms since the start. */
  readonly atMs: number;
}

/** Outcome of one seed. */
export interface ClusterSeedResult {
  /** The seed. */
  readonly seed: number;
  /** Simulated events processed. */
  readonly events: number;
  /** Writes acknowledged to the workload. */
  readonly acked: number;
  /** Manager crashes. */
  readonly crashes: number;
  /** Worker crashes. */
  readonly workerCrashes: number;
  /** Task statuses the workers reported that reached a store (RUNNING ones). */
  readonly tasksRunning: number;
  /** Demotions refused by the quorum guard (a manager down, the rest short of a quorum without the demoted one). */
  readonly quorumRefusals: number;
  /** Violations, first first. */
  readonly violations: ClusterViolation[];
  /** The last events before the first violation (a shortened trace). */
  readonly trace: string[];
}

interface Member {
  /** Raft id. */
  readonly id: number;
  /** Node id: m1, m2, m3 for the founders, a worker's own for a promoted one. */
  readonly nodeId: string;
  /** Address of its manager part. */
  readonly addr: string;
  /** Whether it bootstrapped the raft group (the others joined). */
  readonly founder: boolean;
  /** Its manager part stopped for good (its demotion finished). */
  retired: boolean;
  readonly disk: SimDisk;
  clock: MemberClock;
  store: MemoryStore;
  raft: RaftNode<TransactionOutcome[]> | null;
  leadership: AbortController | null;
  /** What the workers' link reaches while this incarnation runs. */
  link: LinkManager | null;
  /** Partitioned from every other member (and every worker) until this time. */
  isolatedUntilMs: number;
  /** Down until this time (then restarted). */
  downUntilMs: number;
}

const TaskState = swarm.v1.TaskState;
const Availability = swarm.v1.NodeSpec.Availability;
const Order = swarm.v1.UpdateConfig.Order;
const FailureAction = swarm.v1.UpdateConfig.FailureAction;

/** Images the workload's updates switch between (the fake executor runs any). */
const images: [string, ...string[]] = ["process://sleep", "process://sleep-v2", "process://sleep-v3"];

/** A service spec as the workload writes it. */
type ServiceSpec = swarm.v1.ServiceSpec.$Properties;

/** Writes a new spec the way the Control API's service update does: the old spec becomes the previous one, the update status clears. */
function writeSpec(tx: WriteTx, id: string, change: (spec: ServiceSpec) => ServiceSpec, nowMs: number): void {
  const current = tx.get("service", id);
  if (!current?.spec) return;
  const { updateStatus: _cleared, ...rest } = current;
  const spec = change(current.spec);
  tx.update("service", { ...rest, spec, previousSpec: current.spec, ...jobRerun(current, spec, nowMs) });
}

/** Runs one seed. */
export async function runClusterSeed(seed: number, options: ClusterSimOptions = {}): Promise<ClusterSeedResult> {
  const hooks = options.hooks ?? {};
  const withMembership = options.membership ?? true;
  const clock = new FakeClock(1_700_000_000_000);
  const start = clock.now();
  const random = new SeededRandom(seed);
  const count = options.managers ?? 3;
  const trace: string[] = [];
  const violations: ClusterViolation[] = [];
  const note = (line: string): void => {
    trace.push(`${clock.now() - start} ms ${line}`);
    if (trace.length > 40) trace.shift();
  };
  const violate = (property: ClusterProperty, detail: string): void => {
    if (violations.length === 0) note(`VIOLATION ${property}`);
    violations.push({ property, detail, atMs: clock.now() - start });
  };
  const follow = options.follow;
  const followEvent = (memberId: number, e: StoreEvent): void => {
    if (!follow) return;
    const task = e.kind === "task" ? (e.object as swarm.v1.Task.$Properties) : null;
    if ((task ? task.serviceId : e.object.id) !== follow.serviceId) return;
    const service = e.object as swarm.v1.Service.$Properties;
    const what = task
      ? `slot ${task.slot} ${TaskState[Number(task.status?.state ?? 0)]} desired ${TaskState[Number(task.desiredState ?? 0)]} on ${task.nodeId || "-"} image ${task.spec?.container?.image}${task.status?.err || task.status?.message ? ` (${task.status?.err || task.status?.message})` : ""}`
      : `image ${service.spec?.task?.container?.image} update ${JSON.stringify(service.updateStatus ?? null)}`;
    follow.print(`${clock.now() - start} ms m${memberId} ${e.kind} ${e.action} ${e.object.id} ${what}`);
  };
  const report = (problem: Problem | null): void => {
    if (problem) violate(problem.property as ClusterProperty, problem.detail);
  };
  let idCounter = 0;
  const newId = (): string => `id${seed}x${++idCounter}`;
  const addrOf = (nodeId: string): string => `${nodeId}:4242`;
  const bootstrap = new Map(Array.from({ length: count }, (_, i) => [i + 1, addrOf(`m${i + 1}`)] as [number, string]));
  const members: Member[] = [];
  /** Members whose manager part has not been stopped by a demotion. */
  const current = (): Member[] => members.filter((m) => !m.retired);
  const workers: SimWorker[] = [];
  let crashes = 0;
  let workerCrashes = 0;
  let tasksRunning = 0;
  let faultsOn = true;

  // Each worker's assignment set as it received it, for the secrets property (keys "secret:ID", "config:ID").
  const received = new Map<string, { tasks: Map<string, swarm.v1.ITask>; secrets: Set<string> }>();
  const world: LinkWorld = {
    clock,
    random,
    resetPercent: linkResetPercent,
    manager: (addr) => members.find((m) => m.addr === addr && !m.retired)?.link ?? null,
    cut: (nodeId, addr) => {
      const now = clock.now();
      const worker = workers.find((w) => w.nodeId === nodeId);
      const member = members.find((m) => m.addr === addr && !m.retired);
      return now < (worker?.isolatedUntilMs ?? 0) || now < (member?.isolatedUntilMs ?? 0);
    },
    faultsOn: () => faultsOn,
    onAssignments: (nodeId, message) => {
      let set = received.get(nodeId);
      if (!set || Number(message.type) === Number(swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE))
        received.set(nodeId, (set = { tasks: new Map(), secrets: new Set() }));
      for (const change of message.changes) {
        const remove = Number(change.action) === Number(swarm.v1.AssignmentChange.Action.ACTION_REMOVE);
        const a = change.assignment;
        if (a?.task) {
          if (remove) set.tasks.delete(a.task.id);
          else set.tasks.set(a.task.id, a.task);
        } else if (a?.secret || a?.config) {
          const key = a.secret ? `secret:${a.secret.id}` : `config:${a.config?.id ?? ""}`;
          if (remove) set.secrets.delete(key);
          else set.secrets.add(key);
        }
      }
      report(secretsProblem(nodeId, set.tasks, set.secrets));
    },
  };

  const transport = (from: Member): RaftTransport => ({
    send: (messages: readonly Message[]) => {
      for (const m of messages) {
        if (m.type === "snapshot") {
          sendSnapshot(from, m);
          continue;
        }
        if (faultsOn && random.nextInt(100) < 5) continue; // dropped
        const copies = faultsOn && random.nextInt(100) < 2 ? 2 : 1; // duplicated
        for (let c = 0; c < copies; c++) {
          from.clock.after(1 + random.nextInt(faultsOn ? 30 : 5), () => {
            const to = members.find((x) => x.id === m.to && !x.retired);
            const now = clock.now();
            if (!to?.raft || now < from.isolatedUntilMs || now < to.isolatedUntilMs) return;
            to.raft.step(m);
          });
        }
      }
    },
    addPeer: () => undefined,
    removePeer: () => undefined,
  });

  /**
   * A snapshot goes over a stream of its own; like the real transport, the sender learns how it
   * ended (a stream that broke, or whose peer was cut off or down, is a rejection). The leader
   * sends a follower nothing more until it knows: a snapshot lost without a word would leave that
   * follower (a joining learner, say) waiting for good.
   */
  const sendSnapshot = (from: Member, m: Message): void => {
    const lost = faultsOn && random.nextInt(100) < 5;
    from.clock.after(1 + random.nextInt(faultsOn ? 120 : 20), () => {
      const to = members.find((x) => x.id === m.to && !x.retired);
      const now = clock.now();
      const delivered = !lost && !!to?.raft && now >= from.isolatedUntilMs && now >= to.isolatedUntilMs;
      if (delivered) to.raft?.step(m);
      from.raft?.step(makeMessage({ type: "snapshot-status", from: m.to, to: m.from, reject: !delivered }));
    });
  };

  const boot = (member: Member): void => {
    member.clock = new MemberClock(clock);
    const store = new MemoryStore({ clock: member.clock });
    if (hooks.followerSkipsEntries && member.id === 2) {
      const apply = store.apply.bind(store);
      store.apply = (data, index) => (index % 7 === 0 ? [] : apply(data, index));
    }
    const pausedSince: PausedSince = new Map();
    // task-state-monotonic: no commit moves a task's observed state backwards, on any manager.
    store.watch((commit) => {
      report(pausePlacementProblem(commit.events, store, pausedSince, clock.now(), member.leadership !== null));
      for (const e of commit.events) {
        if (follow && member.leadership) followEvent(member.id, e);
        if (e.kind !== "task" || e.action !== "update" || !e.old) continue;
        const now = Number((e.object as swarm.v1.Task.$Properties).status?.state ?? 0);
        const was = Number((e.old as swarm.v1.Task.$Properties).status?.state ?? 0);
        if (now < was)
          violate(
            "task-state-monotonic",
            `m${member.id}: task ${e.object.id} moved from ${TaskState[was]} to ${TaskState[now]}`,
          );
        if (now === Number(TaskState.TASK_STATE_RUNNING) && was < now && member.leadership) tasksRunning++;
      }
      // job-completion-final and job-max-concurrent, on every commit that touches a job's task.
      if (commit.events.some((e) => e.kind === "task" && (e.object as swarm.v1.Task.$Properties).jobIteration))
        report(store.view((tx) => jobCommitProblem(tx, commit.events)));
    });
    member.store = store;
    const componentOptions = { clock: member.clock, newId };
    const dispatcher = new Dispatcher({
      store,
      clock: member.clock,
      newId,
      // As the manager lists them: raft's members as this one knows them.
      managers: () => raft.status().members.map(([id, addr]) => ({ peer: { nodeId: String(id), addr }, weight: 1 })),
    });
    const raft: RaftNode<TransactionOutcome[]> = new RaftNode<TransactionOutcome[]>({
      id: member.id,
      addr: member.addr,
      storage: member.disk.storage(),
      transport: transport(member),
      recovered: member.disk.recovered(),
      stateMachine: store,
      // A joined member starts empty and learns the group from the leader.
      ...(member.founder ? { bootstrap } : {}),
      tickMs: simTickMs,
      electionTicks: 10,
      snapshotIntervalEntries: 200,
      trailingEntries: 50,
      clock: member.clock,
      random: new SeededRandom(seed * 31 + member.id + crashes * 1009),
      onSoftState: (state) => {
        const leading = state.role === "leader";
        if (leading && !member.leadership) {
          note(`m${member.id} leads`);
          const leadership = new AbortController();
          member.leadership = leadership;
          // As the manager does: the components start only once everything committed before this
          // term has applied here, or they would act on a store that lags the log (and, e.g.,
          // recreate tasks that exist).
          const begin = (): void => {
            if (hooks.noLeadershipBarrier) return void startComponents();
            raft.readBarrier().then(
              () => {
                if (!leadership.signal.aborted) startComponents();
              },
              () => {
                if (!leadership.signal.aborted && member.leadership === leadership)
                  member.clock.after(leadershipBarrierRetryMs, begin);
              },
            );
          };
          const startComponents = (): void => {
            const placingLens = composeLenses([
              ...(hooks.drainIgnored ? [drainBlind] : []),
              ...(hooks.pauseIgnored ? [pauseBlind] : []),
              ...(hooks.constraintsIgnored ? [constraintsBlind] : []),
            ]);
            const orchestratingLens = composeLenses([
              ...(placingLens ? [placingLens] : []),
              ...(hooks.jobRestartsCompleted ? [completedSeenFailed] : []),
              ...(hooks.jobIgnoresMaxConcurrent ? [maxConcurrentBlind] : []),
              ...(hooks.jobRetriesIgnored ? [jobRetriesBlind] : []),
            ]);
            const placing = placingLens ? storeSeenAs(store, placingLens) : store;
            const orchestrating = orchestratingLens ? storeSeenAs(store, orchestratingLens) : store;
            const components = [
              dispatcher,
              new ServiceOrchestrator(orchestrating, componentOptions),
              new UpdateSupervisor(store, componentOptions),
              new TaskAllocator(store, componentOptions),
              ...(hooks.noScheduler ? [] : [new TaskScheduler(placing, componentOptions)]),
              new TaskReaper(store, componentOptions),
              // As the manager runs them: demotions, and this leader's own node object.
              ...(withMembership
                ? [
                    new RoleReconciler(store, demotionRaft(raft), componentOptions),
                    new LeaderRecorder(
                      store,
                      { nodeId: member.nodeId, raftId: member.id, addr: member.addr },
                      componentOptions,
                    ),
                  ]
                : []),
            ];
            for (const c of components) void c.run(leadership.signal);
            if (hooks.deferForever) {
              const spin = (): void => {
                if (!leadership.signal.aborted) member.clock.defer(spin);
              };
              spin();
            }
          };
          begin();
        } else if (!leading && member.leadership) {
          member.leadership.abort();
          member.leadership = null;
        }
      },
    });
    store.setProposer({ propose: (data) => raft.propose(data) });
    member.raft = raft;
    // As the manager serves them: only the leader answers workers; a follower names the leader.
    const served = (): DispatcherServer => {
      const handlers = dispatcher.handlers();
      if (!hooks.dispatcherSendsEverySecret && !hooks.dispatcherSendsEveryConfig) return handlers;
      return {
        ...handlers,
        assignments: (call) => {
          const write = call.write.bind(call);
          call.write = (message: swarm.v1.AssignmentsMessage.$Properties) => {
            const extra = store
              .view((tx) => [
                ...(hooks.dispatcherSendsEverySecret ? tx.all("secret").map((secret) => ({ secret })) : []),
                ...(hooks.dispatcherSendsEveryConfig ? tx.all("config").map((config) => ({ config })) : []),
              ])
              .map((assignment) => ({ assignment, action: swarm.v1.AssignmentChange.Action.ACTION_UPDATE }));
            return write({ ...message, changes: [...(message.changes ?? []), ...extra] });
          };
          handlers.assignments(call);
        },
      };
    };
    member.link = {
      handlers: () =>
        leaderOnly(
          served(),
          () => member.leadership !== null,
          () => raft.status().leaderAddr,
        ),
    };
    raft.start();
  };

  /** The raft operations the role reconciler uses; the `demotionKeepsRaftMember` hook makes removals do nothing. */
  const demotionRaft = (raft: RaftNode<TransactionOutcome[]>): DemotionRaft =>
    hooks.demotionKeepsRaftMember
      ? {
          id: raft.id,
          status: () => raft.status(),
          addMember: (id, addr) => raft.addMember(id, addr),
          removeMember: () => Promise.resolve(),
          reachableMembers: () => raft.reachableMembers(),
          transferLeadership: (to) => raft.transferLeadership(to),
        }
      : raft;

  const newMember = (id: number, nodeId: string, founder: boolean): Member => {
    const member: Member = {
      id,
      nodeId,
      addr: addrOf(nodeId),
      founder,
      retired: false,
      disk: new SimDisk(clock, random),
      clock: new MemberClock(clock),
      store: new MemoryStore(),
      raft: null,
      leadership: null,
      link: null,
      isolatedUntilMs: 0,
      downUntilMs: 0,
    };
    members.push(member);
    boot(member);
    return member;
  };
  for (let id = 1; id <= count; id++) newMember(id, `m${id}`, true);

  // A machine's agent tries the managers its node last heard of (swarm-node keeps them on disk).
  const managerAddrs = (): string[] => current().map((m) => m.addr);
  const newWorker = (nodeId: string, zone: string): SimWorker => {
    const worker = new SimWorker(
      nodeId,
      clock,
      world,
      managerAddrs,
      seed,
      { zone },
      (executor) => {
        if (!hooks.containersIgnoreStop) return;
        const runtime = executor.runtime.bind(executor);
        executor.runtime = (context) => {
          const r = runtime(context);
          return {
            prepare: (signal, options) => r.prepare(signal, options),
            start: () => r.start(),
            healthy: (signal) => r.healthy(signal),
            wait: (signal) => r.wait(signal),
            inspect: () => r.inspect(),
            logs: (options, signal) => r.logs(options, signal),
            shutdown: () => Promise.resolve(),
            terminate: () => Promise.resolve(),
            remove: () => Promise.resolve(),
          };
        };
      },
      () => jobs.jobRun(),
    );
    workers.push(worker);
    worker.boot();
    return worker;
  };
  for (let i = 1; i <= simWorkers; i++) newWorker(`w${i}`, i <= simWorkers / 2 ? "a" : "b");

  const leader = (): Member | undefined =>
    members.find((m) => m.raft && m.raft.status().role === "leader" && clock.now() >= m.isolatedUntilMs);

  let replacements = 0;
  const membership = new MembershipWorkload({
    random,
    leader: () => {
      const l = leader();
      return l?.raft ? { raft: l.raft, store: l.store } : undefined;
    },
    workers: () => workers.filter((w) => w.up),
    managerNodes: () => current().map((m) => m.nodeId),
    founders: Array.from({ length: count }, (_, i) => ({
      nodeId: `m${i + 1}`,
      raftId: i + 1,
      addr: addrOf(`m${i + 1}`),
    })),
    addrOf,
    startManager: (nodeId, raftId) => {
      if (!members.some((m) => m.id === raftId && !m.retired)) newMember(raftId, nodeId, false);
    },
    stopManager: (nodeId) => {
      for (const m of current()) {
        if (m.nodeId !== nodeId) continue;
        m.retired = true;
        m.leadership?.abort();
        m.leadership = null;
        m.clock.kill();
        m.raft = null;
        m.link = null;
      }
    },
    replaceWorker: (nodeId) => {
      const at = workers.findIndex((w) => w.nodeId === nodeId);
      const gone = workers[at];
      if (!gone) return;
      // The machine leaves for good (a reboot's end, never restarted); a fresh one of its zone joins.
      gone.crash(true, 0);
      workers.splice(at, 1);
      newWorker(`${nodeId.replace(/r\d+$/, "")}r${++replacements}`, gone.labels.zone ?? "a");
    },
    after: (ms, fn) => void clock.after(ms, fn),
    note,
  });

  // What the workload was told: services and secrets acknowledged as created, and those whose removal was tried.
  const ackedServices = new Map<string, boolean>(); // id → global
  const removalTried = new Set<string>();
  const ackedSecrets = new Set<string>();
  let acked = 0;

  const write = (what: string, fn: (tx: WriteTx) => void, onAck: () => void = () => undefined): void => {
    const l = leader();
    if (!l) return;
    note(`m${l.id} ${what}`);
    l.store.update(fn).then(
      () => {
        acked++;
        onAck();
      },
      () => undefined,
    );
  };

  const pick = <T>(list: readonly T[]): T | undefined => list[random.nextInt(Math.max(1, list.length))];
  /** One of a non-empty list. */
  const one = <T>(list: readonly [T, ...T[]]): T => list[random.nextInt(list.length)] ?? list[0];

  const newServiceSpec = (id: string, global: boolean): ServiceSpec => {
    const secret = ackedSecrets.size > 0 && random.nextInt(100) < 40 ? pick([...ackedSecrets]) : undefined;
    const zone = random.nextInt(100) < 25 ? pick(["a", "b"]) : undefined;
    const config = (): swarm.v1.UpdateConfig.$Properties => ({
      parallelism: 1 + random.nextInt(2),
      order: random.nextInt(2) === 0 ? Order.ORDER_START_FIRST : Order.ORDER_STOP_FIRST,
      failureAction: one([
        FailureAction.FAILURE_ACTION_PAUSE,
        FailureAction.FAILURE_ACTION_CONTINUE,
        FailureAction.FAILURE_ACTION_ROLLBACK,
      ]),
      monitorNs: 1_000_000_000,
    });
    return {
      annotations: { name: id },
      task: {
        container: {
          image: images[0],
          ...(secret
            ? {
                secrets: [
                  { secretId: secret, secretName: secret, file: { name: secret, uid: "0", gid: "0", mode: 0o444 } },
                ],
              }
            : {}),
        },
        restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 500_000_000 },
        ...(zone ? { placement: { constraints: [`engine.labels.zone==${zone}`] } } : {}),
      },
      update: config(),
      rollback: config(),
      ...(global ? { global: {} } : { replicated: { replicas: 1 + random.nextInt(4) } }),
    };
  };

  const jobs = new JobWorkload({
    random,
    now: () => clock.now(),
    newId,
    view: (fn) => leader()?.store.view(fn),
    write,
    serviceSpec: newServiceSpec,
    acknowledgeService: (id, global) => ackedServices.set(id, global),
    services: () => [...ackedServices.keys()].filter((s) => !removalTried.has(s)),
    workers: simWorkers,
  });

  let rewound = false;
  const workloadStep = (): void => {
    if (random.nextInt(100) < jobWorkloadPercent) return jobs.step();
    const roll = random.nextInt(100);
    const services = [...ackedServices.keys()].filter((s) => !removalTried.has(s));
    if (hooks.rewindTaskState && !rewound) {
      const l = leader();
      const task = l?.store.view((tx) =>
        tx.all("task").find((t) => Number(t.status?.state ?? 0) === Number(TaskState.TASK_STATE_RUNNING)),
      );
      if (task) {
        rewound = true;
        write(`rewinds task ${task.id}`, (tx) => {
          const t = tx.get("task", task.id ?? "");
          if (t) tx.update("task", { ...t, status: { ...t.status, state: TaskState.TASK_STATE_ASSIGNED } });
        });
        return;
      }
    }
    if (roll < 20 || services.length === 0) {
      const id = newId();
      const global = random.nextInt(100) < 20;
      const spec = newServiceSpec(id, global);
      write(
        `creates service ${id} (${global ? "global" : `${spec.replicated?.replicas} replicas`})`,
        (tx) => {
          tx.create("service", { id, spec });
          if (hooks.duplicateSlot && !global)
            for (let copy = 0; copy < 2; copy++)
              tx.create("task", {
                id: newId(),
                serviceId: id,
                slot: 1,
                ...(spec.task ? { spec: spec.task } : {}),
                desiredState: TaskState.TASK_STATE_RUNNING,
                status: { state: TaskState.TASK_STATE_NEW },
              });
        },
        () => ackedServices.set(id, global),
      );
    } else if (roll < 40) {
      const id = pick(services)!;
      const image = one(images);
      const secret = ackedSecrets.size > 0 && random.nextInt(100) < 30 ? pick([...ackedSecrets]) : undefined;
      write(`updates ${id} to ${image}${secret ? ` with secret ${secret}` : ""}`, (tx) =>
        writeSpec(
          tx,
          id,
          (spec) => ({
            ...spec,
            task: {
              ...spec.task,
              container: {
                ...spec.task?.container,
                image,
                // A secret rotation, Docker's way: the service moves to another secret.
                ...(secret
                  ? {
                      secrets: [
                        {
                          secretId: secret,
                          secretName: secret,
                          file: { name: secret, uid: "0", gid: "0", mode: 0o444 },
                        },
                      ],
                    }
                  : {}),
              },
            },
          }),
          clock.now(),
        ),
      );
    } else if (roll < 55) {
      const id = pick(services.filter((s) => !ackedServices.get(s)));
      if (!id) return;
      const replicas = random.nextInt(5);
      write(`scales ${id} to ${replicas}`, (tx) =>
        writeSpec(tx, id, (spec) => (spec.replicated ? { ...spec, replicated: { replicas } } : spec), clock.now()),
      );
    } else if (roll < 62) {
      const id = pick(services)!;
      removalTried.add(id);
      write(`removes ${id}`, (tx) => {
        if (tx.get("service", id)) tx.remove("service", id);
      });
    } else if (roll < 77) {
      const l = leader();
      const nodes = l?.store.view((tx) => tx.all("node")) ?? [];
      const node = pick(nodes);
      if (!node) return;
      const drained = nodes.filter(
        (n) => Number(n.spec?.availability ?? 0) !== Number(Availability.AVAILABILITY_ACTIVE),
      );
      // At most one node drained at a time, so every zone keeps an active node for its constraints.
      const drain = drained.length === 0;
      const target = drain ? node : drained[0]!;
      const availability = drain ? Availability.AVAILABILITY_DRAIN : Availability.AVAILABILITY_ACTIVE;
      write(`${drain ? "drains" : "activates"} ${target.id}`, (tx) => {
        const n = tx.get("node", target.id ?? "");
        if (n) tx.update("node", { ...n, spec: { ...n.spec, availability } });
      });
    } else if (roll < 87) {
      const id = newId();
      write(
        `creates secret ${id}`,
        (tx) =>
          tx.create("secret", { id, spec: { annotations: { name: id }, data: new TextEncoder().encode(`s-${id}`) } }),
        () => ackedSecrets.add(id),
      );
    } else {
      // An operator's rollback: the previous spec comes back, reported as a rollback in progress.
      const id = pick(services)!;
      write(`rolls back ${id}`, (tx) => {
        const current = tx.get("service", id);
        if (!current?.spec || !current.previousSpec) return;
        // A job has no rolling update: its rollback is a run of the previous spec, a new iteration.
        const job = jobRerun(current, current.previousSpec, clock.now());
        tx.update("service", {
          ...current,
          spec: current.previousSpec,
          previousSpec: current.spec,
          ...(job.jobStatus
            ? job
            : {
                updateStatus: {
                  state: swarm.v1.UpdateStatus.State.UPDATE_STATE_ROLLBACK_STARTED,
                  message: "manually requested rollback",
                },
              }),
        });
      });
    }
  };

  const faultStep = (): void => {
    const roll = random.nextInt(100);
    const now = clock.now();
    const live = current();
    if (roll < 25) {
      if (live.some((m) => !m.raft)) return;
      const victim = pick(live)!;
      crashes++;
      note(`m${victim.id} crashes`);
      victim.leadership?.abort();
      victim.leadership = null;
      victim.clock.kill();
      victim.disk.crash();
      victim.raft = null;
      victim.link = null;
      victim.downUntilMs = now + 500 + random.nextInt(3_000);
    } else if (roll < 40) {
      const victim = pick(live)!;
      victim.isolatedUntilMs = now + 500 + random.nextInt(3_000);
      note(`m${victim.id} partitioned until ${victim.isolatedUntilMs - start} ms`);
    } else if (roll < 55) {
      const victim = pick(workers.filter((w) => w.up));
      if (!victim) return;
      const reboot = random.nextInt(2) === 0;
      workerCrashes++;
      note(`${victim.nodeId} ${reboot ? "reboots" : "agent crashes"}`);
      victim.crash(reboot, 500 + random.nextInt(4_000));
    } else if (roll < 70) {
      const victim = pick(workers)!;
      victim.isolatedUntilMs = now + 500 + random.nextInt(6_000);
      note(`${victim.nodeId} partitioned until ${victim.isolatedUntilMs - start} ms`);
    } else if (roll < 90) {
      const victim = pick(workers.filter((w) => w.up && w.running().length > 0));
      if (!victim) return;
      const taskId = pick(victim.running())!;
      const how = random.nextInt(3);
      note(`${victim.nodeId} task ${taskId} ${["exits 0", "exits 1", "turns unhealthy"][how]}`);
      if (how === 2) victim.executor.makeUnhealthy(taskId);
      else victim.executor.exit(taskId, how);
    }
  };

  const restartDue = (): void => {
    if (withMembership) membership.followRoles();
    for (const m of members) {
      if (!m.raft && !m.retired && clock.now() >= m.downUntilMs) {
        note(`m${m.id} restarts`);
        boot(m);
      }
    }
    for (const w of workers) {
      if (!w.up && clock.now() >= w.downUntilMs) {
        note(`${w.nodeId} restarts`);
        w.boot();
      }
    }
  };

  // A store's snapshot at an applied index never changes (only applying an entry changes a store),
  // so each store is encoded once per index it is checked at: between commits a check costs nothing.
  const snapshots = new WeakMap<MemoryStore, { version: number; bytes: Buffer }>();
  const snapshotOf = (store: MemoryStore): Buffer => {
    const cached = snapshots.get(store);
    if (cached?.version === store.version) return cached.bytes;
    const bytes = Buffer.from(store.snapshot());
    snapshots.set(store, { version: store.version, bytes });
    return bytes;
  };
  // eligible-nodes, as it runs: a live task may sit on a node that cannot hold it only for the grace.
  const misplacedSince = new Map<string, number>();
  const checkPlacement = (l: Member): void => {
    const seen = new Set<string>();
    for (const m of l.store.view((tx) => misplacedTasks(tx))) {
      seen.add(m.taskId);
      const since = misplacedSince.get(m.taskId) ?? clock.now();
      misplacedSince.set(m.taskId, since);
      if (clock.now() - since > eligibilityGraceMs)
        return violate("eligible-nodes", `${m.detail}, for ${clock.now() - since} ms`);
    }
    for (const id of misplacedSince.keys()) if (!seen.has(id)) misplacedSince.delete(id);
  };
  const checkAgreement = (): void => {
    const byVersion = new Map<number, { id: number; bytes: Buffer }>();
    for (const m of members) {
      if (!m.raft) continue;
      const bytes = snapshotOf(m.store);
      const seen = byVersion.get(m.store.version);
      if (!seen) byVersion.set(m.store.version, { id: m.id, bytes });
      else if (!seen.bytes.equals(bytes))
        violate("store-agreement", `m${seen.id} and m${m.id} differ at applied index ${m.store.version}`);
    }
    const l = leader();
    if (l) report(l.store.view((tx) => slotProblem(tx)));
    if (l) checkPlacement(l);
  };

  // The drivers: workload and faults on their own timers, then events until the bound.
  let events = 0;
  const stopWorkload = clock.every(400, () => {
    if (clock.now() - start < faultPhaseMs) workloadStep();
  });
  const stopFaults = clock.every(1_500, () => {
    if (clock.now() - start < faultPhaseMs) faultStep();
  });
  const stopRestarts = clock.every(100, restartDue);
  const stopMembership = clock.every(membershipStepMs, () => {
    if (withMembership && clock.now() - start < faultPhaseMs) membership.step();
  });

  const endState = (): Problem | null => {
    const l = leader();
    if (!l) return { property: "convergence", detail: "no leader" };
    const down = workers.find((w) => !w.agent);
    if (down) return { property: "convergence", detail: `${down.nodeId} has no agent running` };
    // Membership first: a manager left in raft can keep the tasks from converging, and the
    // membership is the cause to report.
    return (
      (withMembership ? raftMembershipProblem(l.raft?.status().voters ?? [], l.store) : null) ??
      l.store.view((tx) =>
        endStateProblem(
          tx,
          workers.map((w) => ({ nodeId: w.nodeId, running: w.running(), files: w.files.holdings() })),
        ),
      )
    );
  };
  const lostWrites = (): string | null => {
    const l = leader();
    if (!l) return null;
    const gone = l.store.view((tx) => [
      ...[...ackedServices.keys()].filter((id) => !removalTried.has(id) && !tx.get("service", id)),
      ...[...ackedSecrets].filter((id) => !tx.get("secret", id)),
      ...[...jobs.acknowledgedConfigs()].filter((id) => !tx.get("config", id)),
    ]);
    return gone.length > 0 ? `acknowledged creations lost: ${gone.join(", ")}` : null;
  };

  let lastProblem: Problem | null = { property: "convergence", detail: "not checked" };
  let eventsAtInstant = 0;
  while (events < stepsMax && violations.length === 0) {
    const elapsed = clock.now() - start;
    if (elapsed >= faultPhaseMs && faultsOn) {
      faultsOn = false;
      for (const m of members) m.isolatedUntilMs = 0;
      for (const w of workers) w.isolatedUntilMs = 0;
      note("faults stop");
    }
    const before = clock.now();
    if (!clock.fireOne()) {
      violate("time-moves", "no timer pending: nothing can happen any more");
      break;
    }
    events++;
    eventsAtInstant = clock.now() === before ? eventsAtInstant + 1 : 0;
    if (eventsAtInstant > eventsAtOneInstantMax) {
      violate("time-moves", `${eventsAtInstant} events without simulated time moving on`);
      break;
    }
    // Promise reactions settle in microtasks; deferred work (batching turns) needs real turns.
    for (let i = 0; i < microtaskTurns; i++) await Promise.resolve();
    let turns = 0;
    while (clock.deferred > 0 && turns++ < deferredTurnsMax) await nextRealTurn();
    if (clock.deferred > 0) {
      violate("time-moves", `deferred work still pending after ${deferredTurnsMax} turns: it keeps deferring more`);
      break;
    }
    if (events % agreementCheckEvents === 0) checkAgreement();
    if (!faultsOn && events % 50 === 0) {
      lastProblem = endState();
      if (lastProblem === null) break;
    }
    if (elapsed > faultPhaseMs + convergenceBoundMs) break;
  }
  if (violations.length === 0) checkAgreement();
  if (violations.length === 0 && lastProblem !== null) {
    const lost = lostWrites();
    if (lost) violate("acknowledged-writes", lost);
    else
      violate(
        lastProblem.property as ClusterProperty,
        `${lastProblem.detail} ${convergenceBoundMs} ms after the faults stopped`,
      );
  }
  stopWorkload();
  stopFaults();
  stopRestarts();
  stopMembership();
  for (const m of members) {
    m.leadership?.abort();
    m.clock.kill();
  }
  for (const w of workers) w.crash(false, 0);
  return {
    seed,
    events,
    acked,
    crashes,
    workerCrashes,
    tasksRunning,
    quorumRefusals: membership.quorumRefusals,
    violations,
    trace: violations.length > 0 ? trace : [],
  };
}
