// The errors and warnings of stack files. Both name the file, the line and the key path, so an
// operator can go straight to the spot, e.g. "stack.yml:12: services.web.deploy.replicas: must be integer".
import { SwarmError } from "../../common/index.js";

/** Where a value was written: the file as the operator named it and a 1-based line. */
export interface SourcePos {
  /** The file, as given on the command line (or the .env / env_file path as written). */
  readonly file: string;
  /** 1-based line of the key or item; 0 when unknown. */
  readonly line: number;
}

/** One path step: a mapping key or a sequence index. */
export type PathStep = string | number;

/** Formats a key path as operators read it: `services.web.ports[0].target`. */
export function formatPath(path: readonly PathStep[]): string {
  let text = "";
  for (const step of path) text += typeof step === "number" ? `[${step}]` : text === "" ? step : `.${step}`;
  return text;
}

function prefix(at: SourcePos | undefined): string {
  if (!at) return "";
  return at.line > 0 ? `${at.file}:${at.line}: ` : `${at.file}: `;
}

/**
 * A stack file (or a file it names: .env, env_file, secret file) is unreadable, not valid YAML,
 * fails the Compose schema, or asks for something swarm-ts cannot do. The message is one line.
 */
export class StackFileError extends SwarmError {
  /** The file the problem is in, as named by the operator ("" when it is not in one file). */
  readonly file: string;
  /** 1-based line, 0 when unknown. */
  readonly line: number;
  /** Dotted key path of the offending value, "" for the whole file. */
  readonly path: string;

  constructor(
    at: SourcePos | undefined,
    path: readonly PathStep[],
    problem: string,
    options: { cause?: unknown } = {},
  ) {
    const keyPath = formatPath(path);
    super("STACK_FILE_INVALID", `${prefix(at)}${keyPath === "" ? "" : `${keyPath}: `}${problem}`, {
      context: { file: at?.file ?? "", line: at?.line ?? 0, path: keyPath },
      ...options,
    });
    this.file = at?.file ?? "";
    this.line = at?.line ?? 0;
    this.path = keyPath;
  }
}

/** Something valid that swarm-ts ignores or changes; `message` is the whole printable line. */
export interface StackWarning {
  /** The file, as named by the operator. */
  readonly file: string;
  /** 1-based line, 0 when unknown. */
  readonly line: number;
  /** Dotted key path. */
  readonly path: string;
  /** One line, e.g. "stack.yml:7: services.web.build is not supported and is ignored". */
  readonly message: string;
}

/** Builds a warning whose text reads "<file>:<line>: <path> <problem>". */
export function stackWarning(at: SourcePos | undefined, path: readonly PathStep[], problem: string): StackWarning {
  const keyPath = formatPath(path);
  return {
    file: at?.file ?? "",
    line: at?.line ?? 0,
    path: keyPath,
    message: `${prefix(at)}${keyPath === "" ? "" : `${keyPath} `}${problem}`,
  };
}
