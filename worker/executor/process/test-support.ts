// Helpers shared by this folder's tests: task contexts, temporary state directories that are
// cleaned up (processes killed) after the tests, and process counting through /proc.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { swarm } from "../../../proto/index.js";
import type { LogLine, TaskContext } from "../executor.js";
import { ProcessExecutor, type ProcessExecutorOptions } from "./process-executor.js";

const stateDirs: string[] = [];
const executors: ProcessExecutor[] = [];

/** A fresh state directory, removed by {@link cleanUp}. */
export function tempDir(prefix = "swarm-process-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  stateDirs.push(dir);
  return dir;
}

/** An executor on its own temporary state directory (or on `stateDir`), closed by {@link cleanUp}. */
export function newExecutor(
  stateDir = tempDir(),
  cgroupRoot?: string,
  options: Omit<ProcessExecutorOptions, "stateDir" | "cgroupRoot"> = {},
): ProcessExecutor {
  const executor = new ProcessExecutor({
    stateDir,
    ...(cgroupRoot === undefined ? {} : { cgroupRoot }),
    ...options,
  });
  executors.push(executor);
  return executor;
}

let serial = 0;

/** A unique task id per call, so cgroups of concurrent tests never collide. */
export function newTaskId(): string {
  serial += 1;
  return `t${process.pid}x${serial}`;
}

/** A task context for `container`, with optional task spec fields. */
export function taskContext(
  container: swarm.v1.IContainerSpec,
  spec: Omit<swarm.v1.ITaskSpec, "container"> = {},
  taskId = newTaskId(),
): TaskContext {
  return {
    task: {
      id: taskId,
      serviceId: "svc1",
      slot: 1,
      nodeId: "node1",
      serviceAnnotations: { name: "web" },
      spec: { ...spec, container },
    },
    node: { id: "node1", hostname: "host1" },
  };
}

/** A shell script as a task: image process:///bin/sh, args -c script. */
export function shellTask(
  script: string,
  container: swarm.v1.IContainerSpec = {},
  spec: Omit<swarm.v1.ITaskSpec, "container"> = {},
): TaskContext {
  return taskContext({ image: "process:///bin/sh", args: ["-c", script], ...container }, spec);
}

/** An abort signal that never fires. */
export const never = new AbortController().signal;

/** Collects every line of an async iterable. */
export async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const all: LogLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

/** Pids of live processes whose command line contains `marker`. */
export function pidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      if (cmdline.includes(marker) && state !== "Z") pids.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** Kills every task of every state directory, then deletes the directories. */
export async function cleanUp(): Promise<void> {
  for (const executor of executors) executor.close();
  for (const dir of stateDirs) {
    const executor = new ProcessExecutor({ stateDir: dir });
    for (const owned of await executor.list()) await executor.removeOwned(owned.containerId);
    executor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
