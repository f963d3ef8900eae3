// The global orchestrator's decision for one service: one live task on every eligible node (ready,
// not drained, matching the constraints and platforms), none elsewhere; a paused node keeps (and
// restarts) the task it has but gets none it did not have, nor one in place of a task this
// orchestrator stopped there, as Docker's global orchestrator adds no task to a paused node. Pure,
// like the replicated one.
import { swarm } from "../../proto/index.js";
import { isTerminal, shouldRestart } from "./restart-policy.js";
import type { SlotTask } from "./reconcile-replicated.js";

const runningState: number = swarm.v1.TaskState.TASK_STATE_RUNNING;

/** What to do for one global service. */
export interface GlobalPlan {
  /** Nodes that need a new task now. */
  readonly createOn: readonly string[];
  /** Tasks to stop. */
  readonly shutdown: readonly string[];
  /** Earliest time (ms) a delayed restart becomes due; null when none waits. */
  readonly wakeAtMs: number | null;
}

/**
 * Plans one pass: `eligible` are the node ids that should run the service, `paused` those of them
 * an operator paused (no new task is placed there).
 */
export function reconcileGlobal(
  eligible: ReadonlySet<string>,
  restartPolicy: swarm.v1.RestartPolicy.$Properties | null | undefined,
  tasks: readonly SlotTask[],
  nowMs: number,
  paused: ReadonlySet<string> = new Set(),
): GlobalPlan {
  const byNode = new Map<string, SlotTask[]>();
  for (const t of tasks) {
    const list = byNode.get(t.nodeId);
    if (list) list.push(t);
    else byNode.set(t.nodeId, [t]);
  }
  const live = (t: SlotTask): boolean => t.desiredState <= runningState && !isTerminal(t.state) && !t.mustLeaveNode;
  const createOn: string[] = [];
  const shutdown: string[] = [];
  let wakeAtMs: number | null = null;
  for (const [nodeId, list] of byNode) {
    if (eligible.has(nodeId)) continue;
    // The node left, was drained or no longer matches: stop what runs there.
    for (const t of list) if (t.desiredState <= runningState) shutdown.push(t.id);
  }
  for (const nodeId of [...eligible].sort()) {
    const list = byNode.get(nodeId) ?? [];
    const alive = list.filter(live);
    // Keep one live task per node; stop duplicates (newest kept).
    for (const extra of alive.sort((a, b) => b.createdAtMs - a.createdAtMs).slice(1)) shutdown.push(extra.id);
    if (alive.length > 0) continue;
    // Only a task that ended while still wanted is restarted (the restart policy's case); one this
    // orchestrator stopped (its node was drained, failed a constraint, a node role since changed
    // back) was dealt with, and the node needs a new task as if it had none: none on a paused node.
    // Which case it is does not hang on which task is newest: an update's task that failed may
    // have been created in the same millisecond as the one it replaced.
    const wanted = list.filter((t) => t.desiredState <= runningState);
    if (wanted.length === 0) {
      if (!paused.has(nodeId)) createOn.push(nodeId);
      continue;
    }
    const last = wanted.sort((a, b) => b.createdAtMs - a.createdAtMs)[0]!;
    const decision = shouldRestart(
      restartPolicy,
      { state: last.state, stoppedAtMs: last.stateChangedAtMs },
      list,
      nowMs,
    );
    if (!decision.restart) continue;
    if (decision.notBeforeMs > nowMs) {
      wakeAtMs = wakeAtMs === null ? decision.notBeforeMs : Math.min(wakeAtMs, decision.notBeforeMs);
      continue;
    }
    for (const t of wanted) shutdown.push(t.id);
    createOn.push(nodeId);
  }
  return { createOn, shutdown, wakeAtMs };
}
