// The vocabulary of the raft core: log entries, persistent state, messages and the Ready batch.
// These are plain data; the core never does I/O, so every value here is either handed to the
// caller (to persist, send or apply) or handed in by the caller (a received message, a tick).

/** A member's raft id. 0 means "none" (no vote, no known leader). */
export type RaftId = number;

/** The id that stands for "nobody". */
export const noRaftId: RaftId = 0;

/** Kinds of log entry. */
export type EntryType = "normal" | "conf-change";

/** One record of the raft log. Indexes start at 1; index 0 term 0 is the empty log's sentinel. */
export interface Entry {
  /** Term in which the leader created the entry. */
  readonly term: number;
  /** Position in the log. */
  readonly index: number;
  /** Application command or membership change. */
  readonly type: EntryType;
  /** Command bytes; empty for the no-op a new leader appends. A conf-change entry holds an encoded ConfChange. */
  readonly data: Uint8Array;
}

/**
 * What must be on disk before any message that depends on it is sent: Raft Figure 2's persistent
 * state (currentTerm, votedFor) plus the commit index. A member that forgot its term could accept a
 * deposed leader; one that forgot its vote could vote twice in a term and so help elect two leaders
 * (Raft §5.2). A change of term or vote must be fsynced; a change of the commit index alone need
 * not be (must-sync.ts), as a member re-learns it from the leader.
 */
export interface HardState {
  /** Latest term this member has seen. Never decreases. */
  readonly term: number;
  /** Candidate voted for in `term`, or noRaftId. */
  readonly vote: RaftId;
  /** Highest index known committed. Never decreases. */
  readonly commit: number;
}

/** Voting and non-voting members at some log position. */
export interface ConfState {
  /** Members that vote and count towards quorum. */
  readonly voters: readonly RaftId[];
  /** Members that receive the log but do not vote. */
  readonly learners: readonly RaftId[];
}

/**
 * A membership change, carried in a conf-change entry. One voter changes at a time (thesis §4.1:
 * then any majority of the old voters overlaps any majority of the new, so no joint consensus is
 * needed). It takes effect when the caller applies the committed entry (RaftCore.applyConfChange).
 */
export interface ConfChange {
  /** add-voter also promotes an existing learner. */
  readonly type: "add-voter" | "add-learner" | "remove";
  /** Member affected. */
  readonly id: RaftId;
  /** Opaque application context (e.g. the member's address), kept with the change. */
  readonly context: Uint8Array;
}

/** What a snapshot covers. */
export interface SnapshotMeta {
  /** Last index included in the snapshot. */
  readonly index: number;
  /** Term of that entry. */
  readonly term: number;
  /** Membership as of `index`. */
  readonly conf: ConfState;
}

/**
 * The application's state at `meta.index`, which replaces the log up to there (Raft §7). It holds
 * only committed state, so installing it never needs to be undone. The core never looks inside
 * `data`; the caller makes it (RaftCore.compact) and installs it (Ready.snapshot).
 */
export interface Snapshot {
  /** What the snapshot covers. */
  readonly meta: SnapshotMeta;
  /** Application state bytes. */
  readonly data: Uint8Array;
}

/**
 * Kinds of message between members.
 * - append / append-response: Raft §5.3's AppendEntries and its answer (also the answer to a
 *   snapshot, and how a member tells a stale leader its term);
 * - vote / vote-response: Raft §5.2's RequestVote;
 * - pre-vote / pre-vote-response: thesis §9.6's PreVote, a RequestVote that changes nothing;
 * - heartbeat / heartbeat-response: an empty append without the consistency check (Raft §5.2),
 *   which also carries ReadIndex confirmations (thesis §6.4);
 * - snapshot: Raft §7's InstallSnapshot, whole (the transport chunks it);
 * - snapshot-status: a local report from the transport to the leader, never sent between members;
 * - timeout-now: thesis §3.10's TimeoutNow, "campaign now";
 * - read-index / read-index-response: a follower's ReadIndex request and the leader's read point;
 * - propose: a follower forwarding client commands to the leader.
 */
export type MessageType =
  | "append"
  | "append-response"
  | "vote"
  | "vote-response"
  | "pre-vote"
  | "pre-vote-response"
  | "heartbeat"
  | "heartbeat-response"
  | "snapshot"
  | "snapshot-status"
  | "timeout-now"
  | "read-index"
  | "read-index-response"
  | "propose";

/** A message between members. Fields a type does not use are 0 / empty. */
export interface Message {
  /** Kind of message. */
  readonly type: MessageType;
  /** Sender. */
  readonly from: RaftId;
  /** Recipient. */
  readonly to: RaftId;
  /** Sender's term (for pre-vote, the term it would campaign in). */
  readonly term: number;
  /** append: index before `entries`; vote/pre-vote: candidate's last index. */
  readonly logIndex: number;
  /** Term at logIndex. */
  readonly logTerm: number;
  /** append: entries to append; propose: entries to forward. */
  readonly entries: readonly Entry[];
  /** Leader's commit index (append, heartbeat). */
  readonly commit: number;
  /** A response that refuses (a vote not granted, an append whose consistency check failed). */
  readonly reject: boolean;
  /** append-response rejection: the follower's last index, to back up faster. */
  readonly rejectHint: number;
  /** append-response: term of the follower's entry at rejectHint (fast backtracking). */
  readonly rejectTerm: number;
  /** append-response: highest index now matching; read-index-response: the read index. */
  readonly index: number;
  /** snapshot: the snapshot to install. */
  readonly snapshot: Snapshot | null;
  /** read-index/heartbeat: request context; vote: "transfer" when campaigning on a leader transfer. */
  readonly context: Uint8Array;
}

/**
 * A linearizable read point: once the applied index reaches `index`, the read may be served
 * (thesis §6.4, steps 3 and 4, which are the caller's). Serving it earlier could miss a write that
 * completed before the read began; serving it from state applied later is fine, as it is still
 * linearizable (the read takes effect at some point between its start and its answer).
 */
export interface ReadState {
  /** Commit index at the time leadership was confirmed. */
  readonly index: number;
  /** The caller's request id, as given to readIndex(). */
  readonly requestId: Uint8Array;
}

/**
 * Role of a member: Raft §5.1's three states plus thesis §9.6's pre-candidate, which asks for
 * pre-votes at its current term and becomes a candidate only if a quorum would vote for it.
 */
export type Role = "follower" | "pre-candidate" | "candidate" | "leader";

/** Volatile state the application may display; not persisted. */
export interface SoftState {
  /** Leader this member knows of, or noRaftId. */
  readonly leader: RaftId;
  /** Role of this member. */
  readonly role: Role;
}

/**
 * One batch of work for the caller. Process it in this order, then call advance():
 * 1. persist `snapshot` (if any), then `entries` and `hardState` (if any), with one fsync;
 * 2. send `messages` — only after step 1, because they may promise what was just persisted;
 * 3. apply `snapshot` (if any), then `committedEntries` in order, to the state machine;
 * 4. answer the reads in `readStates` once the applied index reaches their index.
 *
 * Why this order: a vote (Raft §5.2) and an append acknowledgement (Raft §5.3) are promises about
 * this member's disk, and the leader counts acknowledgements towards a commit; sending one before
 * its fsync lets a crash take back a promise others acted on. The one exception allowed is the
 * leader's own appends, heartbeats and snapshots, which may be sent while the leader persists the same
 * entries (thesis §10.2.1): they promise nothing about the leader's disk, and the commit index they
 * carry counts only entries a quorum has persisted (the leader's own from advance() on). The fsync may be skipped when only the commit
 * index changed (mustSync). Apply only after persisting, so the state machine never holds an entry
 * the log could lose; a client is acknowledged only once its entry is applied.
 *
 * A snapshot here came from the leader (Raft §7): the caller persists it, then replaces its whole
 * state machine with it and its membership with `snapshot.meta.conf`; log entries at or before its
 * index are obsolete and may be deleted once the snapshot is durable.
 */
export interface Ready {
  /** Present when it changed since the last Ready. */
  readonly softState: SoftState | null;
  /** Present when term, vote or commit changed since the last Ready. */
  readonly hardState: HardState | null;
  /**
   * Entries to append to stable storage. An entry whose index is already stored replaces it and
   * everything after it (a leader overwrote a conflicting suffix, Raft §5.3).
   */
  readonly entries: readonly Entry[];
  /** A snapshot to persist and apply, received from the leader. */
  readonly snapshot: Snapshot | null;
  /**
   * Committed entries to apply, in order. They are already persisted, or, on a follower, in
   * `entries` of this same Ready (a leader's own entries commit only after the Ready persisting
   * them). A conf-change entry is also handed to RaftCore.applyConfChange. A new leader's no-op
   * (Raft §8) is a normal entry with empty data, which the state machine must treat as doing nothing.
   */
  readonly committedEntries: readonly Entry[];
  /** Messages to send once the persisting of step 1 is done. */
  readonly messages: readonly Message[];
  /** Linearizable reads that became answerable. */
  readonly readStates: readonly ReadState[];
}
