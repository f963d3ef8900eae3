// The replicated orchestrator's decision for one service: compare the desired replica count with
// the service's tasks, slot by slot, and say which tasks to create and which to shut down. Pure:
// the component (leader-only) feeds it the store's state and writes the result in one transaction.
import { swarm } from "../../proto/index.js";
import { isTerminal, shouldRestart } from "./restart-policy.js";

/** Desired states up to this one keep a task alive. */
const runningState: number = swarm.v1.TaskState.TASK_STATE_RUNNING;
const failedState: number = swarm.v1.TaskState.TASK_STATE_FAILED;

/** A task as the reconciler sees it. */
export interface SlotTask {
  /** Task id. */
  readonly id: string;
  /** Slot, 1-based. */
  readonly slot: number;
  /** Node the task runs on, if assigned. */
  readonly nodeId: string;
  /** Desired state. */
  readonly desiredState: number;
  /** Observed state. */
  readonly state: number;
  /** When it was created, ms. */
  readonly createdAtMs: number;
  /** When its observed state last changed, ms. */
  readonly stateChangedAtMs: number;
  /**
   * Its node is DOWN, drained, or no longer satisfies the service's constraints: the task must go,
   * and its slot needs a replacement now (the constraint enforcer's rule).
   */
  readonly mustLeaveNode?: boolean;
  /** Whether it was made from the service's current spec (absent: not known, never counts as surplus). */
  readonly current?: boolean;
}

/** What to do for one service. */
export interface ReplicatedPlan {
  /** Slots that need a new task now. */
  readonly createSlots: readonly number[];
  /** Tasks to stop (desired state SHUTDOWN): extra slots, or dead tasks being replaced. */
  readonly shutdown: readonly string[];
  /** Earliest time (ms) at which a delayed restart becomes due; null when none waits. */
  readonly wakeAtMs: number | null;
}

/** Whether a task counts as the slot's live (or starting) task. */
function isRunnable(t: SlotTask): boolean {
  return t.desiredState <= runningState && !isTerminal(t.state) && !t.mustLeaveNode;
}

/**
 * Plans one reconcile pass: one runnable task per slot 1..replicas; scale down removes the
 * highest slots, preferring nodes that run the most tasks of the service; a slot whose task
 * stopped gets a replacement when the restart policy says so and its delay has passed.
 */
export function reconcileReplicated(
  replicas: number,
  restartPolicy: swarm.v1.RestartPolicy.$Properties | null | undefined,
  tasks: readonly SlotTask[],
  nowMs: number,
): ReplicatedPlan {
  const bySlot = new Map<number, SlotTask[]>();
  for (const t of tasks) {
    const list = bySlot.get(t.slot);
    if (list) list.push(t);
    else bySlot.set(t.slot, [t]);
  }
  const shutdown = new Set<string>();
  const createSlots: number[] = [];
  let wakeAtMs: number | null = null;

  // A task that must leave its node (down, drained, no longer matching) stops whatever else its
  // slot holds and whatever the restart policy says of a replacement (the constraint enforcer's
  // rule, as Docker's): a start-first update's new task may already hold the slot, or the policy
  // may replace nothing, and neither is a reason to leave it running where it may not run.
  const leaving = new Set<string>();
  for (const t of tasks)
    if (t.mustLeaveNode && t.desiredState <= runningState && !isTerminal(t.state)) leaving.add(t.id);
  for (const id of leaving) shutdown.add(id);

  // A slot whose task of the current spec runs needs no older one. A start-first update keeps the
  // old task only until the new one runs; when the new one failed instead (pausing the update) and
  // its restart runs, or the update was replaced meanwhile, nothing else would ever stop the old.
  for (const [slot, list] of bySlot) {
    if (!list.some((t) => t.current === true && t.state === runningState && isRunnable(t))) continue;
    const surplus = list.filter((t) => t.current === false && isRunnable(t));
    if (surplus.length === 0) continue;
    for (const t of surplus) shutdown.add(t.id);
    bySlot.set(
      slot,
      list.filter((t) => !surplus.includes(t)),
    );
  }

  // Scale down: slots with a runnable task beyond the desired count.
  const liveSlots = [...bySlot.entries()].filter(([, list]) => list.some(isRunnable)).map(([slot]) => slot);
  const excess = liveSlots.length - replicas;
  if (excess > 0) {
    const perNode = new Map<string, number>();
    for (const t of tasks) if (isRunnable(t) && t.nodeId) perNode.set(t.nodeId, (perNode.get(t.nodeId) ?? 0) + 1);
    const nodeOf = (slot: number): string => bySlot.get(slot)!.find(isRunnable)?.nodeId ?? "";
    const victims = [...liveSlots]
      .sort((a, b) => (perNode.get(nodeOf(b)) ?? 0) - (perNode.get(nodeOf(a)) ?? 0) || b - a)
      .slice(0, excess);
    for (const slot of victims) {
      for (const t of bySlot.get(slot)!) if (t.desiredState <= runningState) shutdown.add(t.id);
      bySlot.delete(slot);
    }
  }

  // Keep or restore slots 1..replicas (scale up fills the lowest free slot numbers).
  let filled = [...bySlot.keys()].filter((slot) => bySlot.get(slot)!.some(isRunnable)).length;
  for (const [slot, list] of [...bySlot.entries()].sort(([a], [b]) => a - b)) {
    if (list.some(isRunnable)) continue;
    // The slot's task stopped: replace it if the policy says so, once its delay has passed.
    const last = [...list].sort((a, b) => b.createdAtMs - a.createdAtMs)[0]!;
    const history = list.map((t) => ({ createdAtMs: t.createdAtMs }));
    // A task that must leave its node counts as failed, and is replaced without waiting for the
    // delay; so does a slot whose live task is leaving now (its older tasks may be as recent).
    const stopped =
      last.mustLeaveNode || list.some((t) => leaving.has(t.id))
        ? { state: failedState, stoppedAtMs: Number.NEGATIVE_INFINITY }
        : { state: last.state, stoppedAtMs: last.stateChangedAtMs };
    const decision = shouldRestart(restartPolicy, stopped, history, nowMs);
    if (filled >= replicas) {
      // A dead slot beyond the desired count (after a scale down): retire it.
      for (const t of list) if (t.desiredState <= runningState) shutdown.add(t.id);
      continue;
    }
    if (!decision.restart) {
      // The policy says no: the slot keeps its stopped task and is not refilled elsewhere.
      filled++;
      continue;
    }
    if (decision.notBeforeMs > nowMs) {
      wakeAtMs = wakeAtMs === null ? decision.notBeforeMs : Math.min(wakeAtMs, decision.notBeforeMs);
      filled++; // reserved for the delayed replacement
      continue;
    }
    for (const t of list) if (t.desiredState <= runningState) shutdown.add(t.id);
    createSlots.push(slot);
    filled++;
  }
  for (let slot = 1; filled < replicas; slot++) {
    if (bySlot.has(slot)) continue;
    createSlots.push(slot);
    filled++;
  }
  return { createSlots: createSlots.sort((a, b) => a - b), shutdown: [...shutdown], wakeAtMs };
}
