// The store's raft proposals, as the manager's log sees them. A proposal that fails (this member
// stopped leading, the entry was dropped by a leader change, the disk failed) or that takes seconds
// to commit is what a stalled deploy looks like from the inside, and no component logs it at a
// level an operator reads: each component retries quietly. One line per failure or slow write,
// through a rationed log (log-budget.ts), says when the store stopped taking writes and why.
import { type Clock, type Log, realClock, SwarmError } from "../common/index.js";
import type { StoreProposer } from "./store/index.js";

/** A proposal that takes this long from proposing to applied is logged as slow, in ms. */
export const slowProposalMs = 1_000;

/** Failures that a leader change explains: logged at info, the others (storage) at warn. */
const leaderChangeCodes: ReadonlySet<string> = new Set(["NOT_LEADER", "PROPOSAL_DROPPED"]);

/** Wraps a proposer so that failed and slow proposals are logged (`store.write-failed`, `store.write-slow`). */
export function loggingProposer(
  proposer: StoreProposer,
  log: Log,
  clock: Pick<Clock, "monotonicMs"> = realClock,
): StoreProposer {
  return {
    propose: async (data) => {
      const startMs = clock.monotonicMs();
      try {
        const outcome = await proposer.propose(data);
        const tookMs = clock.monotonicMs() - startMs;
        if (tookMs >= slowProposalMs)
          log("info", "store.write-slow", { tookMs: Math.round(tookMs), bytes: data.length });
        return outcome;
      } catch (error) {
        const code = error instanceof SwarmError ? error.code : "INTERNAL";
        log(leaderChangeCodes.has(code) ? "info" : "warn", "store.write-failed", {
          code,
          error: error instanceof Error ? error.message : String(error),
          bytes: data.length,
          tookMs: Math.round(clock.monotonicMs() - startMs),
        });
        throw error;
      }
    },
  };
}
