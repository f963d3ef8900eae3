// The embedded process executor: runs each task's program as a plain child process where no
// container engine exists. The image names the program in the explicit process form
// ("process://redis-server" runs redis-server from PATH, "process:///opt/app/server" that file; any
// other image is refused as a container image), ContainerSpec.command replaces it like Docker's
// entrypoint, and args follow; an allow list (`swarmd --process-allow`) may narrow the programs.
// env, dir and user apply; resources.limits and pids_limit become cgroup limits when the agent is
// root (best effort, see cgroups.ts). A task asking for what a plain process cannot have (mounts,
// hostname, groups, capabilities, dns, sysctls, ulimits, read-only root, tty, a log driver: the
// list is unsupported-settings.ts) is rejected with each of them named, never run without them. A
// task on overlay networks runs in a network namespace of its own, plumbed onto the networks by
// the node's network agent (root only; see process-runtime.ts).
//
// Each task's process runs under a /bin/sh shim (shim.ts) in its own process group with its output
// in files, all under <stateDir>/tasks/<taskId>/, so it survives an agent restart and a new
// ProcessExecutor on the same stateDir adopts it from meta.json and /proc.
import { existsSync, readdirSync } from "node:fs";
import { arch, cpus, hostname, totalmem } from "node:os";
import { join } from "node:path";
import { type Cancel, realClock, runtimePlugin } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { Executor, OwnedRuntime, TaskContext, TaskRuntime } from "../executor.js";
import { networkWaitMs } from "../../network/index.js";
import type { TaskNetworking } from "../../network/index.js";
import { defaultCgroupRoot } from "./cgroups.js";
import { ProcessRuntime } from "./process-runtime.js";
import { ProgramAllowList } from "./program-allow.js";
import { checkTaskId } from "./task-dir.js";
import { releaseNetwork } from "./task-network.js";
import { TaskProcess } from "./task-process.js";

/** How often the output of running tasks is timestamped, in ms (the precision of log times). */
export const logStampPollMs = 50;

/** Node architecture names mapped to the ones Docker reports. */
export const dockerArchitectures: Readonly<Record<string, string>> = {
  x64: "x86_64",
  arm64: "aarch64",
  ia32: "i386",
  arm: "armv7l",
  ppc64: "ppc64le",
  s390x: "s390x",
};

/** Options of a {@link ProcessExecutor}. */
export interface ProcessExecutorOptions {
  /** Directory holding every task's files (tasks/<taskId>/). */
  readonly stateDir: string;
  /** Cgroup mount point, /sys/fs/cgroup by default. */
  readonly cgroupRoot?: string;
  /** Patterns of the only programs tasks may run (see program-allow.ts); absent, any program. */
  readonly allow?: readonly string[];
  /** The node's network agent; without it a task on an overlay network is rejected. */
  readonly network?: TaskNetworking;
}

/** Runs tasks as processes; see the file header. */
export class ProcessExecutor implements Executor {
  /** Always "process". */
  readonly kind = "process" as const;
  private readonly stateDir: string;
  private readonly cgroupRoot: string;
  private readonly allow: ProgramAllowList | undefined;
  private readonly network: TaskNetworking | undefined;
  private readonly tasks = new Map<string, TaskProcess>();
  private readonly stamped = new Set<TaskProcess>();
  private stamper: Cancel | undefined;

  constructor(options: ProcessExecutorOptions) {
    this.stateDir = options.stateDir;
    this.cgroupRoot = options.cgroupRoot ?? defaultCgroupRoot;
    this.allow = options.allow === undefined ? undefined : new ProgramAllowList(options.allow);
    this.network = options.network;
  }

  /**
   * This machine: hostname, platform with Docker's architecture names, CPUs and memory, and the one
   * runtime it offers (process tasks only), so the scheduler sends it no container image.
   */
  describe(): Promise<swarm.v1.INodeDescription> {
    return Promise.resolve({
      hostname: hostname(),
      platform: { os: "linux", architecture: dockerArchitectures[arch()] ?? arch() },
      resources: { nanoCpus: cpus().length * 1e9, memoryBytes: totalmem() },
      engine: { engineVersion: "process", labels: {}, plugins: [runtimePlugin("process")] },
    });
  }

  /** The runtime of one task; every runtime of the same task shares its state. */
  runtime(context: TaskContext): TaskRuntime {
    return new ProcessRuntime(this.task(checkTaskId(context.task.id ?? "")), context, {
      cgroupRoot: this.cgroupRoot,
      ...(this.allow === undefined ? {} : { allow: this.allow }),
      ...(this.network === undefined ? {} : { network: this.network }),
      track: (task) => this.track(task),
      forget: (task) => {
        this.stamped.delete(task);
        this.tasks.delete(task.taskId);
      },
    });
  }

  /** Every task directory, running when its shim is alive; running ones are timestamped from now on. */
  list(): Promise<OwnedRuntime[]> {
    const root = join(this.stateDir, "tasks");
    if (!existsSync(root)) return Promise.resolve([]);
    const owned: OwnedRuntime[] = [];
    for (const name of readdirSync(root).sort()) {
      let task: TaskProcess;
      try {
        task = this.task(checkTaskId(name));
      } catch {
        continue; // Not a directory we could have made.
      }
      const status = task.status();
      const running = status.phase === "running";
      if (running) {
        this.track(task);
        this.reattach(task);
      }
      owned.push({ taskId: status.phase === "absent" ? name : status.meta.taskId, containerId: name, running });
    }
    return Promise.resolve(owned);
  }

  /** Kills the process of a task directory found by list() and deletes the directory and its namespace. */
  async removeOwned(containerId: string): Promise<void> {
    const task = this.task(checkTaskId(containerId));
    await task.serialize(async () => {
      const netns = task.dir.readMeta()?.plan.netns;
      await task.remove();
      await releaseNetwork(this.network, task.taskId, netns);
    });
    this.stamped.delete(task);
    this.tasks.delete(task.taskId);
  }

  /** Stops the background timestamping and healthchecks; the processes keep running. */
  close(): void {
    this.stamper?.();
    this.stamper = undefined;
    for (const task of this.tasks.values()) task.monitor?.stop();
    this.stamped.clear();
  }

  /**
   * An adopted task in its own namespace gets its published ports back from the new network
   * agent. Not awaited: the agent waits for its first view, which comes after adoption.
   */
  private reattach(task: TaskProcess): void {
    const plan = task.dir.readMeta()?.plan;
    if (this.network === undefined || plan?.overlay === undefined) return;
    this.network
      .enterNetns(task.taskId, plan.overlay.attachments, plan.overlay, AbortSignal.timeout(networkWaitMs * 2))
      .catch(() => undefined);
  }

  private task(taskId: string): TaskProcess {
    let task = this.tasks.get(taskId);
    if (task === undefined) {
      task = new TaskProcess(this.stateDir, taskId);
      this.tasks.set(taskId, task);
    }
    return task;
  }

  private track(task: TaskProcess): void {
    this.stamped.add(task);
    if (this.stamper !== undefined) return;
    this.stamper = realClock.every(logStampPollMs, () => this.stamp(), { keepAlive: false });
  }

  /** Timestamps new output of every tracked task; a task that exited gets a last flush and is dropped. */
  private stamp(): void {
    for (const task of this.stamped) {
      const phase = task.status().phase;
      try {
        task.catchUp(phase !== "running");
      } catch {
        // A full disk or a removed directory: the next round, or a reader's own catch-up, retries.
      }
      if (phase !== "running") this.stamped.delete(task);
    }
    if (this.stamped.size === 0 && this.stamper !== undefined) {
      this.stamper();
      this.stamper = undefined;
    }
  }
}
