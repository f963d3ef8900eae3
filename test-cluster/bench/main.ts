// `npm run bench -- NAME [--json]`: runs one benchmark, prints a readable table, and with --json
// prints one JSON object as the last line.
import { runFailoverBench } from "./failover-bench.js";
import { runRaftBench } from "./raft-bench.js";
import { runScheduleBench } from "./schedule-bench.js";

const benches: Record<string, () => Promise<{ text: string; json: Record<string, unknown> }>> = {
  raft: () => runRaftBench(),
  failover: () => runFailoverBench(),
  schedule: () => runScheduleBench(),
};

async function main(argv: readonly string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith("--"));
  const bench = name ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- NAME [--json]   (NAME: ${Object.keys(benches).join(", ")})\n`);
    return 2;
  }
  const { text, json } = await bench();
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
