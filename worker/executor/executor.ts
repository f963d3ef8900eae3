// The contract between the agent's task controllers and a runtime (Docker Engine or plain
// processes). The controller owns the task state machine; an executor only does what it is told,
// one step at a time, and reports what the runtime really shows. Every step is idempotent, because
// after an agent restart the controller replays the steps of a task the runtime may already have done.
import type { swarm } from "../../proto/index.js";

/** Label keys every executor puts on what it creates, so a restarted agent can find its own. */
export const labelKeys = {
  /** Marks a container or process as ours. */
  managed: "io.swarm-ts.managed",
  /** Task id. */
  taskId: "io.swarm-ts.task.id",
  /** Task name (service name, slot, task id). */
  taskName: "io.swarm-ts.task.name",
  /** Service id. */
  serviceId: "io.swarm-ts.service.id",
  /** Service name. */
  serviceName: "io.swarm-ts.service.name",
  /** Slot number (replicated services). */
  slot: "io.swarm-ts.task.slot",
  /** Node id. */
  nodeId: "io.swarm-ts.node.id",
} as const;

/** What a task's runtime needs to know besides the task itself. */
export interface TaskContext {
  /** The task as assigned (spec, service id, slot, node id, annotations). */
  readonly task: swarm.v1.ITask;
  /** The node running it, for templates such as `{{.Node.Hostname}}`. */
  readonly node: { readonly id: string; readonly hostname: string };
  /** Directory holding the task's secret and config files (tmpfs), when it has any. */
  readonly filesDir?: string;
  /** Address host-mode published ports bind on. */
  readonly publishAddr?: string;
}

/** Health as the runtime reports it. */
export type HealthState = "none" | "starting" | "healthy" | "unhealthy";

/** What the runtime shows of one task right now. */
export interface RuntimeStatus {
  /** Whether a container or process exists for the task. */
  readonly exists: boolean;
  /** Whether it is running. */
  readonly running: boolean;
  /** Exit code once it has exited. */
  readonly exitCode?: number;
  /** Health, "none" without a healthcheck. */
  readonly health: HealthState;
  /** Container id (Docker) or a process handle id. */
  readonly containerId?: string;
  /** Process id while running. */
  readonly pid?: number;
  /** Runtime error message, e.g. an OOM kill. */
  readonly error?: string;
  /** Host-mode ports actually bound. */
  readonly ports?: readonly swarm.v1.IPortConfig[];
}

/** How a task's container or process ended. */
export interface ExitResult {
  /** Exit code (128 + signal for a signal death). */
  readonly exitCode: number;
  /** Runtime error message, if any. */
  readonly error?: string;
}

/** One line of a task's output. */
export interface LogLine {
  /** "stdout" or "stderr". */
  readonly stream: "stdout" | "stderr";
  /** When the line was written, in ms since the epoch. */
  readonly timeMs: number;
  /** The line, without its newline. */
  readonly line: string;
}

/** Which log lines to read. */
export interface LogOptions {
  /** Keep streaming new lines until aborted. */
  readonly follow: boolean;
  /** Only the last N lines that exist already; absent for all. */
  readonly tail?: number;
  /** Only lines written at or after this time (ms since the epoch). */
  readonly sinceMs?: number;
}

/** What a prepare needs besides the task it was made for. */
export interface PrepareOptions {
  /**
   * The service's registry credentials (X-Registry-Auth) from the task as last assigned, for the
   * image pull only: the runtime never stores them.
   */
  readonly registryAuth?: string;
  /** Receives progress to show in the task's status message, e.g. "pulling x: 3/5 layers". */
  readonly progress?: (message: string) => void;
}

/** Drives one task's container or process. Every method is idempotent. */
export interface TaskRuntime {
  /**
   * Pulls the image when absent and creates the container (not started). Throws
   * {@link ImageUnavailableError} when the image cannot be had (the task becomes REJECTED), any
   * other error fails the task. A container that already exists is kept.
   */
  prepare(signal: AbortSignal, options?: PrepareOptions): Promise<void>;
  /** Starts it; a container already running is left alone. */
  start(): Promise<void>;
  /**
   * Resolves once the task counts as running: started and, when it has a healthcheck, healthy.
   * Throws {@link UnhealthyError} if it turns unhealthy or exits first.
   */
  healthy(signal: AbortSignal): Promise<void>;
  /** Resolves when it exits; throws {@link UnhealthyError} when its healthcheck turns unhealthy. */
  wait(signal: AbortSignal): Promise<ExitResult>;
  /** Sends the stop signal, and SIGKILL after `graceMs` if it is still running. */
  shutdown(graceMs: number): Promise<void>;
  /** Kills it at once. */
  terminate(): Promise<void>;
  /** Deletes the container or process leftovers (logs included). */
  remove(): Promise<void>;
  /** What the runtime shows now. */
  inspect(): Promise<RuntimeStatus>;
  /** The task's output lines. */
  logs(options: LogOptions, signal: AbortSignal): AsyncIterable<LogLine>;
}

/** Something an executor created, found by its labels. */
export interface OwnedRuntime {
  /** Task id from the labels. */
  readonly taskId: string;
  /** Container id or process handle id. */
  readonly containerId: string;
  /** Whether it is running. */
  readonly running: boolean;
  /** Node id from the labels, when the runtime is shared by several nodes (one Docker Engine under test clusters). */
  readonly nodeId?: string;
}

/** A runtime for tasks: Docker Engine or plain processes. */
export interface Executor {
  /** "docker" or "process". */
  readonly kind: "docker" | "process";
  /** The node's description for registration: hostname, platform, resources, engine. */
  describe(): Promise<swarm.v1.INodeDescription>;
  /** The runtime of one task. */
  runtime(context: TaskContext): TaskRuntime;
  /** Everything carrying our labels, so a restarted agent adopts or removes it. */
  list(): Promise<OwnedRuntime[]>;
  /** Removes one thing found by {@link Executor.list} that belongs to no known task. */
  removeOwned(containerId: string): Promise<void>;
}
