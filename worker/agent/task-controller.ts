// One task's state machine on the node. The controller moves the task ONE STATE AT A TIME through
// its runtime (ASSIGNED → ACCEPTED → PREPARING → READY → STARTING → RUNNING → COMPLETE | FAILED),
// records every new status in the task database before reporting it, and never moves a state
// backwards: a terminal state stays terminal. A desired state of SHUTDOWN (or later) aborts what is
// in flight and stops the task; removal (desired REMOVE, or the task no longer assigned) stops it,
// deletes its runtime and forgets it. After an agent restart a controller built from the database
// first inspects the runtime, so a container that still runs is adopted rather than started again.
import { type Clock, realClock, timestampFromMs } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  ExitedEarlyError,
  TaskRejectedError,
  UnhealthyError,
  type PrepareOptions,
  type TaskRuntime,
} from "../executor/index.js";
import { stderrLog, type AgentLog, type TaskRecords } from "./task-db.js";

const S = swarm.v1.TaskState;

/** Stop grace when the task's spec gives none (Docker's default). */
export const stopGraceMsDefault = 10_000;

/** Receives every status a controller records. */
export type StatusListener = (taskId: string, status: swarm.v1.TaskStatus.$Properties) => void;

/** Options of a task controller. */
export interface TaskControllerOptions {
  /** The task as assigned. */
  readonly task: swarm.v1.Task.$Properties;
  /** Its runtime. */
  readonly runtime: TaskRuntime;
  /** Where its statuses are persisted. */
  readonly db: TaskRecords;
  /** Called with every new status, after it is persisted. */
  readonly report: StatusListener;
  /**
   * The status recorded before this controller existed (database or manager). When given, the
   * controller adopts: it inspects the runtime before doing anything.
   */
  readonly recorded?: swarm.v1.TaskStatus.$Properties | null;
  /** Log sink. */
  readonly log?: AgentLog;
  /** The task's secret and config files, when it references any (see task-files.ts). */
  readonly files?: TaskFilesHook;
  /** Time of its statuses (default: the real clock). */
  readonly clock?: Clock;
}

/** Writes a task's secret and config files before it is prepared and deletes them once it is removed. */
export interface TaskFilesHook {
  /** Writes the files of the task as last assigned; throws (failing the task) when one is missing. */
  write(task: swarm.v1.Task.$Properties): Promise<void>;
  /** Deletes the task's files. */
  remove(taskId: string): Promise<void>;
}

/** Whether a state is final for the agent: nothing moves the task out of it. */
export function isTerminalState(state: number): boolean {
  return state >= Number(S.TASK_STATE_COMPLETE);
}

/** Name of a state without its prefix, for messages. */
export function stateName(state: number): string {
  return (swarm.v1.TaskState[state] ?? String(state)).replace("TASK_STATE_", "");
}

interface ContainerInfo {
  containerId?: string;
  pid?: number;
  exitCode?: number;
  ports?: readonly swarm.v1.IPortConfig[];
}

/** Drives one task. Construct it to start; call {@link TaskController.update} on every reassignment. */
export class TaskController {
  /** Task id. */
  readonly taskId: string;
  /** Resolves when the controller has nothing more to do (closed or task removed). */
  readonly done: Promise<void>;
  private task: swarm.v1.Task.$Properties;
  private current: swarm.v1.TaskStatus.$Properties;
  private readonly runtime: TaskRuntime;
  private readonly db: TaskRecords;
  private readonly report: StatusListener;
  private readonly log: AgentLog;
  private readonly files: TaskFilesHook | undefined;
  private readonly adopting: boolean;
  private container: ContainerInfo = {};
  private removeRequested = false;
  private closed = false;
  private removedFlag = false;
  /** Set by adoption when the runtime lost a prepared container: prepare again before starting. */
  private needPrepare = false;
  /** Set by adoption when the container runs already: do not call start() again. */
  private skipStart = false;
  private inflight: AbortController | null = null;
  private wake: (() => void) | null = null;

  private readonly clock: Clock;

  constructor(options: TaskControllerOptions) {
    this.clock = options.clock ?? realClock;
    this.task = options.task;
    this.taskId = options.task.id ?? "";
    this.runtime = options.runtime;
    this.db = options.db;
    this.report = options.report;
    this.log = options.log ?? stderrLog;
    this.files = options.files;
    this.adopting = options.recorded !== undefined && options.recorded !== null;
    this.current = options.recorded ?? { state: S.TASK_STATE_ASSIGNED };
    if (Number(this.current.state ?? 0) < Number(S.TASK_STATE_ASSIGNED))
      this.current = { ...this.current, state: S.TASK_STATE_ASSIGNED };
    const c = this.current.container;
    if (c)
      this.container = { containerId: c.containerId ?? "", pid: Number(c.pid ?? 0), exitCode: Number(c.exitCode ?? 0) };
    this.done = this.run();
  }

  /** The observed state. */
  get state(): number {
    return Number(this.current.state ?? 0);
  }

  /** The status last recorded. */
  get status(): swarm.v1.TaskStatus.$Properties {
    return this.current;
  }

  /** Whether the task's runtime has been removed and its record deleted. */
  get removed(): boolean {
    return this.removedFlag;
  }

  /** The task as last assigned. */
  get assigned(): swarm.v1.Task.$Properties {
    return this.task;
  }

  private get desired(): number {
    return Number(this.task.desiredState ?? 0);
  }

  private stopWanted(): boolean {
    return this.removeRequested || this.desired >= Number(S.TASK_STATE_SHUTDOWN);
  }

  /** Takes a new version of the task (its desired state may have changed). */
  update(task: swarm.v1.Task.$Properties): void {
    if (this.closed || this.removedFlag) return;
    this.task = task;
    this.db
      .putTask(task)
      .catch((error: unknown) =>
        this.log("task-controller.persist-failed", { taskId: this.taskId, error: String(error) }),
      );
    this.poke();
  }

  /** The task is no longer assigned: stop it, remove its runtime and forget it. */
  remove(): void {
    if (this.closed) return;
    this.removeRequested = true;
    this.poke();
  }

  /** Stops driving the task without touching its runtime (agent shutdown); the task keeps running. */
  async close(): Promise<void> {
    this.closed = true;
    this.inflight?.abort(new Error("agent stopping"));
    this.wake?.();
    await this.done;
  }

  private poke(): void {
    if (this.stopWanted()) this.inflight?.abort(new Error(`desired state ${stateName(this.desired)}`));
    this.wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    try {
      if (!this.db.get(this.taskId)) await this.db.putTask(this.task);
      if (this.adopting) await this.adopt();
      while (!this.closed) {
        if (this.stopWanted()) {
          await this.stopTask();
          if (this.closed) return;
          if (this.removeRequested || this.desired >= Number(S.TASK_STATE_REMOVE)) {
            await this.removeTask();
            return;
          }
          await this.sleep();
          continue;
        }
        if (
          isTerminalState(this.state) ||
          (this.state === Number(S.TASK_STATE_READY) && this.desired < Number(S.TASK_STATE_RUNNING))
        ) {
          // Nothing to do until the desired state changes (a task desired READY is prepared, not started).
          await this.sleep();
          continue;
        }
        try {
          await this.step();
        } catch (error) {
          if (this.closed || this.stopWanted()) continue;
          await this.fail(error);
        }
      }
    } catch (error) {
      this.log("task-controller.stopped", {
        taskId: this.taskId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Performs the work of the current state and moves to the next one. */
  private async step(): Promise<void> {
    const state = this.state;
    if (state < Number(S.TASK_STATE_ACCEPTED)) return this.transition(S.TASK_STATE_ACCEPTED, "accepted");
    if (state === Number(S.TASK_STATE_ACCEPTED)) return this.transition(S.TASK_STATE_PREPARING, "preparing");
    if (state === Number(S.TASK_STATE_PREPARING)) {
      await this.files?.write(this.task);
      await this.op((signal) => this.runtime.prepare(signal, this.prepareOptions()));
      await this.refresh();
      return this.transition(S.TASK_STATE_READY, "prepared");
    }
    if (state === Number(S.TASK_STATE_READY)) {
      if (this.needPrepare) {
        await this.files?.write(this.task);
        await this.op((signal) => this.runtime.prepare(signal, this.prepareOptions()));
        this.needPrepare = false;
        await this.refresh();
      }
      return this.transition(S.TASK_STATE_STARTING, "starting");
    }
    if (state === Number(S.TASK_STATE_STARTING)) {
      if (!this.skipStart) await this.runtime.start();
      this.skipStart = false;
      await this.op((signal) => this.runtime.healthy(signal));
      await this.refresh();
      return this.transition(S.TASK_STATE_RUNNING, "started");
    }
    if (state === Number(S.TASK_STATE_RUNNING)) {
      const result = await this.op((signal) => this.runtime.wait(signal));
      this.container = { ...this.container, exitCode: result.exitCode };
      delete this.container.pid;
      if (result.exitCode === 0) return this.transition(S.TASK_STATE_COMPLETE, "finished");
      return this.transition(S.TASK_STATE_FAILED, "finished", exitMessage(result.exitCode, result.error));
    }
  }

  /**
   * The registry credentials of the task as last assigned (the session's copy: the task database
   * never holds them) and a progress reporter that shows a pull's progress as the status message
   * of the state the task is in, without recording it.
   */
  private prepareOptions(): PrepareOptions {
    const registryAuth = this.task.spec?.container?.pullOptions?.registryAuth ?? "";
    const state = this.current.state;
    return {
      ...(registryAuth !== "" ? { registryAuth } : {}),
      progress: (message) => {
        if (this.closed || this.current.state !== state) return;
        this.report(this.taskId, { ...this.current, message, timestamp: timestampFromMs(this.clock.now()) });
      },
    };
  }

  /** Runs one abortable runtime call; a stop requested meanwhile aborts it. */
  private async op<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.inflight = controller;
    if (this.closed || this.stopWanted()) controller.abort(new Error("stop requested"));
    try {
      return await call(controller.signal);
    } finally {
      if (this.inflight === controller) this.inflight = null;
    }
  }

  /** Maps an executor error to the task's final state. */
  private async fail(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TaskRejectedError && this.state <= Number(S.TASK_STATE_READY)) {
      return this.transition(S.TASK_STATE_REJECTED, "rejected", message);
    }
    if (error instanceof ExitedEarlyError) {
      this.container = { ...this.container, exitCode: error.exitCode };
      if (error.exitCode === 0) return this.transition(S.TASK_STATE_COMPLETE, "finished");
      return this.transition(S.TASK_STATE_FAILED, "finished", exitMessage(error.exitCode));
    }
    if (error instanceof UnhealthyError) {
      // An unhealthy container may still run; it must not linger beside its replacement.
      await this.stopRuntime();
    } else {
      await this.refresh();
    }
    return this.transition(S.TASK_STATE_FAILED, "failed", message);
  }

  /** Stops the task on request: shuts its runtime down if it was started, then SHUTDOWN. */
  private async stopTask(): Promise<void> {
    if (isTerminalState(this.state)) return;
    if (this.state >= Number(S.TASK_STATE_STARTING)) {
      const error = await this.stopRuntime();
      if (error !== null) return this.transition(S.TASK_STATE_FAILED, "shutdown failed", error);
    }
    return this.transition(S.TASK_STATE_SHUTDOWN, "shutdown");
  }

  /** Graceful shutdown, then a kill if that fails; returns the error message if both fail. */
  private async stopRuntime(): Promise<string | null> {
    try {
      await this.runtime.shutdown(this.graceMs());
    } catch (error) {
      this.log("task-controller.shutdown-failed", { taskId: this.taskId, error: String(error) });
      try {
        await this.runtime.terminate();
      } catch (killError) {
        return killError instanceof Error ? killError.message : String(killError);
      }
    }
    await this.refresh();
    return null;
  }

  private graceMs(): number {
    const ns = Number(this.task.spec?.container?.stopGracePeriodNs ?? 0);
    return ns > 0 ? Math.ceil(ns / 1e6) : stopGraceMsDefault;
  }

  private async removeTask(): Promise<void> {
    try {
      await this.runtime.remove();
    } catch (error) {
      // What cannot be removed now is found by label and removed by the next agent start.
      this.log("task-controller.remove-failed", { taskId: this.taskId, error: String(error) });
    }
    // Gone already unless the task never stopped (removed before it started); a leftover is pruned
    // at the next agent start.
    await this.removeFiles();
    await this.db.delete(this.taskId);
    this.removedFlag = true;
  }

  /** Reconciles the recorded state with what the runtime shows after an agent restart. */
  private async adopt(): Promise<void> {
    const recorded = this.state;
    // A task that stopped while no agent ran (or before its files were removed) needs them no more.
    if (isTerminalState(recorded)) return this.removeFiles();
    if (recorded < Number(S.TASK_STATE_PREPARING)) return;
    const rt = await this.runtime.inspect();
    this.copy(rt);
    const starting = Number(S.TASK_STATE_STARTING);
    if (rt.exists && rt.running) {
      if (recorded < starting) await this.transition(S.TASK_STATE_STARTING, "adopted a running container");
      this.skipStart = true;
      this.log("task-controller.adopted", {
        taskId: this.taskId,
        state: stateName(recorded),
        containerId: rt.containerId,
      });
      return;
    }
    if (recorded < starting) {
      // Not started yet: prepare again (idempotent) and carry on.
      this.needPrepare = this.state === Number(S.TASK_STATE_READY);
      return;
    }
    if (!rt.exists) return this.transition(S.TASK_STATE_FAILED, "failed", "container disappeared");
    if (rt.exitCode !== undefined && (recorded === Number(S.TASK_STATE_RUNNING) || rt.exitCode !== 0)) {
      if (rt.exitCode === 0) return this.transition(S.TASK_STATE_COMPLETE, "finished");
      return this.transition(S.TASK_STATE_FAILED, "finished", exitMessage(rt.exitCode, rt.error));
    }
    if (recorded === Number(S.TASK_STATE_RUNNING))
      return this.transition(S.TASK_STATE_FAILED, "failed", "container stopped while the agent was down");
    // STARTING with a created, never started container: start it (start is idempotent).
  }

  private async refresh(): Promise<void> {
    try {
      this.copy(await this.runtime.inspect());
    } catch (error) {
      this.log("task-controller.inspect-failed", { taskId: this.taskId, error: String(error) });
    }
  }

  private copy(rt: {
    containerId?: string;
    pid?: number;
    exitCode?: number;
    running: boolean;
    ports?: readonly swarm.v1.IPortConfig[];
  }): void {
    const next: ContainerInfo = { ...this.container };
    if (rt.containerId !== undefined) next.containerId = rt.containerId;
    if (rt.running && rt.pid !== undefined) next.pid = rt.pid;
    else delete next.pid;
    if (!rt.running && rt.exitCode !== undefined) next.exitCode = rt.exitCode;
    if (rt.ports !== undefined) next.ports = rt.ports;
    this.container = next;
  }

  /**
   * Deletes the task's secret and config files once it has stopped for good: nothing will read them
   * again (a task never starts twice), and they must not wait on the node until the task is pruned.
   */
  private async removeFiles(): Promise<void> {
    await this.files
      ?.remove(this.taskId)
      .catch((error: unknown) =>
        this.log("task-controller.remove-files-failed", { taskId: this.taskId, error: String(error) }),
      );
  }

  /** Records and reports a move to `next`; a move that is not forward is dropped. */
  private async transition(next: swarm.v1.TaskState, message: string, err = ""): Promise<void> {
    if (Number(next) <= this.state || isTerminalState(this.state)) return;
    const nowMs = this.clock.now();
    const status: swarm.v1.TaskStatus.$Properties = {
      state: next,
      message,
      err,
      timestamp: timestampFromMs(nowMs),
      container: {
        containerId: this.container.containerId ?? "",
        pid: this.container.pid ?? 0,
        exitCode: this.container.exitCode ?? 0,
      },
      ...(this.container.ports && this.container.ports.length > 0
        ? { portStatus: { ports: [...this.container.ports] } }
        : {}),
    };
    this.current = status;
    // Reported while it is written, not after: the fsyncs of the write would delay every state the
    // managers act on (a failed task stays a backend of its services until they hear). A node that
    // crashes before the write finds the process in the same state when it adopts the task, and
    // reports it again; the managers drop a report that does not move a task forward.
    const written = this.db.putStatus(this.taskId, status);
    this.report(this.taskId, status);
    await written;
    if (isTerminalState(Number(next))) await this.removeFiles();
  }
}

function exitMessage(exitCode: number, error?: string): string {
  return `task: non-zero exit (${exitCode})${error ? `: ${error}` : ""}`;
}
