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

/** grpc-js's own words for a connection it could not make or keep (never a peer's message). */
const transportText =
  /No connection established|Connection dropped|Failed to connect|Name resolution failed|Last error|\bconnect E[A-Z]+|ECONNRESET|ECONNREFUSED|ENOENT|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|socket hang up|handshake/;

/** Transport texts and what they mean, first match wins. */
const reasons: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, "connection refused"],
  [/ENOENT/, "no such socket"],
  [/EACCES|EPERM/, "permission denied"],
  [/EHOSTUNREACH/, "host unreachable"],
  [/ENETUNREACH/, "network unreachable"],
  [/EADDRNOTAVAIL/, "address not available"],
  [/Name resolution failed|ENOTFOUND|EAI_AGAIN/, "the name does not resolve"],
  [/ETIMEDOUT|Deadline exceeded/i, "timed out"],
  [/certificate|SSL|TLS|handshake|alert/i, "the TLS handshake failed"],
];

/**
 * Why a peer could not be reached, in a few words ("connection refused"), when `error` is grpc-js
 * failing to reach it; undefined for every other error, including an UNAVAILABLE status the peer
 * sent itself (no leader, no quorum), which is the peer's answer, not a failure to reach it.
 */
export function unreachableReason(error: unknown): string | undefined {
  if (!isGrpcStatusError(error)) return undefined;
  if (error.code === grpcDeadlineExceeded) {
    // Only a deadline that passed while still connecting: a slow answer is the peer's.
    return /Waiting for LB pick|name resolution|connect/i.test(error.details) ? "timed out" : undefined;
  }
  if (error.code !== grpcUnavailable || !transportText.test(error.details)) return undefined;
  for (const [pattern, reason] of reasons) if (pattern.test(error.details)) return reason;
  return "the connection was dropped";
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
