// `npm run sim -- cluster [--seeds N | --seed S | --first F] [--json] [--follow SERVICE]`: runs the
// whole-cluster simulator over seeds F..F+N-1; `--seed S` replays one seed and prints its trace;
// `--follow SERVICE` prints every commit the leader applies to that service and its tasks.
// `npm run sim -- raft …` runs the raft core's simulator (raft/sim/main.ts).
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
  const followAt = argv.indexOf("--follow");
  const followed = followAt >= 0 ? argv[followAt + 1] : undefined;
  const one = flag("--seed");
  const first = one ?? flag("--first") ?? 1;
  const count = one !== null ? 1 : (flag("--seeds") ?? 100);
  const failed: ClusterSeedResult[] = [];
  let events = 0;
  let acked = 0;
  const started = performance.now();
  for (let seed = first; seed < first + count; seed++) {
    const result = await runClusterSeed(
      seed,
      followed ? { follow: { serviceId: followed, print: (line) => process.stdout.write(`${line}\n`) } } : {},
    );
    events += result.events;
    acked += result.acked;
    if (result.violations.length === 0) continue;
    failed.push(result);
    if (json) continue;
    for (const v of result.violations)
      process.stdout.write(`VIOLATION seed ${seed} at ${v.atMs} ms: ${v.property}: ${v.detail}\n`);
    process.stdout.write(`trace:\n  ${result.trace.join("\n  ")}\n`);
    process.stdout.write(`replay: npm run sim -- cluster --seed ${seed}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    seeds: count,
    events,
    acknowledgedWrites: acked,
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

process.exitCode = await main(process.argv.slice(2));
