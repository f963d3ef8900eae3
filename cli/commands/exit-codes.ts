// The one place that turns whatever a command threw into one readable line on stderr and an exit
// code, so no operator ever sees a stack trace:
//   0  success
//   1  the cluster refused or failed the request (any gRPC status: the server's message is shown,
//      naming the field), the manager could not be reached, or a service failed to converge
//   2  the command line is wrong (unknown command or flag, missing argument, malformed value)
import { SwarmError, unreachableReason } from "../../common/index.js";
import { UsageError } from "../client/usage-error.js";

/** Exit code of a failed request or operation. */
export const exitFailure = 1;
/** Exit code of a command line swarmctl cannot act on. */
export const exitUsage = 2;

/** What an error means for the operator: the line to print (without "Error: ") and the exit code. */
export function describeError(error: unknown): { line: string; code: number } {
  const oclif = (error as { oclif?: { exit?: number } } | null)?.oclif;
  if (error instanceof UsageError) return { line: error.message, code: exitUsage };
  if (isGrpcError(error)) return { line: grpcLine(error), code: exitFailure };
  if (error instanceof SwarmError) return { line: error.message, code: exitFailure };
  if (oclif && typeof oclif.exit === "number") {
    // oclif's parse errors span lines ("Parsing --replicas\n\tExpected an integer …\nSee more
    // help with --help"): join the lines that say what is wrong into one.
    const message = error instanceof Error ? oneLine(error.message) : "";
    return { line: message, code: oclif.exit };
  }
  return { line: error instanceof Error ? firstLine(error.message) : String(error), code: exitFailure };
}

function isGrpcError(error: unknown): error is Error & { code: number; details: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "number" &&
    typeof (error as { details?: unknown }).details === "string"
  );
}

function grpcLine(error: Error & { code: number; details: string }): string {
  // Commands name the address (SwarmCommand.catch); this is the fallback without one.
  const reason = unreachableReason(error);
  if (reason !== undefined) return `cannot reach a manager: ${reason} (is swarmd running? use -H/--host or SWARM_HOST)`;
  return firstLine(error.details) || `request failed with gRPC status ${error.code}`;
}

function oneLine(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim().replace(/\s{2,}/g, " "))
    .filter((l) => l !== "" && !/^(See more help|Note:|Alternatively)/.test(l));
  return lines
    .reduce((all, l) => (all === "" ? l : all.endsWith(":") ? `${all} ${l}` : `${all}: ${l}`), "")
    .replace(/^command (\S+) not found/, (_m, id: string) => `command "${id.replace(/:/g, " ")}" not found`);
}

function firstLine(text: string): string {
  return (text.split("\n").find((l) => l.trim() !== "") ?? "").trim();
}
