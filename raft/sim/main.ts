// `npm run sim -- raft --seeds N` runs seeds 1..N; `--seed S` replays one seed and prints its
// violations, and with `--trace` every event, Ready and state change that led to them;
// `--membership` runs the membership workload instead of the fault workload; `--heartbeat-ticks H`
// sets the leaders' heartbeat interval (default: the core's default). The last line is one
// JSON object: {"seeds":N,"steps":…,"violations":0}.
import { runSeed, type SeedResult, type SimOptions } from "./simulator.js";

/** Parses the command line and runs the simulator; returns the process exit code. */
export function main(argv: readonly string[]): number {
  const [target, ...rest] = argv;
  if (target !== "raft") {
    process.stderr.write(
      "usage: npm run sim -- raft [--membership] [--heartbeat-ticks H] [--seeds N | --seed S [--trace]] [--first F]\n",
    );
    return 2;
  }
  const flag = (name: string): number | null => {
    const at = rest.indexOf(name);
    if (at < 0) return null;
    const value = Number(rest[at + 1]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} needs a non-negative integer`);
    return value;
  };
  const membership = rest.includes("--membership");
  const one = flag("--seed");
  const heartbeatTicks = flag("--heartbeat-ticks");
  const options: SimOptions = {
    ...(membership ? { workload: "membership" } : {}),
    ...(heartbeatTicks ? { heartbeatTicks } : {}),
    // A trace only for one replayed seed: thousands of seeds would print millions of lines.
    ...(one !== null && rest.includes("--trace") ? { trace: (line: string) => process.stdout.write(`${line}\n`) } : {}),
  };
  const first = one ?? flag("--first") ?? 1;
  const count = one !== null ? 1 : (flag("--seeds") ?? 100);
  let steps = 0;
  let acked = 0;
  const failed: SeedResult[] = [];
  const started = performance.now();
  for (let seed = first; seed < first + count; seed++) {
    const result = runSeed(seed, options);
    steps += result.steps;
    acked += result.acked;
    if (one !== null) {
      process.stdout.write(
        `seed ${seed}: ${result.steps} steps, ${result.leaders} leaders, ${result.crashes} crashes, ${result.confChanges} membership changes, ${result.acked} acknowledged writes\n`,
      );
    }
    if (result.violations.length > 0) {
      failed.push(result);
      for (const v of result.violations) {
        process.stdout.write(`VIOLATION seed ${seed} at ${v.atMs} ms: ${v.property}: ${v.detail}\n`);
      }
      process.stdout.write(`replay: npm run sim -- raft${membership ? " --membership" : ""} --seed ${seed} --trace\n`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${count} seeds, ${steps} steps, ${acked} acknowledged writes, ${failed.length} failing, ${seconds.toFixed(1)} s\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ seeds: count, steps, violations: failed.length, failingSeeds: failed.map((f) => f.seed) })}\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
