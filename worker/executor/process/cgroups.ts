// Resource limits through cgroups, best effort. When the agent runs as root and the cgroup
// filesystem is writable, a task's process is put in <cgroupRoot>/[controller/]swarm-ts/<taskId>
// with memory, CPU and pids limits from its spec; otherwise it runs without limits and nothing is
// reported, because an executor for machines without a container engine must still run tasks
// there (a laptop, an unprivileged CI job). Both cgroup v1 (one hierarchy per controller, as on
// hybrid systems) and v2 (the unified hierarchy: memory.max, cpu.max, pids.max) are supported.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Parent cgroup of every task, under each hierarchy. */
export const cgroupParentName = "swarm-ts";

/** CPU bandwidth period written with a CPU quota, in microseconds (the kernel's default). */
export const cpuPeriodUs = 100_000;

/** Default cgroup mount point. */
export const defaultCgroupRoot = "/sys/fs/cgroup";

/** Limits to enforce; absent fields are not limited. */
export interface CgroupLimits {
  /** Memory limit in bytes. */
  readonly memoryBytes?: number;
  /** CPU limit in 1e-9 CPUs. */
  readonly nanoCpus?: number;
  /** Maximum number of processes. */
  readonly pidsMax?: number;
}

function tryWrite(path: string, value: string): boolean {
  try {
    writeFileSync(path, value);
    return true;
  } catch {
    return false;
  }
}

function tryMkdir(path: string): boolean {
  try {
    mkdirSync(path, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

/** Whether `root` holds a cgroup v2 unified hierarchy. */
export function isCgroupV2(root: string): boolean {
  return existsSync(join(root, "cgroup.controllers"));
}

/**
 * Creates the task's cgroup directories and writes its limits; returns the directories (empty when
 * nothing could be limited, or nothing was asked). Never throws: failures just leave a limit out.
 */
export function createCgroups(root: string, taskId: string, limits: CgroupLimits): string[] {
  const wanted = limits.memoryBytes !== undefined || limits.nanoCpus !== undefined || limits.pidsMax !== undefined;
  if (!wanted || process.getuid?.() !== 0) return [];
  const quotaUs =
    limits.nanoCpus === undefined ? undefined : Math.max(1000, Math.round((limits.nanoCpus * cpuPeriodUs) / 1e9));
  if (isCgroupV2(root)) {
    const parent = join(root, cgroupParentName);
    const controllers = ["memory", "cpu", "pids"].map((c) => `+${c}`).join(" ");
    tryWrite(join(root, "cgroup.subtree_control"), controllers);
    if (!tryMkdir(parent)) return [];
    tryWrite(join(parent, "cgroup.subtree_control"), controllers);
    const dir = join(parent, taskId);
    if (!tryMkdir(dir)) return [];
    if (limits.memoryBytes !== undefined) tryWrite(join(dir, "memory.max"), String(limits.memoryBytes));
    if (quotaUs !== undefined) tryWrite(join(dir, "cpu.max"), `${quotaUs} ${cpuPeriodUs}`);
    if (limits.pidsMax !== undefined) tryWrite(join(dir, "pids.max"), String(limits.pidsMax));
    return [dir];
  }
  const dirs: string[] = [];
  const add = (controller: string, files: [string, string][]): void => {
    if (!existsSync(join(root, controller))) return;
    const dir = join(root, controller, cgroupParentName, taskId);
    if (!tryMkdir(dir)) return;
    if (files.every(([file, value]) => tryWrite(join(dir, file), value))) dirs.push(dir);
    else tryRmdir(dir);
  };
  if (limits.memoryBytes !== undefined) add("memory", [["memory.limit_in_bytes", String(limits.memoryBytes)]]);
  if (quotaUs !== undefined)
    add("cpu", [
      ["cpu.cfs_period_us", String(cpuPeriodUs)],
      ["cpu.cfs_quota_us", String(quotaUs)],
    ]);
  if (limits.pidsMax !== undefined) add("pids", [["pids.max", String(limits.pidsMax)]]);
  return dirs;
}

/** Moves `pid` into each cgroup; its children are born there. Failures are skipped. */
export function joinCgroups(dirs: readonly string[], pid: number): void {
  for (const dir of dirs) tryWrite(join(dir, "cgroup.procs"), String(pid));
}

/** Pids in the task's cgroups, so a kill also reaches processes that left the process group. */
export function cgroupPids(dirs: readonly string[]): number[] {
  const pids = new Set<number>();
  for (const dir of dirs) {
    try {
      for (const line of readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n"))
        if (/^\d+$/.test(line)) pids.add(Number(line));
    } catch {
      // Already removed.
    }
  }
  return [...pids];
}

/** Whether the kernel's OOM killer killed a process of the task's memory cgroup. */
export function oomKilled(dirs: readonly string[]): boolean {
  for (const dir of dirs) {
    for (const file of ["memory.events", "memory.oom_control"]) {
      try {
        const match = /^oom_kill (\d+)$/m.exec(readFileSync(join(dir, file), "utf8"));
        if (match !== null && Number(match[1]) > 0) return true;
      } catch {
        // Not a memory cgroup, or this version's file is the other one.
      }
    }
  }
  return false;
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/** Removes the cgroup directories; false while some still hold processes. */
export function removeCgroups(dirs: readonly string[]): boolean {
  let all = true;
  for (const dir of dirs) all = tryRmdir(dir) && all;
  return all;
}
