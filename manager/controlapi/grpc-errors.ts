// The Control API's unary handlers: errors become gRPC statuses through common's mapping (the error
// catalogue), and a call this member cannot serve goes to the leader.
import * as grpc from "@grpc/grpc-js";
import { servingNodeTrailer, SwarmError, toServiceError } from "../../common/index.js";
import type { ControlMethod } from "../../proto/index.js";

/** Sends a request that this member cannot serve to the leader; resolves with the leader's answer. */
export type ForwardFn = (method: ControlMethod, request: unknown, leaderAddr: string) => Promise<unknown>;

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
  method: ControlMethod | "" = "",
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
