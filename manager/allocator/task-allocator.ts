// The allocator component (leader only): gives new tasks what the network layer allocated for their
// service (the endpoint with its published ports) and moves them from NEW to PENDING, which hands
// them to the scheduler.
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type LeaderComponent, runWatching } from "../component.js";
import type { MemoryStore, ObjectsByKind, StoreCommit } from "../store/index.js";

type Task = ObjectsByKind["task"];

const isNew = (t: Task): boolean => (t.status?.state ?? 0) === swarm.v1.TaskState.TASK_STATE_NEW && Number(t.desiredState ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING);

/** Moves NEW tasks to PENDING with their service's endpoint. */
export class TaskAllocator implements LeaderComponent {
  private readonly pass = new CoalescedPass(() => this.allocate());

  constructor(private readonly store: MemoryStore) {}

  /** Runs until the signal aborts. */
  run(signal: AbortSignal): Promise<void> {
    return runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
  }

  private onCommit(commit: StoreCommit): void {
    if (commit.events.some((e) => e.kind === "task" && e.action !== "remove" && isNew(e.object as Task))) this.pass.request();
  }

  private async allocate(): Promise<void> {
    try {
      await this.store.update((tx) => {
        for (const task of tx.all("task").filter(isNew)) {
          const service = tx.get("service", task.serviceId ?? "");
          tx.update("task", {
            ...task,
            ...(service?.endpoint ? { endpoint: service.endpoint } : {}),
            status: { ...task.status, state: swarm.v1.TaskState.TASK_STATE_PENDING, message: "pending task scheduling" },
          });
        }
      });
    } catch {
      this.pass.request(); // a concurrent write won: look again
    }
  }
}
