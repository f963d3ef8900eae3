// Nodes as the page shows them: state, availability, role, labels, the resources their tasks
// reserve against what they have (the scheduler's rule: a task holds its reservation from the
// moment it is assigned until it ends or is no longer wanted), and the tasks on them.
import { swarm } from "../../../proto/index.js";
import { taskDisplayName } from "../../commands/service/service-view.js";
import type { NodeView, TaskRef } from "../shared/view-models.js";
import { availabilityName, nodeStateName, reachabilityName, taskStateName } from "./enum-names.js";
import type { StoreMirror } from "./store-mirror.js";

const S = swarm.v1.TaskState;

/**
 * Tasks a node's row names; the rest are counted only (every page receives every node's row, so
 * this bounds what a node with many tasks adds to each page's first message).
 */
export const nodeTasksShownMax = 20;

/** Whether a task holds its node's resources (as the scheduler counts them). */
export function holdsResources(task: swarm.v1.ITask): boolean {
  return (
    Boolean(task.nodeId) &&
    Number(task.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING) &&
    Number(task.status?.state ?? 0) < Number(S.TASK_STATE_COMPLETE)
  );
}

/** The hostname a node goes by: its reported hostname, else its name, else its id. */
export function hostnameOf(node: swarm.v1.INode | undefined, fallback = ""): string {
  return node?.description?.hostname || node?.spec?.annotations?.name || node?.id || fallback;
}

/** One node's view. */
export function nodeView(mirror: StoreMirror, node: swarm.v1.INode): NodeView {
  const id = node.id ?? "";
  const tasks = [...mirror.tasksOfNode(id)].map((t) => mirror.get("task", t)!);
  let reservedNanoCpus = 0;
  let reservedMemoryBytes = 0;
  const wanted: swarm.v1.ITask[] = [];
  for (const task of tasks) {
    if (holdsResources(task)) {
      reservedNanoCpus += Number(task.spec?.resources?.reservations?.nanoCpus ?? 0);
      reservedMemoryBytes += Number(task.spec?.resources?.reservations?.memoryBytes ?? 0);
    }
    if (Number(task.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING)) wanted.push(task);
  }
  const shown: TaskRef[] = wanted
    .map((t) => ({
      id: t.id ?? "",
      name: taskDisplayName(t),
      serviceId: t.serviceId ?? "",
      state: taskStateName(t.status?.state),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }))
    .slice(0, nodeTasksShownMax);
  const state = nodeStateName(node.status?.state);
  const ms = node.managerStatus;
  const isManager = Number(node.role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER);
  return {
    id,
    hostname: hostnameOf(node),
    role: isManager ? "manager" : "worker",
    availability: availabilityName(node.spec?.availability),
    state,
    message: node.status?.message ?? "",
    addr: node.status?.addr ?? "",
    manager:
      isManager || ms
        ? {
            leader: Boolean(ms?.leader),
            // The store records reachability when a manager joins; a manager whose node is down is
            // not reachable, whatever the record says.
            reachability: state === "down" ? "unreachable" : reachabilityName(ms?.reachability),
            addr: ms?.addr ?? "",
            raftId: Number(ms?.raftId ?? 0),
          }
        : null,
    labels: { ...(node.spec?.annotations?.labels ?? {}) },
    engine: node.description?.engine?.engineVersion ?? "",
    platform: [node.description?.platform?.os, node.description?.platform?.architecture].filter(Boolean).join("/"),
    resources: {
      nanoCpus: Number(node.description?.resources?.nanoCpus ?? 0),
      memoryBytes: Number(node.description?.resources?.memoryBytes ?? 0),
      reservedNanoCpus,
      reservedMemoryBytes,
    },
    tasks: {
      running: wanted.filter((t) => Number(t.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING)).length,
      total: wanted.length,
      shown,
    },
  };
}

/** Every node's view, managers first, then by hostname. */
export function nodeViews(mirror: StoreMirror): NodeView[] {
  return [...mirror.all("node").values()]
    .map((n) => nodeView(mirror, n))
    .sort(
      (a, b) =>
        Number(b.role === "manager") - Number(a.role === "manager") ||
        a.hostname.localeCompare(b.hostname, "en", { numeric: true }),
    );
}
