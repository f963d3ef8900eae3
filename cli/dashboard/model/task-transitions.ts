// The states each task went through, as this dashboard saw them. A task object holds only its
// current state; the watch stream shows every change, so the server records each new state with
// the time the worker reported it. Bounded per task, and forgotten with the task.
import { msFromTimestamp } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { TaskTransition } from "../shared/view-models.js";
import { taskStateName } from "./enum-names.js";

/** States remembered per task (a task has at most 13; a reported state is never repeated). */
export const taskTransitionsMax = 16;

/** The recorded transitions of every task. */
export class TaskTransitions {
  private readonly byTask = new Map<string, TaskTransition[]>();

  /** Records the task's state if it is new for the task. */
  record(task: swarm.v1.ITask): void {
    const id = task.id ?? "";
    const state = taskStateName(task.status?.state);
    const atMs = msFromTimestamp(task.status?.timestamp) || msFromTimestamp(task.meta?.createdAt);
    let list = this.byTask.get(id);
    if (!list) this.byTask.set(id, (list = []));
    if (list.at(-1)?.state === state) return;
    list.push({ state, atMs });
    if (list.length > taskTransitionsMax) list.shift();
  }

  /** Forgets a removed task. */
  forget(taskId: string): void {
    this.byTask.delete(taskId);
  }

  /** Forgets every task (a resync records the current states again). */
  clear(): void {
    this.byTask.clear();
  }

  /** The task's transitions, oldest first. */
  of(taskId: string): readonly TaskTransition[] {
    return this.byTask.get(taskId) ?? [];
  }
}
