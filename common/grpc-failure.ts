// Readable lines for gRPC failures. grpc-js reports a peer it could not reach as status 14
// UNAVAILABLE with transport text such as "No connection established. Last error: Error: connect
// ECONNREFUSED 127.0.0.2:4242. Resolution note: "; operators (swarmctl) and joining nodes (swarmd
// join) want one line saying which address could not be reached and why, so both map it here.
import { SwarmError } from "./errors.js";

/** A gRPC error as grpc-js reports it: a numeric status code and the details text. */
export interface GrpcStatusError extends Error {
  readonly code: number;
  readonly details: string;
}

/** Whether `error` is a gRPC status error (grpc-js's ServiceError or one shaped like it). */
export function isGrpcStatusError(error: unknown): error is GrpcStatusError {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "number" &&
    typeof (error as { details?: unknown }).details === "string"
  );
}

/** gRPC status UNAVAILABLE: the peer could not be reached (or went away). */
export const grpcUnavailable = 14;
/** gRPC status DEADLINE_EXCEEDED. */
export const grpcDeadlineExceeded = 4;

/** Transport texts and what they mean, first match wins. */
const reasons: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, "connection refused"],
  [/ENOENT/, "no such socket"],
  [/EACCES|EPERM/, "permission denied"],
  [/EHOSTUNREACH/, "host unreachable"],
  [/ENETUNREACH/, "network unreachable"],
  [/EADDRNOTAVAIL/, "address not available"],
  [/Name resolution failed|ENOTFOUND|EAI_AGAIN/, "the name does not resolve"],
  [/ETIMEDOUT|Deadline exceeded|timed out|timeout/i, "timed out"],
  [/certificate|SSL|TLS|handshake|alert/i, "the TLS handshake failed"],
  [
    /ECONNRESET|socket hang up|Connection dropped|No connection established|Failed to connect/,
    "the connection was dropped",
  ],
];

/**
 * Why a peer could not be reached, in a few words ("connection refused"), when `error` is a gRPC
 * failure to reach it; undefined for every other error (the peer answered with a status).
 */
export function unreachableReason(error: unknown): string | undefined {
  if (!isGrpcStatusError(error)) return undefined;
  if (error.code !== grpcUnavailable && error.code !== grpcDeadlineExceeded) return undefined;
  // A deadline on a call that reached the peer is the peer's slowness, not a failure to reach it.
  if (error.code === grpcDeadlineExceeded && !/connect|Waiting for LB pick|resolution/i.test(error.details))
    return undefined;
  for (const [pattern, reason] of reasons) if (pattern.test(error.details)) return reason;
  // UNAVAILABLE with a text of the peer's own (e.g. "not the leader"): the peer answered.
  return undefined;
}

/** A manager could not be reached at an address; the message says which and why, in one line. */
export class ManagerUnreachableError extends SwarmError {
  constructor(
    /** The address as the operator gave it (host:port or unix:///path). */
    readonly addr: string,
    /** A few words: "connection refused", "no such socket", "timed out", … */
    readonly reason: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(
      "MANAGER_UNREACHABLE",
      `cannot reach manager at ${addr}: ${reason}${options.hint ? ` (${options.hint})` : ""}`,
      {
        context: { addr, reason },
        ...(options.cause === undefined ? {} : { cause: options.cause }),
      },
    );
  }
}
