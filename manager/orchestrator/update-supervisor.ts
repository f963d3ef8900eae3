// The update supervisor (leader only): starts one Updater per service whose tasks were made from an
// older spec, replaces it when the spec changes again, leaves paused updates alone until the
// operator acts (but for the slots they began, which are finished), and marks an update complete
// when a new leader finds nothing left to replace.
import { type Clock, type Log, randomId, realClock, silentLog, timestampFromMs } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type ComponentOptions, type LeaderComponent, runWatching } from "../component.js";
import type { MemoryStore, ObjectsByKind, StoreCommit } from "../store/index.js";
import { serviceSpecKey } from "./task-dirty.js";
import { dirtySlots, isPaused, isPausedNode, isRollingBack, Updater, waitingTasks } from "./updater.js";
import { afterWriteFailure } from "../write-failure.js";

type Task = ObjectsByKind["task"];

const UpdateState = swarm.v1.UpdateStatus.State;

/** Whether a node update ended its pause. */
function unpaused(before: unknown, after: unknown): boolean {
  const availability = (node: unknown): number =>
    Number((node as swarm.v1.Node.$Properties | undefined)?.spec?.availability ?? 0);
  const paused = Number(swarm.v1.NodeSpec.Availability.AVAILABILITY_PAUSE);
  return availability(before) === paused && availability(after) !== paused;
}

/** Runs rolling updates and rollbacks of replicated and global services. */
export class UpdateSupervisor implements LeaderComponent {
  private readonly updaters = new Map<string, Updater>();
  private readonly dirty = new Set<string>();
  /**
   * Services last found with no slot to replace, by the spec key they were checked with. Until the
   * key changes or one of their tasks is created or removed, nothing can make a slot dirty, so a
   * service change that keeps the key (labels, replicas, update settings) is not looked at again.
   */
  private readonly settled = new Map<string, string>();
  private readonly pass: CoalescedPass;
  private readonly clock: Clock;
  private readonly newId: () => string;

  private readonly log: Log;
  constructor(
    private readonly store: MemoryStore,
    options: ComponentOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.newId = options.newId ?? randomId;
    this.log = options.log ?? silentLog;
    this.pass = new CoalescedPass(() => this.check(), { clock: this.clock });
  }

  /** Runs until the signal aborts; running updates are cancelled then (the next leader resumes them). */
  async run(signal: AbortSignal): Promise<void> {
    this.settled.clear();
    for (const s of this.store.view((tx) => tx.all("service"))) this.dirty.add(s.id ?? "");
    await runWatching(this.store, signal, this.pass, (commit) => this.onCommit(commit));
    for (const u of this.updaters.values()) u.cancel();
    this.updaters.clear();
  }

  private onCommit(commit: StoreCommit): void {
    for (const e of commit.events) {
      if (e.kind === "service") this.dirty.add(e.object.id ?? "");
      // A node no longer paused lets global services update the tasks they left there.
      else if (e.kind === "node" && e.action === "update" && unpaused(e.old, e.object)) {
        for (const s of this.store.view((tx) => tx.all("service"))) {
          if (!s.spec?.global) continue;
          this.settled.delete(s.id ?? "");
          this.dirty.add(s.id ?? "");
        }
      }
      // Only task creations and removals can change which slots are dirty without a service change.
      else if (e.kind === "task" && e.action !== "update") {
        const serviceId = (e.object as Task).serviceId ?? "";
        this.settled.delete(serviceId);
        this.dirty.add(serviceId);
      }
    }
    if (this.dirty.size > 0) this.pass.request();
  }

  private async check(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const service = this.store.view((tx) => tx.get("service", id));
      const running = this.updaters.get(id);
      if (!service || !(service.spec?.replicated || service.spec?.global)) {
        running?.cancel();
        this.updaters.delete(id);
        this.settled.delete(id);
        continue;
      }
      const key = serviceSpecKey(service);
      const paused = isPaused(service);
      // The updater whose failure paused the update finishes the stop-first slots it began, then
      // ends; a paused update's other updater is one that only finishes such slots. An update
      // resumed with the same spec (`docker service update` clears the pause) needs a whole one.
      if (running?.specKey === key && (paused || !running.finishOnly)) continue;
      running?.cancel();
      this.updaters.delete(id);
      if (paused) {
        this.settled.delete(id);
        // A slot begun and left by the previous leader (or by an updater cut short) still has a
        // new task waiting to be told to run, after its old one stopped: nothing else would start it.
        const waiting = this.store.view((tx) =>
          waitingTasks(tx.tasks({ serviceId: id }), (nodeId) => isPausedNode(tx, nodeId)),
        );
        if (waiting.length > 0) this.start(id, new Updater(this.store, this.clock, this.newId, id, key, true));
        continue;
      }
      // An update still marked running is looked at, so completeIfDone can mark it complete.
      if (!running && this.settled.get(id) === key && !isMarkedRunning(service)) continue;
      const slots = this.store.view((tx) =>
        dirtySlots(service, tx.tasks({ serviceId: id }), (nodeId) => isPausedNode(tx, nodeId)),
      );
      if (slots.length === 0) {
        this.settled.set(id, key);
        await this.completeIfDone(id, key);
        continue;
      }
      this.settled.delete(id);
      this.start(id, new Updater(this.store, this.clock, this.newId, id, key));
    }
  }

  private start(id: string, updater: Updater): void {
    this.updaters.set(id, updater);
    void updater.run().then(
      () => this.finished(id, updater, null),
      (error: unknown) => this.finished(id, updater, error),
    );
  }

  /**
   * An updater ended: `error` is the write that stopped it, or null. Slots may have become dirty
   * again meanwhile (e.g. a restart with the old spec), so the service is looked at again — at
   * once after a clean end or a lost race, but only after a pause when a write failed otherwise: a
   * leader that drops every proposal (a leadership transfer under way) would else see updater after
   * updater fail at its first write, in a loop that never lets time move on.
   */
  private finished(id: string, updater: Updater, error: unknown): void {
    if (this.updaters.get(id) !== updater) return;
    this.updaters.delete(id);
    this.dirty.add(id);
    if (error === null) return this.pass.request();
    afterWriteFailure(error, this.log, "update-supervisor.updater-failed", { service: id });
    this.pass.requestAfterFailure(error);
  }

  /** An update whose last slot was replaced under the previous leader is marked complete here. */
  private async completeIfDone(id: string, key: string): Promise<void> {
    // Nearly always nothing to mark: look before opening a write transaction for every service change.
    const current = this.store.view((tx) => tx.get("service", id));
    if (!current || !isMarkedRunning(current)) return;
    const now = this.clock.now();
    try {
      await this.store.update((tx) => {
        const s = tx.get("service", id);
        if (!s || serviceSpecKey(s) !== key) return;
        if (!isMarkedRunning(s)) return;
        const rollback = isRollingBack(s);
        tx.update("service", {
          ...s,
          updateStatus: {
            ...s.updateStatus,
            state: rollback ? UpdateState.UPDATE_STATE_ROLLBACK_COMPLETED : UpdateState.UPDATE_STATE_COMPLETED,
            message: rollback ? "rollback completed" : "update completed",
            completedAt: timestampFromMs(now),
          },
        });
      });
    } catch (error) {
      afterWriteFailure(error, this.log, "update-supervisor.write-failed", { service: id });
      // A concurrent write to the service: it is looked at again after that commit.
    }
  }
}

/** Whether the service's update status says an update or a rollback is under way. */
function isMarkedRunning(service: ObjectsByKind["service"]): boolean {
  return (
    Number(service.updateStatus?.state ?? 0) === Number(UpdateState.UPDATE_STATE_UPDATING) || isRollingBack(service)
  );
}
