// `npm run bench -- schedule`: the scheduler's planner on 5,000 hollow nodes and 100,000 tasks of
// 200 services with constraints, spread preferences and reservations. This measures the pure
// planning step only (the scheduler component that reads the store and commits the plan in
// batches lands with the rest of the manager); the reference is Nomad's published C1M figure.
import { generateSchedulingWorkload, planTasks } from "../../manager/index.js";
import { formatTable } from "./load.js";

/** Nodes in the benchmark cluster. */
export const scheduleBenchNodes = 5_000;
/** Services. */
export const scheduleBenchServices = 200;
/** Tasks to place. */
export const scheduleBenchTasks = 100_000;
/** Runs; the median is reported. */
export const scheduleBenchRuns = 5;

/** Runs the benchmark; returns the table text and the JSON summary. */
export function runScheduleBench(): Promise<{ text: string; json: Record<string, unknown> }> {
  const timesMs: number[] = [];
  let placed = 0;
  let unplaced = 0;
  for (let run = 0; run < scheduleBenchRuns; run++) {
    const { view, pending } = generateSchedulingWorkload({ nodes: scheduleBenchNodes, services: scheduleBenchServices, tasks: scheduleBenchTasks, seed: run + 1 });
    const t0 = performance.now();
    const plan = planTasks(view, pending);
    timesMs.push(performance.now() - t0);
    placed = plan.assignments.length;
    unplaced = plan.unplaced.length;
  }
  timesMs.sort((a, b) => a - b);
  const medianMs = timesMs[Math.floor(timesMs.length / 2)]!;
  const perSecond = (placed / medianMs) * 1000;
  const rssBytes = process.memoryUsage().rss;
  const nomadPerSecond = 1_000_000 / 300; // C1M: 1M containers on 5,000 hosts in under 5 minutes
  const text = formatTable(
    ["system", "tasks placed", "time (ms, median)", "placements/s", "RSS (MiB)"],
    [
      ["swarm-ts planner", String(placed), medianMs.toFixed(0), perSecond.toFixed(0), (rssBytes / 1024 / 1024).toFixed(0)],
      ["Nomad C1M (published)", "1000000", "< 300000", `> ${nomadPerSecond.toFixed(0)}`, "-"],
    ],
  );
  return Promise.resolve({
    text: `${text}\nratio vs Nomad C1M: ${(perSecond / nomadPerSecond).toFixed(1)}x; unplaced: ${unplaced}`,
    json: { bench: "schedule", nodes: scheduleBenchNodes, services: scheduleBenchServices, tasks: scheduleBenchTasks, placed, unplaced, medianMs, perSecond, rssBytes, scope: "planner only" },
  });
}
