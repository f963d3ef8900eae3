// `npm run bench -- engine-api [--runs 20] [--services 5] [--json]`: the wall time of everyday docker
// commands (`service ls`, `service inspect`, `node ls`) run by the same docker CLI binary against
// swarm-ts's Engine API and against Docker Swarm mode on the local engine. swarm-ts: one real
// `swarmd init` (process executor) on a claimed loopback address with `--engine-api` on a unix
// socket; Docker Swarm: `docker swarm init` on the local dockerd for the length of the benchmark
// only (`docker swarm leave --force` after; skipped when the engine is already in swarm mode, which
// is then not ours to leave). Both hold the same services (N, one replica each, sleeping). Runs
// alternate between the two so a machine that slows down slows both; p50 and p90 are reported, with
// `docker --version` (no daemon at all) as the floor every command pays for the CLI itself.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { claimLoopbackBlock } from "../../common/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { intFlag } from "./bench-args.js";

const run = promisify(execFile);

/** The CLI binary both systems are driven with. */
export const engineApiBenchCli = "/usr/local/bin/docker";
/** Runs per command and system when `--runs` is not given. */
export const engineApiRunsDefault = 20;
/** Services on each system when `--services` is not given. */
export const engineApiServicesDefault = 5;
/** The target: swarm-ts's p50 at most Docker Swarm's. */
export const engineApiTargetRatio = 1;

/** p50 and p90 of one command on one system, ms. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9) };
}

/** Runs the CLI once against `host` (null: no DOCKER_HOST, the local engine); resolves with its wall time in ms. */
async function timeDocker(host: string | null, configDir: string, args: readonly string[]): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_CLI_HINTS: "false" };
  delete env.DOCKER_API_VERSION;
  if (host) env.DOCKER_HOST = host;
  else delete env.DOCKER_HOST;
  const start = performance.now();
  await run(engineApiBenchCli, [...args], { env, maxBuffer: 16 * 1024 * 1024 });
  return performance.now() - start;
}

/** Docker Swarm mode on the local engine with `count` services; null when the engine is in swarm mode already. */
async function startDockerSwarm(count: number, names: readonly string[]): Promise<(() => Promise<void>) | null> {
  const state = (await run("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"])).stdout.trim();
  if (state !== "inactive") return null;
  await run("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"]);
  const leave = async (): Promise<void> => {
    for (const name of names) await run("docker", ["service", "rm", name]).catch(() => undefined);
    await run("docker", ["swarm", "leave", "--force"]);
  };
  try {
    for (const name of names.slice(0, count))
      await run("docker", [
        "service",
        "create",
        "--detach",
        "--no-resolve-image",
        "--stop-signal",
        "SIGKILL",
        "--name",
        name,
        testImage,
        "sleep",
        "86400",
      ]);
    await until("Docker Swarm's services running", async () => {
      const replicas = (await run("docker", ["service", "ls", "--format", "{{.Replicas}}"])).stdout.trim().split("\n");
      return replicas.length === count && replicas.every((r) => r === "1/1") ? true : undefined;
    });
  } catch (error) {
    await leave();
    throw error;
  }
  return leave;
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runEngineApiBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const runs = intFlag(argv, "runs", engineApiRunsDefault);
  const count = intFlag(argv, "services", engineApiServicesDefault);
  await ensureEngine();
  const block = await claimLoopbackBlock("engine-api bench");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-bench-engine-api-"));
  const socket = join(baseDir, "docker.sock");
  const names = Array.from({ length: count }, (_, i) => `bench-engine-api-${process.pid}-${i}`);
  let cluster: LocalCluster | null = null;
  let leaveSwarm: (() => Promise<void>) | null = null;
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 0,
      executor: "process",
      block,
      logLevel: "warn",
      nodeArgs: ["--engine-api", `unix://${socket}`],
    });
    const ours = `unix://${socket}`;
    for (const name of names)
      await run(engineApiBenchCli, ["service", "create", "-d", "--name", name, "process://sleep", "86400"], {
        env: { ...process.env, DOCKER_HOST: ours, DOCKER_CONFIG: join(baseDir, "config"), DOCKER_CLI_HINTS: "false" },
      });
    await until("swarm-ts's services running", async () => {
      const { stdout } = await run(engineApiBenchCli, ["service", "ls", "--format", "{{.Replicas}}"], {
        env: { ...process.env, DOCKER_HOST: ours, DOCKER_CONFIG: join(baseDir, "config") },
      });
      const replicas = stdout.trim().split("\n");
      return replicas.length === count && replicas.every((r) => r === "1/1") ? true : undefined;
    });
    leaveSwarm = await startDockerSwarm(count, names);
    const commands: [string, string[]][] = [
      ["docker --version (floor)", ["--version"]],
      ["docker service ls", ["service", "ls"]],
      ["docker service inspect", ["service", "inspect", names[0]!]],
      ["docker node ls", ["node", "ls"]],
    ];
    const configDir = join(baseDir, "config");
    const timings = commands.map(() => ({ ours: [] as number[], swarm: [] as number[] }));
    // One warm-up of each (the CLI's first run reads its plugins directory and certificates cold).
    for (const [, args] of commands) {
      await timeDocker(ours, configDir, args);
      if (leaveSwarm) await timeDocker(null, configDir, args);
    }
    for (let i = 0; i < runs; i++) {
      for (const [c, [, args]] of commands.entries()) {
        const first = i % 2 === 0;
        if (first) timings[c]!.ours.push(await timeDocker(ours, configDir, args));
        if (leaveSwarm) timings[c]!.swarm.push(await timeDocker(null, configDir, args));
        if (!first) timings[c]!.ours.push(await timeDocker(ours, configDir, args));
      }
    }
    const rows = commands.map(([command], c) => {
      const o = percentiles(timings[c]!.ours);
      const s = leaveSwarm ? percentiles(timings[c]!.swarm) : null;
      return { command, ours: o, swarm: s, ratio: s ? o.p50 / s.p50 : null };
    });
    const cell = (p: Percentiles | null): string => (p ? `${p.p50.toFixed(1)} / ${p.p90.toFixed(1)}` : "-");
    const width = Math.max(...rows.map((r) => r.command.length));
    const measured = rows.filter((r) => !r.command.includes("floor"));
    const met = leaveSwarm ? measured.every((r) => (r.ratio ?? Infinity) <= engineApiTargetRatio) : null;
    const text = [
      `engine-api: ${engineApiBenchCli} (${(await run(engineApiBenchCli, ["--version"])).stdout.trim()}), ${runs} runs each, ${count} services of one replica; ms p50 / p90`,
      `${"command".padEnd(width)}  ${"swarm-ts".padStart(15)}  ${"Docker Swarm".padStart(15)}  ratio p50`,
      ...rows.map(
        (r) =>
          `${r.command.padEnd(width)}  ${cell(r.ours).padStart(15)}  ${cell(r.swarm).padStart(15)}  ${r.ratio === null ? "-" : `${r.ratio.toFixed(2)}×`}`,
      ),
      met === null
        ? "Docker Swarm: not measured (the local engine is in swarm mode already; it is not this benchmark's to leave)"
        : `target p50 ≤ Docker Swarm's: ${met ? "met" : "missed"}`,
    ].join("\n");
    return { text, json: { bench: "engine-api", runs, services: count, rows, targetMet: met } };
  } finally {
    await leaveSwarm?.();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
}
