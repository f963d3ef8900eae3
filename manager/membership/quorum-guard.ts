// The quorum guard of membership changes, as SwarmKit's CanRemoveMember: a voter may leave the raft
// group only if the voters that remain, counting only those the leader can reach now, still form a
// quorum of the smaller group. Removing a member while another is down could otherwise leave a
// group that cannot elect a leader or commit anything until the down one comes back, and a demotion
// is an operator's choice that must never cost the cluster its state.
import type { RaftId } from "../../raft/index.js";

/** What the guard reads of the leader's raft member. */
export interface QuorumView {
  /** The voters of the group. */
  readonly voters: readonly RaftId[];
  /** The members the leader heard from within an election timeout, itself included. */
  readonly reachable: readonly RaftId[];
}

/** Why removing voter `id` would lose the quorum, or null when it would not (or `id` is no voter). */
export function quorumLossOnRemoval(view: QuorumView, id: RaftId): string | null {
  if (!view.voters.includes(id)) return null;
  const remaining = view.voters.filter((v) => v !== id);
  // The last voter's removal is refused elsewhere, with its own reason.
  if (remaining.length === 0) return null;
  const quorum = Math.floor(remaining.length / 2) + 1;
  const reachable = remaining.filter((v) => view.reachable.includes(v)).length;
  if (reachable >= quorum) return null;
  return `this would result in a loss of quorum (${reachable} of the ${remaining.length} remaining managers reachable, ${quorum} needed)`;
}
