// The files of one task's process under <stateDir>/tasks/<taskId>/: meta.json (what was planned and
// started, written atomically), stdout.log and stderr.log (the raw output, written by the process
// itself), their .idx timestamp indexes, and exit-code (written by the shim when the program ends).
// These files are the only memory the executor has, so a restarted agent finds everything here.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError } from "../../../common/index.js";
import type { LaunchPlan } from "./program.js";

/** The shim process that runs a task's program, recorded once it is spawned. */
export interface ShimRecord {
  /** Pid of the shim, which is also its process group id. */
  readonly pid: number;
  /** Kernel start time of the shim in clock ticks, telling it apart from a reused pid. */
  readonly startTicks: number;
  /** When it was started, in ms since the epoch. */
  readonly startedMs: number;
}

/** Contents of meta.json. */
export interface TaskMeta {
  /** Format version. */
  readonly version: 1;
  /** Task id. */
  readonly taskId: string;
  /** Labels as Docker would put on the container (see labelKeys). */
  readonly labels: Readonly<Record<string, string>>;
  /** What to run. */
  readonly plan: LaunchPlan;
  /** When prepare() wrote this file, in ms since the epoch. */
  readonly createdMs: number;
  /** The shim, once started. */
  readonly shim?: ShimRecord;
  /** Cgroup directories the process was put in (one per v1 controller, one for v2). */
  readonly cgroups?: readonly string[];
}

/** Task ids become directory names, so only safe characters are accepted. */
export function checkTaskId(taskId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(taskId))
    throw new InvalidArgumentError("task.id", `${JSON.stringify(taskId)} is not a valid task id`);
  return taskId;
}

/** Paths of one task's files. */
export class TaskDir {
  /** The task's directory. */
  readonly root: string;
  /**
   * meta.json as this agent last read or wrote it. Only this agent writes the file, so the copy
   * stays true until remove(); without it every status poll (tens a second per running task)
   * would read and parse the file again, most of an idle node's CPU.
   */
  private meta: TaskMeta | undefined;

  constructor(stateDir: string, taskId: string) {
    this.root = join(stateDir, "tasks", checkTaskId(taskId));
  }

  /** meta.json. */
  get metaPath(): string {
    return join(this.root, "meta.json");
  }

  /** The exit-code file the shim writes. */
  get exitCodePath(): string {
    return join(this.root, "exit-code");
  }

  /** Raw output of one stream. */
  logPath(stream: "stdout" | "stderr"): string {
    return join(this.root, `${stream}.log`);
  }

  /** Timestamp index of one stream's output. */
  indexPath(stream: "stdout" | "stderr"): string {
    return join(this.root, `${stream}.idx`);
  }

  /** Reads meta.json; undefined when absent or unreadable. */
  readMeta(): TaskMeta | undefined {
    if (this.meta !== undefined) return this.meta;
    try {
      const meta = JSON.parse(readFileSync(this.metaPath, "utf8")) as TaskMeta;
      const valid = meta.version === 1 && typeof meta.taskId === "string" && Array.isArray(meta.plan?.argv);
      if (valid) this.meta = meta;
      return valid ? meta : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes meta.json atomically (temporary file, fsync, rename), so a crash leaves old or new. */
  writeMeta(meta: TaskMeta): void {
    mkdirSync(this.root, { recursive: true });
    const tmp = `${this.metaPath}.tmp`;
    const fd = openSync(tmp, "w", 0o600);
    try {
      writeSync(fd, JSON.stringify(meta, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.metaPath);
    this.meta = meta;
    // Sync the directory too, so the rename itself survives a power loss.
    const dirFd = openSync(this.root, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  /** Deletes the task's directory and everything in it. */
  remove(): void {
    this.meta = undefined;
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The exit code the shim recorded; undefined while none is written. */
  readExitCode(): number | undefined {
    try {
      const text = readFileSync(this.exitCodePath, "utf8").trim();
      return /^\d+$/.test(text) ? Number(text) : undefined;
    } catch {
      return undefined;
    }
  }
}
