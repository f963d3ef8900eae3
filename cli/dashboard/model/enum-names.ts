// The API's enum numbers as the words the page shows (Docker's words, lower case).
import { swarm } from "../../../proto/index.js";
import type { ManagerInfo, NodeView, TaskPhase, TaskStateName } from "../shared/view-models.js";

const S = swarm.v1.TaskState;

const taskStateNames = new Map<number, TaskStateName>(
  Object.entries(S)
    .filter((e): e is [string, number] => typeof e[1] === "number")
    .map(([name, value]) => [value, name.slice("TASK_STATE_".length).toLowerCase() as TaskStateName]),
);

/** A task state's word: 512 → "running". */
export function taskStateName(state: number | null | undefined): TaskStateName {
  return taskStateNames.get(Number(state ?? 0)) ?? "new";
}

/** The chart phase of an observed task state. */
export function taskPhaseOf(state: number | null | undefined): TaskPhase {
  const s = Number(state ?? 0);
  if (s <= Number(S.TASK_STATE_PENDING)) return "pending";
  if (s < Number(S.TASK_STATE_RUNNING)) return "starting";
  if (s === Number(S.TASK_STATE_RUNNING)) return "running";
  if (s === Number(S.TASK_STATE_COMPLETE) || s === Number(S.TASK_STATE_SHUTDOWN)) return "complete";
  return "failed";
}

/** A node's state word. */
export function nodeStateName(state: number | null | undefined): NodeView["state"] {
  const State = swarm.v1.NodeStatus.State;
  switch (Number(state ?? 0)) {
    case Number(State.STATE_DOWN):
      return "down";
    case Number(State.STATE_READY):
      return "ready";
    case Number(State.STATE_DISCONNECTED):
      return "disconnected";
    default:
      return "unknown";
  }
}

/** A node's availability word. */
export function availabilityName(availability: number | null | undefined): NodeView["availability"] {
  const A = swarm.v1.NodeSpec.Availability;
  const a = Number(availability ?? 0);
  return a === Number(A.AVAILABILITY_DRAIN) ? "drain" : a === Number(A.AVAILABILITY_PAUSE) ? "pause" : "active";
}

/** A manager's reachability word. */
export function reachabilityName(reachability: number | null | undefined): ManagerInfo["reachability"] {
  const R = swarm.v1.ManagerStatus.Reachability;
  const r = Number(reachability ?? 0);
  return r === Number(R.REACHABILITY_REACHABLE)
    ? "reachable"
    : r === Number(R.REACHABILITY_UNREACHABLE)
      ? "unreachable"
      : "unknown";
}

/** An update status's state in words ("rollback started"), or "" when there is none. */
export function updateStateName(state: number | null | undefined): string {
  const U = swarm.v1.UpdateStatus.State;
  switch (Number(state ?? 0)) {
    case Number(U.UPDATE_STATE_UPDATING):
      return "updating";
    case Number(U.UPDATE_STATE_PAUSED):
      return "paused";
    case Number(U.UPDATE_STATE_COMPLETED):
      return "completed";
    case Number(U.UPDATE_STATE_ROLLBACK_STARTED):
      return "rollback started";
    case Number(U.UPDATE_STATE_ROLLBACK_PAUSED):
      return "rollback paused";
    case Number(U.UPDATE_STATE_ROLLBACK_COMPLETED):
      return "rollback completed";
    default:
      return "";
  }
}
