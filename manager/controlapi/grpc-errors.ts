// One place that maps our operating errors to gRPC statuses, so every Control method answers the
// same way: INVALID_ARGUMENT names the field, NOT_FOUND and ALREADY_EXISTS name the object.
import * as grpc from "@grpc/grpc-js";
import { SwarmError } from "../../common/index.js";

const statusByCode: Record<string, grpc.status> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  NOT_LEADER: grpc.status.UNAVAILABLE,
  PROPOSAL_DROPPED: grpc.status.UNAVAILABLE,
  DISK_FULL: grpc.status.RESOURCE_EXHAUSTED,
};

/** Turns any thrown value into a gRPC error for a callback. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof SwarmError) {
    const metadata = new grpc.Metadata();
    metadata.set("swarm-error-code", error.code);
    const field = (error.context as { field?: unknown }).field;
    if (typeof field === "string") metadata.set("swarm-error-field", field);
    return { code: statusByCode[error.code] ?? grpc.status.UNKNOWN, details: error.message, metadata };
  }
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}

/** Adapts an async handler to grpc-js's unary callback style. */
export function unary<Req, Res>(handler: (request: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // Start inside a promise so that a synchronous throw becomes a status, not a crash.
    Promise.resolve(call.request)
      .then(handler)
      .then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error)),
    );
  };
}
