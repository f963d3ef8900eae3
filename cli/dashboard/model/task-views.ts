// The tasks of the service on show, as `swarmctl service ps` lists them: grouped by slot (or by
// node for a global service), the newest task of each group first, with their states, errors,
// exit codes and the states each went through.
import { msFromTimestamp } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import { portsText, taskDisplayName } from "../../commands/service/service-view.js";
import type { TaskView } from "../shared/view-models.js";
import { taskStateName } from "./enum-names.js";
import { taskAddresses } from "./network-views.js";
import { hostnameOf } from "./node-views.js";
import type { StoreMirror } from "./store-mirror.js";
import type { TaskTransitions } from "./task-transitions.js";

/** States in which a task's process has ended, so its exit code means something. */
const terminalStates: ReadonlySet<string> = new Set(["complete", "shutdown", "failed", "rejected"]);

/** The group of a task: its slot, or its node for a global service's task. */
export function taskGroup(task: swarm.v1.ITask): string {
  const slot = Number(task.slot ?? 0);
  return slot ? `slot ${slot}` : `node ${task.nodeId ?? ""}`;
}

/** The tasks of a service, grouped by slot (in slot order), the newest of each group first. */
export function taskViews(mirror: StoreMirror, serviceId: string, transitions: TaskTransitions): TaskView[] {
  const tasks = mirror.serviceTasks(serviceId);
  const newest = new Map<string, { id: string; ms: number }>();
  for (const t of tasks) {
    const group = taskGroup(t);
    const ms = msFromTimestamp(t.meta?.createdAt);
    const seen = newest.get(group);
    if (!seen || ms > seen.ms || (ms === seen.ms && (t.id ?? "") > seen.id)) newest.set(group, { id: t.id ?? "", ms });
  }
  return tasks
    .map((t): TaskView => {
      const group = taskGroup(t);
      const exit = t.status?.container?.exitCode;
      const state = taskStateName(t.status?.state);
      return {
        id: t.id ?? "",
        name: taskDisplayName(t),
        slot: Number(t.slot ?? 0),
        group,
        current: newest.get(group)?.id === t.id,
        nodeId: t.nodeId ?? "",
        nodeName: t.nodeId ? hostnameOf(mirror.get("node", t.nodeId), t.nodeId) : "",
        image: t.spec?.container?.image ?? "",
        desired: taskStateName(t.desiredState),
        state,
        sinceMs: msFromTimestamp(t.status?.timestamp),
        createdMs: msFromTimestamp(t.meta?.createdAt),
        message: t.status?.message ?? "",
        error: t.status?.err ?? "",
        exitCode: t.status?.container && terminalStates.has(state) ? Number(exit ?? 0) : null,
        ports: portsText(t.status?.portStatus?.ports)
          .split(", ")
          .filter((p) => p !== ""),
        addresses: taskAddresses(mirror, t),
        history: transitions.of(t.id ?? "").length
          ? transitions.of(t.id ?? "")
          : [{ state, atMs: msFromTimestamp(t.status?.timestamp) }],
      };
    })
    .sort(
      (a, b) =>
        compareGroups(a, b) ||
        Number(b.current) - Number(a.current) ||
        b.createdMs - a.createdMs ||
        (a.id < b.id ? -1 : 1),
    );
}

function compareGroups(a: TaskView, b: TaskView): number {
  if (a.slot !== b.slot) return (a.slot || Number.MAX_SAFE_INTEGER) - (b.slot || Number.MAX_SAFE_INTEGER);
  return a.group.localeCompare(b.group);
}
