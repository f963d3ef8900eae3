// One place that maps our operating errors to gRPC statuses, so every Control method answers the
// same way: INVALID_ARGUMENT names the field, NOT_FOUND and ALREADY_EXISTS name the object.
import * as grpc from "@grpc/grpc-js";
import { errorCodeTrailer, servingNodeTrailer, SwarmError } from "../../common/index.js";

const statusByCode: Record<string, grpc.status> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  // A write based on an old read: FAILED_PRECONDITION as before, told apart by the error code
  // trailer so that clients can read again and retry.
  SEQUENCE_CONFLICT: grpc.status.FAILED_PRECONDITION,
  NOT_LEADER: grpc.status.UNAVAILABLE,
  PROPOSAL_DROPPED: grpc.status.UNAVAILABLE,
  DISK_FULL: grpc.status.RESOURCE_EXHAUSTED,
  // A write too large for one raft entry: the request, not the cluster, is at fault.
  TRANSACTION_TOO_LARGE: grpc.status.INVALID_ARGUMENT,
  PROPOSAL_TOO_LARGE: grpc.status.INVALID_ARGUMENT,
};

/** Longest metadata value an error carries (a field path can quote what the caller sent). */
export const errorMetadataCharsMax = 1024;

/**
 * A string as a gRPC metadata value may hold it: printable ASCII only (grpc-js throws on anything
 * else, which would crash the answer), escaped as \uXXXX, and bounded.
 */
export function metadataText(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return ascii.length > errorMetadataCharsMax ? `${ascii.slice(0, errorMetadataCharsMax)}...` : ascii;
}

/** Turns any thrown value into a gRPC error for a callback. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof SwarmError) {
    const metadata = new grpc.Metadata();
    metadata.set(errorCodeTrailer, metadataText(error.code));
    const field = (error.context as { field?: unknown }).field;
    if (typeof field === "string") metadata.set("swarm-error-field", metadataText(field));
    return { code: statusByCode[error.code] ?? grpc.status.UNKNOWN, details: error.message, metadata };
  }
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}

/** Sends a request that this member cannot serve to the leader; resolves with the leader's answer. */
export type ForwardFn = (method: string, request: unknown, leaderAddr: string) => Promise<unknown>;

function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as Partial<grpc.ServiceError>).code === "number" && "details" in error;
}

/**
 * Adapts an async handler to grpc-js's unary callback style. When the handler fails because this
 * manager is not the leader and `forward` is given, the call goes to the leader transparently and
 * its answer (or error status) comes back unchanged. A successful answer carries `nodeId`, when
 * given, in the {@link servingNodeTrailer} trailer.
 */
export function unary<Req, Res>(
  handler: (request: Req) => Promise<Res>,
  method = "",
  forward?: ForwardFn,
  nodeId?: string,
): grpc.handleUnaryCall<Req, Res> {
  const trailer = new grpc.Metadata();
  if (nodeId !== undefined && nodeId !== "") trailer.set(servingNodeTrailer, nodeId);
  return (call, callback) => {
    // Start inside a promise so that a synchronous throw becomes a status, not a crash.
    Promise.resolve(call.request)
      .then(handler)
      .catch((error: unknown) => {
        if (forward && method && error instanceof SwarmError && error.code === "NOT_LEADER") {
          const leaderAddr = (error.context as { leaderAddr?: unknown }).leaderAddr;
          if (typeof leaderAddr === "string" && leaderAddr)
            return forward(method, call.request, leaderAddr) as Promise<Res>;
        }
        throw error;
      })
      .then(
        // Shared by every answer: grpc-js only reads trailers (into the headers it sends).
        (response) => callback(null, response, trailer),
        (error: unknown) => callback(isServiceError(error) ? error : toServiceError(error)),
      );
  };
}
