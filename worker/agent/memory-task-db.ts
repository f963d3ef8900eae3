// A task database in memory, for hollow workers and the cluster simulator: the same records as
// the file-backed TaskDb (a task without its registry credentials, its last status), every write
// durable at once. `copy()` is what survives a simulated crash: the next agent starts from it
// while the crashed one, still finishing calls it had begun, writes only to its own copy.
import { taskWithoutRegistryAuth } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { TaskRecord, TaskRecords } from "./task-db.js";

/** A task database held in memory. */
export class MemoryTaskDb implements TaskRecords {
  private readonly records = new Map<string, TaskRecord>();
  private nodeId: string | undefined;

  /** A database holding what this one holds now, independent of it from then on. */
  copy(): MemoryTaskDb {
    const next = new MemoryTaskDb();
    for (const [id, record] of this.records) next.records.set(id, record);
    next.nodeId = this.nodeId;
    return next;
  }

  load(): Promise<string[]> {
    return Promise.resolve([]);
  }

  get(taskId: string): TaskRecord | undefined {
    return this.records.get(taskId);
  }

  all(): TaskRecord[] {
    return [...this.records.values()];
  }

  putTask(task: swarm.v1.Task.$Properties): Promise<void> {
    const taskId = task.id ?? "";
    // Encoded and decoded, as the file database does: the record never shares objects with the session's copy.
    this.records.set(taskId, {
      task: swarm.v1.Task.decode(swarm.v1.Task.encode(taskWithoutRegistryAuth(task)).finish()),
      status: this.records.get(taskId)?.status ?? null,
    });
    return Promise.resolve();
  }

  putStatus(taskId: string, status: swarm.v1.TaskStatus.$Properties): Promise<void> {
    const existing = this.records.get(taskId);
    if (existing)
      this.records.set(taskId, {
        task: existing.task,
        status: swarm.v1.TaskStatus.decode(swarm.v1.TaskStatus.encode(status).finish()),
      });
    return Promise.resolve();
  }

  delete(taskId: string): Promise<void> {
    this.records.delete(taskId);
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  readNodeId(): Promise<string | undefined> {
    return Promise.resolve(this.nodeId);
  }

  writeNodeId(nodeId: string): Promise<void> {
    this.nodeId = nodeId;
    return Promise.resolve();
  }
}
