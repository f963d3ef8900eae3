// `npm run bench -- mesh [--seconds N] [--connections N] [--rounds N] [--json]`: wrk against a tiny HTTP server
// directly, then through the routing mesh's userspace path, then (as root) through its kernel path.
// The server, the mesh and wrk are separate processes, so the mesh does not share the server's core
// beyond what the 2-core machine forces. Target: ≥ 0.8× direct requests/s, ≤ 1 ms added p99.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { childScriptArgs } from "../../common/index.js";
import { promisify } from "node:util";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";
import { formatTable } from "./load.js";

const run = promisify(execFile);
const helper = childScriptArgs(import.meta.url, "mesh-bench-main");

/** Seconds each wrk run lasts. */
export const meshBenchSeconds = 10;
/** Connections wrk keeps open (keep-alive). */
export const meshBenchConnections = 64;
/** wrk threads. */
export const meshBenchThreads = 2;
/** Rounds of (direct, userspace, kernel) runs; each figure is the median over the rounds. */
export const meshBenchRounds = 3;
/** Address the mesh listens on, apart from the server's 127.0.0.1. */
export const meshBenchAddr = (): Promise<string> => benchAddr(2);
/** Longest wait for a helper process to be ready. */
export const meshBenchStartMs = 15_000;

/** One wrk result. */
interface WrkResult {
  readonly rps: number;
  readonly p99Ms: number;
}

/** Requests/s and p99 latency from wrk's --latency output. */
export function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(output);
  if (!rps || !p99) throw new Error(`cannot read wrk's output:\n${output}`);
  const scale = p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1;
  return { rps: Number(rps[1]), p99Ms: Number(p99[1]) * scale };
}

/** The median requests/s and the median p99 of several runs (each taken on its own). */
function median(runs: readonly WrkResult[]): WrkResult {
  const mid = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return { rps: mid(runs.map((r) => r.rps)), p99Ms: mid(runs.map((r) => r.p99Ms)) };
}

/** Starts a helper process and waits for its "ready" line. */
async function startHelper(args: readonly string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, [...helper, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`helper ${args.join(" ")} not ready after ${meshBenchStartMs} ms`)),
      meshBenchStartMs,
    );
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      if (line === "ready") {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`helper ${args.join(" ")} exited with ${code}`)));
  });
  return { child, lines };
}

/** Stops a helper and waits for it to exit (the mesh removes its kernel rules on SIGTERM). */
async function stopHelper(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A free port on `host` (picked by the kernel, then released). */
async function freePort(host: string): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function wrk(url: string, seconds: number, connections: number): Promise<WrkResult> {
  const { stdout } = await run(
    "wrk",
    [`-t${meshBenchThreads}`, `-c${connections}`, `-d${seconds}s`, "--latency", url],
    { timeout: (seconds + 30) * 1000 },
  );
  return parseWrk(stdout);
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runMeshBench(argv: readonly string[]): Promise<{ text: string; json: Record<string, unknown> }> {
  const seconds = intFlag(argv, "seconds", meshBenchSeconds);
  const connections = intFlag(argv, "connections", meshBenchConnections);
  const rounds = intFlag(argv, "rounds", meshBenchRounds);
  try {
    await run("wrk", ["--version"]).catch((error: { stdout?: string }) => {
      // wrk --version prints its banner and exits 1; only a missing binary is a failure.
      if (!error.stdout?.includes("wrk")) throw error;
    });
  } catch {
    return { text: "install wrk (apt-get install wrk)", json: { bench: "mesh", error: "wrk not installed" } };
  }
  const target = await freePort("127.0.0.1");
  const helpers: ChildProcess[] = [];
  const urls: { path: string; url: string }[] = [{ path: "direct", url: `http://127.0.0.1:${target}/` }];
  const samples = new Map<string, WrkResult[]>();
  try {
    helpers.push((await startHelper(["server", String(target)])).child);
    // Both meshes start before the first run and idle while the others are measured; the rounds
    // interleave the paths so a change in the machine's load hits all of them alike.
    for (const mode of process.getuid?.() === 0 ? ["userspace", "kernel"] : ["userspace"]) {
      const meshAddr = await meshBenchAddr();
      const published = await freePort(meshAddr);
      const mesh = await startHelper([
        "mesh",
        meshAddr,
        String(published),
        String(target),
        ...(mode === "kernel" ? ["--kernel"] : []),
      ]);
      helpers.push(mesh.child);
      const kernelPorts = (JSON.parse(mesh.lines[0] ?? "{}") as { kernelPorts?: number[] }).kernelPorts ?? [];
      if (mode === "kernel" && !kernelPorts.includes(published)) continue;
      urls.push({ path: `mesh ${mode}`, url: `http://${meshAddr}:${published}/` });
    }
    for (let round = 0; round < rounds; round++) {
      for (const { path, url } of urls)
        samples.set(path, [...(samples.get(path) ?? []), await wrk(url, seconds, connections)]);
    }
  } finally {
    for (const child of helpers.reverse()) await stopHelper(child);
  }
  const results = urls.map(({ path }) => ({ path, result: median(samples.get(path) ?? []) }));
  const direct = results[0]!.result;
  const rows = results.map(({ path, result }) => [
    path,
    result.rps.toFixed(0),
    (result.rps / direct.rps).toFixed(2),
    result.p99Ms.toFixed(2),
    (result.p99Ms - direct.p99Ms).toFixed(2),
  ]);
  const text = [
    `wrk -t${meshBenchThreads} -c${connections} -d${seconds}s, keep-alive, 3-byte responses, median of ${rounds} interleaved rounds; target ≥ 0.80× direct and ≤ 1 ms added p99`,
    formatTable(["path", "requests/s", "× direct", "p99 ms", "added p99 ms"], rows),
  ].join("\n");
  const json: Record<string, unknown> = {
    bench: "mesh",
    seconds,
    connections,
    rounds,
    directRps: direct.rps,
    directP99Ms: direct.p99Ms,
  };
  for (const { path, result } of results.slice(1)) {
    const key = path === "mesh kernel" ? "kernel" : "userspace";
    json[`${key}Rps`] = result.rps;
    json[`${key}Ratio`] = Number((result.rps / direct.rps).toFixed(3));
    json[`${key}P99Ms`] = result.p99Ms;
    json[`${key}AddedP99Ms`] = Number((result.p99Ms - direct.p99Ms).toFixed(3));
  }
  return { text, json };
}
