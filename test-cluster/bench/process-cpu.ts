// CPU time of server processes as the kernel counts it (/proc/<pid>/stat), so a benchmark can
// report what a server spends per operation whatever else runs on the machine: a load generator
// on the same cores changes the rate a server reaches, not the CPU it spends on each write.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second when `getconf CLK_TCK` cannot tell (Linux's USER_HZ on every architecture Node runs on). */
export const clockTicksPerSecondDefault = 100;

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
    const n = Number(out.stdout?.trim());
    ticksPerSecond = Number.isSafeInteger(n) && n > 0 ? n : clockTicksPerSecondDefault;
  }
  return ticksPerSecond;
}

/**
 * User plus system CPU time of one process, all its threads included, in ms. The counters are in
 * clock ticks (10 ms at USER_HZ 100), so a window should hold seconds of CPU to be precise.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself;
  // the fields after the last ")" start with field 3, state. utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`/proc/${pid}/stat: cannot parse "${stat}"`);
  return ((utime + stime) * 1000) / clockTicksPerSecond();
}

/** CPU time (ms) of each process, by pid. */
export function processesCpuMs(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
}

/** What each process spent between two samples of {@link processesCpuMs}, ms, in the order of `pids`. */
export function cpuSpentMs(
  pids: readonly number[],
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): number[] {
  return pids.map((pid) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0));
}
