// `npm run sim -- cluster [--seeds N | --seed S | --first F] [--jobs J] [--json] [--follow SERVICE]
// [--no-membership]`: runs the whole-cluster simulator over seeds F..F+N-1; `--seed S` replays one
// seed and prints its trace; `--follow SERVICE` prints every commit the leader applies to that
// service and its tasks; `--no-membership` leaves out the membership workload (promotions,
// demotions, removals, pauses), to bisect a failure; `--jobs J` splits the seeds between J child
// processes (one per core: a seed runs on one thread).
// `npm run sim -- raft …` runs the raft core's simulator (raft/sim/main.ts).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runClusterSeed, type ClusterSeedResult } from "./cluster-sim.js";

async function main(argv: readonly string[]): Promise<number> {
  const flag = (name: string): number | null => {
    const at = argv.indexOf(name);
    if (at < 0) return null;
    const value = Number(argv[at + 1]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} needs a non-negative integer`);
    return value;
  };
  const json = argv.includes("--json");
  // The membership workload runs unless asked not to (to bisect a failure without it).
  const noMembership = argv.includes("--no-membership");
  const followAt = argv.indexOf("--follow");
  const followed = followAt >= 0 ? argv[followAt + 1] : undefined;
  const one = flag("--seed");
  const first = one ?? flag("--first") ?? 1;
  const count = one !== null ? 1 : (flag("--seeds") ?? 100);
  const jobs = Math.min(count, flag("--jobs") ?? 1);
  if (jobs > 1) return runJobs(first, count, jobs, json);
  const failed: ClusterSeedResult[] = [];
  let events = 0;
  let acked = 0;
  let quorumRefusals = 0;
  const started = performance.now();
  for (let seed = first; seed < first + count; seed++) {
    const result = await runClusterSeed(seed, {
      membership: !noMembership,
      ...(followed
        ? { follow: { serviceId: followed, print: (line: string) => process.stdout.write(`${line}\n`) } }
        : {}),
    });
    events += result.events;
    acked += result.acked;
    quorumRefusals += result.quorumRefusals;
    if (result.violations.length === 0) continue;
    failed.push(result);
    if (json) continue;
    for (const v of result.violations)
      process.stdout.write(`VIOLATION seed ${seed} at ${v.atMs} ms: ${v.property}: ${v.detail}\n`);
    process.stdout.write(`trace:\n  ${result.trace.join("\n  ")}\n`);
    process.stdout.write(`replay: npm run sim -- cluster --seed ${seed}${noMembership ? " --no-membership" : ""}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    seeds: count,
    events,
    acknowledgedWrites: acked,
    quorumRefusals,
    violations: failed.length,
    failingSeeds: failed.map((f) => f.seed),
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Math.round(events / seconds),
    tenThousandSeedsMinutes: Number((((seconds / count) * 10_000) / 60).toFixed(1)),
  };
  if (!json)
    process.stdout.write(
      `${count} seeds, ${events} events (${summary.eventsPerSecond}/s), ${acked} acknowledged writes, ${failed.length} failing, ${seconds.toFixed(1)} s\n`,
    );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** What one run prints last: its summary. */
interface Summary {
  readonly seeds: number;
  readonly events: number;
  readonly acknowledgedWrites: number;
  readonly quorumRefusals: number;
  readonly violations: number;
  readonly failingSeeds: number[];
}

/** Runs seeds first..first+count-1 in `jobs` child processes of this script, passing their reports through, and sums their summaries. */
async function runJobs(first: number, count: number, jobs: number, json: boolean): Promise<number> {
  const started = performance.now();
  const script = fileURLToPath(import.meta.url);
  const share = Math.ceil(count / jobs);
  const runs: Promise<Summary>[] = [];
  for (let from = first; from < first + count; from += share) {
    const seeds = Math.min(share, first + count - from);
    runs.push(
      new Promise<Summary>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            ...process.execArgv,
            script,
            "--first",
            String(from),
            "--seeds",
            String(seeds),
            ...(json ? ["--json"] : []),
            ...(process.argv.includes("--no-membership") ? ["--no-membership"] : []),
          ],
          { stdio: ["ignore", "pipe", "inherit"] },
        );
        let out = "";
        let summary = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
          // Reports (violations, traces) pass through a whole line at a time; the summary is kept.
          const lines = (out + chunk).split("\n");
          out = lines.pop() ?? "";
          for (const line of lines) {
            if (line.startsWith("{")) summary = line;
            else if (!/^\d+ seeds, /.test(line)) process.stdout.write(`${line}\n`);
          }
        });
        child.on("error", reject);
        child.on("close", () => {
          if (summary) resolve(JSON.parse(summary) as Summary);
          else reject(new Error(`seeds ${from}..${from + seeds - 1}: the child process printed no summary`));
        });
      }),
    );
  }
  const summaries = await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  const events = summaries.reduce((sum, s) => sum + s.events, 0);
  const acked = summaries.reduce((sum, s) => sum + s.acknowledgedWrites, 0);
  const quorumRefusals = summaries.reduce((sum, s) => sum + s.quorumRefusals, 0);
  const failing = summaries.flatMap((s) => s.failingSeeds).sort((a, b) => a - b);
  const summary = {
    seeds: count,
    jobs,
    events,
    acknowledgedWrites: acked,
    quorumRefusals,
    violations: failing.length,
    failingSeeds: failing,
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Math.round(events / seconds),
    tenThousandSeedsMinutes: Number((((seconds / count) * 10_000) / 60).toFixed(1)),
  };
  if (!json)
    process.stdout.write(
      `${count} seeds in ${jobs} processes, ${events} events (${summary.eventsPerSecond}/s), ${acked} acknowledged writes, ${failing.length} failing, ${seconds.toFixed(1)} s\n`,
    );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return failing.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
