// Errors an executor throws that the task controller maps to task states.
import { SwarmError } from "../../common/index.js";

/**
 * The task cannot run on this node at all (its image is missing, the node cannot give it the
 * network it asks for); the task becomes REJECTED with the reason, and the orchestrator replaces it.
 */
export class TaskRejectedError extends SwarmError {
  constructor(reason: string, options: { code?: string; context?: Record<string, unknown> } = {}) {
    super(options.code ?? "TASK_REJECTED", reason, options.context === undefined ? {} : { context: options.context });
  }
}

/** The image could not be found or pulled; the task becomes REJECTED with the engine's message. */
export class ImageUnavailableError extends TaskRejectedError {
  constructor(image: string, reason: string) {
    super(`image ${image}: ${reason}`, { code: "IMAGE_UNAVAILABLE", context: { image } });
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
