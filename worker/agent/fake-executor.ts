// An in-memory Executor for the agent's tests and for hollow workers: its "containers" are records
// in a shared state object, so a second FakeExecutor built on the same state sees what the first
// left running, exactly as a restarted agent sees the Docker Engine. Tests script failures per task
// (prepare or start errors, a pull held until released, exits, unhealthiness) and read the calls.
import { EventEmitter } from "node:events";
import { type Clock, realClock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  type Executor,
  type ExitResult,
  type HealthState,
  type LogLine,
  type LogOptions,
  type OwnedRuntime,
  type RuntimeStatus,
  type TaskContext,
  type TaskRuntime,
  UnhealthyError,
} from "../executor/index.js";

/** Exit code the fake reports after a graceful stop (128 + SIGTERM). */
export const fakeStopExitCode = 143;
/** Exit code the fake reports after a kill (128 + SIGKILL). */
export const fakeKillExitCode = 137;

/** One fake container. */
export interface FakeContainer {
  /** Task id it runs. */
  readonly taskId: string;
  /** Container id. */
  readonly containerId: string;
  /** Whether it runs. */
  running: boolean;
  /** Whether it has been started at least once. */
  started: boolean;
  /** Exit code once exited. */
  exitCode?: number;
  /** Health. */
  health: HealthState;
  /** Pid while running. */
  pid?: number;
  /** When it was first started (ms since the epoch); its one log line carries this time. */
  startedAtMs?: number;
}

/** What a test scripts for one task. */
export interface FakeScript {
  /** prepare() throws this. */
  prepareError?: Error;
  /** start() throws this. */
  startError?: Error;
  /** prepare() waits until {@link FakeExecutor.releasePull} (or its abort). */
  holdPull?: boolean;
  /** After start, health stays "starting" (healthy() waits) until {@link FakeExecutor.makeHealthy}. */
  holdHealthy?: boolean;
}

/** One recorded call. */
export interface FakeCall {
  /** Task id (or container id for removeOwned). */
  readonly taskId: string;
  /** Method name; "prepare-aborted" when a held pull was aborted. */
  readonly method: string;
  /** Grace of a shutdown, in ms. */
  readonly graceMs?: number;
}

/**
 * The "engine": containers that outlive one FakeExecutor. Pass the same state to a new FakeExecutor
 * to simulate an agent restart while containers keep running.
 */
export class FakeEngineState {
  /** Containers by task id. */
  readonly containers = new Map<string, FakeContainer>();
  /** Emits "change" whenever a container changes. */
  readonly events = new EventEmitter();
  private serial = 0;

  constructor() {
    this.events.setMaxListeners(0);
  }

  /** Creates (or returns) the container of a task. */
  create(taskId: string): FakeContainer {
    let c = this.containers.get(taskId);
    if (!c) {
      c = { taskId, containerId: `fake-${taskId}-${++this.serial}`, running: false, started: false, health: "none" };
      this.containers.set(taskId, c);
      this.changed();
    }
    return c;
  }

  /** A container that runs already, as if an earlier agent had started it. */
  addRunning(taskId: string): FakeContainer {
    const c = this.create(taskId);
    c.running = true;
    c.started = true;
    c.pid = 1000 + this.serial;
    this.changed();
    return c;
  }

  /** Signals waiters that a container changed. */
  changed(): void {
    this.events.emit("change");
  }
}

/** The in-memory executor. */
export class FakeExecutor implements Executor {
  /** Reported as a process executor, the kind hollow workers stand in for. */
  readonly kind = "process";
  /** The shared engine state. */
  readonly state: FakeEngineState;
  /** Every call made through this instance, in order. */
  readonly calls: FakeCall[] = [];
  private readonly scripts = new Map<string, FakeScript>();
  private readonly pullGates = new Map<string, () => void>();
  private readonly description: swarm.v1.NodeDescription.$Properties;
  /** The time of container starts (default: the real clock). */
  readonly clock: Clock;

  constructor(
    options: { state?: FakeEngineState; description?: swarm.v1.NodeDescription.$Properties; clock?: Clock } = {},
  ) {
    this.state = options.state ?? new FakeEngineState();
    this.clock = options.clock ?? realClock;
    this.description = options.description ?? {
      hostname: "fake-host",
      platform: { os: "linux", architecture: "x86_64" },
      resources: { nanoCpus: 4e9, memoryBytes: 8 * 2 ** 30 },
      engine: { engineVersion: "fake" },
    };
  }

  /** Scripts the behaviour of one task (merged with what was scripted before). */
  script(taskId: string, script: FakeScript): void {
    this.scripts.set(taskId, { ...this.scripts.get(taskId), ...script });
  }

  /** Lets a held pull finish. */
  releasePull(taskId: string): void {
    this.script(taskId, { holdPull: false });
    this.pullGates.get(taskId)?.();
  }

  /** Lets a held healthcheck pass. */
  makeHealthy(taskId: string): void {
    this.script(taskId, { holdHealthy: false });
    const c = this.state.containers.get(taskId);
    if (c) c.health = "healthy";
    this.state.changed();
  }

  /** Makes a running task exit with `exitCode`. */
  exit(taskId: string, exitCode: number): void {
    const c = this.state.containers.get(taskId);
    if (!c) return;
    c.running = false;
    c.exitCode = exitCode;
    delete c.pid;
    this.state.changed();
  }

  /** Makes a task's healthcheck fail. */
  makeUnhealthy(taskId: string): void {
    const c = this.state.containers.get(taskId);
    if (!c) return;
    c.health = "unhealthy";
    this.state.changed();
  }

  /** Whether prepare of a task is waiting on its held pull. */
  pulling(taskId: string): boolean {
    return this.pullGates.has(taskId);
  }

  /** The recorded calls of one method for one task. */
  callsOf(taskId: string, method: string): FakeCall[] {
    return this.calls.filter((c) => c.taskId === taskId && c.method === method);
  }

  describe(): Promise<swarm.v1.INodeDescription> {
    return Promise.resolve(swarm.v1.NodeDescription.create(this.description));
  }

  list(): Promise<OwnedRuntime[]> {
    return Promise.resolve(
      [...this.state.containers.values()].map((c) => ({
        taskId: c.taskId,
        containerId: c.containerId,
        running: c.running,
      })),
    );
  }

  removeOwned(containerId: string): Promise<void> {
    this.calls.push({ taskId: containerId, method: "removeOwned" });
    for (const [taskId, c] of this.state.containers)
      if (c.containerId === containerId) this.state.containers.delete(taskId);
    this.state.changed();
    return Promise.resolve();
  }

  runtime(context: TaskContext): TaskRuntime {
    return new FakeRuntime(this, context.task.id ?? "");
  }

  /** @internal Used by FakeRuntime. */
  scriptOf(taskId: string): FakeScript {
    return this.scripts.get(taskId) ?? {};
  }

  /** @internal Used by FakeRuntime: a promise resolved by `releasePull`, rejected on abort. */
  gate(taskId: string, signal: AbortSignal): Promise<void> {
    const gates = this.pullGates;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        gates.delete(taskId);
        signal.removeEventListener("abort", abort);
      };
      const abort = (): void => {
        done();
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      };
      if (signal.aborted) return abort();
      gates.set(taskId, () => {
        done();
        resolve();
      });
      signal.addEventListener("abort", abort, { once: true });
    });
  }
}

/** Resolves when `check` returns a value, re-checking on every engine change; rejects on abort. */
function until<T>(state: FakeEngineState, signal: AbortSignal, check: () => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      state.events.off("change", onChange);
      signal.removeEventListener("abort", onAbort);
    };
    const onChange = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value !== undefined) {
        cleanup();
        resolve(value);
      }
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    if (signal.aborted) return onAbort();
    state.events.on("change", onChange);
    signal.addEventListener("abort", onAbort, { once: true });
    onChange();
  });
}

class FakeRuntime implements TaskRuntime {
  constructor(
    private readonly executor: FakeExecutor,
    private readonly taskId: string,
  ) {}

  private get state(): FakeEngineState {
    return this.executor.state;
  }

  private record(method: string, graceMs?: number): void {
    this.executor.calls.push({ taskId: this.taskId, method, ...(graceMs === undefined ? {} : { graceMs }) });
  }

  async prepare(signal: AbortSignal): Promise<void> {
    this.record("prepare");
    const script = this.executor.scriptOf(this.taskId);
    if (script.holdPull && !this.state.containers.has(this.taskId)) {
      try {
        await this.executor.gate(this.taskId, signal);
      } catch (error) {
        this.record("prepare-aborted");
        throw error;
      }
    }
    if (script.prepareError) throw script.prepareError;
    this.state.create(this.taskId);
  }

  start(): Promise<void> {
    this.record("start");
    const script = this.executor.scriptOf(this.taskId);
    if (script.startError) return Promise.reject(script.startError);
    const c = this.state.create(this.taskId);
    if (!c.running && !c.started) {
      c.running = true;
      c.started = true;
      c.startedAtMs = this.executor.clock.now();
      c.pid = 4000 + this.state.containers.size;
      c.health = script.holdHealthy ? "starting" : "none";
      this.state.changed();
    }
    return Promise.resolve();
  }

  async healthy(signal: AbortSignal): Promise<void> {
    this.record("healthy");
    await until(this.state, signal, () => {
      const c = this.state.containers.get(this.taskId);
      if (!c?.started) throw new Error("container is not started");
      if (c.health === "unhealthy") throw new UnhealthyError("healthcheck failed");
      if (!c.running) throw new UnhealthyError(`exited with code ${c.exitCode ?? -1}`);
      return c.health === "starting" ? undefined : true;
    });
  }

  wait(signal: AbortSignal): Promise<ExitResult> {
    this.record("wait");
    return until(this.state, signal, () => {
      const c = this.state.containers.get(this.taskId);
      if (!c) throw new Error("container disappeared");
      if (c.health === "unhealthy") throw new UnhealthyError("healthcheck failed");
      return c.running ? undefined : { exitCode: c.exitCode ?? 0 };
    });
  }

  shutdown(graceMs: number): Promise<void> {
    this.record("shutdown", graceMs);
    this.stop(fakeStopExitCode);
    return Promise.resolve();
  }

  terminate(): Promise<void> {
    this.record("terminate");
    this.stop(fakeKillExitCode);
    return Promise.resolve();
  }

  private stop(exitCode: number): void {
    const c = this.state.containers.get(this.taskId);
    if (!c?.running) return;
    c.running = false;
    c.exitCode = exitCode;
    delete c.pid;
    this.state.changed();
  }

  remove(): Promise<void> {
    this.record("remove");
    this.state.containers.delete(this.taskId);
    this.state.changed();
    return Promise.resolve();
  }

  inspect(): Promise<RuntimeStatus> {
    const c = this.state.containers.get(this.taskId);
    if (!c) return Promise.resolve({ exists: false, running: false, health: "none" });
    return Promise.resolve({
      exists: true,
      running: c.running,
      health: c.health,
      containerId: c.containerId,
      ...(c.exitCode === undefined ? {} : { exitCode: c.exitCode }),
      ...(c.pid === undefined ? {} : { pid: c.pid }),
    });
  }

  /** One stdout line per started container ("fake task <id> started"), so log paths see output. */
  async *logs(options: LogOptions): AsyncIterable<LogLine> {
    const c = this.state.containers.get(this.taskId);
    if (c?.startedAtMs === undefined || options.tail === 0 || c.startedAtMs < (options.sinceMs ?? 0)) return;
    yield await Promise.resolve<LogLine>({
      stream: "stdout",
      timeMs: c.startedAtMs,
      line: `fake task ${this.taskId} started`,
    });
  }
}
