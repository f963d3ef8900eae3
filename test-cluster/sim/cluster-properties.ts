// The cluster simulator's properties about tasks, nodes and secrets, as pure checks over a
// store's read transaction and what the simulated workers hold. Each returns null when the
// property holds, or what was seen when it does not.
import type { ReadTx } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import { isJob, jobEndProblem } from "./job-properties.js";
import { isEligible, mayKeep } from "./node-eligibility.js";
import type { Problem } from "./problem.js";

type Task = swarm.v1.Task.$Properties;

const S = swarm.v1.TaskState;
const running = Number(S.TASK_STATE_RUNNING);
const startFirst = Number(swarm.v1.UpdateConfig.Order.ORDER_START_FIRST);

export type { Problem } from "./problem.js";

/** Whether a task is meant to run (desired RUNNING or READY, not yet told to stop) and has not finished. */
export function isLive(task: Task): boolean {
  return Number(task.desiredState ?? 0) <= running && Number(task.status?.state ?? 0) <= running;
}

function describeTasks(tasks: readonly Task[]): string {
  return tasks
    .map((t) => `${t.id} ${(swarm.v1.TaskState[Number(t.status?.state ?? 0)] ?? "?").replace("TASK_STATE_", "")}`)
    .join(", ");
}

/**
 * `slot-tasks`: a replicated service's slot never holds more live tasks than its update order
 * allows (one; two while a start-first update overlaps old and new, never two made from one spec),
 * and a global service never holds more than that on one node.
 */
export function slotProblem(tx: ReadTx): Problem | null {
  for (const service of tx.all("service")) {
    const spec = service.spec ?? {};
    // A job's slots belong to its iterations: job-max-concurrent checks them.
    if (isJob(spec)) continue;
    const orders = [spec.update?.order, spec.rollback?.order].map((o) => Number(o ?? 0));
    const allowed = orders.includes(startFirst) ? 2 : 1;
    const bySlot = new Map<string, Task[]>();
    for (const task of tx.tasks({ serviceId: service.id ?? "" })) {
      if (!isLive(task)) continue;
      const key = spec.global ? `node ${task.nodeId ?? ""}` : `slot ${task.slot ?? 0}`;
      if (spec.global && !task.nodeId) continue;
      const list = bySlot.get(key);
      if (list) list.push(task);
      else bySlot.set(key, [task]);
    }
    for (const [key, tasks] of bySlot) {
      if (tasks.length > allowed)
        return {
          property: "slot-tasks",
          detail: `service ${service.id} ${key} holds ${tasks.length} live tasks (${allowed} allowed): ${describeTasks(tasks)}`,
        };
      // The second task a start-first update allows is the new spec's beside the old one's: two
      // live tasks made from one spec are a slot filled twice, whatever the order.
      if (tasks.length > 1 && new Set(tasks.map((t) => JSON.stringify(t.spec ?? {}))).size < tasks.length)
        return {
          property: "slot-tasks",
          detail: `service ${service.id} ${key} holds ${tasks.length} live tasks of one spec: ${describeTasks(tasks)}`,
        };
    }
  }
  return null;
}

/** Each node's state, availability and zone, for a convergence problem's detail. */
function describeNodes(nodes: readonly swarm.v1.Node.$Properties[]): string {
  return nodes
    .map(
      (n) =>
        `${n.id} ${(swarm.v1.NodeStatus.State[Number(n.status?.state ?? 0)] ?? "?").replace("STATE_", "")} ${(
          swarm.v1.NodeSpec.Availability[Number(n.spec?.availability ?? 0)] ?? "?"
        ).replace("AVAILABILITY_", "")} zone ${n.description?.engine?.labels?.zone ?? "-"}`,
    )
    .join(", ");
}

/** Keys ("secret:ID", "config:ID") of the secrets and configs a task references. */
function secretsOf(task: swarm.v1.ITask): string[] {
  return [
    ...(task.spec?.container?.secrets ?? []).map((ref) => `secret:${ref.secretId ?? ""}`),
    ...(task.spec?.container?.configs ?? []).map((ref) => `config:${ref.configId ?? ""}`),
  ];
}

/**
 * `secrets-need-to-know`: the assignment set a worker holds names a secret or a config (keys
 * "secret:ID", "config:ID") only while one of its unfinished tasks references it, and every
 * unfinished task's secrets and configs are there with it (they are sent before the task).
 */
export function secretsProblem(
  nodeId: string,
  tasks: ReadonlyMap<string, swarm.v1.ITask>,
  secrets: ReadonlySet<string>,
): Problem | null {
  const needed = new Set<string>();
  for (const task of tasks.values()) {
    // A task that finished needs its secrets no more: the node forgets them (Docker's rule).
    if (Number(task.status?.state ?? 0) > running) continue;
    for (const id of secretsOf(task)) {
      needed.add(id);
      if (!secrets.has(id))
        return { property: "secrets-need-to-know", detail: `${nodeId} got task ${task.id} before its ${id}` };
    }
  }
  for (const id of secrets)
    if (!needed.has(id))
      return {
        property: "secrets-need-to-know",
        detail: `${nodeId} holds ${id}, which none of its tasks references`,
      };
  return null;
}

/** What the end-state checks need of one simulated worker. */
export interface WorkerView {
  /** Its node id. */
  readonly nodeId: string;
  /** Task ids whose containers run on it. */
  readonly running: readonly string[];
  /** Task id → secret keys its files hold. */
  readonly files: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The end state once the faults stopped, or the first way it falls short:
 * - `convergence`: every replicated service has its replica count of live tasks, a global service
 *   one on every eligible node, each observed RUNNING; every rolling update has completed, paused
 *   or rolled back;
 * - `eligible-nodes`: no live task sits on a node that is down, drained or outside its constraints
 *   (a paused node keeps the tasks it had);
 * - `running-tasks-agree`: the containers the workers run are exactly the tasks the store says run
 *   there (no orphan left running, no task reported RUNNING without its container);
 * - `secrets-need-to-know`: a worker's task files hold only secrets its own tasks reference.
 */
export function endStateProblem(tx: ReadTx, workers: readonly WorkerView[]): Problem | null {
  const nodes = new Map(tx.all("node").map((n) => [n.id ?? "", n]));
  const updating = [
    swarm.v1.UpdateStatus.State.UPDATE_STATE_UPDATING,
    swarm.v1.UpdateStatus.State.UPDATE_STATE_ROLLBACK_STARTED,
  ].map(Number);
  for (const service of tx.all("service")) {
    const spec = service.spec ?? {};
    const live = tx.tasks({ serviceId: service.id ?? "" }).filter(isLive);
    for (const task of live)
      if (task.nodeId && !mayKeep(nodes.get(task.nodeId), spec))
        return { property: "eligible-nodes", detail: `task ${task.id} of ${service.id} is live on ${task.nodeId}` };
    if (isJob(spec)) {
      const problem = jobEndProblem(tx, service);
      if (problem) return problem;
      continue;
    }
    const eligible = [...nodes.values()].filter((n) => isEligible(n, spec)).length;
    // A global service runs on every eligible active node, and keeps what it had on paused ones
    // (a task not yet placed is kept nowhere: with every node a manager, a service constrained to
    // workers has only pending tasks, which must not count as kept).
    const keptOnPaused = new Set(
      live.filter((t) => t.nodeId && !isEligible(nodes.get(t.nodeId), spec)).map((t) => t.nodeId ?? ""),
    ).size;
    const want = spec.global ? eligible + keptOnPaused : Number(spec.replicated?.replicas ?? 0);
    // With no node able to take new tasks, a replicated service's tasks wait, pending (Docker's
    // way), but for those a paused node keeps running: a paused node and a drained one in the same
    // zone (the workload's drain and pause steps may each act on a view without the other's change)
    // leave a zone-constrained service only what the paused node runs.
    const wantUp =
      eligible > 0 || spec.global
        ? eligible > 0 || keptOnPaused > 0
          ? want
          : 0
        : live.filter((t) => t.nodeId && mayKeep(nodes.get(t.nodeId), spec)).length;
    const up = live.filter((t) => Number(t.status?.state ?? 0) === running);
    if (live.length !== want || up.length !== wantUp)
      return {
        property: "convergence",
        detail: `service ${service.id}: ${up.length} of ${want} running (${live.length} live: ${live
          .map(
            (t) =>
              `slot ${t.slot ?? 0} ${(swarm.v1.TaskState[Number(t.status?.state ?? 0)] ?? "").replace("TASK_STATE_", "")} on ${t.nodeId || "-"}`,
          )
          .join("; ")}; nodes: ${describeNodes([...nodes.values()])})`,
      };
    if (updating.includes(Number(service.updateStatus?.state ?? 0)))
      return { property: "convergence", detail: `service ${service.id}: its update is still under way` };
  }
  for (const worker of workers) {
    const runningHere = new Set(worker.running);
    for (const taskId of worker.running) {
      const task = tx.get("task", taskId);
      if (!task || task.nodeId !== worker.nodeId || !isLive(task) || Number(task.status?.state ?? 0) !== running)
        return {
          property: "running-tasks-agree",
          detail: `${worker.nodeId} runs task ${taskId}, which the store has ${task ? `${swarm.v1.TaskState[Number(task.status?.state ?? 0)]} desired ${swarm.v1.TaskState[Number(task.desiredState ?? 0)]} on ${task.nodeId}` : "not"}`,
        };
    }
    for (const task of tx.tasks({ nodeId: worker.nodeId }))
      if (Number(task.status?.state ?? 0) === running && isLive(task) && !runningHere.has(task.id ?? ""))
        return {
          property: "running-tasks-agree",
          detail: `task ${task.id} is RUNNING on ${worker.nodeId} in the store, without its container`,
        };
    for (const [taskId, keys] of worker.files) {
      const task = tx.get("task", taskId);
      const referenced = new Set(task ? secretsOf(task) : []);
      for (const key of keys)
        if (!referenced.has(key))
          return { property: "secrets-need-to-know", detail: `${worker.nodeId} holds ${key} for task ${taskId}` };
    }
  }
  return null;
}
