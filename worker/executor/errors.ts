// Errors an executor throws that the task controller maps to task states.
import { type ErrorCode, SwarmError } from "../../common/index.js";

/**
 * The task cannot run on this node at all (its image cannot be had, it is meant for another
 * runtime, its program is not allowed here, the node cannot give it the network it asks for); the
 * task becomes REJECTED with the reason, and the orchestrator replaces it.
 */
export class TaskRejectedError extends SwarmError {
  constructor(reason: string, options: { code?: ErrorCode; context?: Record<string, unknown> } = {}) {
    super(options.code ?? "TASK_REJECTED", reason, options.context === undefined ? {} : { context: options.context });
  }
}

/** The image could not be found or pulled; the task becomes REJECTED with the engine's message. */
export class ImageUnavailableError extends TaskRejectedError {
  constructor(image: string, reason: string) {
    super(`image ${image}: ${reason}`, { code: "IMAGE_UNAVAILABLE", context: { image } });
  }
}

/**
 * The task's image is for another runtime than this node's: a container image on a node that runs
 * host processes, or a `process://` program on a node that runs containers.
 */
export class WrongRuntimeError extends TaskRejectedError {
  constructor(image: string, nodeRuntime: "process" | "container") {
    super(
      nodeRuntime === "process"
        ? `image ${JSON.stringify(image)} is a container image, and this node runs tasks as host processes (swarmd --executor process), never a program named after an image: write process://PROGRAM or process:///ABSOLUTE/PATH to run a host program, or run the task on a node with a Docker Engine`
        : `image ${JSON.stringify(image)} names a host program, and this node runs containers: run it on a node started with swarmd --executor process, or give a container image`,
      { code: "WRONG_RUNTIME", context: { image, nodeRuntime } },
    );
  }
}

/** The task's program is not on the node's allow list (`swarmd --process-allow`). */
export class ProgramNotAllowedError extends TaskRejectedError {
  constructor(program: string, resolved: string, allowed: string) {
    const where = resolved === program ? "" : ` (${resolved})`;
    super(`program ${JSON.stringify(program)}${where} is not allowed on this node (${allowed})`, {
      code: "PROGRAM_NOT_ALLOWED",
      context: { program, resolved },
    });
  }
}

/** The task's healthcheck reported unhealthy; the task becomes FAILED and is replaced. */
export class UnhealthyError extends SwarmError {
  constructor(detail: string) {
    super("UNHEALTHY", `task unhealthy: ${detail}`);
  }
}

/** The task exited before it became running (or healthy). */
export class ExitedEarlyError extends SwarmError {
  /** Its exit code. */
  readonly exitCode: number;

  constructor(exitCode: number) {
    super("EXITED", `task exited with code ${exitCode} before it was running`, { context: { exitCode } });
    this.exitCode = exitCode;
  }
}

/**
 * The engine could not create a volume the task mounts (an unknown driver, options the driver
 * refuses); the task becomes REJECTED with the driver's message, as on another node it may work.
 */
export class VolumeCreateError extends TaskRejectedError {
  constructor(volume: string, driver: string, reason: string) {
    super(`volume ${JSON.stringify(volume)} (driver ${driver}): ${reason}`, {
      code: "VOLUME_CREATE_FAILED",
      context: { volume, driver },
    });
  }
}

/**
 * The task asks for settings this node's executor cannot honour (a volume mount or a capability on
 * the process executor); it is rejected with every one of them named rather than run without them.
 */
export class UnsupportedSettingsError extends TaskRejectedError {
  /** The spec fields refused, each with why (e.g. "mounts[0]: volume mounts need a Docker Engine"). */
  readonly settings: readonly string[];

  constructor(executor: string, settings: readonly string[]) {
    super(`the ${executor} executor cannot honour ${settings.join("; ")}`, {
      code: "UNSUPPORTED_SETTINGS",
      context: { settings },
    });
    this.settings = settings;
  }
}
