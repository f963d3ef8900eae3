// An answer other than success, as the Engine API gives it: an HTTP status and a message, sent as
// `{"message": …}`. Clients decide on the status (404 drives the docker CLI's logic: "no such
// service", creating a stack's missing secret, falling back from a service to a task), so every
// error that leaves the front end carries the status Docker would use.
import { SwarmError } from "../common/index.js";

/** A refused request with its HTTP status. */
export class HttpError extends SwarmError {
  constructor(
    /** HTTP status code, e.g. 404. */
    readonly status: number,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super("ENGINE_API_REFUSED", message, { context: { status }, ...options });
  }
}

/** 400 naming a request field (Docker's PascalCase path) and what is wrong with it. */
export class InvalidFieldError extends HttpError {
  constructor(
    /** Dotted path of the field, e.g. "TaskTemplate.ContainerSpec.Image". */
    readonly field: string,
    problem: string,
  ) {
    super(400, `${field}: ${problem}`);
  }
}

/**
 * 400 for a field Docker has and swarm-ts cannot represent: refused rather than silently dropped.
 * `what` names the unsupported thing ("sctp ports"), `hint` says what to do instead.
 */
export class UnsupportedFieldError extends InvalidFieldError {
  constructor(field: string, what = "", hint = "") {
    super(field, `not supported by swarm-ts${what ? ` (${what})` : ""}${hint ? `; ${hint}` : ""}`);
  }
}
