// `npm run bench -- NAME [--FLAG VALUE ...] [--json]`: runs one benchmark, prints a readable table, and with --json
// prints one JSON object as the last line.
import { runApiBench } from "./api-bench.js";
import { runCliStartupBench } from "./cli-startup-bench.js";
import { runConvergeBench } from "./converge-bench.js";
import { runEngineApiBench } from "./engine-api-bench.js";
import { runDashboardBench } from "./dashboard-bench.js";
import { runFailoverBench } from "./failover-bench.js";
import { runFailoverNodeBench } from "./failover-node-bench.js";
import { runIdleBench } from "./idle-bench.js";
import { runMeshBench } from "./mesh-bench.js";
import { runOverlayBench } from "./overlay-bench.js";
import { runRaftBench } from "./raft-bench.js";
import { runRestartBench } from "./restart-bench.js";
import { runScaleBench } from "./scale-bench.js";
import { runScheduleBench } from "./schedule-bench.js";
import { runTlsBench } from "./tls-bench.js";

const benches: Record<string, (argv: readonly string[]) => Promise<{ text: string; json: Record<string, unknown> }>> = {
  raft: () => runRaftBench(),
  failover: () => runFailoverBench(),
  "failover-node": (argv) => runFailoverNodeBench(argv),
  schedule: (argv) => runScheduleBench(argv),
  scale: (argv) => runScaleBench(argv),
  api: (argv) => runApiBench(argv),
  idle: (argv) => runIdleBench(argv),
  restart: (argv) => runRestartBench(argv),
  converge: (argv) => runConvergeBench(argv),
  mesh: (argv) => runMeshBench(argv),
  overlay: (argv) => runOverlayBench(argv),
  "cli-startup": (argv) => runCliStartupBench(argv),
  "engine-api": (argv) => runEngineApiBench(argv),
  dashboard: (argv) => runDashboardBench(argv),
  tls: (argv) => runTlsBench(argv),
};

async function main(argv: readonly string[]): Promise<number> {
  // The name is the first word that is neither a flag nor a flag's value.
  const name = argv.find(
    (a, i) => !a.startsWith("--") && (i === 0 || !argv[i - 1]!.startsWith("--") || argv[i - 1] === "--json"),
  );
  const bench = name ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- NAME [--json]   (NAME: ${Object.keys(benches).join(", ")})\n`);
    return 2;
  }
  const { text, json } = await bench(argv);
  process.stdout.write(`${text}\n`);
  if (argv.includes("--json")) process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
