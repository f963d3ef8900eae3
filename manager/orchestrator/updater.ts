// One rolling update (or rollback) of one service, as Docker's: the slots whose tasks were made from
// an older spec are replaced `parallelism` at a time with `delay` between batches, stop-first
// (the old task stops, then the new one is told to run) or start-first (the new task runs, then
// the old one stops). Each new task must reach RUNNING and is then watched for `monitor`; a task
// that fails meanwhile counts against `max_failure_ratio`, and past it the failure action applies:
// pause, continue, or roll back to the previous spec. The first batch's monitor period passes
// before the second batch starts, so a spec whose tasks all die soon after starting costs one
// batch before the update pauses, as Docker's pauses after the first failed task. Progress lives in the service's update
// status, so a new leader resumes an update where the old one was cut off.
import { type Clock, timestampFromMs } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  type MemoryStore,
  type ObjectsByKind,
  type ReadTx,
  SequenceConflictError,
  type StoreCommit,
  type WriteTx,
} from "../store/index.js";
import { isTerminal } from "./restart-policy.js";
import { newTask } from "./service-orchestrator.js";
import { isTaskDirty, serviceSpecKey } from "./task-dirty.js";

type Service = ObjectsByKind["service"];
type Task = ObjectsByKind["task"];

const State = swarm.v1.TaskState;
const UpdateState = swarm.v1.UpdateStatus.State;
const FailureAction = swarm.v1.UpdateConfig.FailureAction;

/** Docker's defaults for a service without update settings: one at a time, 5 s monitor, pause on failure. */
export const updateDefaults = {
  parallelism: 1,
  delayNs: 0,
  monitorNs: 5_000_000_000,
  maxFailureRatio: 0,
} as const;

/** The slot a task fills: its slot number, or its node for a global service. */
export function slotKey(task: Task): string {
  return (task.slot ?? 0) > 0 ? `slot:${task.slot ?? 0}` : `node:${task.nodeId ?? ""}`;
}

/** Whether a task counts as its slot's live task (wanted running and not finished). */
function isLive(t: Task): boolean {
  return Number(t.desiredState ?? 0) <= Number(State.TASK_STATE_RUNNING) && !isTerminal(t.status?.state ?? 0);
}

/**
 * Slots the updater must visit, in slot order: those still holding a live task made from an older
 * spec, and those whose new task waits (desired READY) for a start an interrupted update never gave.
 * A global service's task on a paused node is left as it is (Docker updates nothing on a paused
 * node): its replacement would be a new task placed there.
 */
export function dirtySlots(
  service: Service,
  tasks: readonly Task[],
  pausedNode: (nodeId: string) => boolean = () => false,
): string[] {
  const key = serviceSpecKey(service);
  const slots = new Set<string>();
  for (const t of tasks) {
    if (!isLive(t) || !(isTaskDirty(t, key) || isWaitingToStart(t))) continue;
    if ((t.slot ?? 0) === 0 && pausedNode(t.nodeId ?? "")) continue;
    slots.add(slotKey(t));
  }
  return [...slots].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/** Whether a node is paused (keeps its tasks, takes no new one). */
export function isPausedNode(tx: ReadTx, nodeId: string): boolean {
  const availability = Number(tx.get("node", nodeId)?.spec?.availability ?? 0);
  return availability === Number(swarm.v1.NodeSpec.Availability.AVAILABILITY_PAUSE);
}

/**
 * The tasks a stop-first update created that still wait to be told to run (desired READY), but
 * for those of a global service on a paused node, which the updater leaves as they are.
 */
export function waitingTasks(tasks: readonly Task[], pausedNode: (nodeId: string) => boolean = () => false): string[] {
  return tasks
    .filter((t) => isWaitingToStart(t) && !((t.slot ?? 0) === 0 && pausedNode(t.nodeId ?? "")))
    .map((t) => t.id ?? "");
}

/** Whether a task was created by a stop-first update and waits to be told to run. */
function isWaitingToStart(t: Task): boolean {
  return Number(t.desiredState ?? 0) === Number(State.TASK_STATE_READY) && !isTerminal(t.status?.state ?? 0);
}

/** Whether the update status says an operator must act before the update goes on. */
export function isPaused(service: Service): boolean {
  const state = Number(service.updateStatus?.state ?? 0);
  return (
    state === Number(UpdateState.UPDATE_STATE_PAUSED) || state === Number(UpdateState.UPDATE_STATE_ROLLBACK_PAUSED)
  );
}

/** Whether the service's current spec came from a rollback. */
export function isRollingBack(service: Service): boolean {
  return Number(service.updateStatus?.state ?? 0) === Number(UpdateState.UPDATE_STATE_ROLLBACK_STARTED);
}

/** Attempts of one write that keeps meeting concurrent writes. */
export const writeAttemptsMax = 10;

/** Why an update stopped before the end. */
class UpdateStopped extends Error {}

/**
 * Runs one update of one service until done, stopped by a failure action, or aborted; or, with
 * `finishOnly`, only finishes the slots a paused update began.
 */
export class Updater {
  private readonly abort = new AbortController();
  private readonly waiters = new Set<() => void>();
  private readonly monitored = new Map<string, number>();
  private readonly counted = new Set<string>();
  private failures = 0;
  private total = 0;
  private stoppedBy: string | null = null;
  /** The failure action's write (pause or rollback), once a failure stopped the update. */
  private stopWrite: Promise<void> = Promise.resolve();
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly store: MemoryStore,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** The service being updated. */
    readonly serviceId: string,
    /** The spec key the update converges to; a newer spec cancels this update. */
    readonly specKey: string,
    /**
     * Only starts the new tasks a stop-first update created and left waiting (desired READY), each
     * once its slot's old tasks have stopped: the update is paused, but a slot it began has lost
     * its old task, and nothing else would ever start the new one, so the service would stay one
     * task short until the operator acts. Docker's updater, once paused, finishes the slots it has
     * in flight, and a new leader starts the tasks left waiting. Writes no update status.
     */
    readonly finishOnly = false,
  ) {}

  /** Cancels the update (leadership lost, or a newer spec replaced it). */
  cancel(): void {
    this.abort.abort();
    this.wake();
  }

  /** Runs the update; resolves when it has ended one way or another. */
  async run(): Promise<void> {
    this.unwatch = this.store.watch((commit) => this.onCommit(commit));
    try {
      await this.update();
    } catch (error) {
      if (!(error instanceof UpdateStopped)) throw error;
      // The supervisor looks at the service again once this resolves: before the pause (or the
      // rollback) has landed it would see an update still under way and start another, which would
      // take down more slots before the pause stopped it.
      await this.stopWrite;
    } finally {
      this.unwatch();
      this.unwatch = null;
    }
  }

  private async update(): Promise<void> {
    const first = this.current();
    if (this.finishOnly) {
      const waiting = this.store.view((tx) =>
        waitingTasks(tx.tasks({ serviceId: this.serviceId }), (nodeId) => isPausedNode(tx, nodeId)),
      );
      await allSettled(waiting.map((id) => this.startWhenAlone(id)));
      return;
    }
    const rollback = isRollingBack(first);
    const config = (rollback ? first.spec?.rollback : first.spec?.update) ?? {};
    const parallelism = Number(config.parallelism ?? updateDefaults.parallelism) || Number.POSITIVE_INFINITY;
    const delayMs = Number(config.delayNs ?? updateDefaults.delayNs) / 1e6;
    const monitorMs = Number(config.monitorNs ?? updateDefaults.monitorNs) / 1e6;
    const startFirst = Number(config.order ?? 0) === Number(swarm.v1.UpdateConfig.Order.ORDER_START_FIRST);
    const slots = this.store.view((tx) =>
      dirtySlots(first, tx.tasks({ serviceId: this.serviceId }), (nodeId) => isPausedNode(tx, nodeId)),
    );
    this.total = slots.length;
    if (
      slots.length > 0 &&
      !rollback &&
      Number(first.updateStatus?.state ?? 0) !== Number(UpdateState.UPDATE_STATE_UPDATING)
    ) {
      await this.setStatus(UpdateState.UPDATE_STATE_UPDATING, "update in progress", { started: true });
    }
    for (let i = 0; i < slots.length; i += parallelism) {
      const batch = slots.slice(i, i + parallelism);
      await allSettled(batch.map((slot) => this.updateSlot(slot, startFirst, monitorMs)));
      this.checkStopped();
      const more = i + parallelism < slots.length;
      // The first batch is watched for its whole monitor period before another slot is touched: a
      // spec whose tasks start and then die (a bad image, a missing program, a crash on start)
      // pauses the update having cost one batch, not one batch per task that ran for a moment.
      if (i === 0 && more) await this.monitoredTasksPassed();
      if (delayMs > 0 && more) await this.sleep(delayMs);
    }
    // Every updated task must get through its monitor period before the update counts as complete.
    await this.monitoredTasksPassed();
    await this.setStatus(
      rollback ? UpdateState.UPDATE_STATE_ROLLBACK_COMPLETED : UpdateState.UPDATE_STATE_COMPLETED,
      rollback ? "rollback completed" : "update completed",
      { completed: true },
    );
  }

  /** Waits until every new task so far has got through its monitor period; throws once the update stops. */
  private async monitoredTasksPassed(): Promise<void> {
    for (;;) {
      this.checkStopped();
      const now = this.clock.now();
      const last = Math.max(0, ...this.monitored.values());
      if (last <= now) break;
      await this.sleep(last - now);
    }
    this.checkStopped();
  }

  /** Replaces the old tasks of one slot with a task of the current spec. */
  private async updateSlot(slot: string, startFirst: boolean, monitorMs: number): Promise<void> {
    this.checkStopped();
    const now = this.clock.now();
    let replacement = "";
    let old: string[] = [];
    await this.write((tx) => {
      const service = this.currentIn(tx);
      const key = serviceSpecKey(service);
      const live = tx.tasks({ serviceId: this.serviceId }).filter((t) => isLive(t) && slotKey(t) === slot);
      const stale = live.filter((t) => isTaskDirty(t, key));
      // A task of the new spec already in the slot (an update cut off by a leader change) is reused.
      const existing = live.find((t) => !isTaskDirty(t, key));
      // Old tasks told to stop but still running must stop before a waiting new task starts.
      const stopping = tx
        .tasks({ serviceId: this.serviceId })
        .filter((t) => slotKey(t) === slot && !isLive(t) && !isTerminal(t.status?.state ?? 0));
      old = [...stale, ...stopping].map((t) => t.id ?? "");
      if (stale.length === 0 && !(existing && isWaitingToStart(existing))) return;
      // A global slot whose node was paused since the update listed it is left as it is.
      if (slot.startsWith("node:") && isPausedNode(tx, slot.slice("node:".length))) return;
      if (existing) {
        replacement = existing.id ?? "";
        // A task a stop-first update left waiting, taken over by a start-first one (a rollback
        // whose order differs, or a new spec with the same task template): start-first does not
        // wait for the old task to stop, so it is told to run now, or nothing ever would.
        if (startFirst && isWaitingToStart(existing))
          tx.update("task", { ...existing, desiredState: State.TASK_STATE_RUNNING });
      } else {
        const model = stale[0]!;
        const task = newTask(
          service,
          model.slot ?? 0,
          this.newId(),
          now,
          (model.slot ?? 0) > 0 ? "" : (model.nodeId ?? ""),
        );
        // Stop-first: the new task is placed and prepared, but runs only once the old one has stopped.
        if (!startFirst) task.desiredState = State.TASK_STATE_READY;
        tx.create("task", task);
        replacement = task.id ?? "";
      }
      if (!startFirst) for (const t of stale) shutdown(tx, t);
      // Start-first keeps ONE old task serving while the new one starts. Any other stale task (a
      // replacement an interrupted update or rollback left unstarted, or a second running one)
      // stops now, or the slot would hold three live tasks, and three running once they start.
      // The serving task is written too, unchanged: the store checks the versions of the objects a
      // transaction writes, not of those it read, so without that write the orchestrator, which
      // read the slot before this commit and refills it (its node drained or went down), commits
      // a second task of the new spec beside this one, and both run for good. Writing it makes
      // whichever of the two commits second fail with a conflict and decide again.
      else {
        const serving = servingOf(stale);
        for (const t of stale) {
          if (t === serving) claim(tx, t);
          else shutdown(tx, t);
        }
      }
    });
    if (replacement === "") return;
    this.monitored.set(replacement, Number.POSITIVE_INFINITY);
    if (!startFirst) {
      // A stop-first slot begun is finished even when a failure elsewhere pauses the update: its
      // old task is stopping, and a paused update is left alone, so the slot would stay empty until
      // the operator acts. The supervisor leaves this updater running for that; a cancel (a new
      // spec, lost leadership) stops it, and the next updater finishes the slot.
      await this.until(() => old.every((id) => this.hasStopped(id)), { despitePause: true });
      await this.write(
        (tx) => {
          const task = tx.get("task", replacement);
          if (task && Number(task.desiredState ?? 0) === Number(State.TASK_STATE_READY))
            tx.update("task", { ...task, desiredState: State.TASK_STATE_RUNNING });
        },
        { despitePause: true },
      );
    }
    replacement = await this.followUntilRunning(slot, replacement);
    if (replacement === "") return;
    const task = this.store.view((tx) => tx.get("task", replacement));
    const running = task !== undefined && Number(task.status?.state ?? 0) === Number(State.TASK_STATE_RUNNING);
    if (!running) {
      // It failed before running: the failure was counted by onCommit; the old task of a
      // start-first update keeps serving.
      this.monitored.delete(replacement);
      this.checkStopped();
      return;
    }
    this.monitored.set(replacement, this.clock.now() + monitorMs);
    if (startFirst) {
      await this.write((tx) => {
        for (const id of old) {
          const t = tx.get("task", id);
          if (t && isLive(t)) shutdown(tx, t);
        }
      });
    }
  }

  /**
   * Tells a task a stop-first update left waiting to run once every other task of its slot has
   * stopped (finishOnly). A task no longer waiting (started, stopped, gone) is left as it is.
   */
  private async startWhenAlone(id: string): Promise<void> {
    const waiting = (): Task | undefined => {
      const task = this.store.view((tx) => tx.get("task", id));
      return task && isWaitingToStart(task) ? task : undefined;
    };
    const task = waiting();
    if (!task) return;
    const slot = slotKey(task);
    // Looked up by slot (or node), not through the whole service: this runs after every commit.
    const query =
      (task.slot ?? 0) > 0
        ? { serviceId: this.serviceId, slot: task.slot ?? 0 }
        : { serviceId: this.serviceId, nodeId: task.nodeId ?? "" };
    const others = (): string[] =>
      this.store
        .view((tx) => tx.tasks(query))
        .filter((t) => t.id !== id && slotKey(t) === slot && !isTerminal(t.status?.state ?? 0))
        .map((t) => t.id ?? "");
    await this.until(() => waiting() === undefined || others().every((other) => this.hasStopped(other)));
    await this.write((tx) => {
      const task = tx.get("task", id);
      if (task && isWaitingToStart(task)) tx.update("task", { ...task, desiredState: State.TASK_STATE_RUNNING });
    });
  }

  /**
   * Waits until the slot's new task runs or fails. A new task retired before it ran (its node went
   * DOWN, e.g. the old leader's own node, and the orchestrator replaced it with a task of the same
   * spec) is not a failure of the update: the wait moves on to its successor in the slot. Returns
   * the task waited for last, or "" when the slot has no task of the new spec left to wait for.
   */
  private async followUntilRunning(slot: string, first: string): Promise<string> {
    let id = first;
    for (;;) {
      await this.until(() => {
        const task = this.store.view((tx) => tx.get("task", id));
        return (
          !task ||
          Number(task.status?.state ?? 0) >= Number(State.TASK_STATE_RUNNING) ||
          Number(task.desiredState ?? 0) > Number(State.TASK_STATE_RUNNING)
        );
      });
      const next = this.store.view((tx) => {
        const task = tx.get("task", id);
        if (
          task &&
          (Number(task.status?.state ?? 0) >= Number(State.TASK_STATE_RUNNING) ||
            Number(task.desiredState ?? 0) <= Number(State.TASK_STATE_RUNNING))
        )
          return id;
        const key = serviceSpecKey(this.currentIn(tx));
        return (
          tx.tasks({ serviceId: this.serviceId }).find((t) => isLive(t) && slotKey(t) === slot && !isTaskDirty(t, key))
            ?.id ?? ""
        );
      });
      if (next === id) return id;
      this.monitored.delete(id);
      if (next === "") return "";
      this.monitored.set(next, Number.POSITIVE_INFINITY);
      id = next;
    }
  }

  /** Whether an old task no longer runs: it stopped, never reached a node, is gone, or its node is down. */
  private hasStopped(id: string): boolean {
    return this.store.view((tx) => {
      const t = tx.get("task", id);
      if (!t) return true;
      const state = Number(t.status?.state ?? 0);
      if (state > Number(State.TASK_STATE_RUNNING) || state < Number(State.TASK_STATE_ASSIGNED)) return true;
      const node = tx.get("node", t.nodeId ?? "");
      return !node || Number(node.status?.state ?? 0) === Number(swarm.v1.NodeStatus.State.STATE_DOWN);
    });
  }

  private onCommit(commit: StoreCommit): void {
    for (const e of commit.events) {
      // A pause this update did not write (its failure did, under the previous leader) stops it
      // too: the supervisor leaves an updater of a paused service running to finish its begun slots.
      if (e.kind === "service" && e.object.id === this.serviceId && !this.finishOnly && this.stoppedBy === null) {
        if (isPaused(e.object)) this.stoppedBy = "the update was paused";
        continue;
      }
      if (e.kind !== "task" || e.action === "remove") continue;
      const task = e.object as Task;
      const id = task.id ?? "";
      const until = this.monitored.get(id);
      if (until === undefined || this.counted.has(id)) continue;
      const state = Number(task.status?.state ?? 0);
      // A task we did not ask to stop that stops within its monitor window is a failed update.
      if (
        state > Number(State.TASK_STATE_RUNNING) &&
        Number(task.desiredState ?? 0) <= Number(State.TASK_STATE_RUNNING) &&
        this.clock.now() <= until
      ) {
        this.counted.add(id);
        this.failures++;
        this.onFailure(id);
      }
    }
    this.wake();
  }

  private onFailure(taskId: string): void {
    const service = this.store.view((tx) => tx.get("service", this.serviceId));
    if (!service || this.stoppedBy !== null) return;
    const rollback = isRollingBack(service);
    const config = (rollback ? service.spec?.rollback : service.spec?.update) ?? {};
    const ratio = Number(config.maxFailureRatio ?? updateDefaults.maxFailureRatio);
    if (this.failures / Math.max(1, this.total) <= ratio) return;
    const action = Number(config.failureAction ?? 0);
    if (action === Number(FailureAction.FAILURE_ACTION_CONTINUE)) return;
    this.stoppedBy = taskId;
    const why = `due to failure or early termination of task ${taskId}`;
    const done = (): void => this.wake();
    if (action === Number(FailureAction.FAILURE_ACTION_ROLLBACK) && !rollback && service.previousSpec) {
      this.stopWrite = this.store
        .update((tx) => {
          const s = this.currentIn(tx);
          tx.update("service", {
            ...s,
            spec: s.previousSpec!,
            previousSpec: s.spec!,
            updateStatus: {
              state: UpdateState.UPDATE_STATE_ROLLBACK_STARTED,
              startedAt: timestampFromMs(this.clock.now()),
              message: `update rolled back ${why}`,
            },
          });
        })
        .then(done, done);
      return;
    }
    const state = rollback ? UpdateState.UPDATE_STATE_ROLLBACK_PAUSED : UpdateState.UPDATE_STATE_PAUSED;
    this.stopWrite = this.setStatus(state, `${rollback ? "rollback" : "update"} paused ${why}`, {}).then(done, done);
  }

  private async setStatus(
    state: swarm.v1.UpdateStatus.State,
    message: string,
    when: { started?: boolean; completed?: boolean },
  ): Promise<void> {
    const now = this.clock.now();
    // Not this.write(): the status must be written even when a failure has just stopped the update.
    await this.store.update((tx) => {
      const s = this.currentIn(tx);
      const status: swarm.v1.UpdateStatus.$Properties = { ...s.updateStatus, state, message };
      if (when.started) status.startedAt = timestampFromMs(now);
      if (when.completed) status.completedAt = timestampFromMs(now);
      tx.update("service", { ...s, updateStatus: status });
    });
  }

  /** The service, checked to still carry the spec this update converges to. */
  private current(): Service {
    return this.store.view((tx) => this.currentIn(tx));
  }

  private currentIn(tx: { get: WriteTx["get"] }): Service {
    const service = tx.get("service", this.serviceId);
    if (!service || serviceSpecKey(service) !== this.specKey || this.abort.signal.aborted) throw new UpdateStopped();
    return service;
  }

  private checkStopped(options: { despitePause?: boolean } = {}): void {
    if ((this.stoppedBy !== null && !options.despitePause) || this.abort.signal.aborted) throw new UpdateStopped();
  }

  /** Writes through the store, retrying when a concurrent write (a status report) got there first; `despitePause` goes on after a failure paused the update. */
  private async write(fn: (tx: WriteTx) => void, options: { despitePause?: boolean } = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.checkStopped(options);
      try {
        await this.store.update(fn);
        return;
      } catch (error) {
        if (!(error instanceof SequenceConflictError) || attempt >= writeAttemptsMax) throw error;
      }
    }
  }

  /** Resolves once `ready()` holds, re-checking after every commit; throws once the update stops (a pause too, unless `despitePause`). */
  private async until(ready: () => boolean, options: { despitePause?: boolean } = {}): Promise<void> {
    for (;;) {
      this.checkStopped(options);
      if (ready()) return;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Waits ms on the clock; throws once the update stops meanwhile. */
  private async sleep(ms: number): Promise<void> {
    const deadline = this.clock.now() + ms;
    while (this.clock.now() < deadline) {
      this.checkStopped();
      let cancel = (): void => undefined;
      // Commits wake this too (so a stop is noticed at once); the loop then waits for the rest.
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
        cancel = this.clock.after(deadline - this.clock.now(), resolve);
      });
      cancel();
    }
    this.checkStopped();
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }
}

/**
 * Waits for every promise, then rejects with the first rejection, if any: an update stopped by a
 * failure in one slot still waits for the stop-first slots begun beside it to get their new task
 * started (and their watch on the store must last until then).
 */
async function allSettled(work: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  for (const r of results) if (r.status === "rejected") throw r.reason;
}

/** The stale task of a slot that keeps serving during a start-first update: the furthest along (ties: the last listed). */
function servingOf(stale: readonly Task[]): Task | undefined {
  let best: Task | undefined;
  for (const t of stale) if (!best || Number(t.status?.state ?? 0) >= Number(best.status?.state ?? 0)) best = t;
  return best;
}

/** Writes a task unchanged, so a concurrent transaction that read it and writes it too fails with a conflict. */
function claim(tx: WriteTx, task: Task): void {
  tx.update("task", task);
}

function shutdown(tx: WriteTx, task: Task): void {
  tx.update("task", { ...task, desiredState: State.TASK_STATE_SHUTDOWN });
}
