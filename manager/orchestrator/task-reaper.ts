// The task reaper (leader only): keeps each slot's history of dead tasks within the cluster's
// task history limit (Docker's default: 5), and deletes the tasks of removed services once they
// have stopped (or never reached a node).
import { type Log, msFromTimestamp, silentLog } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type ComponentOptions, type LeaderComponent, runWatching } from "../component.js";
import { type MemoryStore, type ObjectsByKind, type StoreCommit, updateEach } from "../store/index.js";
import { isTerminal } from "./restart-policy.js";
import { afterWriteFailure } from "../write-failure.js";

type Task = ObjectsByKind["task"];

/** Dead tasks kept per slot (or per node, for global services) when the cluster sets no limit. */
export const taskHistoryLimitDefault = 5;

/** Whether a task will never run again: stopped, and not wanted running. */
function isDead(t: Task): boolean {
  return (
    Number(t.desiredState ?? 0) > Number(swarm.v1.TaskState.TASK_STATE_RUNNING) && isTerminal(t.status?.state ?? 0)
  );
}

/** Whether a task never reached a node, so stopping it needs no agent. */
function neverAssigned(t: Task): boolean {
  return !t.nodeId && Number(t.status?.state ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_PENDING);
}

/** Task ids to delete: history beyond `limit` per slot/node, and stopped tasks of removed services. */
export function tasksToReap(tasks: readonly Task[], serviceExists: (id: string) => boolean, limit: number): string[] {
  const reap: string[] = [];
  const groups = new Map<string, Task[]>();
  for (const t of tasks) {
    if (!serviceExists(t.serviceId ?? "")) {
      if (isDead(t) || neverAssigned(t) || isTerminal(t.status?.state ?? 0)) reap.push(t.id ?? "");
      continue;
    }
    if (!isDead(t)) continue;
    const key = `${t.serviceId ?? ""}/${t.slot ? `slot:${t.slot}` : `node:${t.nodeId ?? ""}`}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  for (const list of groups.values()) {
    if (list.length <= limit) continue;
    list.sort(
      (a, b) =>
        msFromTimestamp(a.meta?.createdAt) - msFromTimestamp(b.meta?.createdAt) ||
        ((a.id ?? "") < (b.id ?? "") ? -1 : 1),
    );
    for (const t of list.slice(0, list.length - limit)) reap.push(t.id ?? "");
  }
  return reap;
}

/** Deletes tasks the cluster no longer needs to remember. */
export class TaskReaper implements LeaderComponent {
  private readonly pass: CoalescedPass;

  private readonly log: Log;
  constructor(
    private readonly store: MemoryStore,
    options: ComponentOptions = {},
  ) {
    this.log = options.log ?? silentLog;
    this.pass = new CoalescedPass(() => this.reap(), { clock: options.clock });
  }

  /** Runs until the signal aborts. */
  run(signal: AbortSignal): Promise<void> {
    return runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
  }

  private onCommit(commit: StoreCommit): void {
    if (
      commit.events.some(
        (e) => (e.kind === "task" && e.action === "update") || (e.kind === "service" && e.action === "remove"),
      )
    )
      this.pass.request();
  }

  private async reap(): Promise<void> {
    try {
      const ids = this.store.view((tx) => {
        const cluster = tx.all("cluster")[0];
        const configured = cluster?.spec?.orchestration?.taskHistoryRetentionLimit ?? 0;
        const limit = configured > 0 ? configured : taskHistoryLimitDefault;
        return tasksToReap(tx.all("task"), (sid) => tx.get("service", sid) !== undefined, limit);
      });
      // In transactions that each fit in one raft entry (a removal carries the whole task).
      await updateEach(this.store, ids, (tx, id) => {
        if (tx.get("task", id)) tx.remove("task", id);
      });
    } catch (error) {
      afterWriteFailure(error, this.log, "reaper.write-failed");
      this.pass.requestAfterFailure(error);
    }
  }
}
