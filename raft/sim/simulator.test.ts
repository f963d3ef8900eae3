// Goal: the raft core keeps every safety property and recovers after faults over many seeded fault
// schedules (CI runs 500; `npm run sim -- raft --seeds N` runs more, `--seed S` replays one).
import test from "ava";
import { runSeed } from "./simulator.js";

/** Seeds run on every `npm test`. */
const ciSeeds = 500;

test("simulator finds no violation in 500 seeded fault schedules", (t) => {
  t.timeout(300_000);
  const failing: string[] = [];
  let acked = 0;
  let crashes = 0;
  let confChanges = 0;
  for (let seed = 1; seed <= ciSeeds; seed++) {
    const result = runSeed(seed);
    acked += result.acked;
    crashes += result.crashes;
    confChanges += result.confChanges;
    for (const v of result.violations)
      failing.push(`seed ${seed}: ${v.property}: ${v.detail} (npm run sim -- raft --seed ${seed})`);
  }
  t.deepEqual(failing, []);
  // The schedules must actually exercise the cluster, or the run proves nothing.
  t.true(acked > ciSeeds * 100, `only ${acked} acknowledged writes`);
  t.true(crashes > ciSeeds, `only ${crashes} crashes`);
  t.true(confChanges > ciSeeds / 2, `only ${confChanges} membership changes`);
});

test("simulator replays a seed exactly", (t) => {
  t.deepEqual(runSeed(42), runSeed(42));
});
