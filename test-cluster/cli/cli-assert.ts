// Assertions every swarmctl test shares: a failed run printed exactly one readable line on stderr
// ("Error: …"), no stack trace, and exited with the expected code.
import type { ExecutionContext } from "ava";
import type { CliResult } from "./fixture.js";

/** Asserts that `result` failed with `code` and one "Error: …" line matching `pattern`. */
export function assertOneLineError(t: ExecutionContext, result: CliResult, code: number, pattern: RegExp): void {
  t.is(result.code, code, `exit code of a run that printed: ${result.stderr}`);
  const lines = result.stderr.split("\n").filter((l) => l !== "");
  t.is(lines.length, 1, `stderr has one line: ${result.stderr}`);
  t.regex(lines[0] ?? "", /^Error: /);
  t.regex(lines[0] ?? "", pattern);
  t.notRegex(result.stderr, /\n\s+at /);
}

/** Asserts that `result` succeeded, showing its stderr when it did not. */
export function assertOk(t: ExecutionContext, result: CliResult): void {
  t.is(result.code, 0, `swarmctl failed: ${result.stderr}${result.stdout.slice(-600)}`);
}
