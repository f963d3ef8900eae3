// `npm run bench -- scale [--nodes 500] [--tasks 10000] [--services 200] [--exits-per-task-hour 0.01]
// [--election-ms 3000] [--profile DIR] [--json]`:
// thousands of real node sessions on one machine (scale-phases.ts). For each phase it prints the
// wall time, the leader's and the followers' CPU and peak RSS, the hollow fleet's CPU, heartbeats
// and status updates per second, raft entries and bytes per second, and the p50/p99 latency of
// ListServices, ListTasks of one service and ListNodes sampled on the leader; then the failover
// figures and the targets. The reference is Docker's Swarm2K run (published, not measured here).
import { InvalidArgumentError } from "../../common/index.js";
import { intFlag } from "./bench-args.js";
import { formatTable } from "./load.js";
import type { LatencyFigures } from "./scale-probe.js";
import { runScale, scaleElectionMsDefault, type ScaleResult } from "./scale-phases.js";

/** Default nodes: a size a shared 2-core machine runs in a few minutes. */
export const scaleBenchNodesDefault = 500;
/** Default tasks. */
export const scaleBenchTasksDefault = 10_000;
/** Services the tasks are spread over. */
export const scaleBenchServicesDefault = 200;
/** Default churn: 1% of the running tasks exit or fail per hour. */
export const scaleBenchExitsPerTaskHourDefault = 0.01;

/** Targets of the issue, checked at the end of a run. */
export const scaleTargets = {
  /** Deploy: every task RUNNING within this, from the first create. */
  deployMs: 60_000,
  /** Leader RSS. */
  leaderRssBytes: 2 * 1024 ** 3,
  /** After a leader kill, every node back in session within this. */
  allSessionsMs: 10_000,
  /** After 5% of nodes die, their tasks run elsewhere within this. */
  replacedMs: 10_000,
  /** ListServices p99 in every phase. */
  listServicesP99Ms: 100,
} as const;

function floatFlag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const n = Number(argv[at + 1]);
  if (!(n >= 0)) throw new InvalidArgumentError(name, "must be a number ≥ 0");
  return n;
}

const mib = (bytes: number): string => (bytes / 1024 ** 2).toFixed(0);
const ms = (value: number): string => (Number.isNaN(value) ? "-" : value.toFixed(0));
const latency = (l: LatencyFigures): string =>
  `${ms(l.p50Ms)}/${ms(l.p99Ms)}${l.errors > 0 ? ` (${l.errors} err)` : ""}`;

/** The table text of one result. */
export function formatScale(r: ScaleResult): string {
  const phases = formatTable(
    [
      "phase",
      "wall s",
      "leader CPU s",
      "leader RSS MiB",
      "followers CPU s",
      "followers RSS MiB",
      "hollow CPU s",
      "heartbeats/s",
      "status/s",
      "raft entries/s",
      "raft KiB/s",
      "leader changes",
    ],
    r.phases.map((f) => [
      f.phase,
      (f.wallMs / 1000).toFixed(1),
      f.leaderCpuSeconds.toFixed(1),
      mib(f.leaderRssPeakBytes),
      f.followersCpuSeconds.toFixed(1),
      mib(f.followersRssPeakBytes),
      f.hollowCpuSeconds.toFixed(1),
      f.heartbeatsPerSecond.toFixed(0),
      f.statusUpdatesPerSecond.toFixed(0),
      f.raftEntriesPerSecond.toFixed(0),
      (f.raftBytesPerSecond / 1024).toFixed(0),
      String(f.leaderChanges),
    ]),
  );
  const lists = formatTable(
    ["phase", "ListServices p50/p99 ms", "ListTasks(1 service) p50/p99 ms", "ListNodes p50/p99 ms", "samples"],
    r.phases.map((f) => [
      f.phase,
      latency(f.listServices),
      latency(f.listTasks),
      latency(f.listNodes),
      String(f.listServices.samples),
    ]),
  );
  const deploy = r.phases.find((f) => f.phase === "deploy");
  const leaderRss = Math.max(...r.phases.map((f) => f.leaderRssPeakBytes));
  const listP99 = Math.max(...r.phases.map((f) => (Number.isNaN(f.listServices.p99Ms) ? 0 : f.listServices.p99Ms)));
  const verdict = (ok: boolean): string => (ok ? "met" : "MISSED");
  return [
    `scale: 3 managers (swarmd, real raft and mTLS) + ${r.nodes} hollow nodes in ${r.fleetProcesses} processes, ${r.tasks} tasks over ${r.services} services; load average ${r.loadAverage[0].toFixed(1)} → ${r.loadAverage[1].toFixed(1)}`,
    phases,
    "",
    lists,
    "",
    `leader kill: new leader serving after ${ms(r.leaderKill.newLeaderMs)} ms, every node in session after ${ms(r.leaderKill.allSessionsMs)} ms, nodes wrongly DOWN ${r.leaderKill.nodesWronglyDown}, tasks restarted ${r.leaderKill.tasksRestarted}`,
    `node kill: ${r.nodeKill.killedNodes} nodes with ${r.nodeKill.killedTasks} tasks; all DOWN after ${ms(r.nodeKill.downMs)} ms, every task running elsewhere after ${ms(r.nodeKill.replacedMs)} ms`,
    `tasks per node: ${r.spread.deployed.min}–${r.spread.deployed.max} once deployed, ${r.spread.beforeNodeKill.min}–${r.spread.beforeNodeKill.max} before the node kill`,
    `churn: ${r.churnExits} task exits over the run`,
    "",
    `targets: deploy ≤ ${scaleTargets.deployMs / 1000} s: ${verdict((deploy?.wallMs ?? Infinity) <= scaleTargets.deployMs)}; ` +
      `leader RSS ≤ 2 GiB: ${verdict(leaderRss <= scaleTargets.leaderRssBytes)}; ` +
      `sessions ≤ ${scaleTargets.allSessionsMs / 1000} s after a leader kill: ${verdict(r.leaderKill.allSessionsMs <= scaleTargets.allSessionsMs)}; ` +
      `0 wrongly DOWN: ${verdict(r.leaderKill.nodesWronglyDown === 0)}; 0 restarted: ${verdict(r.leaderKill.tasksRestarted === 0)}; ` +
      `replacements ≤ ${scaleTargets.replacedMs / 1000} s: ${verdict(r.nodeKill.replacedMs <= scaleTargets.replacedMs)}; ` +
      `ListServices p99 ≤ ${scaleTargets.listServicesP99Ms} ms: ${verdict(listP99 <= scaleTargets.listServicesP99Ms)}`,
    "reference: Swarm2K (Docker, 2016, published): 2,384 nodes and 95,000 tasks on 3 managers of their own hardware",
  ].join("\n");
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runScaleBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const result = await runScale({
    nodes: intFlag(argv, "nodes", scaleBenchNodesDefault),
    tasks: intFlag(argv, "tasks", scaleBenchTasksDefault),
    services: intFlag(argv, "services", scaleBenchServicesDefault),
    exitsPerTaskHour: floatFlag(argv, "exits-per-task-hour", scaleBenchExitsPerTaskHourDefault),
    electionMs: floatFlag(argv, "election-ms", scaleElectionMsDefault),
    ...(argv.includes("--profile") ? { profileDir: argv[argv.indexOf("--profile") + 1] ?? "" } : {}),
    progress: (line) => process.stderr.write(`scale: ${line}\n`),
  });
  return { text: formatScale(result), json: { bench: "scale", ...result } };
}
