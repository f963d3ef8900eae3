// Which host programs a process-executor node may run (`swarmd --process-allow PROG[,PROG…]`). The
// process executor runs programs as the agent's user, usually root, so an operator can narrow it to
// the programs the node is meant for. A pattern is either
//   - a program name ("redis-server", "node", "redis-*"): matches a task that names the program
//     without a path, as long as it is found in swarmd's own PATH (a task cannot bring its own PATH
//     to swap in another file of that name), or
//   - an absolute path ("/opt/app/bin/server", "/opt/app/bin/*"): matches the program's absolute
//     path, as the task wrote it or as it was found in PATH.
// "*" stands for any run of characters. A program path with a ".." segment never matches. The
// program checked is the one that runs: ContainerSpec.command's first word when it has one (it
// replaces the image's program), else the image's; a healthcheck's program is checked the same way
// (CMD-SHELL runs /bin/sh).
import { isAbsolute } from "node:path";
import { InvalidArgumentError } from "../../../common/index.js";

/** Most patterns one node takes. */
export const processAllowPatternsMax = 256;

/** Longest pattern. */
export const processAllowPatternLengthMax = 4096;

// Program names and paths as process images allow them, plus "*".
const patternCharacters = /^[A-Za-z0-9_+.\-/*]+$/;

/**
 * Parses `--process-allow` values: each a comma-separated list of patterns. Throws
 * InvalidArgumentError naming the flag for an empty, relative-path or malformed pattern.
 */
export function parseProcessAllow(values: readonly string[]): string[] {
  const patterns = values
    .flatMap((v) => v.split(","))
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (patterns.length === 0) throw new InvalidArgumentError("process-allow", "names no program");
  if (patterns.length > processAllowPatternsMax)
    throw new InvalidArgumentError("process-allow", `takes at most ${processAllowPatternsMax} patterns`);
  for (const pattern of patterns) {
    if (pattern.length > processAllowPatternLengthMax || !patternCharacters.test(pattern))
      throw new InvalidArgumentError("process-allow", `${JSON.stringify(pattern)} is not a program name or path`);
    if (pattern.includes("/") && !isAbsolute(pattern))
      throw new InvalidArgumentError(
        "process-allow",
        `${JSON.stringify(pattern)}: a path must be absolute (or give a bare program name)`,
      );
    if (pattern.split("/").includes(".."))
      throw new InvalidArgumentError("process-allow", `${JSON.stringify(pattern)} must not contain ".."`);
  }
  return patterns;
}

/** A program about to run, as the allow list judges it. */
export interface ProgramToRun {
  /** As the task wrote it: a bare name or an absolute path. */
  readonly written: string;
  /** The absolute path it was found at (with the task's PATH for a bare name). */
  readonly resolved: string;
  /** Where a bare name is found in swarmd's own PATH, undefined when it is not. */
  readonly resolvedByAgent: string | undefined;
}

/** The programs a node may run. */
export class ProgramAllowList {
  private readonly names: RegExp[];
  private readonly paths: RegExp[];

  constructor(
    /** The patterns, as {@link parseProcessAllow} returned them. */
    readonly patterns: readonly string[],
  ) {
    this.names = patterns.filter((p) => !p.includes("/")).map(globRegExp);
    this.paths = patterns.filter((p) => p.includes("/")).map(globRegExp);
  }

  /** Whether the program may run. */
  allows(program: ProgramToRun): boolean {
    if (program.written.split("/").includes("..")) return false;
    if (!program.written.includes("/")) {
      const byAgent = program.resolvedByAgent === program.resolved;
      if (byAgent && this.names.some((r) => r.test(program.written))) return true;
      return byAgent && this.paths.some((r) => r.test(program.resolved));
    }
    return this.paths.some((r) => r.test(program.written));
  }

  /** The flag as an operator would read it in a rejection. */
  describe(): string {
    return `swarmd --process-allow ${this.patterns.join(",")}`;
  }
}

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+\-/\\^$?()[\]{}|]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}
