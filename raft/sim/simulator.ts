// Deterministic fault simulator for the raft core. One seed fixes everything: the fault schedule,
// message delays, drops, duplicates and reorders, crash points, membership changes and client
// load. Members run on a simulated clock, network and disk (a crash loses writes that were not yet
// synced). After every event the safety properties are checked; after the faults heal, the
// cluster must make progress within a bound. A failing seed replays exactly with --seed.
//
// Two workloads: `faults` (the default) throws every fault at a group of 3–7 founders under steady
// load, with occasional membership changes; `membership` starts from 1–3 founders with a light
// load (so the log stays short, as in a fresh cluster) and keeps adding learners, some of them
// ghosts that never answer (an address nobody serves), while the leader promotes learners each
// tick by the same rule as the raft node.
import {
  type ConfChange,
  decodeConfChange,
  type Entry,
  heartbeatTicksDefault,
  learnerCaughtUp,
  type MemberProgress,
  type Message,
  type MessageType,
  mustSync,
  RaftCore,
  type RaftId,
  type Ready,
  SeededRandom,
  type Snapshot,
} from "../core/index.js";
import { type Durable, persistReady } from "./harness.js";
import { EventQueue } from "./event-queue.js";

/** Length of one raft tick in simulated milliseconds. */
export const tickMs = 10;
/** Election timeout in ticks used by simulated members. */
export const simElectionTicks = 10;
/** Simulated time with faults, per seed. */
export const faultPhaseMs = 6_000;
/** Simulated time allowed after healing for a leader to emerge and commit a new write everywhere. */
export const recoveryBoundMs = 6_000;
/** Applied entries between snapshots. */
export const snapshotIntervalEntries = 40;
/** Entries kept behind a snapshot. */
export const snapshotTrailingEntries = 10;
/** Voters kept within this range by membership changes. */
export const votersMin = 3;
/** Most voters. */
export const votersMax = 7;

/** Learners at once in the membership workload (real and ghosts). */
export const membershipLearnersMax = 2;

/** Whether the leader may make a learner a voter; the raft core's rule unless a test swaps it. */
export type PromotionRule = (progress: MemberProgress, commit: number) => boolean;

/** What a seed runs. */
export interface SimOptions {
  /** `faults` (default) or `membership` (see the file's header). */
  readonly workload?: "faults" | "membership";
  /** The promotion rule (default: the core's learnerCaughtUp). */
  readonly promotion?: PromotionRule;
  /** Ticks between a leader's heartbeats (default: the core's heartbeatTicksDefault, what members run). */
  readonly heartbeatTicks?: number;
  /** Receives one line per event and state change, for replaying a failing seed by eye. */
  readonly trace?: (line: string) => void;
}

/** A safety or liveness violation, with where it happened. */
export interface Violation {
  /** Property violated. */
  readonly property: string;
  /** What was observed. */
  readonly detail: string;
  /** Simulated time. */
  readonly atMs: number;
}

/** Outcome of one seed. */
export interface SeedResult {
  /** The seed. */
  readonly seed: number;
  /** Events processed. */
  readonly steps: number;
  /** Client writes acknowledged. */
  readonly acked: number;
  /** Elections won. */
  readonly leaders: number;
  /** Membership changes applied. */
  readonly confChanges: number;
  /** Crashes injected. */
  readonly crashes: number;
  /** Violations found (the run stops at the first). */
  readonly violations: readonly Violation[];
}

interface Member {
  readonly id: RaftId;
  core: RaftCore | null;
  durable: Durable;
  /** The Ready being persisted (lost on crash), and when its sync completes. */
  syncing: Ready | null;
  /** Applied normal entries: index → data (the state machine), rebuilt on restart. */
  kv: Map<number, string>;
  appliedIndex: number;
  lastSnapshotIndex: number;
  /** Proposals by this member waiting to be applied: index → { term, data }. */
  proposals: Map<number, { term: number; data: string }>;
  /** Removed from the cluster and shut down for good. */
  retired: boolean;
}

type SimEvent =
  | { kind: "tick"; id: RaftId }
  | { kind: "deliver"; message: Message }
  | { kind: "synced"; id: RaftId; ready: Ready }
  | { kind: "fault" }
  | { kind: "client" }
  | { kind: "membership" }
  | { kind: "restart"; id: RaftId };

/** Messages the driver sends before persisting (see raft/node/raft-node.ts). */
const leaderOnlyTypes: ReadonlySet<MessageType> = new Set(["append", "heartbeat", "snapshot"]);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs one seed and returns what happened. */
export function runSeed(seed: number, options: SimOptions = {}): SeedResult {
  return new Simulation(seed, options).run();
}

class Simulation {
  private readonly rng: SeededRandom;
  private readonly events = new EventQueue<SimEvent>();
  private readonly members = new Map<RaftId, Member>();
  private now = 0;
  private steps = 0;
  private nextId: RaftId;
  private readonly violations: Violation[] = [];
  /** Directed links that drop everything: "from>to". */
  private readonly blocked = new Set<string>();
  private dropRate = 0;
  private duplicateRate = 0;
  private delayMaxMs = 5;
  private faultsOn = true;
  /** Leader per term, for Election Safety. */
  private readonly leaderOfTerm = new Map<number, RaftId>();
  /** Every applied entry, by index, for State Machine Safety: the first applier fixes it. */
  private readonly appliedAt = new Map<number, { term: number; data: string }>();
  /** Every persisted (index, term): its data and the term before it, for Log Matching. */
  private readonly persistedAt = new Map<string, { data: string; prevTerm: number }>();
  /** Acknowledged client writes: index → data. */
  private readonly acked = new Map<number, string>();
  private clientSeq = 0;
  private leadersElected = 0;
  private confChanges = 0;
  private crashes = 0;
  /** Members added to the configuration that never run (membership workload). */
  private readonly ghosts = new Set<RaftId>();
  /** The founding voters: a founder that crashed before its first sync starts over from them, as `init` would. */
  private readonly founders: readonly RaftId[];
  private readonly membershipWorkload: boolean;
  private readonly promotion: PromotionRule;
  private readonly traceLine: ((line: string) => void) | null;
  private readonly heartbeatTicks: number;
  /** Each member's state as last traced, so only changes are printed. */
  private readonly tracedState = new Map<RaftId, string>();

  constructor(
    private readonly seed: number,
    options: SimOptions,
  ) {
    this.rng = new SeededRandom(seed);
    this.membershipWorkload = options.workload === "membership";
    this.promotion = options.promotion ?? learnerCaughtUp;
    this.traceLine = options.trace ?? null;
    this.heartbeatTicks = options.heartbeatTicks ?? heartbeatTicksDefault;
    // 3..7 founding voters; 1..3 for the membership workload, where one ghost voter is fatal.
    const size = this.membershipWorkload ? 1 + this.rng.nextInt(3) : 3 + this.rng.nextInt(5);
    const ids = Array.from({ length: size }, (_, i) => i + 1);
    this.founders = ids;
    this.nextId = size + 1;
    for (const id of ids) this.addMember(id, ids);
  }

  run(): SeedResult {
    this.schedule(1 + this.rng.nextInt(50), { kind: "fault" });
    this.schedule(1, { kind: "client" });
    if (this.membershipWorkload) this.schedule(20 + this.rng.nextInt(100), { kind: "membership" });
    while (this.violations.length === 0) {
      const next = this.events.pop();
      if (!next) break;
      this.now = next.at;
      if (this.faultsOn && this.now >= faultPhaseMs) this.heal();
      if (this.now >= faultPhaseMs + recoveryBoundMs) break;
      this.steps++;
      if (this.traceLine) this.trace(describeEvent(next.event));
      this.handle(next.event);
      if (this.traceLine) this.traceStates();
      if (!this.faultsOn && this.recovered()) break;
    }
    if (this.violations.length === 0) this.checkFinal();
    return {
      seed: this.seed,
      steps: this.steps,
      acked: this.acked.size,
      leaders: this.leadersElected,
      confChanges: this.confChanges,
      crashes: this.crashes,
      violations: this.violations,
    };
  }

  // ---- members ----

  private addMember(id: RaftId, bootstrap: readonly RaftId[] | null): void {
    const member: Member = {
      id,
      core: null,
      durable: { hard: { term: 0, vote: 0, commit: 0 }, entries: [], snapshot: null },
      syncing: null,
      kv: new Map(),
      appliedIndex: 0,
      lastSnapshotIndex: 0,
      proposals: new Map(),
      retired: false,
    };
    this.members.set(id, member);
    this.boot(member, bootstrap);
  }

  private boot(member: Member, bootstrap: readonly RaftId[] | null): void {
    const { durable } = member;
    member.core = new RaftCore({
      id: member.id,
      random: new SeededRandom(this.rng.nextUint32()),
      electionTicks: simElectionTicks,
      heartbeatTicks: this.heartbeatTicks,
      hardState: durable.hard,
      snapshot: durable.snapshot,
      entries: durable.entries,
      // One entry per message in some runs, so followers can hold an old entry without the next one.
      appendBytesMax: [1, 16, 256 + this.rng.nextInt(4096)][this.rng.nextInt(3)]!,
      inflightMessagesMax: 1 + this.rng.nextInt(8),
      ...(bootstrap ? { bootstrap } : {}),
    });
    member.syncing = null;
    member.proposals.clear();
    member.kv = new Map();
    member.appliedIndex = 0;
    if (durable.snapshot) this.restoreSnapshot(member, durable.snapshot);
    this.schedule(1 + this.rng.nextInt(tickMs), { kind: "tick", id: member.id });
  }

  private crash(member: Member): void {
    this.trace(`crash ${member.id}${member.syncing ? " (its unsynced Ready is lost)" : ""}`);
    // Volatile state and any write not yet synced are lost.
    member.core = null;
    member.syncing = null;
    this.crashes++;
    this.schedule(20 + this.rng.nextInt(800), { kind: "restart", id: member.id });
  }

  // ---- events ----

  private schedule(afterMs: number, event: SimEvent): void {
    this.events.push(this.now + afterMs, event);
  }

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case "tick": {
        const m = this.members.get(event.id)!;
        if (!m.core || m.retired) return;
        m.core.tick();
        if (this.membershipWorkload) this.promoteLearner(m);
        this.pump(m);
        this.schedule(tickMs, event);
        return;
      }
      case "deliver": {
        const m = this.members.get(event.message.to);
        if (!m?.core || m.retired) return;
        m.core.step(event.message);
        this.pump(m);
        return;
      }
      case "synced": {
        const m = this.members.get(event.id)!;
        if (m.syncing !== event.ready || !m.core) return; // crashed meanwhile: the writes are lost
        this.completeReady(m, event.ready);
        return;
      }
      case "restart": {
        const m = this.members.get(event.id)!;
        if (m.core || m.retired) return;
        this.boot(m, this.bootstrapOf(m));
        return;
      }
      case "client":
        this.clientWrite();
        // The membership workload keeps the log short (under a hundred entries), as a fresh cluster's.
        this.schedule(this.membershipWorkload ? 30 + this.rng.nextInt(120) : 2 + this.rng.nextInt(15), event);
        return;
      case "membership":
        if (!this.faultsOn) return;
        this.joinOrLeave();
        this.schedule(100 + this.rng.nextInt(300), event);
        return;
      case "fault":
        if (!this.faultsOn) return;
        this.injectFault();
        this.schedule(10 + this.rng.nextInt(200), event);
        return;
    }
  }

  /** Takes a Ready if the member has one and none is being synced: starts its (simulated) fsync. */
  private pump(m: Member): void {
    const core = m.core;
    if (!core) return;
    if (core.role === "leader") this.checkElectionSafety(m);
    if (m.syncing || !core.hasReady()) return;
    const rd = core.ready();
    m.syncing = rd;
    if (this.traceLine) this.trace(`  ${m.id} ready: ${describeReady(rd)}`);
    // As the driver does: a leader's appends and heartbeats go out before its own fsync.
    for (const message of rd.messages) if (leaderOnlyTypes.has(message.type)) this.send(message);
    // As the WAL does: a Ready that only moves the commit index is written without an fsync.
    const needsSync = rd.snapshot !== null || mustSync(m.durable.hard, rd.hardState, rd.entries.length);
    this.schedule(needsSync ? 1 + this.rng.nextInt(8) : 0, { kind: "synced", id: m.id, ready: rd });
  }

  private completeReady(m: Member, rd: Ready): void {
    const core = m.core!;
    persistReady(m.durable, rd);
    this.checkLogMatching(m, rd.entries);
    for (const message of rd.messages) if (!leaderOnlyTypes.has(message.type)) this.send(message);
    if (rd.snapshot) this.restoreSnapshot(m, rd.snapshot);
    const confChanges: ConfChange[] = [];
    for (const entry of rd.committedEntries) {
      this.apply(m, entry);
      if (entry.type === "conf-change") confChanges.push(decodeConfChange(entry.data));
    }
    m.syncing = null;
    core.advance();
    for (const change of confChanges) this.applyConfChange(m, change);
    this.maybeSnapshot(m);
    this.pump(m);
  }

  private apply(m: Member, entry: Entry): void {
    if (entry.index !== m.appliedIndex + 1) {
      this.violate("apply order", `member ${m.id} applied ${entry.index} after ${m.appliedIndex}`);
      return;
    }
    m.appliedIndex = entry.index;
    const data = entry.type === "normal" ? decoder.decode(entry.data) : `conf:${entry.data.join(",")}`;
    const first = this.appliedAt.get(entry.index);
    if (!first) this.appliedAt.set(entry.index, { term: entry.term, data });
    else if (first.term !== entry.term || first.data !== data) {
      this.violate(
        "State Machine Safety",
        `index ${entry.index}: member ${m.id} applied term ${entry.term} "${data}", another applied term ${first.term} "${first.data}"`,
      );
      return;
    }
    if (entry.type === "normal") m.kv.set(entry.index, data);
    const proposal = m.proposals.get(entry.index);
    if (proposal) {
      m.proposals.delete(entry.index);
      if (proposal.term === entry.term && proposal.data === data) this.acked.set(entry.index, data);
    }
  }

  private applyConfChange(m: Member, change: ConfChange): void {
    const core = m.core!;
    const wasLeader = core.role === "leader";
    core.applyConfChange(change);
    this.trace(`  ${m.id} applies ${change.type} ${change.id}`);
    if (wasLeader) this.confChanges++;
    // Once the leader applied a removal, the operator shuts the removed member down for good.
    if (wasLeader && change.type === "remove") {
      const removed = this.members.get(change.id);
      if (removed && removed.id !== m.id) this.retire(removed);
    }
    this.pump(m);
  }

  private retire(member: Member): void {
    this.trace(`retire ${member.id}`);
    member.retired = true;
    member.core = null;
    member.syncing = null;
  }

  private maybeSnapshot(m: Member): void {
    const core = m.core!;
    if (core.applied - m.lastSnapshotIndex < snapshotIntervalEntries) return;
    const index = core.applied;
    const term = core.termAt(index);
    if (term === null) return;
    const snapshot: Snapshot = {
      meta: { index, term, conf: core.conf },
      data: encoder.encode(JSON.stringify([...m.kv])),
    };
    core.compact(snapshot, snapshotTrailingEntries);
    // The caller persists its own snapshots (synchronously here, as a sync write would).
    m.durable.snapshot = snapshot;
    m.lastSnapshotIndex = index;
  }

  private restoreSnapshot(m: Member, snapshot: Snapshot): void {
    m.kv = new Map(JSON.parse(decoder.decode(snapshot.data)) as [number, string][]);
    m.appliedIndex = snapshot.meta.index;
    m.lastSnapshotIndex = snapshot.meta.index;
  }

  // ---- network ----

  private send(message: Message): void {
    const lost = this.blocked.has(`${message.from}>${message.to}`) || this.rng.nextFloat() < this.dropRate;
    if (message.type === "snapshot") {
      // Snapshots go over their own stream; like the real transport, report the outcome to the
      // sender once the stream ends (a refused or broken stream is a rejection).
      const delay = this.rng.nextInt(this.delayMaxMs * 4 + 1);
      if (!lost) this.schedule(delay, { kind: "deliver", message });
      const status: Message = {
        ...message,
        type: "snapshot-status",
        from: message.to,
        to: message.from,
        snapshot: null,
        reject: lost,
      };
      this.schedule(delay + 1, { kind: "deliver", message: status });
      return;
    }
    if (lost) {
      this.trace(`  lost ${describeMessage(message)}`);
      return;
    }
    const copies = this.rng.nextFloat() < this.duplicateRate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      // Independent delays reorder messages between the same pair.
      this.schedule(this.rng.nextInt(this.delayMaxMs + 1), { kind: "deliver", message });
    }
  }

  // ---- load ----

  private clientWrite(): void {
    const leaders = this.live().filter((m) => m.core!.role === "leader");
    const target = leaders.length > 0 ? leaders[this.rng.nextInt(leaders.length)]! : this.pick(this.live());
    if (!target?.core) return;
    const data = `w${++this.clientSeq}`;
    try {
      const { index, term } = target.core.propose(encoder.encode(data));
      target.proposals.set(index, { term, data });
    } catch {
      return; // not the leader or dropped: a real client retries elsewhere
    }
    this.pump(target);
  }

  // ---- faults ----

  private injectFault(): void {
    const roll = this.rng.nextInt(100);
    const live = this.live();
    const ids = [...this.members.values()].filter((m) => !m.retired).map((m) => m.id);
    if (roll < 15) {
      // Symmetric partition into two groups.
      this.blocked.clear();
      const side = new Set(ids.filter(() => this.rng.nextInt(2) === 0));
      for (const a of ids) for (const b of ids) if (side.has(a) !== side.has(b)) this.blocked.add(`${a}>${b}`);
    } else if (roll < 25) {
      // Asymmetric: one direction of one link.
      const a = this.pick(ids);
      const b = this.pick(ids);
      if (a !== undefined && b !== undefined && a !== b) this.blocked.add(`${a}>${b}`);
    } else if (roll < 35) {
      // Flapping: toggle a random link both ways.
      const a = this.pick(ids);
      const b = this.pick(ids);
      if (a !== undefined && b !== undefined && a !== b) {
        for (const key of [`${a}>${b}`, `${b}>${a}`]) {
          if (this.blocked.has(key)) this.blocked.delete(key);
          else this.blocked.add(key);
        }
      }
    } else if (roll < 45) {
      this.blocked.clear();
    } else if (roll < 58) {
      const victim = this.pick(live);
      if (victim) this.crash(victim);
    } else if (roll < 68) {
      this.dropRate = [0, 0, 0.05, 0.2, 0.5][this.rng.nextInt(5)]!;
      this.duplicateRate = [0, 0.05, 0.2][this.rng.nextInt(3)]!;
      this.delayMaxMs = [2, 5, 20, 60][this.rng.nextInt(4)]!;
    } else if (roll < 74) {
      // Crash the leader, the most disruptive crash.
      const leader = live.find((m) => m.core!.role === "leader");
      if (leader) this.crash(leader);
    } else if (roll < 90 && !this.membershipWorkload) {
      this.changeMembership();
    }
  }

  private changeMembership(): void {
    const leader = this.live().find((m) => m.core!.role === "leader");
    if (!leader) return;
    const core = leader.core!;
    const { voters, learners } = core.conf;
    const roll = this.rng.nextInt(3);
    try {
      if (learners.length > 0) {
        const learner = learners[0]!;
        const progress = core.memberProgress().find((p) => p.id === learner);
        if (progress && this.promotion(progress, core.commit) && voters.length < votersMax) {
          core.proposeConfChange({ type: "add-voter", id: learner, context: new Uint8Array() });
        } else if (roll === 0) {
          core.proposeConfChange({ type: "remove", id: learner, context: new Uint8Array() });
        }
      } else if (roll < 2 && voters.length < votersMax) {
        const id = this.nextId++;
        this.addMember(id, null);
        core.proposeConfChange({ type: "add-learner", id, context: new Uint8Array() });
      } else if (voters.length > votersMin) {
        const victim = this.pick(voters)!;
        core.proposeConfChange({ type: "remove", id: victim, context: new Uint8Array() });
      }
    } catch {
      return; // another change is pending, or a transfer: try again later
    }
    this.pump(leader);
  }

  /**
   * The raft node's leader duty, run on every leader tick: propose making a learner a voter once
   * the promotion rule allows it.
   */
  private promoteLearner(m: Member): void {
    const core = m.core!;
    if (core.role !== "leader") return;
    const ready = core.memberProgress().find((p) => p.learner && this.promotion(p, core.commit));
    if (!ready) return;
    try {
      core.proposeConfChange({ type: "add-voter", id: ready.id, context: new Uint8Array() });
    } catch {
      // Another change is pending: asked again next tick.
    }
  }

  /**
   * The membership workload's operator: adds a learner (a third of them ghosts, whose address
   * nobody serves) while fewer than membershipLearnersMax wait, otherwise sometimes removes a
   * member other than the leader, keeping at least one voter.
   */
  private joinOrLeave(): void {
    const leader = this.live().find((m) => m.core!.role === "leader");
    if (!leader) return;
    const core = leader.core!;
    const { voters, learners } = core.conf;
    try {
      if (learners.length < membershipLearnersMax && voters.length + learners.length < votersMax) {
        const id = this.nextId++;
        if (this.rng.nextInt(3) === 0) this.ghosts.add(id);
        else this.addMember(id, null);
        core.proposeConfChange({ type: "add-learner", id, context: new Uint8Array() });
      } else if (this.rng.nextInt(2) === 0) {
        const others = [...voters, ...learners].filter((id) => id !== leader.id);
        const victim = this.pick(others);
        if (victim !== undefined && (learners.includes(victim) || voters.length > 1))
          core.proposeConfChange({ type: "remove", id: victim, context: new Uint8Array() });
      }
    } catch {
      return; // another change is pending: try again later
    }
    this.pump(leader);
  }

  private heal(): void {
    this.faultsOn = false;
    this.blocked.clear();
    this.dropRate = 0;
    this.duplicateRate = 0;
    this.delayMaxMs = 5;
    for (const m of this.members.values()) if (!m.core && !m.retired) this.boot(m, this.bootstrapOf(m));
    this.healedAt = this.now;
  }

  private healedAt = 0;
  private probe: { data: string; index: number; term: number; member: Member } | null = null;

  /** After healing: a leader accepts a probe write and every member of its config applies it. */
  private recovered(): boolean {
    const leader = this.live().find((m) => m.core!.role === "leader" && !m.syncing);
    if (!this.probe || this.probe.member.core?.role !== "leader" || this.probe.member.core.term !== this.probe.term) {
      this.probe = null;
      if (!leader) return false;
      try {
        const data = `probe@${this.now}`;
        const { index, term } = leader.core!.propose(encoder.encode(data));
        leader.proposals.set(index, { term, data });
        this.probe = { data, index, term, member: leader };
        this.pump(leader);
      } catch {
        return false;
      }
      return false;
    }
    const { index, member } = this.probe;
    const conf = member.core!.conf;
    return this.running(conf).every((id) => {
      const m = this.members.get(id);
      return m !== undefined && m.core !== null && m.appliedIndex >= index;
    });
  }

  // ---- checks ----

  private checkElectionSafety(m: Member): void {
    const term = m.core!.term;
    const other = this.leaderOfTerm.get(term);
    if (other === m.id) return;
    if (other !== undefined) {
      this.violate("Election Safety", `members ${other} and ${m.id} both led term ${term}`);
      return;
    }
    this.leadersElected++;
    this.leaderOfTerm.set(term, m.id);
    this.checkLeaderCompleteness(m);
  }

  /**
   * Log Matching, checked as entries are persisted: two entries with the same index and term hold
   * the same command and follow entries of the same term, hence (by induction) identical prefixes.
   */
  private checkLogMatching(m: Member, entries: readonly Entry[]): void {
    const log = m.durable.entries;
    const first = log[0]?.index ?? 0;
    for (const e of entries) {
      const before = e.index - 1;
      const prev = log[before - first];
      const prevTerm =
        prev?.index === before
          ? prev.term
          : before === m.durable.snapshot?.meta.index
            ? m.durable.snapshot.meta.term
            : before === 0
              ? 0
              : -1;
      const key = `${e.index}:${e.term}`;
      const data = decoder.decode(e.data);
      const seen = this.persistedAt.get(key);
      if (!seen) {
        this.persistedAt.set(key, { data, prevTerm });
      } else if (seen.data !== data || (prevTerm >= 0 && seen.prevTerm >= 0 && seen.prevTerm !== prevTerm)) {
        this.violate(
          "Log Matching",
          `member ${m.id} persisted index ${e.index} term ${e.term} after term ${prevTerm} with "${data}"; another has "${seen.data}" after term ${seen.prevTerm}`,
        );
        return;
      }
    }
  }

  /** A new leader's log holds every entry any member applied (Leader Completeness). */
  private checkLeaderCompleteness(m: Member): void {
    const core = m.core!;
    for (const [index, { term }] of this.appliedAt) {
      if (index < core.firstIndex) continue; // compacted into its snapshot
      const have = core.termAt(index);
      if (have !== term) {
        this.violate(
          "Leader Completeness",
          `leader ${m.id} of term ${core.term} has term ${have} at applied index ${index} (term ${term})`,
        );
        return;
      }
    }
  }

  /** Log Matching over durable logs, acknowledged writes kept, and progress after healing. */
  private checkFinal(): void {
    const logs = [...this.members.values()].map((m) => ({ id: m.id, entries: m.durable.entries }));
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        const x = new Map(logs[a]!.entries.map((e) => [e.index, e]));
        const ys = logs[b]!.entries;
        // Find the highest index where both have the same term; everything before must be identical.
        let top = 0;
        for (const e of ys) if (x.get(e.index)?.term === e.term) top = Math.max(top, e.index);
        for (const e of ys) {
          if (e.index > top) continue;
          const o = x.get(e.index);
          if (o && (o.term !== e.term || decoder.decode(o.data) !== decoder.decode(e.data))) {
            this.violate(
              "Log Matching",
              `members ${logs[a]!.id} and ${logs[b]!.id} agree at ${top} but differ at ${e.index}`,
            );
            return;
          }
        }
      }
    }
    if (this.faultsOn || !this.recovered()) {
      const state = [...this.members.values()]
        .map((m) =>
          m.retired
            ? `${m.id}:retired`
            : `${m.id}:${m.core?.role}/t${m.core?.term}/c${m.core?.commit}/a${m.appliedIndex}/l${m.core?.leader}/v${m.core?.conf.voters.join(",")}/L${m.core?.conf.learners.join(",")}`,
        )
        .join(" ");
      const ghosts = this.ghosts.size > 0 ? `; ghosts (never answer) ${[...this.ghosts].join(",")}` : "";
      this.violate(
        "progress",
        `no write committed on every member within ${recoveryBoundMs} ms of healing at ${this.healedAt} ms; members ${state}${ghosts}`,
      );
      return;
    }
    // Snapshots carry the whole state machine, so every member of the final membership must hold
    // every acknowledged write, whatever mix of snapshots and log replay brought it there.
    const conf = this.probe!.member.core!.conf;
    for (const id of this.running(conf)) {
      const m = this.members.get(id)!;
      for (const [index, data] of this.acked) {
        // Writes acknowledged after the probe may still be on their way to some members.
        if (index > this.probe!.index) continue;
        if (m.kv.get(index) !== data) {
          this.violate(
            "acknowledged write lost",
            `member ${m.id} has ${JSON.stringify(m.kv.get(index))} at ${index}, acknowledged "${data}"`,
          );
          return;
        }
      }
    }
  }

  private trace(line: string): void {
    if (this.traceLine) this.traceLine(`${String(this.now).padStart(6)} ms ${line}`);
  }

  /** Traces every member whose role, term, log, commit or membership changed since last traced. */
  private traceStates(): void {
    for (const m of this.members.values()) {
      const core = m.core;
      const state = core
        ? `${core.role} t${core.term} last ${core.lastIndex}/t${core.termAt(core.lastIndex)} commit ${core.commit} applied ${m.appliedIndex} leader ${core.leader} voters ${core.conf.voters.join(",")} learners ${core.conf.learners.join(",")} disk ${m.durable.entries.map((e) => `${e.index}/t${e.term}`).join(" ")}`
        : m.retired
          ? "retired"
          : "down";
      if (this.tracedState.get(m.id) === state) continue;
      this.tracedState.set(m.id, state);
      this.trace(`  = ${m.id}: ${state}`);
    }
  }

  private violate(property: string, detail: string): void {
    this.violations.push({ property, detail, atMs: this.now });
  }

  // ---- helpers ----

  /** What a restarted member boots with: the founders for a founder (used only while it has no state). */
  private bootstrapOf(m: Member): readonly RaftId[] | null {
    return this.founders.includes(m.id) ? this.founders : null;
  }

  /** The members of a configuration that run (ghosts never do, so they never apply anything). */
  private running(conf: { voters: readonly RaftId[]; learners: readonly RaftId[] }): RaftId[] {
    return [...conf.voters, ...conf.learners].filter((id) => !this.ghosts.has(id));
  }

  private live(): Member[] {
    return [...this.members.values()].filter((m) => m.core !== null && !m.retired);
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length ? items[this.rng.nextInt(items.length)] : undefined;
  }
}

function describeMessage(m: Message): string {
  const parts = [`${m.type} ${m.from}>${m.to} t${m.term}`];
  if (m.type === "append" || m.type === "vote" || m.type === "pre-vote") parts.push(`log ${m.logIndex}/t${m.logTerm}`);
  if (m.entries.length > 0) parts.push(`entries ${m.entries.map((e) => `${e.index}/t${e.term}`).join(",")}`);
  if (m.type === "append" || m.type === "heartbeat") parts.push(`commit ${m.commit}`);
  if (m.type === "append-response") parts.push(`index ${m.index}`);
  if (m.reject) parts.push(`reject hint ${m.rejectHint}/t${m.rejectTerm}`);
  if (m.snapshot) parts.push(`snapshot ${m.snapshot.meta.index}/t${m.snapshot.meta.term}`);
  return parts.join(" ");
}

function describeEvent(e: SimEvent): string {
  switch (e.kind) {
    case "deliver":
      return `deliver ${describeMessage(e.message)}`;
    case "tick":
    case "synced":
    case "restart":
      return `${e.kind} ${e.id}`;
    default:
      return e.kind;
  }
}

function describeReady(rd: Ready): string {
  const parts: string[] = [];
  if (rd.hardState) parts.push(`hard t${rd.hardState.term} v${rd.hardState.vote} c${rd.hardState.commit}`);
  if (rd.entries.length > 0) parts.push(`persist ${rd.entries.map((e) => `${e.index}/t${e.term}`).join(",")}`);
  if (rd.snapshot) parts.push(`snapshot ${rd.snapshot.meta.index}`);
  if (rd.committedEntries.length > 0)
    parts.push(
      `apply ${rd.committedEntries.map((e) => `${e.index}/t${e.term}${e.type === "conf-change" ? "(conf)" : ""}`).join(",")}`,
    );
  if (rd.messages.length > 0) parts.push(`send [${rd.messages.map(describeMessage).join("; ")}]`);
  return parts.join(", ") || "nothing";
}
