// The gRPC settings of raft traffic, as named bounds. Keepalive pings find a peer that vanished
// without closing its connection (power loss, a partition that black-holes packets) within
// keepaliveTimeMs + keepaliveTimeoutMs, so its stream fails and the leader stops counting on it.
// The channel's own reconnect backoff is set to ours, otherwise grpc-js would wait up to two
// minutes before trying a peer that has come back.
import type * as grpc from "@grpc/grpc-js";
import { managerMessageBytesMax } from "../../common/index.js";

/** Idle time after which a connection is pinged to check that the peer is still there. */
export const keepaliveTimeMs = 10_000;
/** How long a keepalive ping may go unanswered before the connection is considered dead. */
export const keepaliveTimeoutMs = 5_000;
/**
 * Largest gRPC message sent, and received by clients: room to spare for a batch of appends or a
 * snapshot chunk. The manager's other services share this server, so it is also the largest answer
 * every client of a manager must accept (common's managerMessageBytesMax). What a server receives is
 * bounded by receive-limits.ts, far lower.
 */
export const grpcMessageBytesMax = managerMessageBytesMax;
/** First wait before reconnecting to a peer whose stream broke. */
export const reconnectBackoffMsMin = 50;
/** Longest wait between reconnection attempts; the wait doubles from the minimum up to this. */
export const reconnectBackoffMsMax = 2_000;
/** Longest one snapshot transfer may take before it is abandoned and reported as failed. */
export const snapshotStreamMsMax = 10 * 60 * 1000;

/** Options of a client channel to one peer. */
export function channelOptions(): grpc.ChannelOptions {
  return {
    "grpc.keepalive_time_ms": keepaliveTimeMs,
    "grpc.keepalive_timeout_ms": keepaliveTimeoutMs,
    "grpc.keepalive_permit_without_calls": 1,
    "grpc.max_send_message_length": grpcMessageBytesMax,
    "grpc.max_receive_message_length": grpcMessageBytesMax,
    "grpc.initial_reconnect_backoff_ms": reconnectBackoffMsMin,
    "grpc.max_reconnect_backoff_ms": reconnectBackoffMsMax,
    // Raft retransmits on its own; grpc-js retries would only buffer messages that raft resends anyway.
    "grpc.enable_retries": 0,
    // One connection per peer link, never shared with another transport of the same process, so
    // closing a link really closes its socket (and tests with several members per process stay apart).
    "grpc.use_local_subchannel_pool": 1,
  };
}

/**
 * Options of the server that receives raft traffic (and, on a manager, every other service of its
 * port): `receiveBytesMax` is the largest message any of its calls may receive; interceptors may
 * lower it per call (see the manager's call admission).
 */
export function serverOptions(receiveBytesMax: number): grpc.ServerOptions {
  return {
    "grpc.keepalive_time_ms": keepaliveTimeMs,
    "grpc.keepalive_timeout_ms": keepaliveTimeoutMs,
    "grpc.max_send_message_length": grpcMessageBytesMax,
    "grpc.max_receive_message_length": receiveBytesMax,
  };
}
