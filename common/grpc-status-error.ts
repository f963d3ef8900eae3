// Turns an operating error into the gRPC status every server of ours answers with: the status from
// the error catalogue (error-catalogue.ts), the message as the details, the code in a trailer so a
// client can tell two errors of one status apart, and the field of an INVALID_ARGUMENT. It lives
// in common/ so that every component serving gRPC (the Control API, the CA, the dispatcher, the
// log broker, the watch and backup services, raft membership) maps errors the same way.
import * as grpc from "@grpc/grpc-js";
import { errorCodeTrailer } from "./control-address.js";
import { grpcStatusOfCode } from "./error-catalogue.js";
import { SwarmError } from "./errors.js";

/** Longest metadata value an error carries (a field path can quote what the caller sent). */
export const errorMetadataCharsMax = 1024;

/** The trailer that names the offending field of an INVALID_ARGUMENT. */
export const errorFieldTrailer = "swarm-error-field";

/**
 * A string as a gRPC metadata value may hold it: printable ASCII only (grpc-js throws on anything
 * else, which would crash the answer), escaped as \uXXXX, and bounded.
 */
export function metadataText(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return ascii.length > errorMetadataCharsMax ? `${ascii.slice(0, errorMetadataCharsMax)}...` : ascii;
}

/**
 * Any thrown value as a gRPC status for a callback: a SwarmError by its catalogued status; anything
 * else is a defect of ours, so INTERNAL.
 */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof SwarmError) {
    const metadata = new grpc.Metadata();
    metadata.set(errorCodeTrailer, metadataText(error.code));
    const field = (error.context as { field?: unknown }).field;
    if (typeof field === "string") metadata.set(errorFieldTrailer, metadataText(field));
    return { code: grpcStatusOfCode(error.code), details: error.message, metadata };
  }
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}
