/**
 * Raised when an invariant does not hold. It signals a bug, never bad input: callers must not
 * catch it to recover, and the process is expected to crash so the fault is seen.
 */
export class AssertionFailedError extends Error {
  constructor(message: string) {
    super(`assertion failed: ${message}`);
    this.name = "AssertionFailedError";
  }
}

/** Checks an invariant; throws AssertionFailedError with `message` when it is false. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new AssertionFailedError(message);
}

/** Marks a branch the type checker proves unreachable, e.g. the default of an exhaustive switch. */
export function unreachable(value: never): never {
  throw new AssertionFailedError(`unreachable value: ${JSON.stringify(value)}`);
}
