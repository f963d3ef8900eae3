// `npm run bench -- schedule [--json]`: the scheduler on 5,000 hollow nodes and 100,000 tasks of
// 200 services with constraints, spread preferences and reservations. The first row is the pure
// planning step; the store rows run the leader's real components (TaskAllocator and TaskScheduler,
// plus the ServiceOrchestrator when starting from services) against a MemoryStore that applies each
// proposal at once, each in its own process so that its RSS is its own. The reference is Nomad's
// published C1M figure.
import { spawnSync } from "node:child_process";
import { childScriptArgs } from "../../common/index.js";
import { generateSchedulingWorkload, planTasks } from "../../manager/index.js";
import { formatTable } from "./load.js";
import type { StoreSchedulingResult, StoreSchedulingStart } from "./schedule-store.js";

/** Nodes in the benchmark cluster. */
export const scheduleBenchNodes = 5_000;
/** Services. */
export const scheduleBenchServices = 200;
/** Tasks to place. */
export const scheduleBenchTasks = 100_000;
/** Runs; the median is reported. */
export const scheduleBenchRuns = 5;
/** Target of the store rows: placements per second. */
export const scheduleBenchTargetPerSecond = 10_000;
/** Target of the store rows: resident memory. */
export const scheduleBenchTargetRssBytes = 1024 ** 3;
/** Longest store run. */
export const scheduleBenchStoreMsMax = 900_000;

const storeMain = childScriptArgs(import.meta.url, "schedule-store-main");

/** Runs one store row in a child process and returns its result. */
function runStoreRow(start: StoreSchedulingStart): StoreSchedulingResult {
  const flags = [
    "--start",
    start,
    "--nodes",
    String(scheduleBenchNodes),
    "--services",
    String(scheduleBenchServices),
    "--tasks",
    String(scheduleBenchTasks),
    "--seed",
    "1",
  ];
  const child = spawnSync(process.execPath, [...storeMain, ...flags], {
    encoding: "utf8",
    timeout: scheduleBenchStoreMsMax,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !last.startsWith("{"))
    throw new Error(`store row ${start} failed (${String(child.status ?? child.signal)}): ${child.stderr}`);
  return JSON.parse(last) as StoreSchedulingResult;
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export function runScheduleBench(
  _argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const timesMs: number[] = [];
  let placed = 0;
  let unplaced = 0;
  for (let run = 0; run < scheduleBenchRuns; run++) {
    const { view, pending } = generateSchedulingWorkload({
      nodes: scheduleBenchNodes,
      services: scheduleBenchServices,
      tasks: scheduleBenchTasks,
      seed: run + 1,
    });
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
  const store = (["tasks", "services"] as const).map(runStoreRow);
  const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
  const storeLabel = (r: StoreSchedulingResult): string =>
    r.start === "tasks"
      ? "store: allocator + scheduler (from NEW tasks)"
      : "store: orchestrator + allocator + scheduler (from services)";
  const text = formatTable(
    ["system", "tasks placed", "unplaced", "time (ms)", "placements/s", "CPU (ms)", "RSS (MiB)"],
    [
      [
        "swarm-ts planner only (median of 5)",
        String(placed),
        String(unplaced),
        medianMs.toFixed(0),
        perSecond.toFixed(0),
        "-",
        mib(rssBytes),
      ],
      ...store.map((r) => [
        storeLabel(r),
        String(r.assigned),
        String(r.unplaced),
        r.elapsedMs.toFixed(0),
        r.perSecond.toFixed(0),
        r.cpuMs.toFixed(0),
        mib(r.rssBytes),
      ]),
      ["Nomad C1M (published)", "1000000", "-", "< 300000", `> ${nomadPerSecond.toFixed(0)}`, "-", "-"],
    ],
  );
  const verdict = store
    .map(
      (r) =>
        `${r.start}: ${r.perSecond >= scheduleBenchTargetPerSecond && r.rssBytes <= scheduleBenchTargetRssBytes ? "met" : "missed"}`,
    )
    .join(", ");
  return Promise.resolve({
    text: `${text}\nplanner ratio vs Nomad C1M: ${(perSecond / nomadPerSecond).toFixed(1)}x; store target (≥ ${scheduleBenchTargetPerSecond}/s, RSS ≤ 1 GiB): ${verdict}`,
    json: {
      bench: "schedule",
      nodes: scheduleBenchNodes,
      services: scheduleBenchServices,
      tasks: scheduleBenchTasks,
      placed,
      unplaced,
      medianMs,
      perSecond,
      rssBytes,
      scope: "planner only",
      store,
    },
  });
}
