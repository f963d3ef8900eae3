// Task files in memory, for hollow workers and the cluster simulator: which secret and config
// items each task's directory would hold, written under the same rule as the tmpfs TaskFiles (an
// item the node has not received fails the task, unless the task already holds it from before).
import { posix } from "node:path";
import type { swarm } from "../../proto/index.js";
import { taskFiles } from "../executor/index.js";
import { TaskFileNotFoundError, type TaskFilesStore } from "./task-files.js";

/** Task files held in memory: task id → the keys ("secret:ID", "config:ID") its files hold. */
export class MemoryTaskFiles implements TaskFilesStore {
  private readonly held = new Map<string, Set<string>>();

  constructor(private readonly root = "/memory/task-files") {}

  /** The keys of the items each task holds (what a secret property checks). */
  holdings(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.held;
  }

  dirOf(taskId: string): string {
    return posix.join(this.root, taskId);
  }

  write(
    task: swarm.v1.ITask,
    secrets: ReadonlyMap<string, swarm.v1.ISecret>,
    configs: ReadonlyMap<string, swarm.v1.IConfig>,
  ): Promise<string> {
    const taskId = task.id ?? "";
    const before = this.held.get(taskId) ?? new Set<string>();
    const keys = new Set<string>();
    for (const file of taskFiles(task)) {
      const key = `${file.kind}:${file.id}`;
      const data = (file.kind === "secret" ? secrets.get(file.id) : configs.get(file.id))?.spec?.data;
      if (!data && !before.has(key)) return Promise.reject(new TaskFileNotFoundError(file.kind, file.name, file.id));
      keys.add(key);
    }
    this.held.set(taskId, keys);
    return Promise.resolve(this.dirOf(taskId));
  }

  has(taskId: string): Promise<boolean> {
    return Promise.resolve(this.held.has(taskId));
  }

  remove(taskId: string): Promise<void> {
    this.held.delete(taskId);
    return Promise.resolve();
  }

  removeAll(): Promise<void> {
    this.held.clear();
    return Promise.resolve();
  }

  prune(known: ReadonlySet<string>): Promise<void> {
    for (const taskId of [...this.held.keys()]) if (!known.has(taskId)) this.held.delete(taskId);
    return Promise.resolve();
  }
}
