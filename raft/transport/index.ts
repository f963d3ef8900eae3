// The face of raft/transport: raft core messages between managers over gRPC (the `Raft` service),
// the wire codec, and the snapshot chunking it uses.
export { GrpcTransport, type GrpcTransportOptions, type TransportStats } from "./grpc-transport.js";
export {
  type PeerStats,
  type TransportLogFn,
  peerQueueMessagesMax,
  peerQueueBytesMax,
  batchBytesMax,
} from "./peer-link.js";
export {
  keepaliveTimeMs,
  keepaliveTimeoutMs,
  grpcMessageBytesMax,
  reconnectBackoffMsMin,
  reconnectBackoffMsMax,
  snapshotStreamMsMax,
} from "./grpc-options.js";
export { snapshotChunkBytes, snapshotBytesMax, snapshotChunks, SnapshotAssembler } from "./snapshot-chunks.js";
export { raftBatchReceiveBytesMax, raftSmallRequestBytesMax, snapshotChunkReceiveBytesMax } from "./receive-limits.js";
export {
  messageToProto,
  messageFromProto,
  messageTypeToProto,
  messageTypeFromProto,
  entryToProto,
  entryFromProto,
  snapshotMetaToProto,
  snapshotMetaFromProto,
} from "./codec.js";
export { RaftWireError, SnapshotRefusedError, TransportClosedError, TransportListenError } from "./errors.js";
