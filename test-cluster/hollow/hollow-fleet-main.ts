// One process of a hollow fleet (hollow-fleet.ts): joins its share of hollow workers and reports on
// stdout, one JSON line each: `ready` once every session is open, `exit` for each task the churn
// stopped, `stats` every second (sessions open, tasks running, RSS). The join token comes in the
// environment, never on the command line (which every local user can read in /proc).
//   node hollow-fleet-main.js --managers A,B,C --first K --count M --dir D [--join-concurrency C] [--exits-per-task-hour X]
// SIGTERM, SIGINT or the end of stdin (the parent went away) stop the agents and end the process.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError } from "../../common/index.js";
import { HollowWorkers } from "./hollow-workers.js";
import { hollowTokenEnv, type FleetEvent } from "./hollow-fleet-protocol.js";

/** How often the process reports its stats. */
export const fleetStatsMs = 1_000;
/** How often the process writes its agents' event counts to its log file (`fleet-<first>.log` in --dir). */
export const fleetEventLogMs = 10_000;
/** Distinct event lines counted per interval; the rest are counted together. */
export const fleetEventKindsMax = 100;

/**
 * Counts the agents' log events per interval, by event and error (the first 100 characters), and
 * appends one JSON line of counts to `path` every {@link fleetEventLogMs}: why sessions were lost, in
 * a run of thousands of agents, without a line per agent.
 */
function eventCounter(path: string): { log: (event: string, fields: Record<string, unknown>) => void; stop(): void } {
  let counts = new Map<string, number>();
  const log = (event: string, fields: Record<string, unknown>): void => {
    if (event.startsWith("trace.")) return;
    const error = typeof fields["error"] === "string" ? `: ${fields["error"].slice(0, 100)}` : "";
    let key = `${event}${error}`;
    if (!counts.has(key) && counts.size >= fleetEventKindsMax) key = "(other)";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const timer = setInterval(() => {
    if (counts.size === 0) return;
    appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), counts: Object.fromEntries(counts) })}\n`);
    counts = new Map();
  }, fleetEventLogMs);
  return { log, stop: () => clearInterval(timer) };
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

function intOf(argv: readonly string[], name: string, fallback?: number): number {
  const raw = flag(argv, name);
  const n = raw === undefined ? fallback : Number(raw);
  if (n === undefined || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(name, "must be a positive integer");
  return n;
}

function emit(event: FleetEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const managers = (flag(argv, "managers") ?? "").split(",").filter((m) => m !== "");
  if (managers.length === 0) throw new InvalidArgumentError("managers", "must name at least one manager");
  const token = process.env[hollowTokenEnv];
  if (!token) throw new InvalidArgumentError(hollowTokenEnv, "must hold the worker join token");
  const exitsPerTaskHour = Number(flag(argv, "exits-per-task-hour") ?? "0");
  if (!(exitsPerTaskHour >= 0)) throw new InvalidArgumentError("exits-per-task-hour", "must be a number ≥ 0");
  const first = intOf(argv, "first");
  const dir = flag(argv, "dir") ?? "";
  const events = eventCounter(join(dir, `fleet-${first}.log`));
  const startedAt = Date.now();
  let joined = 0;
  let retries = 0;
  let lastError = "";
  const joining = setInterval(() => emit({ event: "joining", joined, retries, lastError }), fleetStatsMs);
  const hollow = await HollowWorkers.start({
    // Joins go to the first manager named (the leader, when the caller knows it): a follower
    // would only pass each certificate request on to the leader.
    managerAddr: managers[0]!,
    managers,
    token,
    first,
    count: intOf(argv, "count"),
    baseDir: dir,
    agentLog: events.log,
    joinConcurrency: intOf(argv, "join-concurrency", 8),
    exitsPerTaskHour,
    onExit: (exit) => emit({ event: "exit", ...exit }),
    onJoined: () => joined++,
    onRetry: (error) => {
      retries++;
      lastError = error instanceof Error ? error.message : String(error);
    },
  }).finally(() => clearInterval(joining));
  emit({ event: "ready", count: hollow.agents.length, ms: Date.now() - startedAt });
  const stats = setInterval(
    () =>
      emit({
        event: "stats",
        connected: hollow.connectedCount(),
        running: hollow.runningCount(),
        rssBytes: process.memoryUsage.rss(),
      }),
    fleetStatsMs,
  );
  await new Promise<void>((done) => {
    process.once("SIGTERM", done);
    process.once("SIGINT", done);
    process.stdin.on("end", done);
    process.stdin.resume();
  });
  clearInterval(stats);
  events.stop();
  await hollow.stop();
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`hollow-fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
