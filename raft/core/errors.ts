import { SwarmError } from "../../common/index.js";
import type { RaftId } from "./types.js";

/**
 * A proposal or read reached a member that is not the leader. Proposals are never forwarded:
 * the caller retries on the leader named here (0 when none is known, e.g. during an election).
 */
export class NotLeaderError extends SwarmError {
  /** The leader this member knows of, or 0. */
  readonly leader: RaftId;
  /** The leader's address, when the caller that raised it knows it. */
  readonly leaderAddr: string;

  constructor(leader: RaftId, leaderAddr = "") {
    super(
      "NOT_LEADER",
      leader
        ? `not the leader; the leader is ${leader}${leaderAddr ? ` at ${leaderAddr}` : ""}`
        : "not the leader; no leader is known",
      {
        context: { leader, leaderAddr },
      },
    );
    this.leader = leader;
    this.leaderAddr = leaderAddr;
  }
}

/** The leader refused a proposal for now (a leadership transfer or a membership change is in progress). */
export class ProposalDroppedError extends SwarmError {
  constructor(reason: string) {
    super("PROPOSAL_DROPPED", `proposal dropped: ${reason}`, { context: { reason } });
  }
}

/**
 * A read point asked of the leader did not come back in time: the request or its answer was lost,
 * or leadership changed meanwhile. Nothing was read; the caller may ask again or go to the leader.
 */
export class ReadIndexTimeoutError extends SwarmError {
  constructor(ms: number) {
    super("READ_INDEX_TIMEOUT", `no read point from the leader within ${ms} ms`, { context: { ms } });
  }
}

/**
 * A proposal larger than one raft entry may be (entryBytesMax): it could not be replicated (every
 * member's transport refuses a message that large) and would stall the log behind it. Nothing was
 * proposed; the caller must split its write.
 */
export class ProposalTooLargeError extends SwarmError {
  constructor(bytes: number, bytesMax: number) {
    super("PROPOSAL_TOO_LARGE", `proposal of ${bytes} bytes refused: one raft entry holds at most ${bytesMax}`, {
      context: { bytes, bytesMax },
    });
  }
}
