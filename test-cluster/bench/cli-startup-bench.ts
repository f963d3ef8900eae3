// `npm run bench -- cli-startup [--runs 10] [--json]`: how long a simple swarmctl command takes from
// exec to exit (the target is ≤ 150 ms for `service ls`), against an in-process manager on its control
// socket holding a few services, side by side with `node -e 0` (the floor no Node program can beat) and,
// when a Docker CLI and a local dockerd are there, the docker CLI against the Docker Engine API on the
// local socket (`docker version`), the reference an operator compares with. The commands run in
// rounds (each command once per round, in turn), so a load change on a shared machine hits every row
// alike; the median is reported, with each row's ratio to `node -e 0` and to `docker version`. One row
// runs `service ls` with an empty cache directory, to show what swarmctl's V8 code cache saves, and
// one from the unbundled modules, to show what the bundle saves, and one with the lean path turned off.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { noLeanEnv } from "../../cli/bundle/lean-bundle.js";
import { controlSocketPath } from "../../common/index.js";
import { SwarmNode } from "../../node/index.js";
import { freePort } from "../../raft/index.js";
import { benchAddr } from "./bench-addresses.js";
import { intFlag } from "./bench-args.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The built swarmctl: start-up time is the product's, so never the TypeScript sources under tsx. */
export const swarmctlScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "..", "cli", "swarmctl.js")
  : join(here, "..", "..", "dist", "cli", "swarmctl.js");

/** The Docker CLI of the reference rows (the one the engine-api benchmark runs). */
export const dockerCli = "/usr/local/bin/docker";

/** Runs per command when `--runs` is not given. */
export const cliStartupRunsDefault = 10;

/** The start-up target of a simple command, ms: the `docker` CLI answers Docker Swarm in 26–49 ms. */
export const cliStartupTargetMs = 150;

/** Services the manager holds, so `service ls` decodes and prints rows rather than an empty list. */
export const cliStartupServices = 5;

/** How long the reference's `docker version` may take to show a local dockerd answers, ms. */
const dockerProbeMsMax = 10_000;

/** One command's timings. */
export interface CliStartupLine {
  readonly command: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** The median over `node -e 0`'s. */
  readonly overNode: number;
  /** The median over `docker version`'s, when that row ran. */
  readonly overDocker: number | null;
}

/** One command of the benchmark: what it is called in the table, the program and its arguments. */
interface BenchCommand {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command once; resolves with its wall time in ms, rejects when it exits non-zero. */
function timeRun(command: BenchCommand): Promise<number> {
  return new Promise((resolve, reject) => {
    const startMs = performance.now();
    const child = spawn(command.file, [...command.args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: command.env ?? process.env,
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(performance.now() - startMs)
        : reject(new Error(`${command.label} exited ${code}: ${stderr}`)),
    );
  });
}

/** The median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** True when the Docker CLI is installed and a local dockerd answers it (the reference rows need both). */
async function dockerAnswers(): Promise<boolean> {
  if (!existsSync(dockerCli)) return false;
  try {
    await promisify(execFile)(dockerCli, ["version"], { timeout: dockerProbeMsMax });
    return true;
  } catch {
    return false;
  }
}

/** Runs the benchmark. */
export async function runCliStartupBench(
  argv: readonly string[],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const runs = intFlag(argv, "runs", cliStartupRunsDefault);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-cli-bench-"));
  const emptyCaches = mkdtempSync(join(tmpdir(), "swarm-cli-bench-caches-"));
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
    const swarmctl = (label: string, args: readonly string[], env?: NodeJS.ProcessEnv): BenchCommand => ({
      label,
      file: process.execPath,
      args: [swarmctlScript, ...args],
      ...(env ? { env } : {}),
    });
    // No replicas: the rows are what `service ls` decodes and prints, and no task process runs.
    for (let i = 0; i < cliStartupServices; i++)
      await timeRun(
        swarmctl("service create", [
          ...host,
          "service",
          "create",
          "--no-resolve-image",
          "--replicas",
          "0",
          "--name",
          `bench-cli-${i}`,
          "process://sleep",
          "86400",
        ]),
      );
    let coldRun = 0;
    const commands: BenchCommand[] = [
      { label: "node -e 0 (floor)", file: process.execPath, args: ["-e", "0"] },
      swarmctl("swarmctl --version", ["--version"]),
      swarmctl("swarmctl service ls", ["service", "ls", ...host]),
      swarmctl("swarmctl node ls", ["node", "ls", ...host]),
      // The full path (oclif, grpc-js) the lean path saves, in the same rounds.
      swarmctl("swarmctl service ls (no lean path)", ["service", "ls", ...host], {
        ...process.env,
        [noLeanEnv]: "1",
      }),
    ];
    const cold: BenchCommand = swarmctl("swarmctl service ls (no code cache)", ["service", "ls", ...host]);
    commands.push(cold);
    // What the bundle saves: the same command from the modules tsc emits, as swarmctl ran before it.
    const main = join(dirname(swarmctlScript), "commands", "swarmctl-main.js");
    commands.push({
      label: "swarmctl service ls (unbundled)",
      file: process.execPath,
      args: [
        "--input-type=module",
        "-e",
        `process.exitCode = await (await import(${JSON.stringify(main)})).swarmctlMain(process.argv.slice(1))`,
        "service",
        "ls",
        ...host,
      ],
    });
    const docker = await dockerAnswers();
    if (docker) {
      const dockerEnv = { ...process.env, DOCKER_HOST: "unix:///var/run/docker.sock", DOCKER_CLI_HINTS: "false" };
      commands.push({ label: "docker --version (no daemon)", file: dockerCli, args: ["--version"], env: dockerEnv });
      commands.push({ label: "docker version (local dockerd)", file: dockerCli, args: ["version"], env: dockerEnv });
    }
    const times = new Map<BenchCommand, number[]>(commands.map((c) => [c, []]));
    const loadBefore = loadavg()[0]!;
    // One round unmeasured: the file cache warms and swarmctl writes its code cache.
    for (let round = 0; round <= runs; round++)
      for (const command of commands) {
        const run =
          command === cold
            ? { ...command, env: { ...process.env, XDG_CACHE_HOME: join(emptyCaches, String(coldRun++)) } }
            : command;
        const ms = await timeRun(run);
        if (round > 0) times.get(command)!.push(ms);
      }
    const loadAfter = loadavg()[0]!;
    const medianOf = (label: string): number | null => {
      const command = commands.find((c) => c.label === label);
      return command ? median(times.get(command)!) : null;
    };
    const nodeMs = medianOf("node -e 0 (floor)")!;
    const dockerMs = medianOf("docker version (local dockerd)");
    const lines: CliStartupLine[] = commands.map((c) => {
      const all = times.get(c)!;
      const mid = median(all);
      return {
        command: c.label,
        medianMs: Math.round(mid),
        minMs: Math.round(Math.min(...all)),
        maxMs: Math.round(Math.max(...all)),
        overNode: Math.round((mid / nodeMs) * 100) / 100,
        overDocker: dockerMs === null ? null : Math.round((mid / dockerMs) * 10) / 10,
      };
    });
    const width = Math.max(...lines.map((l) => l.command.length));
    const cell = (value: number | string): string => String(value).padStart(7);
    const text = [
      `swarmctl start-up, ${runs} rounds (wall ms; target ≤ ${cliStartupTargetMs} ms for swarmctl service ls; ` +
        `load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)})`,
      `  ${"command".padEnd(width)}  ${cell("median")}  ${cell("min")}  ${cell("max")}  ${cell("/node")}  ${cell("/docker")}`,
      ...lines.map(
        (l) =>
          `  ${l.command.padEnd(width)}  ${cell(l.medianMs)}  ${cell(l.minMs)}  ${cell(l.maxMs)}  ${cell(l.overNode.toFixed(2))}  ${cell(l.overDocker === null ? "-" : l.overDocker.toFixed(1))}` +
          (l.command === "swarmctl service ls" ? (l.medianMs <= cliStartupTargetMs ? "  ok" : "  over target") : ""),
      ),
      ...(docker ? [] : [`  (no docker rows: ${dockerCli} or a local dockerd is missing)`]),
    ].join("\n");
    return {
      text,
      json: {
        bench: "cli-startup",
        runs,
        targetMs: cliStartupTargetMs,
        node: process.version,
        loadAverage: [loadBefore, loadAfter],
        lines,
      },
    };
  } finally {
    await node.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(emptyCaches, { recursive: true, force: true });
  }
}
