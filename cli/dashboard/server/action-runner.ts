// Runs the dashboard's actions as what they say they are: the swarmctl command the dialog showed,
// as a child process of this swarmctl, with the operator's connection flags and environment. The
// result is what the operator would have seen in a terminal: the output, or the one error line.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Action, argvOf, commandLineOf } from "../shared/actions.js";
import type { ActionResult } from "../shared/wire.js";

/** Longest an action may run (the commands run detached, so they return once the write is done). */
export const actionMsMax = 60_000;
/** Output kept from a command. */
export const actionOutputBytesMax = 64 * 1024;
/** Actions running at once. */
export const actionsRunningMax = 4;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The swarmctl script to run: the one this server belongs to, also when this file runs from
 * source (tests under tsx), where the built one is used.
 */
export const swarmctlScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "..", "swarmctl.js")
  : join(here, "..", "..", "..", "dist", "cli", "swarmctl.js");

/** Runs actions, a few at a time. */
export class ActionRunner {
  private running = 0;

  constructor(private readonly connectionArgs: readonly string[]) {}

  /** Whether another action may start now. */
  get busy(): boolean {
    return this.running >= actionsRunningMax;
  }

  /** Runs the action's command and resolves with how it ended (never rejects). */
  async run(action: Action): Promise<ActionResult> {
    const command = commandLineOf(action, this.connectionArgs);
    const argv = argvOf(action, this.connectionArgs);
    if (!existsSync(swarmctlScript))
      return { command, ok: false, output: "", error: `swarmctl is not built: ${swarmctlScript} is missing` };
    this.running++;
    try {
      return await new Promise<ActionResult>((resolve) => {
        execFile(
          process.execPath,
          [swarmctlScript, ...argv],
          { timeout: actionMsMax, maxBuffer: actionOutputBytesMax, env: process.env },
          (error, stdout, stderr) => {
            const output = String(stdout);
            if (!error) return resolve({ command, ok: true, output, error: "" });
            resolve({ command, ok: false, output, error: errorLine(String(stderr), error) });
          },
        );
      });
    } finally {
      this.running--;
    }
  }
}

/** The line swarmctl printed for its error, without "Error: ", else what ended the process. */
export function errorLine(stderr: string, error: Error & { code?: unknown; killed?: boolean }): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "");
  const printed = lines.find((l) => l.startsWith("Error: ")) ?? lines.at(-1);
  if (printed) return printed.replace(/^Error: /, "");
  if (error.killed) return `the command did not finish within ${actionMsMax / 1000} s`;
  return typeof error.code === "number" ? `the command exited with code ${error.code}` : error.message;
}
