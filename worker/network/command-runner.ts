// How the network agent talks to the kernel: the iproute2 and iptables programs, one process per
// batch (`ip -batch`, `bridge -batch`, `iptables-restore`), never a process per entry. A runner is
// injected so unit tests can read what would be sent and answer reads from fixtures.
import { execFile } from "node:child_process";
import { SwarmError } from "../../common/index.js";

/** Longest a kernel command may run, in ms (iptables waits for the xtables lock within it). */
export const commandTimeoutMs = 30_000;

/** Largest output read from one command, in bytes (a `bridge -j fdb` of 100,000 entries fits). */
export const commandOutputBytesMax = 64 * 1024 * 1024;

/** A kernel command failed. */
export class NetworkCommandError extends SwarmError {
  constructor(command: string, detail: string, options: { cause?: unknown } = {}) {
    super("NETWORK_COMMAND", `${command}: ${detail.trim()}`, { context: { command }, ...options });
  }
}

/** Runs one program with arguments and optional stdin; resolves with its stdout. */
export type CommandRunner = (program: string, args: readonly string[], input?: string) => Promise<string>;

/** Runs commands on this host (in the agent's own network namespace). */
export const execRunner: CommandRunner = (program, args, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { timeout: commandTimeoutMs, maxBuffer: commandOutputBytesMax, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr !== "" ? stderr : error.message;
          reject(new NetworkCommandError(`${program} ${args.join(" ")}`, detail, { cause: error }));
        } else resolve(stdout);
      },
    );
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(input ?? "");
  });
