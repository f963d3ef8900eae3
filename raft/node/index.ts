// The driver that runs a raft member with a real clock, storage and transport.
export {
  RaftNode,
  type RaftNodeOptions,
  type RaftLiveSettings,
  type RaftStorage,
  type RaftTransport,
  type StateMachine,
  type RecoveredState,
  tickMsDefault,
  snapshotIntervalEntriesDefault,
  trailingEntriesDefault,
  pendingProposalsMax,
  lostLeaderElectionsMax,
} from "./raft-node.js";
export { type MemberAddresses, encodeMembers, decodeMembers } from "./members.js";
export { type ForcedClusterState, forceNewClusterState } from "./force-new-cluster.js";
