// Whether a stopped task of a service should be replaced, per the service's restart policy (as
// Docker's: condition any | on-failure | none, delay, at most maxAttempts restarts within window).
import { swarm } from "../../proto/index.js";

const State = swarm.v1.TaskState;
const Condition = swarm.v1.RestartPolicy.Condition;

const failureStates: ReadonlySet<number> = new Set([
  State.TASK_STATE_FAILED,
  State.TASK_STATE_REJECTED,
  State.TASK_STATE_ORPHANED,
]);

/** Default wait before a stopped task is replaced, as Docker's (5 s), in nanoseconds. */
export const restartDelayNsDefault = 5_000_000_000;

/** Whether the task's observed state is terminal (it will not run again). */
export function isTerminal(state: number): boolean {
  return state >= Number(State.TASK_STATE_COMPLETE);
}

/** Whether the task ended in failure (including refusal by its node). */
export function isFailure(state: number): boolean {
  return failureStates.has(state);
}

/**
 * Decides whether a stopped task must be replaced. `history` holds the slot's earlier tasks (for
 * counting attempts within the window); times are milliseconds.
 */
export function shouldRestart(
  policy: swarm.v1.RestartPolicy.$Properties | null | undefined,
  stopped: { state: number; stoppedAtMs: number },
  history: readonly { createdAtMs: number }[],
  nowMs: number,
): { restart: false } | { restart: true; notBeforeMs: number } {
  const condition = policy?.condition ?? Condition.RESTART_CONDITION_ANY;
  if (condition === Condition.RESTART_CONDITION_NONE) return { restart: false };
  if (condition === Condition.RESTART_CONDITION_ON_FAILURE && !isFailure(stopped.state)) return { restart: false };
  const maxAttempts = policy?.maxAttempts ?? 0;
  if (maxAttempts > 0) {
    const windowMs = (policy?.windowNs ?? 0) / 1e6;
    const attempts = history.filter((h) => windowMs === 0 || h.createdAtMs >= nowMs - windowMs).length;
    // The first task of a slot is not a restart.
    if (attempts - 1 >= maxAttempts) return { restart: false };
  }
  const delayMs = (policy?.delayNs ?? restartDelayNsDefault) / 1e6;
  return { restart: true, notBeforeMs: stopped.stoppedAtMs + delayMs };
}
