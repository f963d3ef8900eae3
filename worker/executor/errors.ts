// Errors an executor throws that the task controller maps to task states.
import { SwarmError } from "../../common/index.js";

/** The image could not be found or pulled; the task becomes REJECTED with the engine's message. */
export class ImageUnavailableError extends SwarmError {
  constructor(image: string, reason: string) {
    super("IMAGE_UNAVAILABLE", `image ${image}: ${reason}`, { context: { image } });
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
