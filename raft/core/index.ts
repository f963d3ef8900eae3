// The face of the raft core: a pure, deterministic raft state machine and its vocabulary.
export * from "./types.js";
export { RaftCore, type RaftOptions, type MemberProgress, learnerCaughtUp } from "./raft.js";
export {
  electionTicksDefault,
  heartbeatTicksDefault,
  appendBytesMaxDefault,
  inflightMessagesMaxDefault,
  applyBytesMaxDefault,
  pendingReadsMax,
} from "./raft.js";
export { NotLeaderError, ProposalDroppedError, ProposalTooLargeError, ReadIndexTimeoutError } from "./errors.js";
export { entryBytesMax } from "./entry-bytes.js";
export { makeMessage } from "./message.js";
export { mustSync } from "./must-sync.js";
export { encodeConfChange, decodeConfChange } from "./conf-change.js";
export { type Random, SeededRandom } from "./random.js";
