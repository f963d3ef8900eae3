// One task's process as the files under its directory describe it, shared by every TaskRuntime
// the executor hands out for that task. It answers "what is the process doing now" from meta.json,
// /proc and the exit-code file alone, which is what lets a restarted agent adopt it.
import { NotFoundError, realClock } from "../../../common/index.js";
import { cgroupPids, createCgroups, joinCgroups, oomKilled, removeCgroups } from "./cgroups.js";
import type { CgroupLimits } from "./cgroups.js";
import { HealthMonitor } from "./health.js";
import type { HealthPlan } from "./health.js";
import { LogIndexer } from "./log-index.js";
import { isSameProcessAlive, readProcStat, signalGroup, signalProcess } from "./proc.js";
import type { LaunchPlan } from "./program.js";
import { releaseShim, spawnShim } from "./shim.js";
import { TaskDir } from "./task-dir.js";
import type { TaskMeta } from "./task-dir.js";

/** How often waits poll /proc and the exit-code file, in ms. */
export const statusPollMs = 25;

/** How long to wait for a SIGKILLed process to disappear, in ms. */
export const killWaitMs = 5_000;

/** Exit code reported when the shim died without writing one: it can only die by SIGKILL. */
export const killedExitCode = 128 + 9;

/** What the process is doing now. */
export type ProcessStatus =
  | { readonly phase: "absent" }
  | { readonly phase: "created"; readonly meta: TaskMeta }
  | { readonly phase: "running"; readonly meta: TaskMeta; readonly pid: number }
  | { readonly phase: "exited"; readonly meta: TaskMeta; readonly exitCode: number; readonly error?: string };

/** A task's process and its files. */
export class TaskProcess {
  /** The task's files. */
  readonly dir: TaskDir;
  /** The healthcheck monitor while one runs. */
  monitor: HealthMonitor | undefined;
  private readonly indexers: LogIndexer[];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    stateDir: string,
    readonly taskId: string,
  ) {
    this.dir = new TaskDir(stateDir, taskId);
    this.indexers = (["stdout", "stderr"] as const).map(
      (s) => new LogIndexer(this.dir.logPath(s), this.dir.indexPath(s)),
    );
  }

  /** Runs `step` after every step queued before it, so concurrent calls cannot double-spawn. */
  serialize<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the process's state from its files and /proc. */
  status(): ProcessStatus {
    const meta = this.dir.readMeta();
    if (meta === undefined) return { phase: "absent" };
    const shim = meta.shim;
    if (shim === undefined) return { phase: "created", meta };
    if (isSameProcessAlive(shim.pid, shim.startTicks)) return { phase: "running", meta, pid: shim.pid };
    const written = this.dir.readExitCode();
    const oom = oomKilled(meta.cgroups ?? []);
    const exitCode = written ?? killedExitCode;
    return {
      phase: "exited",
      meta,
      exitCode,
      ...(oom ? { error: "OOM killed: the task exceeded its memory limit" } : {}),
    };
  }

  /** Writes meta.json for a new task; an existing one is kept, since prepare is replayed after restarts. */
  prepare(plan: LaunchPlan, labels: Readonly<Record<string, string>>): void {
    if (this.dir.readMeta() !== undefined) return;
    this.dir.writeMeta({ version: 1, taskId: this.taskId, labels, plan, createdMs: realClock.now() });
  }

  /**
   * Starts the process unless it was started before (running or exited: a task runs once, a new
   * task replaces it). Throws NotFoundError before prepare.
   */
  async start(limits: CgroupLimits, cgroupRoot: string): Promise<void> {
    const meta = this.dir.readMeta();
    if (meta === undefined) throw new NotFoundError("prepared task", this.taskId);
    if (meta.shim !== undefined) return;
    const cgroups = createCgroups(cgroupRoot, this.taskId, limits);
    const child = await spawnShim(this.dir, meta.plan);
    const pid = child.pid ?? 0;
    try {
      const stat = readProcStat(pid);
      if (stat === undefined) throw new Error(`shim of task ${this.taskId} vanished right after spawn`);
      this.dir.writeMeta({ ...meta, shim: { pid, startTicks: stat.startTicks, startedMs: realClock.now() }, cgroups });
    } catch (error) {
      // Unrecorded, the shim would be unadoptable: kill it before it runs anything.
      signalGroup(pid, "SIGKILL");
      child.stdin?.destroy();
      throw error;
    }
    joinCgroups(cgroups, pid);
    releaseShim(child);
  }

  /** Starts the health monitor of a running process, once. */
  ensureMonitor(plan: HealthPlan | undefined, status: ProcessStatus): void {
    if (plan === undefined || this.monitor !== undefined || status.phase !== "running") return;
    const shim = status.meta.shim;
    if (shim === undefined) return;
    this.monitor = new HealthMonitor(plan, status.meta.plan, shim.startedMs, shim.pid, () =>
      isSameProcessAlive(shim.pid, shim.startTicks),
    );
  }

  /** Sends `signal` to the process group, if the shim is alive. */
  signal(signal: NodeJS.Signals): void {
    const status = this.status();
    if (status.phase !== "running") return;
    signalGroup(status.pid, signal);
    if (signal === "SIGKILL") for (const pid of cgroupPids(status.meta.cgroups ?? [])) signalProcess(pid, "SIGKILL");
  }

  /** Resolves once the process is no longer running, or after `timeoutMs`; true if it stopped. */
  async waitStopped(timeoutMs: number): Promise<boolean> {
    const end = realClock.now() + timeoutMs;
    for (;;) {
      if (this.status().phase !== "running") return true;
      if (realClock.now() >= end) return false;
      await realClock.sleep(statusPollMs);
    }
  }

  /** Sends the stop signal, then SIGKILL after `graceMs` if it is still running. */
  async shutdown(stopSignal: NodeJS.Signals, graceMs: number): Promise<void> {
    if (this.status().phase !== "running") return;
    this.signal(stopSignal);
    if (await this.waitStopped(graceMs)) return;
    await this.kill();
  }

  /** SIGKILLs the process group and whatever else is in its cgroups, and waits for it to go. */
  async kill(): Promise<void> {
    this.signal("SIGKILL");
    await this.waitStopped(killWaitMs);
  }

  /** Brings the timestamp indexes up to date; `flush` indexes an unterminated last line too. */
  catchUp(flush: boolean): void {
    for (const indexer of this.indexers) indexer.catchUp(flush);
  }

  /** Kills the process, then deletes its cgroups and its directory. */
  async remove(): Promise<void> {
    this.monitor?.stop();
    await this.kill();
    const meta = this.dir.readMeta();
    const cgroups = meta?.cgroups ?? [];
    for (
      let tries = 0;
      cgroups.length > 0 && !removeCgroups(cgroups) && tries < killWaitMs / statusPollMs;
      tries += 1
    ) {
      for (const pid of cgroupPids(cgroups)) signalProcess(pid, "SIGKILL");
      await realClock.sleep(statusPollMs);
    }
    this.dir.remove();
  }
}
