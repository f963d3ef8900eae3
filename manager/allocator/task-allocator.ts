// The allocator component (leader only): gives new tasks what the network layer allocated for their
// service (the endpoint with its published ports) and moves them from NEW to PENDING, which hands
// them to the scheduler.
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type LeaderComponent, runWatching } from "../component.js";
import type { MemoryStore, ObjectsByKind, StoreCommit } from "../store/index.js";

type Task = ObjectsByKind["task"];

/** Most tasks made PENDING in one transaction. */
export const tasksPerTransactionMax = 2_000;

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
      // Bounded transactions keep raft entries small when thousands of tasks appear at once.
      const fresh = this.store.view((tx) => tx.all("task").filter(isNew)).map((t) => t.id ?? "");
      for (let i = 0; i < fresh.length; i += tasksPerTransactionMax) {
        await this.allocateSome(fresh.slice(i, i + tasksPerTransactionMax));
      }
    } catch {
      this.pass.request(); // a concurrent write won: look again
    }
  }

  private async allocateSome(ids: readonly string[]): Promise<void> {
    await this.store.update((tx) => {
      for (const task of ids.map((id) => tx.get("task", id)).filter((t): t is Task => t !== undefined && isNew(t))) {
        const service = tx.get("service", task.serviceId ?? "");
        tx.update("task", {
          ...task,
          ...(service?.endpoint ? { endpoint: service.endpoint } : {}),
          status: { ...task.status, state: swarm.v1.TaskState.TASK_STATE_PENDING, message: "pending task scheduling" },
        });
      }
    });
  }
}
