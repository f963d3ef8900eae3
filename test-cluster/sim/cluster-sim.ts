// The whole-cluster simulator, managers part: N managers, each a real RaftNode over a simulated
// disk (a save not yet synced is lost in a crash) and a simulated network (drops, duplicates,
// delays, partitions), the real store, and on the leader the real orchestrator, allocator,
// scheduler and task reaper — all in one process on one FakeClock, driven by a seeded workload of
// service creations, scalings and removals and of manager crashes, restarts and partitions.
// Named properties are checked as it runs; a failing seed replays exactly with --seed.
import { type Cancel, type Clock, FakeClock, nextRealTurn, SeededRandom, sleepOn } from "../../common/index.js";
import {
  leadershipBarrierRetryMs,
  MemoryStore,
  ServiceOrchestrator,
  TaskAllocator,
  TaskReaper,
  TaskScheduler,
  type TransactionOutcome,
} from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import {
  type Entry,
  type HardState,
  type Message,
  RaftNode,
  type RaftStorage,
  type RaftTransport,
  type RecoveredState,
  type Snapshot,
} from "../../raft/index.js";

/** Simulated time with faults and workload, per seed. */
export const faultPhaseMs = 20_000;
/** Simulated time allowed after the faults stop for every service to converge (the liveness bound). */
export const convergenceBoundMs = 30_000;
/** Raft tick of simulated managers. */
export const simTickMs = 100;
/** Worker node objects in the store. */
export const simWorkers = 4;
/** Most events one seed may process (a bound on a runaway run). */
export const stepsMax = 2_000_000;
/** Microtask turns let run after each event before looking for deferred work. */
export const microtaskTurns = 20;
/** Store agreement is checked every this many events (and at the end). */
export const agreementCheckEvents = 200;

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
}

/** Options of one seed. */
export interface ClusterSimOptions {
  /** Managers (default 3). */
  readonly managers?: number;
  /** Injected bugs. */
  readonly hooks?: SimHooks;
}

/** A property that did not hold. */
export interface ClusterViolation {
  /** Name of the property. */
  readonly property: "store-agreement" | "acknowledged-writes" | "convergence";
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
  /** Violations, first first. */
  readonly violations: ClusterViolation[];
  /** The last events before the first violation (a shortened trace). */
  readonly trace: string[];
}

/** A member's view of the shared clock that a crash can kill: its timers stop and it arms no more. */
class MemberClock implements Clock {
  private dead = false;
  private readonly live = new Set<Cancel>();
  constructor(private readonly base: FakeClock) {}
  now(): number {
    return this.base.now();
  }
  monotonicMs(): number {
    return this.base.monotonicMs();
  }
  after(ms: number, fn: () => void): Cancel {
    if (this.dead) return () => undefined;
    const cancel = this.base.after(ms, () => {
      this.live.delete(cancel);
      if (!this.dead) fn();
    });
    this.live.add(cancel);
    return () => {
      this.live.delete(cancel);
      cancel();
    };
  }
  every(ms: number, fn: () => void): Cancel {
    if (this.dead) return () => undefined;
    const cancel = this.base.every(ms, () => {
      if (!this.dead) fn();
    });
    this.live.add(cancel);
    return () => {
      this.live.delete(cancel);
      cancel();
    };
  }
  defer(fn: () => void): void {
    if (!this.dead) this.base.defer(() => (this.dead ? undefined : fn()));
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
  kill(): void {
    this.dead = true;
    for (const cancel of this.live) cancel();
    this.live.clear();
  }
}

/** A disk whose saves become durable after a simulated fsync; a crash loses those still in flight. */
class SimDisk {
  hardState: HardState = { term: 0, vote: 0, commit: 0 };
  entries: Entry[] = [];
  snapshot: Snapshot | null = null;
  private epoch = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly random: SeededRandom,
  ) {}

  storage(): RaftStorage {
    const epoch = this.epoch;
    const later = (write: () => void): Promise<void> =>
      new Promise((resolve) => {
        this.clock.after(1 + this.random.nextInt(5), () => {
          if (epoch !== this.epoch) return; // crashed before the sync: the write is lost
          write();
          resolve();
        });
      });
    return {
      save: (batch) =>
        later(() => {
          const first = batch.entries[0];
          if (first) this.entries = [...this.entries.filter((e) => e.index < first.index), ...batch.entries];
          if (batch.hardState) this.hardState = batch.hardState;
        }),
      saveSnapshot: (snapshot) =>
        later(() => {
          if (this.snapshot && this.snapshot.meta.index >= snapshot.meta.index) return;
          this.snapshot = snapshot;
          this.entries = this.entries.filter((e) => e.index > snapshot.meta.index);
        }),
      releaseTo: (index) => {
        this.entries = this.entries.filter((e) => e.index > Math.min(index, this.snapshot?.meta.index ?? 0));
        return Promise.resolve(0);
      },
    };
  }

  crash(): void {
    this.epoch++;
  }

  recovered(): RecoveredState {
    const from = this.snapshot?.meta.index ?? 0;
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries.filter((e) => e.index > from) };
  }
}

interface Member {
  readonly id: number;
  readonly disk: SimDisk;
  clock: MemberClock;
  store: MemoryStore;
  raft: RaftNode<TransactionOutcome[]> | null;
  leadership: AbortController | null;
  /** Partitioned from every other member until this time. */
  isolatedUntilMs: number;
  /** Down until this time (then restarted). */
  downUntilMs: number;
}

const ready = swarm.v1.NodeStatus.State.STATE_READY;
const running = swarm.v1.TaskState.TASK_STATE_RUNNING;
const assigned = swarm.v1.TaskState.TASK_STATE_ASSIGNED;

/** Runs one seed. */
export async function runClusterSeed(seed: number, options: ClusterSimOptions = {}): Promise<ClusterSeedResult> {
  const hooks = options.hooks ?? {};
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
  const violate = (property: ClusterViolation["property"], detail: string): void => {
    if (violations.length === 0) note(`VIOLATION ${property}`);
    violations.push({ property, detail, atMs: clock.now() - start });
  };
  let idCounter = 0;
  const newId = (): string => `id${seed}x${++idCounter}`;
  const addrOf = (id: number): string => `m${id}:4242`;
  const bootstrap = new Map(Array.from({ length: count }, (_, i) => [i + 1, addrOf(i + 1)] as [number, string]));
  const members: Member[] = [];
  let crashes = 0;
  let faultsOn = true;

  const transport = (from: Member): RaftTransport => ({
    send: (messages: readonly Message[]) => {
      for (const m of messages) {
        if (faultsOn && random.nextInt(100) < 5) continue; // dropped
        const copies = faultsOn && random.nextInt(100) < 2 ? 2 : 1; // duplicated
        for (let c = 0; c < copies; c++) {
          from.clock.after(1 + random.nextInt(faultsOn ? 30 : 5), () => {
            const to = members[m.to - 1];
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

  const boot = (member: Member): void => {
    member.clock = new MemberClock(clock);
    const store = new MemoryStore({ clock: member.clock });
    if (hooks.followerSkipsEntries && member.id === 2) {
      const apply = store.apply.bind(store);
      store.apply = (data, index) => (index % 7 === 0 ? [] : apply(data, index));
    }
    member.store = store;
    const raft: RaftNode<TransactionOutcome[]> = new RaftNode<TransactionOutcome[]>({
      id: member.id,
      addr: addrOf(member.id),
      storage: member.disk.storage(),
      transport: transport(member),
      recovered: member.disk.recovered(),
      stateMachine: store,
      bootstrap,
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
          const componentOptions = { clock: member.clock, newId };
          // As the manager does: the components start only once everything committed before this
          // term has applied here, or they would act on a store that lags the log (and, e.g.,
          // create a second set of tasks for a service whose first set an earlier leader wrote).
          const start = (): void => {
            if (hooks.noLeadershipBarrier) return void startComponents();
            raft.readBarrier().then(
              () => {
                if (!leadership.signal.aborted) startComponents();
              },
              () => {
                if (!leadership.signal.aborted && member.leadership === leadership)
                  member.clock.after(leadershipBarrierRetryMs, start);
              },
            );
          };
          const startComponents = (): void => {
            const components = [
              new ServiceOrchestrator(store, componentOptions),
              new TaskAllocator(store, componentOptions),
              ...(hooks.noScheduler ? [] : [new TaskScheduler(store, componentOptions)]),
              new TaskReaper(store, componentOptions),
            ];
            for (const c of components) void c.run(leadership.signal);
          };
          start();
        } else if (!leading && member.leadership) {
          member.leadership.abort();
          member.leadership = null;
        }
      },
    });
    store.setProposer({ propose: (data) => raft.propose(data) });
    member.raft = raft;
    raft.start();
  };

  for (let id = 1; id <= count; id++) {
    const member: Member = {
      id,
      disk: new SimDisk(clock, random),
      clock: new MemberClock(clock),
      store: new MemoryStore(),
      raft: null,
      leadership: null,
      isolatedUntilMs: 0,
      downUntilMs: 0,
    };
    members.push(member);
    boot(member);
  }

  const leader = (): Member | undefined =>
    members.find((m) => m.raft && m.raft.status().role === "leader" && clock.now() >= m.isolatedUntilMs);

  // What the workload was told: services acknowledged as created, and those whose removal was tried.
  const ackedServices = new Map<string, number>();
  const removalTried = new Set<string>();
  let acked = 0;

  const write = (what: string, fn: (store: MemoryStore) => Promise<void>, onAck: () => void): void => {
    const l = leader();
    if (!l) return;
    note(`m${l.id} ${what}`);
    fn(l.store).then(
      () => {
        acked++;
        onAck();
      },
      () => undefined,
    );
  };

  const workloadStep = (): void => {
    const roll = random.nextInt(100);
    const services = [...ackedServices.keys()].filter((s) => !removalTried.has(s));
    const noNodes = leader()?.store.view((tx) => tx.all("node").length === 0) ?? false;
    if (noNodes) {
      const nodes = Array.from({ length: simWorkers }, () => newId());
      write(
        "creates the worker nodes",
        (s) =>
          s.update((tx) => {
            if (tx.all("node").length > 0) return;
            for (const id of nodes)
              tx.create("node", {
                id,
                role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
                spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
                description: {
                  hostname: id,
                  platform: { os: "linux", architecture: "x86_64" },
                  resources: { nanoCpus: 4e9, memoryBytes: 8 * 2 ** 30 },
                },
                status: { state: ready },
              });
          }),
        () => undefined,
      );
    } else if (roll < 40 || services.length === 0) {
      const id = newId();
      const replicas = 1 + random.nextInt(5);
      write(
        `creates service ${id} (${replicas} replicas)`,
        (s) =>
          s.update((tx) => {
            tx.create("service", {
              id,
              spec: {
                annotations: { name: id },
                task: { container: { image: "process://sleep" } },
                replicated: { replicas },
              },
            });
          }),
        () => ackedServices.set(id, replicas),
      );
    } else if (roll < 80) {
      const id = services[random.nextInt(services.length)]!;
      const replicas = random.nextInt(6);
      write(
        `scales ${id} to ${replicas}`,
        (s) =>
          s.update((tx) => {
            const service = tx.get("service", id);
            if (service) tx.update("service", { ...service, spec: { ...service.spec, replicated: { replicas } } });
          }),
        () => undefined,
      );
    } else {
      const id = services[random.nextInt(services.length)]!;
      removalTried.add(id);
      write(
        `removes ${id}`,
        (s) =>
          s.update((tx) => {
            if (tx.get("service", id)) tx.remove("service", id);
          }),
        () => undefined,
      );
    }
  };

  const faultStep = (): void => {
    const roll = random.nextInt(100);
    const now = clock.now();
    const up = members.filter((m) => m.raft);
    if (roll < 40 && up.length === count) {
      const victim = up[random.nextInt(up.length)]!;
      crashes++;
      note(`m${victim.id} crashes`);
      victim.leadership?.abort();
      victim.leadership = null;
      victim.clock.kill();
      victim.disk.crash();
      victim.raft = null;
      victim.downUntilMs = now + 500 + random.nextInt(3_000);
    } else if (roll < 70) {
      const victim = members[random.nextInt(count)]!;
      victim.isolatedUntilMs = now + 500 + random.nextInt(3_000);
      note(`m${victim.id} partitioned until ${victim.isolatedUntilMs - start} ms`);
    }
  };

  const restartDue = (): void => {
    for (const m of members) {
      if (!m.raft && clock.now() >= m.downUntilMs) {
        note(`m${m.id} restarts`);
        boot(m);
      }
    }
  };

  const checkAgreement = (): void => {
    const byVersion = new Map<number, { id: number; bytes: Buffer }>();
    for (const m of members) {
      if (!m.raft) continue;
      const bytes = Buffer.from(m.store.snapshot());
      const seen = byVersion.get(m.store.version);
      if (!seen) byVersion.set(m.store.version, { id: m.id, bytes });
      else if (!seen.bytes.equals(bytes))
        violate("store-agreement", `m${seen.id} and m${m.id} differ at applied index ${m.store.version}`);
    }
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

  const converged = (): string | null => {
    const l = leader();
    if (!l) return "no leader";
    return l.store.view((tx) => {
      const nodes = new Set(tx.all("node").map((n) => n.id));
      for (const service of tx.all("service")) {
        const want = Number(service.spec?.replicated?.replicas ?? 0);
        const live = tx
          .tasks({ serviceId: service.id ?? "" })
          .filter((t) => Number(t.desiredState ?? 0) <= Number(running));
        const placed = live.filter((t) => Number(t.status?.state ?? 0) >= Number(assigned) && nodes.has(t.nodeId));
        if (live.length !== want || placed.length !== want)
          return `service ${service.id}: ${placed.length} of ${want} placed (${live.length} live, states ${live
            .map((t) => `slot ${t.slot} ${swarm.v1.TaskState[Number(t.status?.state ?? 0)]} on ${t.nodeId ?? "-"}`)
            .join("; ")})`;
      }
      for (const [id] of ackedServices)
        if (!removalTried.has(id) && !tx.get("service", id)) return `acknowledged service ${id} is gone`;
      return null;
    });
  };

  let lastProblem: string | null = "not checked";
  while (events < stepsMax && violations.length === 0) {
    const elapsed = clock.now() - start;
    if (elapsed >= faultPhaseMs && faultsOn) {
      faultsOn = false;
      for (const m of members) m.isolatedUntilMs = 0;
      note("faults stop");
    }
    if (!clock.fireOne()) break;
    events++;
    // Promise reactions settle in microtasks; deferred work (batching turns) needs real turns.
    for (let i = 0; i < microtaskTurns; i++) await Promise.resolve();
    while (clock.deferred > 0) await nextRealTurn();
    if (events % agreementCheckEvents === 0) checkAgreement();
    if (!faultsOn && events % 50 === 0) {
      lastProblem = converged();
      if (lastProblem === null) break;
    }
    if (elapsed > faultPhaseMs + convergenceBoundMs) break;
  }
  checkAgreement();
  if (violations.length === 0 && lastProblem !== null) {
    const l = leader();
    const gone = l
      ? [...ackedServices.keys()].filter((id) => !removalTried.has(id) && !l.store.view((tx) => tx.get("service", id)))
      : [];
    if (gone.length > 0) violate("acknowledged-writes", `acknowledged services lost: ${gone.join(", ")}`);
    else violate("convergence", `${lastProblem} ${convergenceBoundMs} ms after the faults stopped`);
  }
  stopWorkload();
  stopFaults();
  stopRestarts();
  for (const m of members) {
    m.leadership?.abort();
    m.clock.kill();
  }
  return { seed, events, acked, crashes, violations, trace: violations.length > 0 ? trace : [] };
}
