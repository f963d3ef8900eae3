// The raft state machine: pure, synchronous and deterministic. It owns no clock, disk or socket:
// time advances only when the caller calls tick(), randomness comes from an injected Random, and
// every effect (persist, send, apply) is handed to the caller through ready(). See raft/README.md
// for the caller's duties; the short form is in the doc comment of Ready (types.ts).
import { assert } from "../../common/index.js";
import { decodeConfChange, encodeConfChange } from "./conf-change.js";
import { NotLeaderError, ProposalDroppedError } from "./errors.js";
import { RaftLog } from "./log.js";
import { makeMessage } from "./message.js";
import { hasQuorum, Progress, quorumMatch } from "./progress.js";
import type { Random } from "./random.js";
import {
  type ConfChange,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  noRaftId,
  type RaftId,
  type ReadState,
  type Ready,
  type Role,
  type Snapshot,
  type SoftState,
} from "./types.js";

/** Default ticks without a leader's word before a follower campaigns (randomised up to twice this). */
export const electionTicksDefault = 10;
/** Default ticks between leader heartbeats. */
export const heartbeatTicksDefault = 1;
/** Default most data bytes in one append message (at least one entry is always sent). */
export const appendBytesMaxDefault = 1024 * 1024;
/** Default most unacknowledged appends per follower in replicate state. */
export const inflightMessagesMaxDefault = 256;
/** Default most committed-entry bytes handed out in one Ready. */
export const applyBytesMaxDefault = 64 * 1024 * 1024;
/** Most read requests a leader queues before its first commit in a term; more are dropped. */
export const pendingReadsMax = 4096;

const transferContext = new TextEncoder().encode("transfer");
const empty = new Uint8Array(0);

/** Options of a RaftCore. Restart state comes from the caller's storage. */
export interface RaftOptions {
  /** This member's raft id (> 0). */
  readonly id: RaftId;
  /** Source of election jitter. */
  readonly random: Random;
  /** Election timeout in ticks (default electionTicksDefault). */
  readonly electionTicks?: number;
  /** Heartbeat interval in ticks (default heartbeatTicksDefault). */
  readonly heartbeatTicks?: number;
  /** Run a pre-vote before a real election, so a partitioned member cannot disrupt the cluster (default true). */
  readonly preVote?: boolean;
  /** A leader steps down when it loses contact with a quorum; followers ignore votes while they hear a leader (default true). */
  readonly checkQuorum?: boolean;
  /** Most data bytes per append message. */
  readonly appendBytesMax?: number;
  /** Most unacknowledged appends per follower. */
  readonly inflightMessagesMax?: number;
  /** Most committed-entry bytes per Ready. */
  readonly applyBytesMax?: number;
  /** Persisted hard state (restart). */
  readonly hardState?: HardState;
  /** Persisted snapshot (restart); the log starts after it. */
  readonly snapshot?: Snapshot | null;
  /** Persisted entries after the snapshot (restart). */
  readonly entries?: readonly Entry[];
  /** Index the caller's state machine has already applied (default: the snapshot's index). */
  readonly applied?: number;
  /**
   * For a brand-new cluster only: the founding voters. Every founding member must be given the
   * same list; it is written as conf-change entries at term 1 so that later members learn it from
   * the log. A member that will join an existing cluster passes nothing and waits for the leader.
   */
  readonly bootstrap?: readonly RaftId[];
  /** Context (e.g. the address) written with each founding member's conf-change entry. */
  readonly bootstrapContexts?: ReadonlyMap<RaftId, Uint8Array>;
}

/** The leader's view of one member, for status displays and learner promotion. */
export interface MemberProgress {
  /** Member id. */
  readonly id: RaftId;
  /** Highest index known replicated on it. */
  readonly match: number;
  /** Flow-control state. */
  readonly state: string;
  /** Heard from within the current CheckQuorum period. */
  readonly active: boolean;
  /** Whether it is a learner. */
  readonly learner: boolean;
}

interface PendingRead {
  readonly index: number;
  readonly requestId: Uint8Array;
  /** Member that asked (this member for local reads). */
  readonly from: RaftId;
  readonly acks: Set<RaftId>;
}

/**
 * Whether a learner has shown it holds the log up to the leader's commit index, so that making it
 * a voter cannot cost the group its quorum (etcd's rule). Its match is what it acknowledged to
 * this leader (a new leader starts every match at 0), so a learner that never answered (an address
 * nobody serves, a member still starting) is never ready, however short the log is; comparing
 * with a margin ("within N entries of the commit") would promote such a learner while the log is
 * shorter than N, and a group of one would then need two voters for every commit.
 */
export function learnerCaughtUp(progress: { readonly match: number }, commit: number): boolean {
  return progress.match > 0 && progress.match >= commit;
}

/** A raft member's state machine. Not re-entrant: one caller drives it. */
export class RaftCore {
  /** This member's id. */
  readonly id: RaftId;
  private readonly random: Random;
  private electionTicks: number;
  private heartbeatTicks: number;
  private readonly preVote: boolean;
  private readonly checkQuorum: boolean;
  private readonly appendBytesMax: number;
  private readonly inflightMax: number;
  private readonly applyBytesMax: number;

  private termValue = 0;
  private vote: RaftId = noRaftId;
  private roleValue: Role = "follower";
  private leaderValue: RaftId = noRaftId;
  private readonly log: RaftLog;
  private voters: RaftId[] = [];
  private learners: RaftId[] = [];
  private progress = new Map<RaftId, Progress>();
  private votes = new Map<RaftId, boolean>();

  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTicks = 0;
  private leadTransferee: RaftId = noRaftId;
  private pendingConfIndex = 0;
  /** Latest snapshot the caller made (with data), sent to followers that are too far behind. */
  private latestSnapshot: Snapshot | null = null;

  private pendingReads: PendingRead[] = [];
  /** Reads that arrived before this leader committed an entry of its term. */
  private deferredReads: { requestId: Uint8Array; from: RaftId }[] = [];
  private readStates: ReadState[] = [];
  private messages: Message[] = [];

  private prevHard: HardState;
  private prevSoft: SoftState;
  private readyInFlight: Ready | null = null;

  constructor(options: RaftOptions) {
    assert(Number.isSafeInteger(options.id) && options.id > 0, "raft id must be a positive integer");
    this.id = options.id;
    this.random = options.random;
    this.electionTicks = options.electionTicks ?? electionTicksDefault;
    this.heartbeatTicks = options.heartbeatTicks ?? heartbeatTicksDefault;
    assert(
      this.heartbeatTicks > 0 && this.electionTicks > this.heartbeatTicks,
      "election ticks must exceed heartbeat ticks",
    );
    this.preVote = options.preVote ?? true;
    this.checkQuorum = options.checkQuorum ?? true;
    this.appendBytesMax = options.appendBytesMax ?? appendBytesMaxDefault;
    this.inflightMax = options.inflightMessagesMax ?? inflightMessagesMaxDefault;
    this.applyBytesMax = options.applyBytesMax ?? applyBytesMaxDefault;

    const snapshot = options.snapshot ?? null;
    const hard = options.hardState ?? { term: 0, vote: noRaftId, commit: 0 };
    const offset = snapshot ? { index: snapshot.meta.index, term: snapshot.meta.term } : { index: 0, term: 0 };
    const entries = (options.entries ?? []).filter((e) => e.index > offset.index);
    const commit = Math.max(hard.commit, offset.index);
    assert((options.applied ?? offset.index) >= offset.index, "applied must not be below the snapshot index");
    this.log = new RaftLog({ offset, entries, committed: commit, applied: options.applied ?? offset.index });
    this.termValue = hard.term;
    this.vote = hard.vote;
    if (snapshot) {
      this.latestSnapshot = snapshot;
      this.setConf(snapshot.meta.conf);
    }

    const fresh = hard.term === 0 && this.log.lastIndex() === 0 && !snapshot;
    if (fresh && options.bootstrap && options.bootstrap.length > 0) {
      // Founding members write the initial membership as committed entries at term 1.
      const founding = options.bootstrap.map((id, i): Entry => ({
        term: 1,
        index: i + 1,
        type: "conf-change",
        data: encodeConfChange({ type: "add-voter", id, context: options.bootstrapContexts?.get(id) ?? empty }),
      }));
      this.log.append(founding);
      this.log.stabled = 0;
      this.log.commitTo(founding.length);
      this.termValue = 1;
      this.setConf({ voters: [...options.bootstrap], learners: [] });
    } else {
      // Conf changes after the snapshot are re-applied by the caller as it replays committed
      // entries; until then, take them from the log so elections use the right membership.
      for (const entry of this.log.slice(this.log.firstIndex(), this.log.committed + 1)) {
        if (entry.type === "conf-change") this.applyConfChangeInternal(decodeConfChange(entry.data));
      }
    }
    const bootstrapped = fresh && (options.bootstrap?.length ?? 0) > 0;
    this.prevHard = bootstrapped ? { term: 0, vote: noRaftId, commit: 0 } : this.hardState();
    this.becomeFollower(this.termValue, noRaftId);
    this.prevSoft = this.softState();
  }

  // ---- status ----

  /** Current term. */
  get term(): number {
    return this.termValue;
  }
  /** Current role. */
  get role(): Role {
    return this.roleValue;
  }
  /** Leader known to this member, or 0. */
  get leader(): RaftId {
    return this.leaderValue;
  }
  /** Commit index. */
  get commit(): number {
    return this.log.committed;
  }
  /** Index of the last log entry. */
  get lastIndex(): number {
    return this.log.lastIndex();
  }
  /** Index handed to the caller to apply. */
  get applied(): number {
    return this.log.applied;
  }
  /** Current membership. */
  get conf(): ConfState {
    return { voters: [...this.voters], learners: [...this.learners] };
  }
  /** Index of the first entry still held (after compaction). */
  get firstIndex(): number {
    return this.log.firstIndex();
  }

  /** Term of the entry at index, or null if compacted or absent. */
  termAt(index: number): number | null {
    return this.log.term(index);
  }

  /** The leader's view of each member; empty on non-leaders. */
  memberProgress(): MemberProgress[] {
    if (this.roleValue !== "leader") return [];
    return [...this.progress.values()].map((p) => ({
      id: p.id,
      match: p.match,
      state: p.state,
      active: p.recentActive || p.id === this.id,
      learner: this.learners.includes(p.id),
    }));
  }

  /**
   * The learner to promote to voter now, or null (leader only): the first learner that
   * {@link learnerCaughtUp} says has caught up. The caller proposes the add-voter change; one
   * membership change is pending at a time, so asking again on a later tick is cheap.
   */
  learnerToPromote(): RaftId | null {
    if (this.roleValue !== "leader") return null;
    for (const id of this.learners) {
      const p = this.progress.get(id);
      if (p && learnerCaughtUp(p, this.log.committed)) return id;
    }
    return null;
  }

  /** Election timeout and heartbeat interval in ticks, as now in force. */
  get timeouts(): { readonly electionTicks: number; readonly heartbeatTicks: number } {
    return { electionTicks: this.electionTicks, heartbeatTicks: this.heartbeatTicks };
  }

  /**
   * Changes the election timeout and heartbeat interval (in ticks) from the next tick on, as when
   * the cluster's raft settings change. The randomized election timeout is drawn again in the new
   * range; time already elapsed counts, so a follower whose timeout shrank below its silence
   * campaigns at its next tick, as it would have had it started with the new timeout.
   */
  setTimeouts(electionTicks: number, heartbeatTicks: number): void {
    assert(Number.isSafeInteger(electionTicks) && Number.isSafeInteger(heartbeatTicks), "ticks must be integers");
    assert(heartbeatTicks > 0 && electionTicks > heartbeatTicks, "election ticks must exceed heartbeat ticks");
    this.electionTicks = electionTicks;
    this.heartbeatTicks = heartbeatTicks;
    this.randomizedElectionTicks = this.electionTicks + this.random.nextInt(this.electionTicks);
  }

  // ---- inputs ----

  /** Advances logical time by one tick. */
  tick(): void {
    if (this.roleValue === "leader") this.tickLeader();
    else this.tickElection();
  }

  /**
   * Proposes an application command. Only the leader accepts; elsewhere it throws NotLeaderError.
   * Returns the entry's position: the command is durable once an entry at this index with this
   * term is committed (then it appears in Ready.committedEntries).
   */
  propose(data: Uint8Array): { index: number; term: number } {
    this.checkCanPropose();
    return this.appendOwn("normal", data);
  }

  /**
   * Proposes a membership change. One change at a time: while another is not yet applied, this
   * throws ProposalDroppedError. Adding a voter that is not a learner yet is refused: join as a
   * learner, catch up, then promote, so the quorum never waits for an empty log.
   */
  proposeConfChange(change: ConfChange): { index: number; term: number } {
    this.checkCanPropose();
    if (this.pendingConfIndex > this.log.applied)
      throw new ProposalDroppedError("another membership change is in progress");
    if (change.type === "add-voter" && !this.learners.includes(change.id) && !this.voters.includes(change.id)) {
      throw new ProposalDroppedError(`member ${change.id} must join as a learner before it can vote`);
    }
    if (change.type === "remove" && !this.voters.includes(change.id) && !this.learners.includes(change.id)) {
      throw new ProposalDroppedError(`member ${change.id} is not a member`);
    }
    if (change.type === "remove" && this.voters.length === 1 && this.voters[0] === change.id) {
      throw new ProposalDroppedError("cannot remove the last voter");
    }
    const position = this.appendOwn("conf-change", encodeConfChange(change));
    this.pendingConfIndex = position.index;
    return position;
  }

  /**
   * Applies a committed membership change. The caller calls this when it applies a conf-change
   * entry from Ready.committedEntries (decode it with decodeConfChange). Returns the new membership.
   */
  applyConfChange(change: ConfChange): ConfState {
    this.applyConfChangeInternal(change);
    return this.conf;
  }

  /**
   * Asks for a linearizable read point. When leadership is confirmed by a quorum, a ReadState
   * with this requestId appears in a Ready; serve the read once applied ≥ its index. Throws
   * NotLeaderError when no leader is known; on a follower the request goes to the leader.
   */
  readIndex(requestId: Uint8Array): void {
    if (this.roleValue === "leader") {
      this.handleReadIndex(requestId, this.id);
    } else if (this.leaderValue !== noRaftId) {
      this.send({ type: "read-index", to: this.leaderValue, context: requestId });
    } else {
      throw new NotLeaderError(noRaftId);
    }
  }

  /**
   * Hands leadership to another voter: proposals stop, the target is brought up to date, then told
   * to campaign at once. Abandoned after an election timeout if it has not happened.
   */
  transferLeadership(to: RaftId): void {
    if (this.roleValue !== "leader") throw new NotLeaderError(this.leaderValue);
    if (to === this.id || !this.voters.includes(to)) return;
    this.leadTransferee = to;
    this.electionElapsed = 0;
    const pr = this.progress.get(to)!;
    if (pr.match === this.log.lastIndex()) this.send({ type: "timeout-now", to });
    else this.sendAppend(to);
  }

  /**
   * Records a snapshot the caller made of its state machine at snapshot.meta.index (≤ applied)
   * and compacts the log, keeping `trailingEntries` entries before that index so slightly lagging
   * followers can catch up without a snapshot. The caller persists the snapshot itself.
   */
  compact(snapshot: Snapshot, trailingEntries: number): void {
    assert(snapshot.meta.index <= this.log.applied, "a snapshot must not go beyond the applied index");
    if (this.latestSnapshot && snapshot.meta.index <= this.latestSnapshot.meta.index) return;
    assert(this.log.term(snapshot.meta.index) === snapshot.meta.term, "snapshot term does not match the log");
    this.latestSnapshot = snapshot;
    this.log.compact(Math.max(0, snapshot.meta.index - trailingEntries));
  }

  /** Feeds a message received from a peer (or a local report such as snapshot-status). */
  step(m: Message): void {
    if (m.type === "snapshot-status") {
      // A local report from the transport, not a peer's message: it has no term.
      if (this.roleValue === "leader") this.stepLeader(m);
      return;
    }
    // Terms first (Raft §5.1): a higher term makes us a follower; a lower one is stale.
    if (m.term > this.termValue) {
      if ((m.type === "vote" || m.type === "pre-vote") && this.inLease(m)) {
        // CheckQuorum: we heard a leader recently, so this candidate is disruptive; ignore it.
        return;
      }
      if (m.type === "pre-vote") {
        // Pre-votes never change our term.
      } else if (m.type === "pre-vote-response" && !m.reject) {
        // Granted pre-votes carry the future term; ours changes only if we win.
      } else {
        const fromLeader = m.type === "append" || m.type === "heartbeat" || m.type === "snapshot";
        this.becomeFollower(m.term, fromLeader ? m.from : noRaftId);
      }
    } else if (m.term < this.termValue) {
      if ((this.checkQuorum || this.preVote) && (m.type === "append" || m.type === "heartbeat")) {
        // A stale leader: tell it our term so it steps down (needed when its pre-votes cannot win).
        this.send({ type: "append-response", to: m.from });
      } else if (m.type === "pre-vote") {
        this.send({ type: "pre-vote-response", to: m.from, reject: true });
      }
      return;
    }

    switch (m.type) {
      case "vote":
      case "pre-vote":
        this.handleVoteRequest(m);
        return;
      case "propose":
        this.handlePropose(m);
        return;
      case "read-index":
        if (this.roleValue === "leader") this.handleReadIndex(m.context, m.from);
        else if (this.leaderValue !== noRaftId)
          this.send({ type: "read-index", to: this.leaderValue, context: m.context });
        return;
      default:
        break;
    }
    switch (this.roleValue) {
      case "leader":
        this.stepLeader(m);
        return;
      case "candidate":
      case "pre-candidate":
        this.stepCandidate(m);
        return;
      case "follower":
        this.stepFollower(m);
        return;
    }
  }

  // ---- the Ready cycle ----

  /** Whether ready() has anything for the caller. */
  hasReady(): boolean {
    const hard = this.hardState();
    return (
      this.messages.length > 0 ||
      this.readStates.length > 0 ||
      this.log.pendingSnapshot !== null ||
      this.log.stabled < this.log.lastIndex() ||
      this.log.committed > this.log.applied ||
      !sameHard(hard, this.prevHard) ||
      !sameSoft(this.softState(), this.prevSoft)
    );
  }

  /**
   * Returns the next batch of work. The caller must process it (see Ready) and call advance()
   * before the next ready(). Meanwhile it may keep calling tick(), step() and propose(): what they
   * produce goes into the next Ready, after this one's persistence, so fsync and message handling
   * overlap (that is how batches grow under load: group commit).
   */
  ready(): Ready {
    this.assertNoReadyInFlight();
    const hard = this.hardState();
    const soft = this.softState();
    const snapshot = this.log.pendingSnapshot;
    const rd: Ready = {
      softState: sameSoft(soft, this.prevSoft) ? null : soft,
      hardState: sameHard(hard, this.prevHard) ? null : hard,
      entries: this.log.unstableEntries(),
      snapshot,
      committedEntries: snapshot ? [] : this.log.nextCommitted(this.applyBytesMax),
      messages: this.messages,
      readStates: this.readStates,
    };
    this.messages = [];
    this.readStates = [];
    this.readyInFlight = rd;
    return rd;
  }

  /** Tells the core the last Ready was fully processed: persisted, sent and applied. */
  advance(): void {
    const rd = this.readyInFlight;
    assert(rd !== null, "advance() without a Ready");
    this.readyInFlight = null;
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.hardState) this.prevHard = rd.hardState;
    if (rd.snapshot) {
      if (this.log.pendingSnapshot === rd.snapshot) this.log.pendingSnapshot = null;
      this.log.applied = Math.max(this.log.applied, rd.snapshot.meta.index);
    }
    const lastEntry = rd.entries[rd.entries.length - 1];
    if (lastEntry && this.log.term(lastEntry.index) === lastEntry.term) {
      this.log.stabled = Math.max(this.log.stabled, lastEntry.index);
    }
    const lastApplied = rd.committedEntries[rd.committedEntries.length - 1];
    if (lastApplied) this.log.applied = Math.max(this.log.applied, lastApplied.index);
  }

  // ---- roles ----

  private becomeFollower(term: number, leader: RaftId): void {
    this.reset(term);
    this.roleValue = "follower";
    this.leaderValue = leader;
  }

  private becomePreCandidate(): void {
    // A pre-candidate keeps its term and vote: nothing changes unless it could win.
    this.votes = new Map();
    this.roleValue = "pre-candidate";
    this.leaderValue = noRaftId;
  }

  private becomeCandidate(): void {
    this.reset(this.termValue + 1);
    this.vote = this.id;
    this.roleValue = "candidate";
  }

  private becomeLeader(): void {
    assert(this.roleValue === "candidate", "only a candidate becomes leader");
    this.reset(this.termValue);
    this.roleValue = "leader";
    this.leaderValue = this.id;
    // Conf changes in the uncommitted tail might still be pending; be conservative.
    this.pendingConfIndex = this.log.lastIndex();
    // A no-op opens the term: entries of earlier terms commit only under one of this term (§5.4.2).
    this.appendOwn("normal", empty);
  }

  private reset(term: number): void {
    if (this.termValue !== term) {
      assert(term > this.termValue, `term must not decrease (${this.termValue} → ${term})`);
      this.termValue = term;
      this.vote = noRaftId;
    }
    this.leaderValue = noRaftId;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTicks = this.electionTicks + this.random.nextInt(this.electionTicks);
    this.votes = new Map();
    this.leadTransferee = noRaftId;
    this.pendingReads = [];
    this.deferredReads = [];
    const next = this.log.lastIndex() + 1;
    this.progress = new Map();
    for (const id of [...this.voters, ...this.learners]) {
      const pr = new Progress(id, next, this.inflightMax);
      if (id === this.id) pr.match = this.log.lastIndex();
      this.progress.set(id, pr);
    }
  }

  // ---- time ----

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTicks) {
      this.electionElapsed = 0;
      this.campaign(false);
    }
  }

  private tickLeader(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTicks) {
      this.electionElapsed = 0;
      if (this.checkQuorum) {
        const active = new Set<RaftId>([this.id]);
        for (const pr of this.progress.values()) {
          if (pr.recentActive) active.add(pr.id);
          pr.recentActive = false;
        }
        if (!hasQuorum(this.voters, active)) {
          this.becomeFollower(this.termValue, noRaftId);
          return;
        }
      }
      // A transfer that has not happened within an election timeout is abandoned.
      this.leadTransferee = noRaftId;
    }
    if (this.heartbeatElapsed >= this.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.broadcastHeartbeat(empty, this.appendsStandForHeartbeats());
    }
    for (const pr of this.progress.values()) pr.appendedSinceTick = false;
  }

  /**
   * Whether an append sent since the last tick may replace a member's periodic heartbeat. Under a
   * steady write load appends flow many times per tick, and each one already does what a heartbeat
   * does (it resets the follower's election timer, carries the commit index, and its answer marks
   * the member active for CheckQuorum): the heartbeat would only cost both sides a message. A
   * member then goes at most heartbeatTicks + 1 ticks without hearing from the leader, so this
   * holds only while that stays well inside the election timeout.
   */
  private appendsStandForHeartbeats(): boolean {
    return this.electionTicks >= 2 * this.heartbeatTicks + 2;
  }

  /** Whether a committed entry not yet applied changes the membership. */
  private hasUnappliedConfChanges(): boolean {
    if (this.log.committed <= this.log.applied) return false;
    const lo = Math.max(this.log.applied + 1, this.log.firstIndex());
    return this.log.slice(lo, this.log.committed + 1).some((e) => e.type === "conf-change");
  }

  /** Whether this member may campaign: it is a voter. */
  private promotable(): boolean {
    return this.voters.includes(this.id);
  }

  /** Whether a vote request arrives while we still trust a live leader (CheckQuorum lease). */
  private inLease(m: Message): boolean {
    if (!this.checkQuorum || equalBytes(m.context, transferContext)) return false;
    return this.leaderValue !== noRaftId && this.electionElapsed < this.electionTicks;
  }

  // ---- elections ----

  private campaign(transfer: boolean): void {
    if (!this.promotable()) return;
    // The voter set is the applied configuration; while a committed membership change waits to be
    // applied it is stale (a restarted member may see itself as the only voter), so wait, as etcd does.
    if (this.hasUnappliedConfChanges()) return;
    if (this.preVote && !transfer) {
      this.becomePreCandidate();
      this.requestVotes("pre-vote", this.termValue + 1, empty);
    } else {
      this.becomeCandidate();
      this.requestVotes("vote", this.termValue, transfer ? transferContext : empty);
    }
  }

  private requestVotes(type: "vote" | "pre-vote", term: number, context: Uint8Array): void {
    this.votes.set(this.id, true);
    if (this.tallyWon()) {
      if (type === "pre-vote") this.campaign(true);
      else this.becomeLeader();
      return;
    }
    for (const id of this.voters) {
      if (id === this.id) continue;
      this.send({ type, to: id, term, logIndex: this.log.lastIndex(), logTerm: this.log.lastTerm(), context });
    }
  }

  private handleVoteRequest(m: Message): void {
    const responseType = m.type === "vote" ? "vote-response" : "pre-vote-response";
    // We can vote for m.from if we already did, or have not voted and know no leader in this term;
    // a pre-vote for a future term is granted on log freshness alone.
    const canVote =
      this.vote === m.from ||
      (this.vote === noRaftId && this.leaderValue === noRaftId) ||
      (m.type === "pre-vote" && m.term > this.termValue);
    if (canVote && this.log.isUpToDate(m.logIndex, m.logTerm)) {
      // A granted pre-vote answers with the candidate's future term, so it is not taken as stale.
      this.send({ type: responseType, to: m.from, term: m.term });
      if (m.type === "vote") {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send({ type: responseType, to: m.from, reject: true });
    }
  }

  private tallyWon(): boolean {
    const granted = new Set<RaftId>();
    for (const [id, ok] of this.votes) if (ok) granted.add(id);
    return hasQuorum(this.voters, granted);
  }

  private tallyLost(): boolean {
    const rejected = new Set<RaftId>();
    for (const [id, ok] of this.votes) if (!ok) rejected.add(id);
    return hasQuorum(this.voters, rejected);
  }

  private stepCandidate(m: Message): void {
    const expected = this.roleValue === "pre-candidate" ? "pre-vote-response" : "vote-response";
    switch (m.type) {
      case "append":
      case "heartbeat":
      case "snapshot":
        // A leader exists in this term.
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
      case "vote-response":
      case "pre-vote-response":
        if (m.type !== expected) return;
        this.votes.set(m.from, !m.reject);
        if (this.tallyWon()) {
          if (this.roleValue === "pre-candidate") this.campaign(true);
          else this.becomeLeader();
        } else if (this.tallyLost()) {
          this.becomeFollower(this.termValue, noRaftId);
        }
        return;
      case "timeout-now":
        return;
      default:
        return;
    }
  }

  // ---- follower ----

  private stepFollower(m: Message): void {
    switch (m.type) {
      case "append":
        this.electionElapsed = 0;
        this.leaderValue = m.from;
        this.handleAppend(m);
        return;
      case "heartbeat":
        this.electionElapsed = 0;
        this.leaderValue = m.from;
        this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
        this.send({ type: "heartbeat-response", to: m.from, context: m.context });
        return;
      case "snapshot":
        this.electionElapsed = 0;
        this.leaderValue = m.from;
        this.handleSnapshot(m);
        return;
      case "timeout-now":
        // Leader transfer: campaign now, skipping pre-vote, and say so to bypass leases.
        if (this.promotable()) this.campaign(true);
        return;
      case "read-index-response":
        this.readStates.push({ index: m.index, requestId: m.context });
        return;
      default:
        return;
    }
  }

  private handleAppend(m: Message): void {
    if (m.logIndex < this.log.committed) {
      // Everything up to our commit is settled; acknowledge it so the leader moves on.
      this.send({ type: "append-response", to: m.from, index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(m.logIndex, m.logTerm)) {
      const lastNew = this.log.maybeAppend(m.logIndex, m.entries);
      this.log.commitTo(Math.min(m.commit, lastNew));
      this.send({ type: "append-response", to: m.from, index: lastNew });
      return;
    }
    // Mismatch: give the leader a hint that skips whole terms (fast backtracking).
    let hintIndex = Math.min(m.logIndex, this.log.lastIndex());
    while (hintIndex > this.log.committed) {
      const t = this.log.term(hintIndex);
      if (t === null || t <= m.logTerm) break;
      hintIndex--;
    }
    this.send({
      type: "append-response",
      to: m.from,
      index: m.logIndex,
      reject: true,
      rejectHint: hintIndex,
      rejectTerm: this.log.term(hintIndex) ?? 0,
    });
  }

  private handleSnapshot(m: Message): void {
    const snapshot = m.snapshot;
    assert(snapshot !== null, "snapshot message without a snapshot");
    const { index, term } = snapshot.meta;
    if (index <= this.log.committed) {
      this.send({ type: "append-response", to: m.from, index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(index, term)) {
      // We already have the snapshot's entries: just commit them.
      this.log.commitTo(index);
      this.send({ type: "append-response", to: m.from, index: this.log.lastIndex() });
      return;
    }
    this.log.restore(snapshot);
    this.latestSnapshot = snapshot;
    this.setConf(snapshot.meta.conf);
    this.send({ type: "append-response", to: m.from, index: this.log.lastIndex() });
  }

  // ---- leader ----

  private stepLeader(m: Message): void {
    const pr = this.progress.get(m.from);
    if (!pr) return; // not a member (any more)
    pr.recentActive = true;
    switch (m.type) {
      case "append-response":
        this.handleAppendResponse(pr, m);
        return;
      case "heartbeat-response":
        if (pr.match < this.log.lastIndex()) {
          // The follower is alive but behind: appends may have been lost, so unblock one more.
          pr.probeSent = false;
          pr.freeOldestInflight();
          this.sendAppend(pr.id);
        }
        if (m.context.length > 0) this.ackRead(m.context, m.from);
        return;
      case "snapshot-status":
        if (pr.state !== "snapshot") return;
        if (m.reject) pr.pendingSnapshot = 0;
        // Either way, wait for the follower's answer before sending more; probe from where it is.
        pr.becomeProbe();
        pr.probeSent = true;
        return;
      default:
        return;
    }
  }

  private handleAppendResponse(pr: Progress, m: Message): void {
    if (m.reject) {
      const nextHint = this.findConflictByTerm(m.rejectHint, m.rejectTerm) + 1;
      if (pr.maybeDecrement(m.index, nextHint)) {
        if (pr.state === "replicate") {
          pr.becomeProbe();
          pr.next = Math.max(pr.match + 1, Math.min(nextHint, m.index));
        }
        this.sendAppend(pr.id);
      }
      return;
    }
    const wasPaused = pr.isPaused();
    const updated = pr.maybeUpdate(m.index);
    // A probe answered at exactly our known match also tells us where the follower's log ends.
    const probeAnswered = pr.state === "probe" && pr.match === m.index;
    if (!updated && !probeAnswered) {
      if (wasPaused && !pr.isPaused()) this.sendAppend(pr.id);
      return;
    }
    if (pr.state === "probe") pr.becomeReplicate();
    else if (pr.state === "snapshot" && pr.match >= pr.pendingSnapshot) pr.becomeReplicate();
    if (this.maybeCommit()) this.broadcastAppend();
    else this.sendAppend(pr.id, false);
    // Keep the pipe full while the follower is behind.
    while (pr.state === "replicate" && pr.next <= this.log.lastIndex() && !pr.isPaused()) {
      if (!this.sendAppend(pr.id, false)) break;
    }
    if (pr.id === this.leadTransferee && pr.match === this.log.lastIndex()) {
      this.send({ type: "timeout-now", to: pr.id });
    }
  }

  /** Largest index ≤ index whose term ≤ term, for fast backtracking. */
  private findConflictByTerm(index: number, term: number): number {
    let i = Math.min(index, this.log.lastIndex());
    while (i > 0) {
      const t = this.log.term(i);
      if (t === null || t <= term) break;
      i--;
    }
    return i;
  }

  /**
   * Commits what a quorum has, but only by counting entries of the current term (Raft §5.4.2,
   * Figure 8): an older entry on a majority can still be overwritten by a leader that lacks it.
   */
  private maybeCommit(): boolean {
    const self = this.progress.get(this.id);
    if (self) self.match = this.log.lastIndex();
    const candidate = quorumMatch(this.voters, (id) => this.progress.get(id)?.match ?? 0);
    if (candidate > this.log.committed && this.log.term(candidate) === this.termValue) {
      this.log.commitTo(candidate);
      this.releaseDeferredReads();
      return true;
    }
    return false;
  }

  private handlePropose(m: Message): void {
    if (this.roleValue !== "leader") return;
    for (const entry of m.entries) {
      try {
        if (entry.type === "conf-change") this.proposeConfChange(decodeConfChange(entry.data));
        else this.propose(entry.data);
      } catch {
        // A forwarded proposal that cannot be accepted is dropped; its sender retries.
      }
    }
  }

  private checkCanPropose(): void {
    if (this.roleValue !== "leader") throw new NotLeaderError(this.leaderValue);
    if (this.leadTransferee !== noRaftId) throw new ProposalDroppedError("leadership transfer in progress");
    if (!this.progress.has(this.id)) throw new ProposalDroppedError("this member was removed");
  }

  private appendOwn(type: Entry["type"], data: Uint8Array): { index: number; term: number } {
    const entry: Entry = { term: this.termValue, index: this.log.lastIndex() + 1, type, data };
    this.log.append([entry]);
    this.maybeCommit();
    this.broadcastAppend();
    return { index: entry.index, term: entry.term };
  }

  private broadcastAppend(): void {
    for (const id of this.progress.keys()) if (id !== this.id) this.sendAppend(id);
  }

  /**
   * Sends a heartbeat to every member; with `skipFed`, not to a member in replicate state that an
   * append reached since the last tick (see appendsStandForHeartbeats). A member being probed or
   * sent a snapshot always gets it: its answer is what unblocks the next append.
   */
  private broadcastHeartbeat(context: Uint8Array, skipFed = false): void {
    for (const pr of this.progress.values()) {
      if (pr.id === this.id) continue;
      if (skipFed && pr.appendedSinceTick && pr.state === "replicate") continue;
      // Never tell a follower to commit beyond what it is known to have.
      this.send({ type: "heartbeat", to: pr.id, commit: Math.min(pr.match, this.log.committed), context });
    }
  }

  /** Sends the next append (or a snapshot) to a member; returns whether anything was sent. */
  private sendAppend(to: RaftId, sendIfEmpty = true): boolean {
    const pr = this.progress.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    if (prevTerm === null || pr.next < this.log.firstIndex()) {
      return this.sendSnapshot(pr);
    }
    const entries =
      pr.next <= this.log.lastIndex() ? this.log.slice(pr.next, this.log.lastIndex() + 1, this.appendBytesMax) : [];
    // In replicate state an empty append only carries the commit index; skip it unless asked.
    if (entries.length === 0 && pr.state === "replicate" && !sendIfEmpty) return false;
    this.send({ type: "append", to, logIndex: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed });
    pr.sentEntries(prevIndex + entries.length, entries.length);
    pr.appendedSinceTick = true;
    return true;
  }

  private sendSnapshot(pr: Progress): boolean {
    const snapshot = this.latestSnapshot;
    if (!snapshot) return false;
    pr.becomeSnapshot(snapshot.meta.index);
    this.send({ type: "snapshot", to: pr.id, snapshot });
    return true;
  }

  // ---- reads ----

  private handleReadIndex(requestId: Uint8Array, from: RaftId): void {
    if (this.log.term(this.log.committed) !== this.termValue) {
      // Until this leader commits in its term, its commit index may lag what earlier leaders committed.
      if (this.deferredReads.length < pendingReadsMax) this.deferredReads.push({ requestId, from });
      return;
    }
    const read: PendingRead = { index: this.log.committed, requestId, from, acks: new Set([this.id]) };
    if (hasQuorum(this.voters, read.acks)) {
      this.releaseRead(read);
      return;
    }
    this.pendingReads.push(read);
    this.broadcastHeartbeat(requestId);
  }

  private releaseDeferredReads(): void {
    if (this.deferredReads.length === 0 || this.log.term(this.log.committed) !== this.termValue) return;
    const deferred = this.deferredReads;
    this.deferredReads = [];
    for (const r of deferred) this.handleReadIndex(r.requestId, r.from);
  }

  private ackRead(context: Uint8Array, from: RaftId): void {
    const at = this.pendingReads.findIndex((r) => equalBytes(r.requestId, context));
    if (at < 0) return;
    this.pendingReads[at]!.acks.add(from);
    if (!hasQuorum(this.voters, this.pendingReads[at]!.acks)) return;
    // A quorum confirmed leadership after every earlier read was queued too: release them all.
    const done = this.pendingReads.splice(0, at + 1);
    for (const r of done) this.releaseRead(r);
  }

  private releaseRead(read: PendingRead): void {
    if (read.from === this.id) this.readStates.push({ index: read.index, requestId: read.requestId });
    else this.send({ type: "read-index-response", to: read.from, index: read.index, context: read.requestId });
  }

  // ---- membership ----

  private applyConfChangeInternal(change: ConfChange): void {
    const voters = this.voters.filter((v) => v !== change.id);
    const learners = this.learners.filter((l) => l !== change.id);
    if (change.type === "add-voter") voters.push(change.id);
    else if (change.type === "add-learner") learners.push(change.id);
    this.setConf({ voters, learners });
    if (this.roleValue === "leader") {
      if (change.type === "remove" && change.id === this.id) {
        // A leader that removed itself steps down; the others elect a new leader.
        this.becomeFollower(this.termValue, noRaftId);
        return;
      }
      if (change.id === this.leadTransferee && change.type === "remove") this.leadTransferee = noRaftId;
      // A smaller quorum may commit more now.
      if (this.maybeCommit()) this.broadcastAppend();
    }
  }

  private setConf(conf: ConfState): void {
    this.voters = [...new Set(conf.voters)].sort((a, b) => a - b);
    this.learners = [...new Set(conf.learners)].filter((l) => !this.voters.includes(l)).sort((a, b) => a - b);
    const members = new Set([...this.voters, ...this.learners]);
    for (const id of [...this.progress.keys()]) if (!members.has(id)) this.progress.delete(id);
    for (const id of members) {
      if (this.progress.has(id)) continue;
      const pr = new Progress(id, this.log.lastIndex() + 1, this.inflightMax);
      if (id === this.id) pr.match = this.log.lastIndex();
      this.progress.set(id, pr);
    }
  }

  // ---- helpers ----

  private hardState(): HardState {
    return { term: this.termValue, vote: this.vote, commit: this.log.committed };
  }

  private softState(): SoftState {
    return { leader: this.leaderValue, role: this.roleValue };
  }

  private send(partial: Partial<Message> & { type: MessageType; to: RaftId }): void {
    this.messages.push(makeMessage({ from: this.id, term: this.termValue, ...partial }));
  }

  private assertNoReadyInFlight(): void {
    assert(this.readyInFlight === null, "call advance() before the next ready()");
  }
}

function sameHard(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

function sameSoft(a: SoftState, b: SoftState): boolean {
  return a.leader === b.leader && a.role === b.role;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
