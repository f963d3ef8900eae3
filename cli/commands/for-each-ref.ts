// The shape every command over several references shares (rm, inspect, promote …): try each,
// report each failure on its own line, carry on, and fail at the end if any failed (as Docker does).
import { SwarmError } from "../../common/index.js";
import { describeError } from "./exit-codes.js";

/** Some of several references failed; each failure was already printed. */
export class PartialFailureError extends SwarmError {
  constructor(failed: readonly string[]) {
    super("PARTIAL_FAILURE", `failed for ${failed.join(", ")}`, { context: { failed } });
  }
}

/** Runs `act` for each reference in turn; rejects with PartialFailureError if any failed. */
export async function forEachRef(refs: readonly string[], act: (ref: string) => Promise<void>): Promise<void> {
  const failed: string[] = [];
  for (const ref of refs) {
    try {
      await act(ref);
    } catch (error) {
      failed.push(ref);
      process.stderr.write(`Error: ${describeError(error).line}\n`);
    }
  }
  if (failed.length === 1 && refs.length === 1) return Promise.reject(new AlreadyReported());
  if (failed.length > 0) throw new PartialFailureError(failed);
}

/** A failure already printed; swarmctlMain only sets the exit code. */
export class AlreadyReported extends SwarmError {
  constructor() {
    super("ALREADY_REPORTED", "");
  }
}
