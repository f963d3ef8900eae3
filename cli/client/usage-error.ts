import { SwarmError } from "../../common/index.js";

/**
 * A command line swarmctl cannot act on (a malformed flag value, a missing argument): the
 * operator's mistake, found before any call, so it exits with 2 like oclif's own parse errors.
 */
export class UsageError extends SwarmError {
  /** The flag or argument at fault, e.g. "--publish". */
  readonly flag: string;

  constructor(flag: string, problem: string) {
    super("USAGE", `${flag}: ${problem}`, { context: { flag } });
    this.flag = flag;
  }
}
