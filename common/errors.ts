import type { ErrorCode } from "./error-catalogue.js";

/**
 * Base class of every operating error in swarm-ts: something that can go wrong in a correct
 * program (a bad request, a lost peer, a full disk). Each subclass has a stable `code` that
 * callers and tests match on instead of the message text, and carries its context as fields.
 * Programmer errors are not SwarmErrors: they are assertion failures (see assert.ts) and crash.
 */
export class SwarmError extends Error {
  /** Stable machine-readable code from the catalogue (error-catalogue.ts), e.g. "INVALID_ARGUMENT". */
  readonly code: ErrorCode;
  /** Context fields that explain the error (ids, names, indexes). */
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { context?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = Object.freeze({ ...options.context });
  }
}

/** A request field is missing or malformed; `field` names it with its path, e.g. "spec.task.container.image". */
export class InvalidArgumentError extends SwarmError {
  /** Dotted path of the offending field. */
  readonly field: string;

  constructor(field: string, problem: string, options: { cause?: unknown } = {}) {
    super("INVALID_ARGUMENT", `${field}: ${problem}`, { context: { field }, ...options });
    this.field = field;
  }
}

/** The named object does not exist. */
export class NotFoundError extends SwarmError {
  constructor(kind: string, id: string) {
    super("NOT_FOUND", `${kind} ${id} not found`, { context: { kind, id } });
  }
}

/** An object with the same unique name already exists. */
export class AlreadyExistsError extends SwarmError {
  constructor(kind: string, name: string) {
    super("ALREADY_EXISTS", `${kind} named ${JSON.stringify(name)} already exists`, { context: { kind, name } });
  }
}
