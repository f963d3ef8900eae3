// `npm run bench -- engine-api [--runs 60] [--requests 300] [--services 5] [--profile] [--json]`: the wall time of everyday docker
// commands (`service ls`, `service inspect`, `node ls`) run by the same docker CLI binary against
// swarm-ts's Engine API and against Docker Swarm mode on the local engine. swarm-ts: one real
// `swarmd init` (process executor) on a claimed loopback address with `--engine-api` on a unix
// socket; Docker Swarm: `docker swarm init` on the local dockerd for the length of the benchmark
// only (`docker swarm leave --force` after; skipped when the engine is already in swarm mode, which
// is then not ours to leave). Both hold the same services (N, one replica each, sleeping). Runs
// alternate between the two so a machine that slows down slows both; p50 and p90 are reported, with
// `docker --version` (no daemon at all) as the floor every command pays for the CLI itself. The
// CLI's own start-up (about 50 ms) is most of each command's time and varies by a millisecond or two
// from run to run, more than the daemons differ; each ratio therefore comes with its 95% interval
// (a paired bootstrap), and one row times Docker Swarm against itself, which gives the ratio's
// noise at this number of runs. A second table times the daemons alone: each command's
// conversation replayed byte for byte as the CLI has it (one connection, `HEAD /_ping`, then the
// GETs at the version the CLI negotiates with that daemon), alternating between the two systems —
// and the CPU time each daemon process spends per command (swarmd; dockerd, which holds SwarmKit),
// from /proc, which a loaded machine does not change as it changes wall times. A third table times
// the CLI against stubs that serve each daemon's recorded answers byte for byte: what the answers
// themselves (headers, framing, bodies) cost the CLI, without either daemon. Last, what each
// system spends idle (swarmd, which supervises its process tasks itself; dockerd, containerd and
// the containerd shims): CPU that competes with the CLI for the machine's cores.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { claimLoopbackBlock } from "../../common/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { intFlag } from "./bench-args.js";
import { serveAnswers } from "./answer-stub.js";
import { converse, negotiatedVersion, recordConversation } from "./cli-conversation.js";
import { cpuProfileTop } from "./cpu-profile-top.js";
import { processCpuMs, processesCpuMs } from "./process-cpu.js";
import { p50RatioInterval } from "./ratio-interval.js";

const run = promisify(execFile);

/** The CLI binary both systems are driven with. */
export const engineApiBenchCli = "/usr/local/bin/docker";
/** Runs per command and system when `--runs` is not given. */
export const engineApiRunsDefault = 60;
/** Request sequences per command and system in the daemon-alone table when `--requests` is not given. */
export const engineApiRequestsDefault = 300;
/** How long each daemon's idle CPU is sampled before the CPU-per-command blocks. */
export const engineApiIdleSampleMs = 3_000;
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

/** Times one command's conversation, as the CLI has it, with the daemon on `socketPath`; ms. */
async function timeConversation(
  socketPath: string,
  version: string,
  paths: readonly string[],
  userAgent: string,
): Promise<number> {
  const start = performance.now();
  await converse(socketPath, version, paths, userAgent);
  return performance.now() - start;
}

/** The pids of Docker's daemons: dockerd, containerd and the containerd shims (which supervise its tasks). */
async function dockerDaemonPids(): Promise<number[]> {
  const pids = async (args: string[]): Promise<number[]> =>
    (await run("pgrep", args).catch(() => ({ stdout: "" }))).stdout.split("\n").filter(Boolean).map(Number);
  return [
    ...(await pids(["-x", "dockerd"])),
    ...(await pids(["-x", "containerd"])),
    ...(await pids(["-f", "containerd-shim"])),
  ];
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
  const requests = intFlag(argv, "requests", engineApiRequestsDefault);
  // --profile: swarmd runs under --cpu-prof (written when it stops); its busiest functions are listed.
  const profDir = argv.includes("--profile") ? join(tmpdir(), `swarm-bench-engine-api-prof-${process.pid}`) : null;
  let profileText = "";
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
      ...(profDir ? { nodeFlags: ["--cpu-prof", "--cpu-prof-dir", profDir] } : {}),
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
    // The last row times Docker Swarm against itself: its ratio is what chance alone gives at this
    // number of runs, the resolution every other ratio is read against.
    const commands: { command: string; args: string[]; oursHost: string | null }[] = [
      { command: "docker --version (floor)", args: ["--version"], oursHost: ours },
      { command: "docker service ls", args: ["service", "ls"], oursHost: ours },
      { command: "docker service inspect", args: ["service", "inspect", names[0]!], oursHost: ours },
      { command: "docker node ls", args: ["node", "ls"], oursHost: ours },
      { command: "docker service ls, Docker vs Docker", args: ["service", "ls"], oursHost: null },
    ].filter((c) => leaveSwarm || c.oursHost !== null);
    const configDir = join(baseDir, "config");
    const timings = commands.map(() => ({ ours: [] as number[], swarm: [] as number[] }));
    // One warm-up of each (the CLI's first run reads its plugins directory and certificates cold).
    for (const { args } of commands) {
      await timeDocker(ours, configDir, args);
      if (leaveSwarm) await timeDocker(null, configDir, args);
    }
    for (let i = 0; i < runs; i++) {
      for (const [c, { args, oursHost }] of commands.entries()) {
        const first = i % 2 === 0;
        if (first) timings[c]!.ours.push(await timeDocker(oursHost, configDir, args));
        if (leaveSwarm) timings[c]!.swarm.push(await timeDocker(null, configDir, args));
        if (!first) timings[c]!.ours.push(await timeDocker(oursHost, configDir, args));
      }
    }
    // The daemons alone: each command's conversation as the CLI has it, Docker's on its own socket,
    // each at the version the CLI negotiates with that daemon.
    const dockerSocket = (process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock").replace(/^unix:\/\//, "");
    const [cliVersion = "", clientApiVersion = ""] = (
      await run(engineApiBenchCli, ["version", "--format", "{{.Client.Version}} {{.Client.APIVersion}}"], {
        env: { ...process.env, DOCKER_HOST: ours, DOCKER_CONFIG: configDir },
      })
    ).stdout
      .trim()
      .split(" ");
    const userAgent = `Docker-Client/${cliVersion} (linux)`;
    const oursVersion = await negotiatedVersion(socket, clientApiVersion, userAgent);
    const swarmVersion = leaveSwarm ? await negotiatedVersion(dockerSocket, clientApiVersion, userAgent) : oursVersion;
    const sequences: [string, string[], string[]][] = [
      ["service ls", ["/services?status=true"], ["service", "ls"]],
      ["service inspect", [`/services/${names[0]!}?insertDefaults=true`], ["service", "inspect", names[0]!]],
      ["node ls", ["/nodes", "/info"], ["node", "ls"]],
    ];
    const oursTime = (paths: readonly string[]): Promise<number> =>
      timeConversation(socket, oursVersion, paths, userAgent);
    const swarmTime = (paths: readonly string[]): Promise<number> =>
      timeConversation(dockerSocket, swarmVersion, paths, userAgent);
    const daemonTimings = sequences.map(() => ({ ours: [] as number[], swarm: [] as number[] }));
    if (leaveSwarm) {
      for (const [, paths] of sequences) {
        await oursTime(paths);
        await swarmTime(paths);
      }
      for (let i = 0; i < requests; i++) {
        for (const [c, [, paths]] of sequences.entries()) {
          const first = i % 2 === 0;
          if (first) daemonTimings[c]!.ours.push(await oursTime(paths));
          daemonTimings[c]!.swarm.push(await swarmTime(paths));
          if (!first) daemonTimings[c]!.ours.push(await oursTime(paths));
        }
      }
    }
    // The CLI against each daemon's recorded answers: two stubs serve what swarm-ts and Docker
    // answered to each command's conversation, byte for byte and at once, so the CLI's time
    // follows the bytes alone (headers, framing, bodies it parses and prints), not the daemons.
    const stubTimings = sequences.map(() => ({ ours: [] as number[], swarm: [] as number[] }));
    if (leaveSwarm) {
      const record = async (socketPath: string, version: string): Promise<Map<string, Buffer>> => {
        const all = new Map<string, Buffer>();
        for (const [, paths] of sequences)
          for (const [line, answer] of await recordConversation(socketPath, version, paths, userAgent))
            all.set(line, answer);
        return all;
      };
      const oursStubPath = join(baseDir, "stub-swarm-ts.sock");
      const swarmStubPath = join(baseDir, "stub-docker.sock");
      const oursStub = await serveAnswers(oursStubPath, await record(socket, oursVersion));
      const swarmStub = await serveAnswers(swarmStubPath, await record(dockerSocket, swarmVersion));
      try {
        for (const [, , args] of sequences) {
          await timeDocker(`unix://${oursStubPath}`, configDir, args);
          await timeDocker(`unix://${swarmStubPath}`, configDir, args);
        }
        for (let i = 0; i < runs; i++)
          for (const [c, [, , args]] of sequences.entries()) {
            const first = i % 2 === 0;
            if (first) stubTimings[c]!.ours.push(await timeDocker(`unix://${oursStubPath}`, configDir, args));
            stubTimings[c]!.swarm.push(await timeDocker(`unix://${swarmStubPath}`, configDir, args));
            if (!first) stubTimings[c]!.ours.push(await timeDocker(`unix://${oursStubPath}`, configDir, args));
          }
        const unrecorded = [...oursStub.unrecorded, ...swarmStub.unrecorded];
        if (unrecorded.length > 0)
          throw new Error(`the CLI asked the stubs what was not recorded: ${unrecorded.join(", ")}`);
      } finally {
        await oursStub.close();
        await swarmStub.close();
      }
    }
    // Idle CPU, both systems over the same window: swarmd (its process executor polls its tasks,
    // its agent heartbeats), dockerd alone (subtracted from its CPU per command below), and
    // dockerd with containerd and the shims (Docker's whole supervision of its tasks).
    const dockerdPid = Number(
      (await run("pgrep", ["-o", "-x", "dockerd"]).catch(() => ({ stdout: "" }))).stdout.trim(),
    );
    const dockerPids = leaveSwarm ? await dockerDaemonPids() : [];
    const swarmdPid = cluster.nodes[0]!.pid;
    const idleRates = async (): Promise<{ ours: number; swarm: number; docker: number }> => {
      const pids = [swarmdPid, ...dockerPids];
      const before = processesCpuMs(pids);
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, engineApiIdleSampleMs));
      const after = processesCpuMs(pids);
      const elapsed = performance.now() - start;
      const spent = (pid: number): number => (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
      return {
        ours: spent(swarmdPid) / elapsed,
        swarm: spent(dockerdPid) / elapsed,
        docker: dockerPids.reduce((sum, pid) => sum + spent(pid), 0) / elapsed,
      };
    };
    const idle = leaveSwarm && dockerdPid ? await idleRates() : null;
    // CPU per command: each command's conversations in one block per system, so the /proc counters
    // (10 ms ticks) cover seconds; net of the daemon's idle rate.
    const cpuPerCommand = async (
      pid: number,
      rate: number,
      time: (paths: readonly string[]) => Promise<number>,
      paths: readonly string[],
    ): Promise<number> => {
      const before = processCpuMs(pid);
      const start = performance.now();
      for (let i = 0; i < requests; i++) await time(paths);
      return (processCpuMs(pid) - before - rate * (performance.now() - start)) / requests;
    };
    const daemonRows = [];
    if (leaveSwarm)
      for (const [c, [command, paths]] of sequences.entries()) {
        const o = percentiles(daemonTimings[c]!.ours);
        const s = percentiles(daemonTimings[c]!.swarm);
        const cpuOurs = idle ? await cpuPerCommand(swarmdPid, idle.ours, oursTime, paths) : null;
        const cpuSwarm = idle ? await cpuPerCommand(dockerdPid, idle.swarm, swarmTime, paths) : null;
        daemonRows.push({
          command,
          requests: ["HEAD /_ping", ...paths.map((p) => `GET ${p}`)].join(" + "),
          ours: o,
          swarm: s,
          ratio: o.p50 / s.p50,
          interval: p50RatioInterval(daemonTimings[c]!.ours, daemonTimings[c]!.swarm),
          cpuOurs,
          cpuSwarm,
        });
      }
    const stubRows = leaveSwarm
      ? sequences.map(([command], c) => {
          const o = percentiles(stubTimings[c]!.ours);
          const s = percentiles(stubTimings[c]!.swarm);
          return {
            command,
            ours: o,
            swarm: s,
            ratio: o.p50 / s.p50,
            interval: p50RatioInterval(stubTimings[c]!.ours, stubTimings[c]!.swarm),
          };
        })
      : [];
    const rows = commands.map(({ command }, c) => {
      const o = percentiles(timings[c]!.ours);
      const s = leaveSwarm ? percentiles(timings[c]!.swarm) : null;
      const interval = s ? p50RatioInterval(timings[c]!.ours, timings[c]!.swarm) : null;
      return { command, ours: o, swarm: s, ratio: s ? o.p50 / s.p50 : null, interval };
    });
    const cell = (p: Percentiles | null, digits = 1): string =>
      p ? `${p.p50.toFixed(digits)} / ${p.p90.toFixed(digits)}` : "-";
    const ratioCell = (ratio: number | null, interval: { low: number; high: number } | null): string =>
      ratio === null || interval === null
        ? "-"
        : `${ratio.toFixed(2)}× (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`;
    const width = Math.max(...rows.map((r) => r.command.length));
    const measured = rows.filter((r) => !r.command.includes("floor") && !r.command.includes("Docker vs Docker"));
    const met = leaveSwarm ? measured.every((r) => (r.ratio ?? Infinity) <= engineApiTargetRatio) : null;
    const text = [
      `engine-api: ${engineApiBenchCli} (${(await run(engineApiBenchCli, ["--version"])).stdout.trim()}), ${runs} runs each, ${count} services of one replica; ms p50 / p90; ratio of p50s (95% interval)`,
      `${"command".padEnd(width)}  ${"swarm-ts".padStart(15)}  ${"Docker Swarm".padStart(15)}  ratio p50`,
      ...rows.map(
        (r) =>
          `${r.command.padEnd(width)}  ${cell(r.ours).padStart(15)}  ${cell(r.swarm).padStart(15)}  ${ratioCell(r.ratio, r.interval)}`,
      ),
      met === null
        ? "Docker Swarm: not measured (the local engine is in swarm mode already; it is not this benchmark's to leave)"
        : `target p50 ≤ Docker Swarm's: ${met ? "met" : "missed"} (the last row, Docker against itself, is the ratio's noise)`,
      ...(stubRows.length === 0
        ? []
        : [
            "",
            `the CLI against each daemon's recorded answers (a stub serves them byte for byte, no daemon work), ${runs} runs each; ms p50 / p90`,
            `${"command".padEnd(width)}  ${"swarm-ts's".padStart(15)}  ${"Docker's".padStart(15)}  ratio p50`,
            ...stubRows.map(
              (r) =>
                `${r.command.padEnd(width)}  ${cell(r.ours).padStart(15)}  ${cell(r.swarm).padStart(15)}  ${ratioCell(r.ratio, r.interval)}`,
            ),
          ]),
      ...(daemonRows.length === 0
        ? []
        : [
            "",
            `the daemons alone: each command's conversation as the CLI has it (one connection; API ${oursVersion} with swarm-ts, ${swarmVersion} with Docker), ${requests} times; ms p50 / p90`,
            `${"command".padEnd(width)}  ${"swarm-ts".padStart(15)}  ${"Docker Swarm".padStart(15)}  ${"ratio p50".padEnd(20)}  net CPU ms swarm-ts / Docker  requests`,
            ...daemonRows.map(
              (r) =>
                `${r.command.padEnd(width)}  ${cell(r.ours, 2).padStart(15)}  ${cell(r.swarm, 2).padStart(15)}  ${ratioCell(r.ratio, r.interval).padEnd(20)}  ${`${r.cpuOurs?.toFixed(2) ?? "-"} / ${r.cpuSwarm?.toFixed(2) ?? "-"}`.padStart(27)}  ${r.requests}`,
            ),
            ...(idle
              ? [
                  `net CPU: each daemon's CPU time (/proc) over ${requests} of the command's conversations, less its idle rate, per conversation`,
                  `idle CPU: swarmd ${(idle.ours * 1000).toFixed(0)} ms/s; dockerd ${(idle.swarm * 1000).toFixed(0)} ms/s, with containerd and its shims ${(idle.docker * 1000).toFixed(0)} ms/s`,
                ]
              : []),
          ]),
    ].join("\n");
    if (profDir) {
      // The profile is written as swarmd exits.
      await cluster.down({ purge: true });
      cluster = null;
      const files = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
      const top = files.length ? cpuProfileTop(join(profDir, files[0]!)) : [];
      profileText = `\n\nswarmd, top self time over the whole run (${profDir}):\n${top
        .map((l) => `${l.selfMs.toFixed(0).padStart(6)} ms  ${l.where}`)
        .join("\n")}`;
    }
    return {
      text: text + profileText,
      json: {
        bench: "engine-api",
        runs,
        requests,
        services: count,
        versions: { ours: oursVersion, swarm: swarmVersion },
        rows,
        stubRows,
        daemonRows,
        idle,
        targetMet: met,
      },
    };
  } finally {
    await leaveSwarm?.();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
}
