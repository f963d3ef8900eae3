// Runs one store-scheduling measurement in its own process, so its RSS is its own:
//   tsx test-cluster/bench/schedule-store-main.ts --start tasks|services --nodes N --services S --tasks T --seed K
// Prints one JSON line with the StoreSchedulingResult.
import { InvalidArgumentError } from "../../common/index.js";
import { intFlag } from "./bench-args.js";
import { runStoreScheduling } from "./schedule-store.js";

async function main(argv: readonly string[]): Promise<void> {
  const at = argv.indexOf("--start");
  const start = at >= 0 ? argv[at + 1] : undefined;
  if (start !== "tasks" && start !== "services") throw new InvalidArgumentError("start", "must be tasks or services");
  const result = await runStoreScheduling({
    start,
    nodes: intFlag(argv, "nodes", 5_000),
    services: intFlag(argv, "services", 200),
    tasks: intFlag(argv, "tasks", 100_000),
    seed: intFlag(argv, "seed", 1),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `schedule-store: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
