// `npm run bench -- cli-startup [--runs 10] [--json]`: how long a simple swarmctl command takes from
// exec to exit (the target is ≤ 150 ms for `service ls`), against an in-process manager on its control socket, with
// `node -e 0` as the floor no Node program can beat. Runs are sequential and the median is
// reported, so one slow run on a shared machine does not decide the figure.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { controlSocketPath } from "../../common/index.js";
import { SwarmNode } from "../../node/index.js";
import { freePort } from "../../raft/index.js";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The built swarmctl: start-up time is the product's, so never the TypeScript sources under tsx. */
export const swarmctlScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "..", "cli", "swarmctl.js")
  : join(here, "..", "..", "dist", "cli", "swarmctl.js");

/** Runs per command when `--runs` is not given. */
export const cliStartupRunsDefault = 10;

/** The start-up target of a simple command, ms: the `docker` CLI answers Docker Swarm in 26–49 ms. */
export const cliStartupTargetMs = 150;

/** The loopback address of the bench's manager. */

/** One command's timings. */
export interface CliStartupLine {
  readonly command: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Runs argv once; resolves with its wall time in ms, rejects when it exits non-zero. */
function timeRun(argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const startMs = performance.now();
    const child = spawn(process.execPath, [...argv], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(performance.now() - startMs)
        : reject(new Error(`${argv.join(" ")} exited ${code}: ${stderr}`)),
    );
  });
}

/** The median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs the benchmark. */
export async function runCliStartupBench(
  argv: readonly string[],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const runs = intFlag(argv, "runs", cliStartupRunsDefault);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-cli-bench-"));
  // In process, so the child's wall time is all swarmctl's; the manager answers on its socket.
  const node = await SwarmNode.init({
    stateDir,
    listenAddr: `${await benchAddr(1)}:${await freePort(await benchAddr(1))}`,
    publishAddr: await benchAddr(1),
    executor: "process",
    mesh: null,
  });
  try {
    const host = ["--host", `unix://${controlSocketPath(stateDir)}`];
    const commands: [string, string[]][] = [
      ["node -e 0 (floor)", ["-e", "0"]],
      ["swarmctl version --client", [swarmctlScript, "version", "--client"]],
      ["swarmctl version", [swarmctlScript, "version", ...host]],
      ["swarmctl service ls", [swarmctlScript, "service", "ls", ...host]],
    ];
    const lines: CliStartupLine[] = [];
    for (const [command, args] of commands) {
      await timeRun(args); // warm the file cache: the first run measures the disk, not swarmctl
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await timeRun(args));
      lines.push({
        command,
        medianMs: Math.round(median(times)),
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
      });
    }
    const width = Math.max(...lines.map((l) => l.command.length));
    const text = [
      `swarmctl start-up, ${runs} runs each (median / min / max ms; target ≤ ${cliStartupTargetMs} ms)`,
      ...lines.map(
        (l) =>
          `  ${l.command.padEnd(width)}  ${String(l.medianMs).padStart(5)}  ${String(l.minMs).padStart(5)}  ${String(l.maxMs).padStart(5)}${l.command.startsWith("swarmctl") ? (l.medianMs <= cliStartupTargetMs ? "  ok" : "  over target") : ""}`,
      ),
    ].join("\n");
    return { text, json: { bench: "cli-startup", runs, targetMs: cliStartupTargetMs, node: process.version, lines } };
  } finally {
    await node.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
