// What /proc says about a process, and signals to process groups. The executor's processes outlive
// the agent that started them, so a restarted agent cannot use waitpid: it recognizes its processes
// by pid plus kernel start time (pids are reused, start times of a reused pid differ) and polls.
import { readFileSync } from "node:fs";

/** A process as /proc/<pid>/stat shows it. */
export interface ProcStat {
  /** One-letter state: R, S, D, Z (zombie), X (dead), T ... */
  readonly state: string;
  /** Start time in clock ticks after boot (field 22), which tells a reused pid apart. */
  readonly startTicks: number;
}

/** Reads /proc/<pid>/stat; undefined when the process does not exist. */
export function readProcStat(pid: number, procRoot = "/proc"): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`${procRoot}/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses,
  // so the fixed fields are counted from the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = Number(fields[19]);
  if (state === undefined || !Number.isFinite(startTicks)) return undefined;
  return { state, startTicks };
}

/** Whether `pid` is alive (not a zombie) and is the process that started at `startTicks`. */
export function isSameProcessAlive(pid: number, startTicks: number): boolean {
  const stat = readProcStat(pid);
  return stat !== undefined && stat.startTicks === startTicks && stat.state !== "Z" && stat.state !== "X";
}

/** Sends `signal` to process group `pgid`; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to one process; false when it is gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
