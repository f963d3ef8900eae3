// The driver: runs a RaftCore's Ready loop with a real clock, durable storage and a transport,
// applies committed entries to the application's state machine, and turns proposals and reads
// into promises. One Ready is processed at a time; inputs that arrive meanwhile go into the core
// and come out in the next Ready, so one fsync covers everything that arrived during the last
// one (group commit).
import { randomBytes } from "node:crypto";
import { assert, type Cancel, type Clock, type Random, realClock } from "../../common/index.js";
import {
  type ConfChange,
  decodeConfChange,
  type Entry,
  entryBytesMax,
  type HardState,
  heartbeatTicksDefault,
  type Message,
  type MessageType,
  noRaftId,
  NotLeaderError,
  ProposalDroppedError,
  ProposalTooLargeError,
  RaftCore,
  ReadIndexTimeoutError,
  type RaftId,
  type Ready,
  SeededRandom,
  type Snapshot,
  type SoftState,
} from "../core/index.js";
import { decodeMembers, encodeMembers, type MemberAddresses } from "./members.js";

/** Default tick length: with 10 election ticks a follower campaigns after 0.5–1 s of silence. */
export const tickMsDefault = 50;
/** Default election timeout in ticks. */
export const electionTicksDefault = 10;
/** Election timeouts a member that lost its leadership waits for a new leader before failing its proposals. */
export const lostLeaderElectionsMax = 3;
/** Default applied entries between automatic snapshots. */
export const snapshotIntervalEntriesDefault = 10_000;
/** Default entries kept behind a snapshot for slow followers. */
export const trailingEntriesDefault = 5_000;
/** Most proposals waiting for their entry to apply; more fail fast rather than queue without bound. */
export const pendingProposalsMax = 100_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Message types only a leader sends. They carry entries the leader has or is writing, and a commit
 * index that counts the leader's entries only once an earlier Ready persisted them (the core's
 * maybeCommit), so sending them before this Ready's fsync promises nothing a crash could take back.
 */
const leaderOnlyTypes: ReadonlySet<MessageType> = new Set(["append", "heartbeat", "snapshot"]);

/** Where the driver keeps the log. raft/storage's Wal implements it. */
export interface RaftStorage {
  /** Persists entries and hard state with one fsync. */
  save(batch: { hardState: HardState | null; entries: readonly Entry[] }): Promise<void>;
  /** Persists a snapshot durably. */
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  /** Releases log storage up to index (covered by a snapshot). */
  releaseTo(index: number): Promise<number>;
}

/** How the driver reaches peers. raft/transport's GrpcTransport implements it. */
export interface RaftTransport {
  /** Sends messages; never blocks or throws. */
  send(messages: readonly Message[]): void;
  /** Adds or updates a peer's address. */
  addPeer(id: RaftId, addr: string): void;
  /** Forgets a peer. */
  removePeer(id: RaftId): void;
}

/** The application's replicated state machine. */
export interface StateMachine<R> {
  /** Applies a committed command; the result goes to the proposer if it is waiting here. */
  apply(data: Uint8Array, index: number): R;
  /** Serialises the whole state (for snapshots). */
  snapshot(): Uint8Array;
  /** Replaces the whole state by a snapshot's, taken at log position `index`. */
  restore(data: Uint8Array, index: number): void;
}

/** State read back from storage at start. */
export interface RecoveredState {
  /** Persisted hard state. */
  readonly hardState: HardState;
  /** Newest persisted snapshot. */
  readonly snapshot: Snapshot | null;
  /** Persisted entries after it. */
  readonly entries: readonly Entry[];
}

/**
 * Settings a running member takes at once (the cluster's raft settings, applied on every manager
 * as the cluster object changes). An absent one goes back to the member's own option or default.
 */
export interface RaftLiveSettings {
  /** Tick length in ms. */
  readonly tickMs?: number;
  /** Election timeout in ticks. */
  readonly electionTicks?: number;
  /** Leader heartbeat interval in ticks. */
  readonly heartbeatTicks?: number;
  /** Applied entries between snapshots. */
  readonly snapshotIntervalEntries?: number;
  /** Entries kept behind a snapshot. */
  readonly trailingEntries?: number;
}

/** Options of a RaftNode. */
export interface RaftNodeOptions<R> {
  /** This member's raft id. */
  readonly id: RaftId;
  /** This member's raft address (host:port), announced to others. */
  readonly addr: string;
  /** Durable log. */
  readonly storage: RaftStorage;
  /** Peer transport. */
  readonly transport: RaftTransport;
  /** What storage held at start. */
  readonly recovered: RecoveredState;
  /** The application. */
  readonly stateMachine: StateMachine<R>;
  /** For a new cluster: the founding members and their addresses (the same on every founder). */
  readonly bootstrap?: MemberAddresses;
  /** Tick length in ms. */
  readonly tickMs?: number;
  /** Election timeout in ticks. */
  readonly electionTicks?: number;
  /** Leader heartbeat interval in ticks (default: the core's). */
  readonly heartbeatTicks?: number;
  /**
   * Longest wait for a read point asked of the leader (readBarrier on a follower). Default: one
   * election timeout; a round normally takes one heartbeat exchange, and after that long the
   * leader has likely changed.
   */
  readonly readIndexMsMax?: number;
  /** Applied entries between snapshots. */
  readonly snapshotIntervalEntries?: number;
  /** Entries kept behind a snapshot. */
  readonly trailingEntries?: number;
  /** Structured event log. */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
  /** Called when this member's view of the leader or its role changes. */
  readonly onSoftState?: (state: SoftState) => void;
  /** Ticks, timeouts and the Ready loop's turns (default: the real clock). */
  readonly clock?: Clock;
  /** The core's election jitter (default: seeded from node:crypto). */
  readonly random?: Random;
}

interface Waiter<T> {
  readonly term: number;
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
}

/** One running raft member. */
export class RaftNode<R> {
  /** This member's raft id. */
  readonly id: RaftId;
  private readonly core: RaftCore;
  private readonly options: RaftNodeOptions<R>;
  private readonly members = new Map<RaftId, string>();
  /** When each other member was last heard from (a message of its stepped in), on the monotonic clock. */
  private readonly lastHeardMs = new Map<RaftId, number>();
  private readonly proposals = new Map<number, Waiter<R>>();
  private readonly reads = new Map<string, { resolve: () => void; reject: (e: Error) => void; cancel: Cancel }>();
  /** The read barrier being gathered this turn: every caller until it is sent shares its round. */
  private openRead: Promise<void> | null = null;
  private readonly readsWaitingApply: { index: number; resolve: () => void }[] = [];
  private processing = false;
  private scheduled = false;
  private stopped = false;
  private fatal: Error | null = null;
  private ticker: Cancel | null = null;
  /** Fails waiting proposals if no leader appears after this member lost its leadership. */
  private leaderlessTimer: Cancel | null = null;
  private lastSnapshotIndex: number;
  private appliedIndex: number;
  private readCounter = 0;
  private readonly readPrefix = randomBytes(8).toString("hex");
  /** The settings in force: the options, overridden by the last reconfigure(). */
  private settings: Required<RaftLiveSettings>;

  private readonly clock: Clock;

  constructor(options: RaftNodeOptions<R>) {
    this.options = options;
    this.clock = options.clock ?? realClock;
    this.id = options.id;
    const { recovered } = options;
    let appliedFromSnapshot = 0;
    if (recovered.snapshot) {
      const { members, app } = decodeMembers(recovered.snapshot.data);
      for (const [id, addr] of members) this.members.set(id, addr);
      options.stateMachine.restore(app, recovered.snapshot.meta.index);
      appliedFromSnapshot = recovered.snapshot.meta.index;
    }
    const fresh = recovered.hardState.term === 0 && recovered.entries.length === 0 && !recovered.snapshot;
    if (fresh && options.bootstrap) for (const [id, addr] of options.bootstrap) this.members.set(id, addr);
    this.members.set(this.id, options.addr);
    this.settings = this.settingsWith({});
    this.core = new RaftCore({
      id: options.id,
      random: options.random ?? new SeededRandom(randomBytes(4).readUInt32LE(0)),
      electionTicks: this.settings.electionTicks,
      heartbeatTicks: this.settings.heartbeatTicks,
      hardState: recovered.hardState,
      snapshot: recovered.snapshot,
      entries: recovered.entries,
      applied: appliedFromSnapshot,
      ...(fresh && options.bootstrap
        ? {
            bootstrap: [...options.bootstrap.keys()].sort((a, b) => a - b),
            bootstrapContexts: new Map([...options.bootstrap].map(([id, addr]) => [id, encoder.encode(addr)])),
          }
        : {}),
    });
    this.lastSnapshotIndex = appliedFromSnapshot;
    this.appliedIndex = appliedFromSnapshot;
    for (const [id, addr] of this.members) if (id !== this.id) options.transport.addPeer(id, addr);
  }

  /** Starts ticking. */
  start(): void {
    assert(this.ticker === null, "already started");
    this.startTicker();
    this.schedule();
  }

  private startTicker(): void {
    this.ticker = this.clock.every(this.settings.tickMs, () => {
      this.core.tick();
      this.maybeLeaderDuties();
      // Most ticks change nothing (a follower counting towards its election timeout, a leader
      // between heartbeats): no turn of the loop is spent finding that out.
      if (this.core.hasReady()) this.schedule();
    });
  }

  /** The settings in force now (see reconfigure). */
  get liveSettings(): Required<RaftLiveSettings> {
    return this.settings;
  }

  /**
   * Takes new settings at once: a new tick length restarts the ticker, new election and heartbeat
   * ticks go to the core, snapshot settings apply from the next applied entry. Settings the core
   * would refuse (an election timeout not above the heartbeat) leave the ticks as they are.
   */
  reconfigure(live: RaftLiveSettings): void {
    const next = this.settingsWith(live);
    const ticksValid =
      Number.isSafeInteger(next.electionTicks) &&
      Number.isSafeInteger(next.heartbeatTicks) &&
      next.heartbeatTicks > 0 &&
      next.electionTicks > next.heartbeatTicks;
    const { electionTicks, heartbeatTicks } = ticksValid ? next : this.settings;
    const previous = this.settings;
    this.settings = { ...next, electionTicks, heartbeatTicks, tickMs: next.tickMs > 0 ? next.tickMs : previous.tickMs };
    if (electionTicks !== previous.electionTicks || heartbeatTicks !== previous.heartbeatTicks)
      this.core.setTimeouts(electionTicks, heartbeatTicks);
    if (this.settings.tickMs !== previous.tickMs && this.ticker !== null && !this.stopped) {
      this.ticker();
      this.startTicker();
    }
    this.schedule();
  }

  /** The options' settings, each overridden by `live` where it gives one. */
  private settingsWith(live: RaftLiveSettings): Required<RaftLiveSettings> {
    const options = this.options;
    return {
      tickMs: live.tickMs ?? options.tickMs ?? tickMsDefault,
      electionTicks: live.electionTicks ?? options.electionTicks ?? electionTicksDefault,
      heartbeatTicks: live.heartbeatTicks ?? options.heartbeatTicks ?? heartbeatTicksDefault,
      snapshotIntervalEntries:
        live.snapshotIntervalEntries ?? options.snapshotIntervalEntries ?? snapshotIntervalEntriesDefault,
      trailingEntries: live.trailingEntries ?? options.trailingEntries ?? trailingEntriesDefault,
    };
  }

  /** Stops ticking and fails every waiting proposal and read. Storage and transport are the caller's to close. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ticker?.();
    this.ticker = null;
    this.leaderlessTimer?.();
    while (this.processing) await new Promise<void>((resolve) => this.clock.defer(resolve));
    this.failAll(new ProposalDroppedError("the member stopped"));
  }

  /** Feeds a message from a peer. */
  step(message: Message): void {
    if (this.stopped) return;
    // Only members are remembered, so the map stays as small as the group.
    if (this.members.has(message.from)) this.lastHeardMs.set(message.from, this.clock.monotonicMs());
    this.core.step(message);
    this.schedule();
  }

  /**
   * Where requests for the leader go, asked on every API call (status() builds a whole report):
   * null when this member leads, else the leader's address ("" while none is known).
   */
  leaderAddrUnlessLeading(): string | null {
    if (this.core.role === "leader") return null;
    return this.members.get(this.core.leader) ?? "";
  }

  /** Whether `id` is in the raft group (a voter or a learner) as this member knows it; cheap enough for every call. */
  isMember(id: RaftId): boolean {
    return this.members.has(id);
  }

  /**
   * The members this one has heard from within an election timeout, itself included. On the
   * leader, which hears every voter's answers to its heartbeats, these are the members it can
   * reach: what a membership change consults before it removes one (SwarmKit's CanRemoveMember
   * asks its transport the same). A follower hears little besides the leader.
   */
  reachableMembers(): RaftId[] {
    const since = this.clock.monotonicMs() - this.settings.tickMs * this.settings.electionTicks;
    return [...this.members.keys()].filter((id) => id === this.id || (this.lastHeardMs.get(id) ?? -Infinity) >= since);
  }

  /** Role, term, leader, indexes (the last snapshot's too) and members, for status displays. */
  status(): {
    role: string;
    term: number;
    leader: RaftId;
    leaderAddr: string;
    commit: number;
    applied: number;
    members: [RaftId, string][];
    voters: RaftId[];
    learners: RaftId[];
    snapshotIndex: number;
  } {
    const conf = this.core.conf;
    return {
      snapshotIndex: this.lastSnapshotIndex,
      voters: [...conf.voters],
      learners: [...conf.learners],
      role: this.core.role,
      term: this.core.term,
      leader: this.core.leader,
      leaderAddr: this.members.get(this.core.leader) ?? "",
      commit: this.core.commit,
      applied: this.appliedIndex,
      members: [...this.members],
    };
  }

  /**
   * Replicates a command and resolves with the state machine's result once it is applied here,
   * which is after a quorum persisted it: an acknowledged write survives any minority of crashes.
   * Rejects with NotLeaderError (with the leader's address) on a follower, and with
   * ProposalTooLargeError for data above entryBytesMax.
   */
  propose(data: Uint8Array): Promise<R> {
    const unusable = this.unusable();
    if (unusable) return Promise.reject(unusable);
    if (data.length > entryBytesMax) return Promise.reject(new ProposalTooLargeError(data.length, entryBytesMax));
    if (this.proposals.size >= pendingProposalsMax)
      return Promise.reject(new ProposalDroppedError("too many proposals in flight"));
    let position: { index: number; term: number };
    try {
      position = this.core.propose(data);
    } catch (error) {
      return Promise.reject(this.withLeaderAddr(error));
    }
    this.schedule();
    return new Promise<R>((resolve, reject) =>
      this.proposals.set(position.index, { term: position.term, resolve, reject }),
    );
  }

  /**
   * Resolves when a read issued now may be served from the local state machine and be
   * linearizable: leadership was confirmed by a quorum and everything committed before is applied.
   * Works on followers too (the leader confirms and names the read point). Barriers asked for in
   * the same turn share one round, so a burst of reads costs the leader one heartbeat broadcast.
   * Rejects with ReadIndexTimeoutError when the read point does not come back within
   * `readIndexMsMax` (a lost message, a leader change).
   */
  readBarrier(): Promise<void> {
    const unusable = this.unusable();
    if (unusable) return Promise.reject(unusable);
    if (this.openRead) return this.openRead;
    const read = new Promise<void>((resolve, reject) => {
      this.clock.defer(() => {
        this.openRead = null;
        if (this.stopped) return reject(this.fatal ?? new ProposalDroppedError("the member stopped"));
        const key = `${this.readPrefix}-${++this.readCounter}`;
        try {
          this.core.readIndex(encoder.encode(key));
        } catch (error) {
          return reject(this.withLeaderAddr(error));
        }
        const ms = this.options.readIndexMsMax ?? this.settings.tickMs * this.settings.electionTicks;
        const cancel = this.clock.after(
          ms,
          () => {
            if (this.reads.delete(key)) reject(new ReadIndexTimeoutError(ms));
          },
          { keepAlive: false },
        );
        this.reads.set(key, { resolve, reject, cancel });
        this.schedule();
      });
    });
    this.openRead = read;
    return read;
  }

  /** Adds a member as a learner; it is promoted to voter once it has caught up. */
  async addMember(id: RaftId, addr: string): Promise<void> {
    await this.proposeConfChange({ type: "add-learner", id, context: encoder.encode(addr) });
  }

  /** Removes a member. */
  async removeMember(id: RaftId): Promise<void> {
    await this.proposeConfChange({ type: "remove", id, context: new Uint8Array() });
  }

  /** Hands leadership to another voter. */
  transferLeadership(to: RaftId): void {
    const unusable = this.unusable();
    if (unusable) throw unusable;
    this.core.transferLeadership(to);
    this.schedule();
  }

  private proposeConfChange(change: ConfChange): Promise<void> {
    const unusable = this.unusable();
    if (unusable) return Promise.reject(unusable);
    let position: { index: number; term: number };
    try {
      position = this.core.proposeConfChange(change);
    } catch (error) {
      return Promise.reject(this.withLeaderAddr(error));
    }
    this.schedule();
    return new Promise<void>((resolve, reject) =>
      this.proposals.set(position.index, { term: position.term, resolve: () => resolve(), reject }),
    );
  }

  // ---- the Ready loop ----

  private schedule(): void {
    if (this.scheduled || this.processing || this.stopped) return;
    this.scheduled = true;
    // A later turn lets every message already received join this batch.
    this.clock.defer(() => {
      this.scheduled = false;
      if (!this.processing && !this.stopped && this.core.hasReady()) void this.processReady();
    });
  }

  private async processReady(): Promise<void> {
    this.processing = true;
    try {
      const rd = this.core.ready();
      // A leader's appends and heartbeats promise nothing about its own disk, so they go out
      // while it persists (Raft thesis §10.2.1); everything else (votes, acknowledgements) waits.
      const early = rd.messages.filter((m) => leaderOnlyTypes.has(m.type));
      if (early.length > 0) this.options.transport.send(early);
      await this.persist(rd);
      this.options.transport.send(
        early.length > 0 ? rd.messages.filter((m) => !leaderOnlyTypes.has(m.type)) : rd.messages,
      );
      if (rd.softState) this.options.onSoftState?.(rd.softState);
      if (rd.snapshot) this.installSnapshot(rd.snapshot);
      for (const entry of rd.committedEntries) this.applyEntry(entry);
      for (const read of rd.readStates) this.onReadState(read.index, decoder.decode(read.requestId));
      this.core.advance();
      this.releaseReads();
      if (rd.softState && rd.softState.role !== "leader") this.failReadsOnLostLeadership();
      await this.maybeSnapshot();
    } catch (error) {
      // Storage failures (full disk, I/O error) stop the member: continuing could ack unsaved writes.
      this.fatal = error instanceof Error ? error : new Error(String(error));
      this.options.log?.("raft.fatal", { error: this.fatal.message });
      this.stopped = true;
      this.ticker?.();
      this.ticker = null;
      this.failAll(this.fatal);
    } finally {
      this.processing = false;
    }
    this.schedule();
  }

  private async persist(rd: Ready): Promise<void> {
    if (rd.snapshot) await this.options.storage.saveSnapshot(rd.snapshot);
    if (rd.entries.length > 0 || rd.hardState) {
      await this.options.storage.save({ hardState: rd.hardState, entries: rd.entries });
    }
  }

  private installSnapshot(snapshot: Snapshot): void {
    const { members, app } = decodeMembers(snapshot.data);
    this.options.stateMachine.restore(app, snapshot.meta.index);
    this.syncMembers(members);
    this.appliedIndex = snapshot.meta.index;
    this.lastSnapshotIndex = snapshot.meta.index;
    // Proposals at or below the snapshot were decided elsewhere; their outcome is unknown here.
    for (const [index, waiter] of this.proposals) {
      if (index <= snapshot.meta.index) {
        this.proposals.delete(index);
        waiter.reject(new ProposalDroppedError("outcome unknown: replaced by a snapshot"));
      }
    }
  }

  private applyEntry(entry: Entry): void {
    this.appliedIndex = entry.index;
    let result: unknown;
    if (entry.type === "conf-change") {
      const change = decodeConfChange(entry.data);
      this.core.applyConfChange(change);
      this.applyMembership(change);
    } else if (entry.data.length > 0) {
      result = this.options.stateMachine.apply(entry.data, entry.index);
    }
    const waiter = this.proposals.get(entry.index);
    if (!waiter) return;
    this.proposals.delete(entry.index);
    if (waiter.term === entry.term) waiter.resolve(result as R);
    else waiter.reject(new ProposalDroppedError("leadership changed before the entry committed"));
  }

  private applyMembership(change: ConfChange): void {
    if (change.type === "remove") {
      this.members.delete(change.id);
      this.lastHeardMs.delete(change.id);
      if (change.id !== this.id) this.options.transport.removePeer(change.id);
      return;
    }
    const addr = decoder.decode(change.context);
    if (addr) this.members.set(change.id, addr);
    const known = this.members.get(change.id);
    if (change.id !== this.id && known) this.options.transport.addPeer(change.id, known);
  }

  private syncMembers(members: MemberAddresses): void {
    for (const id of [...this.members.keys()]) {
      if (!members.has(id) && id !== this.id) {
        this.members.delete(id);
        this.lastHeardMs.delete(id);
        this.options.transport.removePeer(id);
      }
    }
    for (const [id, addr] of members) {
      this.members.set(id, addr);
      if (id !== this.id) this.options.transport.addPeer(id, addr);
    }
  }

  private async maybeSnapshot(): Promise<void> {
    const interval = this.settings.snapshotIntervalEntries;
    if (this.appliedIndex - this.lastSnapshotIndex < interval) return;
    const index = this.appliedIndex;
    const term = this.core.termAt(index);
    if (term === null) return;
    const snapshot: Snapshot = {
      meta: { index, term, conf: this.core.conf },
      data: encodeMembers(this.members, this.options.stateMachine.snapshot()),
    };
    await this.options.storage.saveSnapshot(snapshot);
    const trailing = this.settings.trailingEntries;
    this.core.compact(snapshot, trailing);
    this.lastSnapshotIndex = index;
    await this.options.storage.releaseTo(Math.max(0, index - trailing));
  }

  /** Leader-only periodic work: promote a learner once it has caught up (see learnerCaughtUp). */
  private maybeLeaderDuties(): void {
    const id = this.core.learnerToPromote();
    if (id === null) return;
    this.proposeConfChange({ type: "add-voter", id, context: new Uint8Array() }).catch(() => {
      // Another change is pending; promotion is retried on a later tick.
    });
  }

  // ---- reads ----

  private onReadState(index: number, key: string): void {
    const read = this.reads.get(key);
    if (!read) return;
    this.reads.delete(key);
    read.cancel();
    this.readsWaitingApply.push({ index, resolve: read.resolve });
  }

  private releaseReads(): void {
    for (let i = this.readsWaitingApply.length - 1; i >= 0; i--) {
      const r = this.readsWaitingApply[i]!;
      if (r.index <= this.appliedIndex) {
        this.readsWaitingApply.splice(i, 1);
        r.resolve();
      }
    }
  }

  private failReadsOnLostLeadership(): void {
    // Reads not yet confirmed by a quorum will never be: fail them so clients retry on the new leader.
    for (const [key, read] of this.reads) {
      this.reads.delete(key);
      read.cancel();
      read.reject(new NotLeaderError(this.core.leader, this.members.get(this.core.leader) ?? ""));
    }
    // Proposals still wait: a new leader may commit their entries (or overwrite them, which
    // rejects them at apply). But with no quorum left no leader comes, and they would wait
    // forever; so if none is known after a few election timeouts, they fail, outcome unknown.
    if (this.proposals.size === 0 || this.leaderlessTimer) return;
    const graceMs = this.settings.tickMs * this.settings.electionTicks * lostLeaderElectionsMax;
    this.leaderlessTimer = this.clock.after(
      graceMs,
      () => {
        this.leaderlessTimer = null;
        if (this.stopped || this.core.leader !== noRaftId) return;
        for (const [index, waiter] of this.proposals) {
          this.proposals.delete(index);
          waiter.reject(
            new ProposalDroppedError(
              "no leader was elected after this one lost its leadership (is a quorum of managers up?); the entry may still commit",
            ),
          );
        }
      },
      { keepAlive: false },
    );
  }

  // ---- helpers ----

  /**
   * Why this member can take no requests (its storage failed, e.g. the disk is full, or it
   * stopped), or null when it can.
   */
  failure(): Error | null {
    return this.unusable();
  }

  /** Why the member cannot take requests, or null when it can. */
  private unusable(): Error | null {
    if (this.fatal) return this.fatal;
    if (this.stopped) return new ProposalDroppedError("the member stopped");
    return null;
  }

  private withLeaderAddr(error: unknown): Error {
    if (error instanceof NotLeaderError) return new NotLeaderError(error.leader, this.members.get(error.leader) ?? "");
    return error instanceof Error ? error : new Error(String(error));
  }

  private failAll(error: Error): void {
    for (const [, waiter] of this.proposals) waiter.reject(error);
    this.proposals.clear();
    for (const [, read] of this.reads) {
      read.cancel();
      read.reject(error);
    }
    this.reads.clear();
  }
}
