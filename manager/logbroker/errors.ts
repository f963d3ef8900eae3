// The log broker's operating errors and how they reach a gRPC stream: through the Control API's one
// mapping (INVALID_ARGUMENT names the field, NOT_FOUND the object), plus the broker's own bound.
import * as grpc from "@grpc/grpc-js";
import { SwarmError, toServiceError } from "../../common/index.js";

/** The broker already serves as many subscriptions as it may; the operator should retry later. */
export class TooManySubscriptionsError extends SwarmError {
  constructor(max: number) {
    super("RESOURCE_EXHAUSTED", `the log broker serves ${max} subscriptions already; retry later`, {
      context: { max },
    });
  }
}

/** A node published for a subscription that does not exist (any more) or was not sent to it. */
export class SubscriptionNotFoundError extends SwarmError {
  constructor(subscriptionId: string, nodeId: string) {
    super("NOT_FOUND", `log subscription ${subscriptionId} is not open for node ${nodeId}`, {
      context: { subscriptionId, nodeId },
    });
  }
}

/** A gRPC status for a callback. */
export function statusOf(error: unknown): Partial<grpc.StatusObject> {
  return toServiceError(error);
}

/** An error a server stream can emit: grpc-js sends its code, details and metadata as the status. */
export function streamError(error: unknown): Error {
  const status = statusOf(error);
  return Object.assign(new Error(status.details), {
    code: status.code,
    details: status.details,
    metadata: status.metadata ?? new grpc.Metadata(),
  });
}

/** An UNAVAILABLE status error for a stream: the caller should retry, possibly on another manager. */
export function unavailableError(details: string): Error {
  return Object.assign(new Error(details), { code: grpc.status.UNAVAILABLE, details, metadata: new grpc.Metadata() });
}
