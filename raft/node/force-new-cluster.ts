// Quorum-loss recovery (`swarmd init --force-new-cluster`, etcd's and Docker's semantics): the
// surviving member's log is folded into one snapshot whose membership is that member alone, so it
// can elect itself and accept writes again. Every entry it holds is kept, committed or not, because
// an entry this member never learnt was committed may have been acknowledged to a client.
import { type HardState, noRaftId, type RaftId, type Snapshot } from "../core/index.js";
import { decodeMembers, encodeMembers } from "./members.js";
import type { RecoveredState, StateMachine } from "./raft-node.js";

/** What a forced new cluster starts from: one snapshot and the hard state beside it. */
export interface ForcedClusterState {
  /** Everything the member held, with itself as the only voter. */
  readonly snapshot: Snapshot;
  /** A term above every term seen, no vote, commit at the snapshot. */
  readonly hardState: HardState;
}

/**
 * Folds recovered storage into a single-member snapshot. `stateMachine` must be empty: it is
 * restored and replayed here, and its snapshot becomes the new cluster's state. Membership changes
 * in the log are dropped, since the new membership replaces them all.
 */
export function forceNewClusterState<R>(
  recovered: RecoveredState,
  stateMachine: StateMachine<R>,
  self: { readonly id: RaftId; readonly addr: string },
): ForcedClusterState {
  let index = 0;
  let term = 0;
  if (recovered.snapshot) {
    // The driver's snapshots carry the member addresses first; the application's bytes follow.
    stateMachine.restore(decodeMembers(recovered.snapshot.data).app, recovered.snapshot.meta.index);
    index = recovered.snapshot.meta.index;
    term = recovered.snapshot.meta.term;
  }
  for (const entry of recovered.entries) {
    if (entry.index <= index) continue;
    if (entry.type !== "conf-change" && entry.data.length > 0) stateMachine.apply(entry.data, entry.index);
    index = entry.index;
    term = entry.term;
  }
  const snapshot: Snapshot = {
    meta: { index, term, conf: { voters: [self.id], learners: [] } },
    data: encodeMembers(new Map([[self.id, self.addr]]), stateMachine.snapshot()),
  };
  // A new term, so no vote cast in an old one can count in the new cluster's first election.
  return { snapshot, hardState: { term: Math.max(term, recovered.hardState.term) + 1, vote: noRaftId, commit: index } };
}
