// The face of manager/membership: the RaftMembership service.
export * from "./raft-membership.js";
export * from "./role-reconciler.js";
export * from "./manager-nodes.js";
export * from "./quorum-guard.js";
