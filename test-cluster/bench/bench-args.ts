// Reads the numeric flags of a benchmark's command line (`--seconds 10`, `--clients 100`).
import { InvalidArgumentError } from "../../common/index.js";

/** The positive integer after `--name` in argv, or fallback when the flag is absent. */
export function intFlag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const n = Number(argv[at + 1]);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(name, "must be a positive integer");
  return n;
}
