// The allocator component (leader only): gives new tasks what the network layer allocated for their
// service (the endpoint with its published ports) and moves them from NEW to PENDING, which hands
// them to the scheduler.
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type LeaderComponent, runWatching } from "../component.js";
import { type MemoryStore, type ObjectsByKind, type StoreCommit, updateEach, type WriteTx } from "../store/index.js";

type Task = ObjectsByKind["task"];

/** Most tasks made PENDING in one transaction. */
export const tasksPerTransactionMax = 2_000;

const isNew = (t: Task): boolean =>
  (t.status?.state ?? 0) === swarm.v1.TaskState.TASK_STATE_NEW &&
  Number(t.desiredState ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING);

/** Moves NEW tasks to PENDING with their service's endpoint. */
export class TaskAllocator implements LeaderComponent {
  private readonly pass = new CoalescedPass(() => this.allocate());
  /** NEW tasks seen in commits since the last pass: only they need looking at, not every task. */
  private readonly fresh = new Set<string>();
  /** The first pass (and one after a failure) scans every task: commits before it were not seen. */
  private scanAll = true;

  constructor(private readonly store: MemoryStore) {}

  /** Runs until the signal aborts. */
  run(signal: AbortSignal): Promise<void> {
    this.scanAll = true;
    return runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
  }

  private onCommit(commit: StoreCommit): void {
    for (const e of commit.events)
      if (e.kind === "task" && e.action !== "remove" && isNew(e.object as Task)) this.fresh.add(e.object.id ?? "");
    if (this.fresh.size > 0) this.pass.request();
  }

  private async allocate(): Promise<void> {
    if (this.scanAll) {
      this.scanAll = false;
      for (const t of this.store.view((tx) => tx.all("task").filter(isNew))) this.fresh.add(t.id ?? "");
    }
    const fresh = [...this.fresh];
    this.fresh.clear();
    try {
      // Bounded transactions keep raft entries small when thousands of tasks appear at once.
      await updateEach(this.store, fresh, (tx, id) => this.allocateOne(tx, id), tasksPerTransactionMax);
    } catch {
      // A concurrent write won: look at everything again.
      this.scanAll = true;
      this.pass.request();
    }
  }

  private allocateOne(tx: WriteTx, id: string): void {
    const task = tx.get("task", id);
    if (task === undefined || !isNew(task)) return;
    const service = tx.get("service", task.serviceId ?? "");
    tx.update("task", {
      ...task,
      ...(service?.endpoint ? { endpoint: service.endpoint } : {}),
      status: { ...task.status, state: swarm.v1.TaskState.TASK_STATE_PENDING, message: "pending task scheduling" },
    });
  }
}
