// The raft state machine: pure, synchronous and deterministic. It owns no clock, disk or socket:
// time advances only when the caller calls tick(), randomness comes from an injected Random, and
// every effect (persist, send, apply) is handed to the caller through ready(). See raft/README.md
// for the caller's duties; the short form is in the doc comment of Ready (types.ts).
//
// How to read this file against the paper (Ongaro & Ousterhout, "In Search of an Understandable
// Consensus Algorithm", and Ongaro's thesis, "Consensus: Bridging Theory and Practice"):
// - Raft §5.1 (terms): step() compares every message's term with ours before anything else.
// - Raft §5.2 (leader election): tickElection(), campaign(), requestVotes(), handleVoteRequest(),
//   stepCandidate(), becomeCandidate() and becomeLeader(); thesis §9.6 (PreVote) adds the
//   pre-candidate role, and thesis §6.2 (CheckQuorum) adds tickLeader()'s quorum check and
//   inLease().
// - Raft §5.3 (log replication): sendAppend() and handleAppendResponse() on the leader,
//   handleAppend() on the follower, RaftLog.maybeAppend() for the consistency check's truncation.
// - Raft §5.4.1 (election restriction): RaftLog.isUpToDate(), used by handleVoteRequest().
// - Raft §5.4.2 (committing entries from previous terms): maybeCommit(), and the no-op entry
//   appended by becomeLeader().
// - Raft §6 (membership): one member at a time (thesis §4.1), learners (thesis §4.2.1), in
//   proposeConfChange(), applyConfChange() and setConf().
// - Raft §7 (log compaction): compact() on the caller's request, sendSnapshot() and
//   handleSnapshot() for a follower that is behind the compaction point.
// - Raft §8 (client interaction) and thesis §6.4 (read-only queries): readIndex() and the
//   "reads" section.
// - Thesis §3.10 (leadership transfer): transferLeadership() and the timeout-now message.
// The safety argument rests on three promises this member keeps across crashes: it votes at
// most once per term, its term never decreases, and an entry it acknowledged stays in its log.
// All three hold only if the caller persists each Ready's hard state and entries before it
// sends that Ready's messages; the core cannot check this, so it is the first rule of the
// contract in Ready's doc comment.
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

/**
 * Default ticks without a leader's word before a follower campaigns (randomised up to twice this).
 * Raft §5.2 and §5.6 ask for broadcastTime ≪ electionTimeout ≪ MTBF: ten heartbeats per election
 * timeout lets a follower miss several heartbeats before it disrupts a healthy leader.
 */
export const electionTicksDefault = 10;
/**
 * Default ticks between leader heartbeats (Raft §5.2: the empty appends that keep followers from
 * campaigning). Two: at the node's 50 ms tick a heartbeat every 100 ms, as etcd's default, still
 * five per election timeout (ten ticks, randomised up to twenty); every heartbeat costs a gRPC
 * message each way per follower, most of an idle cluster's CPU at one per tick.
 */
export const heartbeatTicksDefault = 2;
/**
 * Default most data bytes in one append message (at least one entry is always sent, so one entry
 * larger than this still travels, alone). Bounds the memory a follower needs for one message.
 */
export const appendBytesMaxDefault = 1024 * 1024;
/**
 * Default most unacknowledged appends per follower in replicate state. With appendBytesMax it
 * bounds what the leader has in flight to one follower (etcd's MaxInflightMsgs).
 */
export const inflightMessagesMaxDefault = 256;
/** Default most committed-entry bytes handed out in one Ready, so one Ready cannot hold the whole log. */
export const applyBytesMaxDefault = 64 * 1024 * 1024;
/** Most read requests a leader queues before its first commit in a term; more are dropped. */
export const pendingReadsMax = 4096;

/**
 * The context of a vote request sent on a leadership transfer (thesis §3.10). A member that would
 * otherwise ignore the request because it still hears a leader (thesis §4.2.3, disruptive servers)
 * honours it: the leader itself asked for the election.
 */
const transferContext = new TextEncoder().encode("transfer");
const empty = new Uint8Array(0);

/**
 * Options of a RaftCore. Restart state comes from the caller's storage: on a restart the caller
 * passes exactly what it persisted from earlier Readies (hard state, the newest snapshot, the
 * entries after it) and the index its state machine has applied. Passing less than was persisted
 * breaks the promises this member made to others (a vote, an acknowledged entry), which is how
 * two leaders in one term or a lost committed entry would come about.
 */
export interface RaftOptions {
  /** This member's raft id (> 0). Ids are never reused: a removed member that returns needs a new id. */
  readonly id: RaftId;
  /** Source of election jitter (Raft §5.2: randomised timeouts make split votes rare). */
  readonly random: Random;
  /** Election timeout in ticks (default electionTicksDefault). */
  readonly electionTicks?: number;
  /** Heartbeat interval in ticks (default heartbeatTicksDefault). */
  readonly heartbeatTicks?: number;
  /**
   * Run a pre-vote before a real election, so a partitioned member cannot disrupt the cluster
   * (default true). Thesis §9.6: a member that rejoins after a partition would otherwise come back
   * with a term raised by its failed elections and depose a healthy leader.
   */
  readonly preVote?: boolean;
  /**
   * A leader steps down when it loses contact with a quorum; followers ignore votes while they hear
   * a leader (default true). Thesis §6.2: without it a leader cut off from the majority keeps its
   * role (and serves nothing) until it hears a higher term. Thesis §4.2.3: ignoring votes while a
   * leader is heard keeps a member that lost touch with it from deposing it.
   */
  readonly checkQuorum?: boolean;
  /** Most data bytes per append message. */
  readonly appendBytesMax?: number;
  /** Most unacknowledged appends per follower. */
  readonly inflightMessagesMax?: number;
  /** Most committed-entry bytes per Ready. */
  readonly applyBytesMax?: number;
  /** Persisted hard state (restart): the term and vote are Raft Figure 2's persistent state. */
  readonly hardState?: HardState;
  /** Persisted snapshot (restart); the log starts after it (Raft §7). */
  readonly snapshot?: Snapshot | null;
  /** Persisted entries after the snapshot (restart), contiguous; entries at or before the snapshot are ignored. */
  readonly entries?: readonly Entry[];
  /**
   * Index the caller's state machine has already applied (default: the snapshot's index). A caller
   * whose state machine is durable passes its applied index so committed entries are not handed
   * out again; a caller that rebuilds its state from the snapshot passes nothing.
   */
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
  /** Highest index known replicated on it (Raft Figure 2's matchIndex; 0 until it answers this leader). */
  readonly match: number;
  /** Flow-control state: probe, replicate or snapshot (see progress.ts). */
  readonly state: string;
  /** Heard from within the current CheckQuorum period. */
  readonly active: boolean;
  /** Whether it is a learner. */
  readonly learner: boolean;
}

/**
 * A read waiting for a quorum to confirm that this member is still the leader (thesis §6.4, step
 * 3): until then a newer leader might exist elsewhere and have committed writes this read would miss.
 */
interface PendingRead {
  /** The commit index when the read arrived: the read point the caller serves it at. */
  readonly index: number;
  /** The caller's id for the read, echoed in the heartbeats that confirm it. */
  readonly requestId: Uint8Array;
  /** Member that asked (this member for local reads). */
  readonly from: RaftId;
  /** Voters that answered a heartbeat carrying requestId (this leader counts itself). */
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

/**
 * A raft member's state machine. Not re-entrant: one caller drives it.
 *
 * The caller's loop: call tick() at a steady period (the driver's tick interval times
 * electionTicks is the election timeout), feed every received message to step(), hand client
 * commands to propose(), and whenever hasReady() is true take ready(), carry it out in the order
 * Ready's doc comment gives (persist, send, apply, serve reads), then call advance(). Every input
 * method only changes memory and queues effects; nothing is durable or visible to others until the
 * caller has done the Ready that carries it.
 */
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

  // Raft Figure 2's persistent state: currentTerm, votedFor and (in `log`) log[]. The caller
  // persists them through Ready.hardState and Ready.entries.
  private termValue = 0;
  private vote: RaftId = noRaftId;
  private roleValue: Role = "follower";
  /** The leader of the current term as far as this member knows; where followers redirect clients (Raft §8). */
  private leaderValue: RaftId = noRaftId;
  private readonly log: RaftLog;
  /**
   * The membership in force: the newest applied configuration, from a conf-change entry or a
   * snapshot (see applyConfChange for why applied). It is always the membership as of the applied
   * index, which is what the caller records in the snapshots it makes.
   */
  private voters: RaftId[] = [];
  private learners: RaftId[] = [];
  /** Leader only: Raft Figure 2's nextIndex[] and matchIndex[], with flow control (progress.ts). */
  private progress = new Map<RaftId, Progress>();
  /** Candidate and pre-candidate only: the answers received so far (true: granted). */
  private votes = new Map<RaftId, boolean>();

  /** Ticks since the leader was last heard (follower) or since the last CheckQuorum check (leader). */
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  /** This term's election timeout, drawn in [electionTicks, 2 × electionTicks) (Raft §5.2). */
  private randomizedElectionTicks = 0;
  /** Leader only: the voter leadership is being handed to (thesis §3.10); proposals stop meanwhile. */
  private leadTransferee: RaftId = noRaftId;
  /** Index of the newest conf-change entry this leader appended or may have inherited uncommitted. */
  private pendingConfIndex = 0;
  /** Latest snapshot the caller made (with data), sent to followers that are too far behind. */
  private latestSnapshot: Snapshot | null = null;

  /** Reads waiting for a quorum's heartbeat answers, oldest first. */
  private pendingReads: PendingRead[] = [];
  /** Reads that arrived before this leader committed an entry of its term. */
  private deferredReads: { requestId: Uint8Array; from: RaftId }[] = [];
  // The effects queued for the next Ready.
  private readStates: ReadState[] = [];
  private messages: Message[] = [];

  /** What the caller has been handed so far: a Ready carries a hard or soft state only when it changed. */
  private prevHard: HardState;
  private prevSoft: SoftState;
  /** The Ready the caller is processing; ready() refuses to hand out another until advance(). */
  private readyInFlight: Ready | null = null;

  /**
   * Builds a member from the caller's persisted state (see RaftOptions). Every member starts as a
   * follower with no known leader (Raft §5.2: "when servers start up, they begin as followers") and
   * campaigns only after an election timeout without hearing one.
   */
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
    // A snapshot only ever holds committed state (Raft §7), so its index is committed even if the
    // persisted commit index, which is not fsynced on its own (must-sync.ts), lags behind it.
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
      // Founding members write the initial membership as committed entries at term 1. Every founder
      // writes the same entries, so their logs agree from the start (Log Matching holds trivially)
      // and committing them without a vote is safe; they are handed out as unstable entries in the
      // first Ready (stabled = 0) so the caller persists them like any other, and the caller applies
      // them like any other committed conf change. A member that joins later receives them by
      // replication or in a snapshot, which is how it learns the founders' ids and contexts.
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
    // After a bootstrap the term and commit exist only in memory: start prevHard at zero so the
    // first Ready carries the hard state to persist. After a restart they came from disk already.
    const bootstrapped = fresh && (options.bootstrap?.length ?? 0) > 0;
    this.prevHard = bootstrapped ? { term: 0, vote: noRaftId, commit: 0 } : this.hardState();
    this.becomeFollower(this.termValue, noRaftId);
    this.prevSoft = this.softState();
  }

  // ---- status ----

  /** Current term (Raft §5.1): the logical clock every message carries. */
  get term(): number {
    return this.termValue;
  }
  /** Current role. */
  get role(): Role {
    return this.roleValue;
  }
  /** Leader known to this member, or 0. A follower redirects clients here (Raft §8); it may be stale. */
  get leader(): RaftId {
    return this.leaderValue;
  }
  /** Commit index: entries up to here are on a quorum and will survive any leader change (Raft §5.3). */
  get commit(): number {
    return this.log.committed;
  }
  /** Index of the last log entry. */
  get lastIndex(): number {
    return this.log.lastIndex();
  }
  /** Index handed to the caller to apply (it counts as applied once the Ready holding it was advanced). */
  get applied(): number {
    return this.log.applied;
  }
  /** Current membership: the newest applied configuration, which elections and quorums use. */
  get conf(): ConfState {
    return { voters: [...this.voters], learners: [...this.learners] };
  }
  /** Index of the first entry still held (after compaction, Raft §7); older ones travel only in a snapshot. */
  get firstIndex(): number {
    return this.log.firstIndex();
  }

  /** Term of the entry at index, or null if compacted or absent. */
  termAt(index: number): number | null {
    return this.log.term(index);
  }

  /** The leader's view of each member; empty on non-leaders, who keep no progress (Raft Figure 2's leader state). */
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
   * campaigns at its next tick, as it would have had it started with the new timeout. Every member
   * should run with the same settings: a follower whose timeout is shorter than the leader's
   * heartbeat interval campaigns against a healthy leader (Raft §5.6's timing requirement).
   */
  setTimeouts(electionTicks: number, heartbeatTicks: number): void {
    assert(Number.isSafeInteger(electionTicks) && Number.isSafeInteger(heartbeatTicks), "ticks must be integers");
    assert(heartbeatTicks > 0 && electionTicks > heartbeatTicks, "election ticks must exceed heartbeat ticks");
    this.electionTicks = electionTicks;
    this.heartbeatTicks = heartbeatTicks;
    this.randomizedElectionTicks = this.electionTicks + this.random.nextInt(this.electionTicks);
  }

  // ---- inputs ----

  /**
   * Advances logical time by one tick. The caller calls it at a steady period; ticks are the only
   * clock the core has, so a caller that stops ticking (a paused process) makes a leader miss its
   * heartbeats and a follower its election timeout, nothing worse: safety never depends on time
   * (Raft §5.6), only availability does.
   */
  tick(): void {
    if (this.roleValue === "leader") this.tickLeader();
    else this.tickElection();
  }

  /**
   * Proposes an application command. Only the leader accepts; elsewhere it throws NotLeaderError
   * naming the leader it knows, so the caller can redirect the client (Raft §8). While a leadership
   * transfer is under way, or after this leader removed itself, it throws ProposalDroppedError.
   *
   * Returns the entry's position: the command is durable once an entry at this index with this
   * term is committed (then it appears in Ready.committedEntries). The caller must compare the
   * term too: if a committed entry at this index has another term, a later leader overwrote this
   * proposal before it committed (Raft §5.3) and the command was lost, not applied. A command may
   * also commit after the caller gave up on it (for example after a timeout and a leader change), so
   * a client that retries must make its command idempotent, as Raft §8 recommends with client
   * serial numbers.
   */
  propose(data: Uint8Array): { index: number; term: number } {
    this.checkCanPropose();
    return this.appendOwn("normal", data);
  }

  /**
   * Proposes a membership change. One change at a time: while another is not yet applied, this
   * throws ProposalDroppedError. Adding a voter that is not a learner yet is refused: join as a
   * learner, catch up, then promote, so the quorum never waits for an empty log.
   *
   * Thesis §4.1: when the voter set changes by one member at a time, any majority of the old set
   * and any majority of the new set overlap, so two leaders cannot be elected in one term by
   * different configurations, and no joint consensus (Raft §6) is needed. That argument holds only
   * if a change is not started before the previous one took effect, hence the pending check.
   * Thesis §4.2.1: a new member with an empty log would make every commit wait for it to catch up,
   * hence learners first. The change takes effect when the caller applies it (applyConfChange).
   */
  proposeConfChange(change: ConfChange): { index: number; term: number } {
    this.checkCanPropose();
    // pendingConfIndex covers changes this leader appended and, from becomeLeader, any a former
    // leader may have left uncommitted in the log: none may be in flight when a new one starts.
    if (this.pendingConfIndex > this.log.applied)
      throw new ProposalDroppedError("another membership change is in progress");
    if (change.type === "add-voter" && !this.learners.includes(change.id) && !this.voters.includes(change.id)) {
      throw new ProposalDroppedError(`member ${change.id} must join as a learner before it can vote`);
    }
    if (change.type === "remove" && !this.voters.includes(change.id) && !this.learners.includes(change.id)) {
      throw new ProposalDroppedError(`member ${change.id} is not a member`);
    }
    // With no voter left nobody could ever be elected or commit again, including a change that
    // adds one back.
    if (change.type === "remove" && this.voters.length === 1 && this.voters[0] === change.id) {
      throw new ProposalDroppedError("cannot remove the last voter");
    }
    const position = this.appendOwn("conf-change", encodeConfChange(change));
    this.pendingConfIndex = position.index;
    return position;
  }

  /**
   * Applies a committed membership change. The caller calls this when it applies a conf-change
   * entry from Ready.committedEntries (decode it with decodeConfChange). Returns the new membership,
   * which the caller records with its state machine: a snapshot taken later must carry it in its
   * meta.conf, since the entries that produced it are compacted away.
   *
   * The paper's Raft §6 has a member use a configuration as soon as the entry is in its log; this
   * core, as etcd's, uses it once it is committed and applied. Both are safe with single-member
   * changes as long as a leader starts a change only after the previous one committed, and, when
   * newly elected, only after it committed an entry of its own term (becomeLeader sets
   * pendingConfIndex so): otherwise a change from a deposed leader's uncommitted tail and a new
   * leader's change could each form a quorum that the other's does not overlap. Applying only
   * committed changes also means a change is never undone by log truncation. The cost is that a
   * member counts a new voter only from when it applies the entry, which is why campaign() waits
   * while a committed change is unapplied.
   */
  applyConfChange(change: ConfChange): ConfState {
    this.applyConfChangeInternal(change);
    return this.conf;
  }

  /**
   * Asks for a linearizable read point. When leadership is confirmed by a quorum, a ReadState
   * with this requestId appears in a Ready; serve the read once applied ≥ its index. Throws
   * NotLeaderError when no leader is known; on a follower the request goes to the leader.
   *
   * This is the ReadIndex protocol of thesis §6.4, which serves reads without writing to the log:
   * (1) the leader takes its commit index as the read index, once it has committed an entry of its
   * own term (before that its commit index may lag what earlier leaders committed); (2) it sends a
   * heartbeat round and waits for a quorum to answer, which proves no newer leader existed when the
   * read arrived; (3) the caller waits until its state machine applied up to the read index and
   * (4) serves the read from it. Steps 3 and 4 are the caller's. On a follower (end of thesis §6.4)
   * the leader does 1 and 2 and returns the index; the follower then does 3 and 4 on its own state
   * machine, which spreads read load off the leader.
   *
   * The request id must be unique among reads in flight: heartbeat answers are matched to reads by
   * it. No answer is promised: a read whose leader is deposed, or whose message is lost, produces no
   * ReadState, and the caller must time out and retry (the driver does).
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
   *
   * Thesis §3.10: (1) the leader stops accepting client requests, so its log stops growing; (2) it
   * brings the target's log up to its own, with ordinary appends, so the target can win the
   * election restriction of Raft §5.4.1; (3) it sends timeout-now, and the target campaigns at once
   * with a higher term, which deposes this leader when the vote request arrives. The election may
   * still fail (the target crashes, or another member's log is as long and it wins), so the caller
   * must treat the transfer as a request, not a promise, and watch the leader field to see who won.
   * A call for this member or a non-voter does nothing; a new call replaces one in progress.
   */
  transferLeadership(to: RaftId): void {
    if (this.roleValue !== "leader") throw new NotLeaderError(this.leaderValue);
    if (to === this.id || !this.voters.includes(to)) return;
    this.leadTransferee = to;
    this.electionElapsed = 0;
    const pr = this.progress.get(to)!;
    // Already up to date: step 3 at once. Otherwise handleAppendResponse sends timeout-now when the
    // target's match reaches our last index.
    if (pr.match === this.log.lastIndex()) this.send({ type: "timeout-now", to });
    else this.sendAppend(to);
  }

  /**
   * Records a snapshot the caller made of its state machine at snapshot.meta.index (≤ applied)
   * and compacts the log, keeping `trailingEntries` entries before that index so slightly lagging
   * followers can catch up without a snapshot. The caller persists the snapshot itself.
   *
   * Raft §7: each member snapshots on its own, and only committed, applied state, so compaction
   * never needs agreement. The caller must persist the snapshot (with fsync) before it deletes the
   * log entries it covers from its storage, and snapshot.meta.conf must be the membership as of
   * meta.index, because a member restored from it learns the membership from nothing else. The
   * snapshot is kept in memory and sent as it is to followers whose next entry was compacted away,
   * so the caller should hand in one that is cheap to hold (or replace it with a newer one often).
   */
  compact(snapshot: Snapshot, trailingEntries: number): void {
    assert(snapshot.meta.index <= this.log.applied, "a snapshot must not go beyond the applied index");
    if (this.latestSnapshot && snapshot.meta.index <= this.latestSnapshot.meta.index) return;
    assert(this.log.term(snapshot.meta.index) === snapshot.meta.term, "snapshot term does not match the log");
    this.latestSnapshot = snapshot;
    this.log.compact(Math.max(0, snapshot.meta.index - trailingEntries));
  }

  /**
   * Feeds a message received from a peer (or a local report such as snapshot-status). Messages may
   * arrive late, twice, out of order or not at all: Raft's messages are idempotent (Raft §5.5), and
   * every handler below tolerates a stale or repeated one, either by the term check or by comparing
   * indexes with what it already knows. The caller must not feed messages that failed its own integrity check.
   */
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
        // Thesis §4.2.3: a member that hears a leader within the minimum election timeout does not
        // update its term or grant its vote. The candidate was probably cut off from the leader
        // only; if the leader is really gone, our lease runs out within an election timeout.
        return;
      }
      if (m.type === "pre-vote") {
        // Pre-votes never change our term.
        // Thesis §9.6: a pre-vote asks "would you vote for me?" and changes nothing, so a member
        // that cannot win never raises anyone's term.
      } else if (m.type === "pre-vote-response" && !m.reject) {
        // Granted pre-votes carry the future term; ours changes only if we win.
      } else {
        // Raft §5.1: "If a server receives a request with a higher term, it updates its current
        // term to the new value and reverts to follower state." Only appends, heartbeats and
        // snapshots come from a leader of that term, so only they tell us who leads it; a vote
        // request or a rejection leaves the leader unknown. The new term and cleared vote reach the
        // caller in the next Ready's hardState, to be persisted before any answer is sent.
        const fromLeader = m.type === "append" || m.type === "heartbeat" || m.type === "snapshot";
        this.becomeFollower(m.term, fromLeader ? m.from : noRaftId);
      }
    } else if (m.term < this.termValue) {
      // Raft §5.1: "If a server receives a request with a stale term number, it rejects the
      // request." Most stale messages are simply dropped: their sender learns the new term from
      // any message of ours it gets later.
      if ((this.checkQuorum || this.preVote) && (m.type === "append" || m.type === "heartbeat")) {
        // A stale leader: tell it our term so it steps down (needed when its pre-votes cannot win).
        // With CheckQuorum or PreVote a member may have raised its term while the leader was cut
        // off from it, yet (in lease, or losing pre-votes) never send the leader a higher-term
        // message; the old leader would then keep sending appends that are ignored forever.
        this.send({ type: "append-response", to: m.from });
      } else if (m.type === "pre-vote") {
        // Answered so the pre-candidate can count a loss and stop waiting, and learn our term.
        this.send({ type: "pre-vote-response", to: m.from, reject: true });
      }
      return;
    }

    // Same term from here on. Vote requests, forwarded proposals and reads are handled the same
    // in every role; everything else depends on the role.

    switch (m.type) {
      case "vote":
      case "pre-vote":
        this.handleVoteRequest(m);
        return;
      case "propose":
        this.handlePropose(m);
        return;
      case "read-index":
        // Thesis §6.4: a follower's read goes to the leader; a follower that has since learned of
        // a new leader passes it on, and one that knows none drops it (its sender times out).
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

  /**
   * Whether ready() has anything for the caller. Cheap enough to call after every input; the caller
   * takes a Ready only when this is true (and no Ready is in flight).
   */
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
   *
   * What makes the order safe: the messages in this Ready were produced by state this Ready asks
   * the caller to persist (a vote for a candidate, an acknowledgement of appended entries, a new
   * term), so sending them first could promise something a crash then takes back: vote twice in a
   * term, or count towards a commit an entry this member no longer has. The one relaxation is the
   * leader's own appends, heartbeats and snapshots, which promise nothing about its disk: thesis
   * §10.2.1 lets the leader send them while it writes the same entries locally. The commit index
   * they carry promises nothing about it either: the leader counts its own entries towards a
   * commit only from advance() on, once they are persisted (maybeCommit), so every commit index
   * that leaves, and every committed entry handed out, is on a quorum's disks. A follower's
   * committed entries may be in this Ready's entries (a quorum has them already); applying them
   * after step 1 never applies an entry this member could lose.
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
      // A snapshot replaces the state machine wholesale; entries after it are handed out next time,
      // once the caller has applied it and advance() moved applied to its index.
      committedEntries: snapshot ? [] : this.log.nextCommitted(this.applyBytesMax),
      messages: this.messages,
      readStates: this.readStates,
    };
    this.messages = [];
    this.readStates = [];
    this.readyInFlight = rd;
    return rd;
  }

  /**
   * Tells the core the last Ready was fully processed: persisted, sent and applied. From here the
   * core treats the Ready's entries as stable and its committed entries as applied, so calling it
   * early (before the fsync, say) is the same as lying about the disk. A caller that cannot finish a
   * Ready (a failed write) must not call advance() and must stop driving this core: its memory now
   * claims things its disk does not hold, and the safe way on is a restart from what is on disk.
   */
  advance(): void {
    const rd = this.readyInFlight;
    assert(rd !== null, "advance() without a Ready");
    this.readyInFlight = null;
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.hardState) this.prevHard = rd.hardState;
    if (rd.snapshot) {
      if (this.log.pendingSnapshot === rd.snapshot) this.log.pendingSnapshot = null;
      this.log.applied = Math.max(this.log.applied, rd.snapshot.meta.index);
      // The snapshot's membership is the one in force as of its index, now applied (handleSnapshot).
      this.setConf(rd.snapshot.meta.conf);
    }
    // If a leader's append truncated the log while this Ready was being persisted, the entries the
    // caller just wrote may already be replaced in memory; the truncation lowered stabled, and the
    // replacing entries go out in the next Ready. Only an entry still in the log counts as stable.
    const lastEntry = rd.entries[rd.entries.length - 1];
    if (lastEntry && this.log.term(lastEntry.index) === lastEntry.term) {
      this.log.stabled = Math.max(this.log.stabled, lastEntry.index);
    }
    const lastApplied = rd.committedEntries[rd.committedEntries.length - 1];
    if (lastApplied) this.log.applied = Math.max(this.log.applied, lastApplied.index);
    // The leader's own acknowledgement (thesis §10.2.1): its entries are on its disk now, so they
    // count towards a commit from here; the commit and the appends announcing it go in the next Ready.
    if (this.roleValue === "leader" && lastEntry && this.maybeCommit()) this.broadcastAppend();
  }

  // ---- roles ----

  /**
   * Raft §5.2 / Figure 2: a member becomes a follower when it sees a higher term (Raft §5.1), when
   * a candidate hears from the leader of its term, when a leader learns a higher term or fails the
   * CheckQuorum test (thesis §6.2), and when an election is lost. `leader` is noRaftId unless the
   * message that caused it came from that term's leader.
   */
  private becomeFollower(term: number, leader: RaftId): void {
    this.reset(term);
    this.roleValue = "follower";
    this.leaderValue = leader;
  }

  /**
   * Thesis §9.6 (PreVote): before raising its term, a member asks the voters whether they would
   * vote for it, in term + 1, with its last log position. Only if a quorum says yes does it start a
   * real election. A member on the wrong side of a partition thus never raises its term, and when it
   * comes back it cannot depose the leader with a term nobody else has.
   */
  private becomePreCandidate(): void {
    // A pre-candidate keeps its term and vote: nothing changes unless it could win.
    // It does forget the leader, so a read or proposal it receives fails fast rather than
    // going to a leader it has stopped hearing from.
    this.votes = new Map();
    this.roleValue = "pre-candidate";
    this.leaderValue = noRaftId;
  }

  /**
   * Raft §5.2: "To begin an election, a follower increments its current term and transitions to
   * candidate state. It then votes for itself". The new term and the self-vote are in the next
   * Ready's hardState, so they are on disk before the vote requests in the same Ready go out: a
   * restart in this term cannot vote again for someone else.
   */
  private becomeCandidate(): void {
    this.reset(this.termValue + 1);
    this.vote = this.id;
    this.roleValue = "candidate";
  }

  /**
   * Raft §5.2: a candidate that won votes from a majority of voters in its term becomes leader, and
   * Election Safety (at most one leader per term) follows from each member voting once per term.
   * reset() gives every member a fresh progress: next = our last index + 1 and match = 0, Figure 2's
   * reinitialisation of nextIndex[] and matchIndex[] after election, so each follower starts in
   * probe state until it tells us where its log ends.
   */
  private becomeLeader(): void {
    assert(this.roleValue === "candidate", "only a candidate becomes leader");
    this.reset(this.termValue);
    this.roleValue = "leader";
    this.leaderValue = this.id;
    // Conf changes in the uncommitted tail might still be pending; be conservative.
    this.pendingConfIndex = this.log.lastIndex();
    // A no-op opens the term: entries of earlier terms commit only under one of this term (§5.4.2).
    // Raft §8 asks for the same entry for reads: until it commits, this leader does not know which
    // of its entries are committed, so reads are deferred until then (handleReadIndex).
    this.appendOwn("normal", empty);
  }

  /**
   * Enters `term` with a clean slate for a new role. The vote is cleared only when the term
   * changes: within a term the vote must stay, or this member could vote twice in it (Raft §5.2:
   * "each server will vote for at most one candidate in a given term"). The election timeout is
   * drawn again, so members that timed out together are unlikely to do so again (Raft §5.2's
   * randomised timeouts against split votes). Reads and a transfer in progress belonged to the old
   * role and are dropped; their callers time out and retry.
   */
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
      if (id === this.id) pr.match = this.durableIndex();
      this.progress.set(id, pr);
    }
  }

  // ---- time ----

  /**
   * Raft §5.2: "If a follower receives no communication over a period of time called the election
   * timeout, then it assumes there is no viable leader and begins an election." Candidates and
   * pre-candidates run the same timer: a split vote or an election that got no answers times out
   * and starts over, with a new random timeout. Learners never campaign (promotable).
   */
  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTicks) {
      this.electionElapsed = 0;
      this.campaign("timeout");
    }
  }

  /**
   * A leader's clock does two things: heartbeats every heartbeatTicks (Raft §5.2: leaders send
   * periodic empty appends to maintain their authority), and, every election timeout, the
   * CheckQuorum test and the abandonment of a stalled transfer.
   */
  private tickLeader(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTicks) {
      this.electionElapsed = 0;
      if (this.checkQuorum) {
        // Thesis §6.2: a leader that has not heard from a quorum within an election timeout steps
        // down. The rest of the cluster may have elected a new leader by now; stepping down stops
        // this one from making clients wait on it (they retry elsewhere), and lets the members it
        // still reaches stop ignoring vote requests (inLease) once they stop hearing it.
        const active = new Set<RaftId>([this.id]);
        for (const pr of this.progress.values()) {
          if (pr.recentActive) active.add(pr.id);
          pr.recentActive = false;
        }
        if (!hasQuorum(this.voters, active)) {
          // Same term, no leader: this member may campaign again after its own election timeout.
          this.becomeFollower(this.termValue, noRaftId);
          return;
        }
      }
      // A transfer that has not happened within an election timeout is abandoned.
      // Thesis §3.10: the target should have won by now; if it has not (it crashed, or lost), the
      // leader resumes taking proposals rather than refusing clients indefinitely.
      this.leadTransferee = noRaftId;
    }
    if (this.heartbeatElapsed >= this.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.broadcastHeartbeat(empty);
    }
  }

  /**
   * Whether a committed entry or received snapshot not yet applied changes the membership. Used to
   * hold an election until the caller has applied it, because membership takes effect on apply
   * (applyConfChange, advance() for a snapshot).
   */
  private hasUnappliedConfChanges(): boolean {
    if (this.log.committed <= this.log.applied) return false;
    // A received snapshot not yet applied carries a membership not yet in force.
    if (this.log.applied < this.log.compactedTo().index) return true;
    const lo = Math.max(this.log.applied + 1, this.log.firstIndex());
    return this.log.slice(lo, this.log.committed + 1).some((e) => e.type === "conf-change");
  }

  /**
   * Whether this member may campaign: it is a voter. Learners (thesis §4.2.1) and removed members
   * never start elections; a removed member that did would raise terms and disrupt the cluster it
   * left (thesis §4.2.3).
   */
  private promotable(): boolean {
    return this.voters.includes(this.id);
  }

  /**
   * Whether a vote request arrives while we still trust a live leader (CheckQuorum lease). Thesis
   * §4.2.3: within an election timeout of hearing the leader, a vote request is from a member that
   * lost touch with the leader, not from one that replaces a dead leader, so granting it would only
   * disrupt. A leader (whose leader is itself) is always in lease while CheckQuorum keeps it in office.
   * A vote sent on a leadership transfer carries transferContext and is honoured regardless, since the
   * leader asked for it.
   */
  private inLease(m: Message): boolean {
    if (!this.checkQuorum || equalBytes(m.context, transferContext)) return false;
    return this.leaderValue !== noRaftId && this.electionElapsed < this.electionTicks;
  }

  // ---- elections ----

  /**
   * Starts an election (Raft §5.2). `timeout`: a pre-vote first unless disabled (thesis §9.6);
   * `election`: the real election that a won pre-vote leads to, as an ordinary one, so members still
   * in lease ignore it as they ignore any disruptive candidate (etcd does the same); `transfer`: a
   * real election at the leader's request (a timeout-now, thesis §3.10), whose vote requests carry
   * transferContext so that members in lease honour them.
   */
  private campaign(kind: "timeout" | "election" | "transfer"): void {
    if (!this.promotable()) return;
    // The voter set is the applied configuration; while a committed membership change waits to be
    // applied it is stale (a restarted member may see itself as the only voter), so wait, as etcd does.
    if (this.hasUnappliedConfChanges()) return;
    if (this.preVote && kind === "timeout") {
      this.becomePreCandidate();
      this.requestVotes("pre-vote", this.termValue + 1, empty);
    } else {
      this.becomeCandidate();
      this.requestVotes("vote", this.termValue, kind === "transfer" ? transferContext : empty);
    }
  }

  /**
   * Votes for itself and asks every other voter (Raft §5.2, "issues RequestVote RPCs in parallel to
   * each of the other servers"). The request carries our last log position, which voters compare
   * with theirs (Raft §5.4.1). A pre-vote asks in term + 1 without taking that term. Learners are not
   * asked: their answer would not count. A single voter wins at once.
   */
  private requestVotes(type: "vote" | "pre-vote", term: number, context: Uint8Array): void {
    this.votes.set(this.id, true);
    if (this.tallyWon()) {
      if (type === "pre-vote") this.campaign("election");
      else this.becomeLeader();
      return;
    }
    for (const id of this.voters) {
      if (id === this.id) continue;
      this.send({ type, to: id, term, logIndex: this.log.lastIndex(), logTerm: this.log.lastTerm(), context });
    }
  }

  /**
   * The voter's side of Raft §5.2 and §5.4.1. step() has already brought our term up to a real
   * vote's term (a pre-vote's term is never adopted) and dropped requests from stale terms or
   * received in lease, so m.term ≥ our term here. Granting needs two things:
   * - we have not promised this term to anyone else (Raft §5.2, one vote per term). Re-granting the
   *   same candidate is fine, and needed when its first answer was lost;
   * - the candidate's log is at least as up to date as ours (Raft §5.4.1, the election restriction),
   *   which guarantees the winner holds every committed entry (Leader Completeness).
   */
  private handleVoteRequest(m: Message): void {
    const responseType = m.type === "vote" ? "vote-response" : "pre-vote-response";
    // We can vote for m.from if we already did, or have not voted and know no leader in this term;
    // a pre-vote for a future term is granted on log freshness alone.
    // (Knowing a leader in this term means its election is over: granting another candidate then
    // could not make a second leader, as the vote is still one per term, but would be pointless.)
    const canVote =
      this.vote === m.from ||
      (this.vote === noRaftId && this.leaderValue === noRaftId) ||
      (m.type === "pre-vote" && m.term > this.termValue);
    if (canVote && this.log.isUpToDate(m.logIndex, m.logTerm)) {
      // A granted pre-vote answers with the candidate's future term, so it is not taken as stale.
      this.send({ type: responseType, to: m.from, term: m.term });
      if (m.type === "vote") {
        // Raft §5.2: granting a vote resets the election timer, so a voter does not start a
        // competing election while the candidate it backs is collecting votes. The vote reaches the
        // caller in the next Ready's hardState and is persisted before this answer is sent.
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send({ type: responseType, to: m.from, reject: true });
    }
  }

  /** A quorum of the current voters granted (Raft §5.2: "votes from a majority of the servers"). */
  private tallyWon(): boolean {
    const granted = new Set<RaftId>();
    for (const [id, ok] of this.votes) if (ok) granted.add(id);
    return hasQuorum(this.voters, granted);
  }

  /** A quorum refused: this election cannot be won, so give up now rather than at the timeout. */
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
        // Raft §5.2: "If the leader's term is at least as large as the candidate's current term,
        // then the candidate recognizes the leader as legitimate and returns to follower state."
        // (A higher term was handled in step(); this is the same-term case.) The message is then
        // handled as a follower would, so no append is lost to the role change.
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
      case "vote-response":
      case "pre-vote-response":
        // An answer to the other kind of request is a leftover of an earlier round; ignore it.
        if (m.type !== expected) return;
        // A duplicate answer overwrites the first, so each voter counts once.
        this.votes.set(m.from, !m.reject);
        if (this.tallyWon()) {
          // A won pre-vote starts the real election (thesis §9.6); a won vote makes us leader.
          if (this.roleValue === "pre-candidate") this.campaign("election");
          else this.becomeLeader();
        } else if (this.tallyLost()) {
          // Same term, vote kept: another candidate may still win it, and we wait for its appends.
          this.becomeFollower(this.termValue, noRaftId);
        }
        return;
      case "timeout-now":
        // Already campaigning; a transfer's election would be this same election.
        return;
      default:
        return;
    }
  }

  // ---- follower ----

  /**
   * A follower answers the leader of its term (Raft §5.2: "Servers remain in follower state as long
   * as they receive valid RPCs from a leader or candidate"). Every message from the leader resets
   * the election timer and names the leader, where clients are redirected (Raft §8).
   */
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
        // A heartbeat carries no entries, so no consistency check vouches for our log beyond what the
        // leader knows we match; the leader caps the commit it sends at our match (broadcastHeartbeat)
        // and we cap it at our last index. Raft Figure 2: commitIndex = min(leaderCommit, last new).
        this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
        // The context echoes a ReadIndex request id: this answer is our confirmation (thesis §6.4).
        this.send({ type: "heartbeat-response", to: m.from, context: m.context });
        return;
      case "snapshot":
        this.electionElapsed = 0;
        this.leaderValue = m.from;
        this.handleSnapshot(m);
        return;
      case "timeout-now":
        // Leader transfer: campaign now, skipping pre-vote, and say so to bypass leases.
        // Thesis §3.10: the target starts an election at once, without waiting for its timeout; the
        // leader brought its log up to date first, so it can satisfy Raft §5.4.1 on every voter.
        if (this.promotable()) this.campaign("transfer");
        return;
      case "read-index-response":
        // The leader confirmed its leadership and gave its commit index as the read point; the
        // caller serves the read once it applied that far (thesis §6.4, steps 3 and 4).
        this.readStates.push({ index: m.index, requestId: m.context });
        return;
      default:
        return;
    }
  }

  /**
   * The follower's side of AppendEntries (Raft §5.3 and Figure 2's receiver rules 2–5; rule 1, the
   * stale term, was step()'s). The acknowledgement names the last index known to match the
   * leader's log, and goes out in the same Ready as the entries, so it is sent only after they
   * are on disk: the leader counts it towards a commit.
   */
  private handleAppend(m: Message): void {
    if (m.logIndex < this.log.committed) {
      // Everything up to our commit is settled; acknowledge it so the leader moves on.
      // A late or duplicated append may start before our commit index; committed entries never
      // change (State Machine Safety), so there is nothing to check, and re-running the merge could
      // only trip maybeAppend's assertion that committed entries are not overwritten.
      this.send({ type: "append-response", to: m.from, index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(m.logIndex, m.logTerm)) {
      // Raft §5.3, the consistency check passed: by Log Matching our log equals the leader's up to
      // logIndex. maybeAppend keeps entries that agree and truncates from the first conflict (Figure
      // 2, receiver rules 3 and 4): a stale or reordered append never cuts off entries a later append
      // already added, since agreeing entries are skipped, not rewritten.
      const lastNew = this.log.maybeAppend(m.logIndex, m.entries);
      // Figure 2, receiver rule 5: commitIndex = min(leaderCommit, index of last new entry). Not our
      // last index: entries after lastNew were not vouched for by this append and may still conflict.
      this.log.commitTo(Math.min(m.commit, lastNew));
      this.send({ type: "append-response", to: m.from, index: lastNew });
      return;
    }
    // Mismatch: give the leader a hint that skips whole terms (fast backtracking).
    // Raft §5.3 ends with this optimisation: instead of the leader backing up one entry per round
    // trip, the follower reports the last index at or below the probe whose term is ≤ the leader's
    // logTerm; the leader (findConflictByTerm) then backs up past every entry of a term it does not
    // share. Entries at or below our commit match the leader, so the hint never goes below it.
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

  /**
   * Raft §7, InstallSnapshot's receiver: the leader sends a snapshot when our next entry is one it
   * has compacted away. Raft §7 says to keep the log after the snapshot if it holds the snapshot's
   * last entry, and to discard it all otherwise; this follows that, and answers like an append so
   * the leader's progress moves on.
   */
  private handleSnapshot(m: Message): void {
    const snapshot = m.snapshot;
    assert(snapshot !== null, "snapshot message without a snapshot");
    const { index, term } = snapshot.meta;
    if (index <= this.log.committed) {
      // Old news (a late or duplicate snapshot): our state is at least as new. Installing it would
      // move our state machine backwards.
      this.send({ type: "append-response", to: m.from, index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(index, term)) {
      // We already have the snapshot's entries: just commit them.
      this.log.commitTo(index);
      this.send({ type: "append-response", to: m.from, index: this.log.lastIndex() });
      return;
    }
    // The snapshot replaces the whole log: our entries after the commit index may conflict with the
    // leader's and cannot be checked against a log we no longer have. The next Ready carries the
    // snapshot for the caller to persist and then apply in place of its state machine; its
    // membership takes effect when it is applied (advance()), like any membership change. Taking
    // it now would put it before the changes of a Ready the caller is still applying, which are
    // older: applied after it, they would undo its members (a removed learner back, a voter demoted).
    this.log.restore(snapshot);
    this.latestSnapshot = snapshot;
    this.send({ type: "append-response", to: m.from, index: this.log.lastIndex() });
  }

  // ---- leader ----

  /** A leader handles its followers' answers to appends, heartbeats and snapshots. */
  private stepLeader(m: Message): void {
    const pr = this.progress.get(m.from);
    if (!pr) return; // not a member (any more)
    // Any message of this term from a member proves it hears us: it counts for CheckQuorum.
    pr.recentActive = true;
    switch (m.type) {
      case "append-response":
        this.handleAppendResponse(pr, m);
        return;
      case "heartbeat-response":
        if (pr.match < this.log.lastIndex()) {
          // The follower is alive but behind: appends may have been lost, so unblock one more.
          // Raft §5.3: "the leader retries AppendEntries RPCs indefinitely"; heartbeats are the
          // clock of that retry, so a lost append costs at most a heartbeat interval.
          pr.probeSent = false;
          pr.freeOldestInflight();
          this.sendAppend(pr.id);
        }
        if (m.context.length > 0) this.ackRead(m.context, m.from);
        return;
      case "snapshot-status":
        // The transport's report on a snapshot it streamed. On success the follower's own answer (an
        // append-response at the snapshot's index) moves it to replicate; on failure the next probe
        // finds that its next entry is still compacted and sends a snapshot again.
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

  /**
   * The leader's side of AppendEntries (Raft §5.3): on a rejection, back up nextIndex and retry;
   * on success, advance matchIndex and nextIndex, then see whether a commit follows (Figure 2's
   * leader rules). Answers may be stale or duplicated; Progress ignores those that tell nothing new.
   */
  private handleAppendResponse(pr: Progress, m: Message): void {
    if (m.reject) {
      // Raft §5.3: "After a rejection, the leader decrements nextIndex and retries", here by a whole
      // conflicting term at once (the follower's hint, then ours). A follower we believed in step
      // drops to probe: the pipeline behind the rejected append was built on a wrong guess.
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
    // We now know where the follower's log ends: switch from one append per round trip to
    // streaming. A follower that caught up past the snapshot it was sent is done with it.
    if (pr.state === "probe") pr.becomeReplicate();
    else if (pr.state === "snapshot" && pr.match >= pr.pendingSnapshot) pr.becomeReplicate();
    // A new match may complete a quorum; if the commit index moved, every follower learns it with
    // its next append (Raft §5.3: the leader includes its commit index in future appends).
    if (this.maybeCommit()) this.broadcastAppend();
    else this.sendAppend(pr.id, false);
    // Keep the pipe full while the follower is behind.
    while (pr.state === "replicate" && pr.next <= this.log.lastIndex() && !pr.isPaused()) {
      if (!this.sendAppend(pr.id, false)) break;
    }
    // Thesis §3.10 step 3: the transfer target's log now equals ours, so it can win; tell it to go.
    if (pr.id === this.leadTransferee && pr.match === this.log.lastIndex()) {
      this.send({ type: "timeout-now", to: pr.id });
    }
  }

  /**
   * Largest index ≤ index whose term ≤ term, for fast backtracking. The follower told us its entry
   * at `index` has `term`; every entry of ours with a larger term after that point cannot match
   * it (Log Matching: same index and term means same entry), so the next probe starts after the
   * last entry that might.
   */
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
    // The leader counts itself only for the entries it has persisted, like any follower (thesis
    // §10.2.1: "the leader simply commits an entry when a majority of servers have written it to
    // disk, which may or may not include the leader itself"). It may send its entries before they
    // are on its disk, but not a commit index that counts them: the appends of a Ready leave while
    // the caller writes it, so a commit index counting this Ready's own entries (in a group where
    // the leader alone is a quorum) would reach followers, which apply it, before the entries are
    // durable anywhere; a crash then loses them, and the leader, re-elected alone, writes other
    // entries at the indexes others applied. advance() counts the leader's entries once persisted.
    const self = this.progress.get(this.id);
    if (self) self.match = this.durableIndex();
    // Figure 2's leader rule: the largest N with a majority of matchIndex[i] ≥ N and log[N].term ==
    // currentTerm. Committing N commits everything before it (Log Matching), older terms included.
    const candidate = quorumMatch(this.voters, (id) => this.progress.get(id)?.match ?? 0);
    if (candidate > this.log.committed && this.log.term(candidate) === this.termValue) {
      this.log.commitTo(candidate);
      this.releaseDeferredReads();
      return true;
    }
    return false;
  }

  /**
   * A proposal forwarded by a follower. Raft §8 has followers redirect clients; this is the
   * in-band form of that, kept for callers that forward instead. Nothing is answered: the follower
   * learns the outcome by watching its own committed entries.
   */
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

  /**
   * Refuses proposals this member cannot carry: a non-leader cannot append (Raft §5.3, only the
   * leader accepts client commands); a leader handing over must let its log stop growing so the
   * target can catch up (thesis §3.10 step 1); a leader that removed itself is on its way out and
   * no longer counts itself in the quorum.
   */
  private checkCanPropose(): void {
    if (this.roleValue !== "leader") throw new NotLeaderError(this.leaderValue);
    if (this.leadTransferee !== noRaftId) throw new ProposalDroppedError("leadership transfer in progress");
    if (!this.progress.has(this.id)) throw new ProposalDroppedError("this member was removed");
  }

  /**
   * Raft §5.3: "the leader appends the command to its log as a new entry, then issues
   * AppendEntries RPCs in parallel to each of the other servers". The entry takes the current term,
   * which is what lets maybeCommit count it (Raft §5.4.2). It commits only once a quorum has it on
   * disk, the leader counting itself from advance() on (thesis §10.2.1), so even a group of one
   * voter commits it only in the Ready after the one that persists it.
   */
  private appendOwn(type: Entry["type"], data: Uint8Array): { index: number; term: number } {
    const entry: Entry = { term: this.termValue, index: this.log.lastIndex() + 1, type, data };
    this.log.append([entry]);
    this.broadcastAppend();
    return { index: entry.index, term: entry.term };
  }

  /** Sends every member (learners too: they replicate, they just do not vote) what it is missing. */
  private broadcastAppend(): void {
    for (const id of this.progress.keys()) if (id !== this.id) this.sendAppend(id);
  }

  /**
   * Raft §5.2's heartbeat: an empty message that keeps followers from campaigning. Unlike an
   * append it has no consistency check, which is why the commit index it carries is capped. With a
   * context it is also a ReadIndex confirmation round (thesis §6.4): the answers echo it.
   */
  private broadcastHeartbeat(context: Uint8Array): void {
    for (const pr of this.progress.values()) {
      if (pr.id === this.id) continue;
      // Never tell a follower to commit beyond what it is known to have.
      // Its log past match may still hold entries of an old term at the same indexes as ours.
      this.send({ type: "heartbeat", to: pr.id, commit: Math.min(pr.match, this.log.committed), context });
    }
  }

  /**
   * Sends the next append (or a snapshot) to a member; returns whether anything was sent.
   *
   * Raft §5.3: the append carries the index and term of the entry just before the new ones
   * (prevLogIndex/prevLogTerm), the follower's consistency check, and the leader's commit index.
   * How much is sent and how often is flow control (progress.ts): one append per round trip while
   * probing, a window of inflightMessagesMax while replicating, nothing while a snapshot is in
   * flight (isPaused). Each append holds at most appendBytesMax of entries.
   */
  private sendAppend(to: RaftId, sendIfEmpty = true): boolean {
    const pr = this.progress.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    // Raft §7: when the entry before next was compacted, the follower can only catch up from a
    // snapshot (the consistency check needs prevTerm, which only the snapshot's meta still knows).
    if (prevTerm === null || pr.next < this.log.firstIndex()) {
      return this.sendSnapshot(pr);
    }
    const entries =
      pr.next <= this.log.lastIndex() ? this.log.slice(pr.next, this.log.lastIndex() + 1, this.appendBytesMax) : [];
    // In replicate state an empty append only carries the commit index; skip it unless asked.
    if (entries.length === 0 && pr.state === "replicate" && !sendIfEmpty) return false;
    this.send({ type: "append", to, logIndex: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed });
    pr.sentEntries(prevIndex + entries.length, entries.length);
    return true;
  }

  /**
   * Raft §7's InstallSnapshot: sends the newest snapshot the caller made, whole (the transport
   * chunks it), and pauses the follower until the transport reports the outcome (snapshot-status).
   */
  private sendSnapshot(pr: Progress): boolean {
    const snapshot = this.latestSnapshot;
    // Without a snapshot the log was never compacted, so there is nothing a snapshot could fill.
    if (!snapshot) return false;
    pr.becomeSnapshot(snapshot.meta.index);
    this.send({ type: "snapshot", to: pr.id, snapshot });
    return true;
  }

  // ---- reads ----

  /**
   * The leader's part of ReadIndex (thesis §6.4, steps 1 and 2): take the commit index as the read
   * point, then confirm leadership with a quorum of heartbeat answers before releasing it.
   */
  private handleReadIndex(requestId: Uint8Array, from: RaftId): void {
    if (this.log.term(this.log.committed) !== this.termValue) {
      // Until this leader commits in its term, its commit index may lag what earlier leaders committed.
      // Thesis §6.4 step 1 (and Raft §8): a new leader learns which entries are committed only
      // when its no-op of this term commits; a read served at the older commit index could miss a
      // write an earlier leader acknowledged. The queue is bounded; an overflowing read is dropped
      // and its caller times out.
      if (this.deferredReads.length < pendingReadsMax) this.deferredReads.push({ requestId, from });
      return;
    }
    const read: PendingRead = { index: this.log.committed, requestId, from, acks: new Set([this.id]) };
    // A single voter is its own quorum: no other leader can exist, so the read point is final.
    if (hasQuorum(this.voters, read.acks)) {
      this.releaseRead(read);
      return;
    }
    this.pendingReads.push(read);
    this.broadcastHeartbeat(requestId);
  }

  /** Called when the commit index moves: the first commit of this term releases the deferred reads. */
  private releaseDeferredReads(): void {
    if (this.deferredReads.length === 0 || this.log.term(this.log.committed) !== this.termValue) return;
    const deferred = this.deferredReads;
    this.deferredReads = [];
    for (const r of deferred) this.handleReadIndex(r.requestId, r.from);
  }

  /**
   * Counts a heartbeat answer towards the read it confirms (thesis §6.4 step 2). A quorum of answers
   * to a heartbeat sent after the read arrived proves that no other leader had been elected by then
   * (those voters would have refused our term), so the commit index taken at arrival was current.
   * Learners' answers are ignored by hasQuorum: they cannot elect anyone.
   */
  private ackRead(context: Uint8Array, from: RaftId): void {
    const at = this.pendingReads.findIndex((r) => equalBytes(r.requestId, context));
    if (at < 0) return;
    this.pendingReads[at]!.acks.add(from);
    if (!hasQuorum(this.voters, this.pendingReads[at]!.acks)) return;
    // A quorum confirmed leadership after every earlier read was queued too: release them all.
    const done = this.pendingReads.splice(0, at + 1);
    for (const r of done) this.releaseRead(r);
  }

  /** Hands a confirmed read point to the local caller (a ReadState) or to the follower that asked. */
  private releaseRead(read: PendingRead): void {
    if (read.from === this.id) this.readStates.push({ index: read.index, requestId: read.requestId });
    else this.send({ type: "read-index-response", to: read.from, index: read.index, context: read.requestId });
  }

  // ---- membership ----

  /**
   * Puts a membership change into force (see applyConfChange for when and why). Adding a voter
   * that is a learner promotes it; adding a learner that is a voter demotes it; removing drops the
   * member from both lists. The change is idempotent, as replaying the log on restart applies some
   * changes twice (once in the constructor, once as the caller applies committed entries).
   */
  private applyConfChangeInternal(change: ConfChange): void {
    const voters = this.voters.filter((v) => v !== change.id);
    const learners = this.learners.filter((l) => l !== change.id);
    if (change.type === "add-voter") voters.push(change.id);
    else if (change.type === "add-learner") learners.push(change.id);
    this.setConf({ voters, learners });
    if (this.roleValue === "leader") {
      if (change.type === "remove" && change.id === this.id) {
        // A leader that removed itself steps down; the others elect a new leader.
        // Raft §6: a leader that is not part of the new configuration steps down once the change
        // is committed. Here that is when it is applied, which comes after the commit.
        this.becomeFollower(this.termValue, noRaftId);
        return;
      }
      // A removed transfer target can never win, so the transfer ends and proposals resume.
      if (change.id === this.leadTransferee && change.type === "remove") this.leadTransferee = noRaftId;
      // A smaller quorum may commit more now.
      if (this.maybeCommit()) this.broadcastAppend();
    }
  }

  /**
   * Replaces the membership. A member in both lists counts as a voter. The leader keeps the
   * progress of members that stay, drops that of members that left (their answers are then ignored
   * by stepLeader), and starts new members at next = our last index + 1 in probe state, so their
   * first append finds where their log ends, the same as after an election.
   */
  private setConf(conf: ConfState): void {
    this.voters = [...new Set(conf.voters)].sort((a, b) => a - b);
    this.learners = [...new Set(conf.learners)].filter((l) => !this.voters.includes(l)).sort((a, b) => a - b);
    const members = new Set([...this.voters, ...this.learners]);
    for (const id of [...this.progress.keys()]) if (!members.has(id)) this.progress.delete(id);
    for (const id of members) {
      if (this.progress.has(id)) continue;
      const pr = new Progress(id, this.log.lastIndex() + 1, this.inflightMax);
      if (id === this.id) pr.match = this.durableIndex();
      this.progress.set(id, pr);
    }
  }

  // ---- helpers ----

  /**
   * The last index this member has persisted: what it may acknowledge, to others or (as leader)
   * to itself. A leader's log is never truncated, so for it this only grows.
   */
  private durableIndex(): number {
    return Math.min(this.log.stabled, this.log.lastIndex());
  }

  /** Raft Figure 2's persistent state (plus the commit index, persisted as a hint: must-sync.ts). */
  private hardState(): HardState {
    return { term: this.termValue, vote: this.vote, commit: this.log.committed };
  }

  private softState(): SoftState {
    return { leader: this.leaderValue, role: this.roleValue };
  }

  /**
   * Queues a message for the next Ready, stamped with our id and current term (every Raft message
   * carries the sender's term, Raft §5.1). Nothing leaves before the caller takes that Ready, and only
   * a leader's appends, heartbeats and snapshots may leave before it is persisted (see ready()).
   */
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
