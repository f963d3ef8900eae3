// A task's secret and config files on the node. The agent keeps secrets and configs in memory only
// (never in its task database); before a task is prepared, TaskFiles writes the ones it references
// into a per-task directory on tmpfs, so their bytes never reach a persistent disk, and the
// executors mount or point to that directory (see worker/executor/task-files-layout.ts). The
// directory is unmounted and deleted as soon as the task stops (the agent's task controller), and
// every directory of the node when the agent stops cleanly or the node leaves (`removeAll`).
//
// Two placements: as root ("mount"), each task gets its own small tmpfs mounted at
// `/run/swarm-ts/<node id>/<task id>` (mode 0700, sized to its files, nosuid, nodev and noexec),
// as Docker does for `/run/secrets`; otherwise ("shm") a 0700 directory `/dev/shm/swarm-ts-<node id>/<task id>`,
// which is tmpfs on Linux. Both lie outside the state directory on purpose: an agent that stops
// leaves its tasks (and their files) running, and a mount inside the state directory would make
// deleting that directory fail. Files get the reference's mode; uid and gid are applied only as
// root (an unprivileged agent cannot give files away, so they stay the agent's).
import { execFile } from "node:child_process";
import { chmod, chown, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { SwarmError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { taskFiles } from "../executor/index.js";
import { stderrLog, type AgentLog } from "./task-db.js";

const run = promisify(execFile);

/** Directory of the nodes' per-task tmpfs mount points (root placement). */
export const mountRootDefault = "/run/swarm-ts";
/** The node's tmpfs for the unprivileged placement. */
export const shmRootDefault = "/dev/shm";
/** Smallest per-task tmpfs, so rewriting files on a replayed prepare always fits. */
export const filesTmpfsBytesMin = 1024 * 1024;
/** Room a file takes on tmpfs beyond its bytes (one page for the inode and rounding). */
export const fileOverheadBytes = 4096;
/** Mount options of a task's tmpfs besides its size: private, and nothing in it can run or be a device. */
export const filesTmpfsOptions = "mode=0700,nosuid,nodev,noexec";

/** The directory of a node's task files, for a placement (whether or not it exists). */
export function taskFilesRoot(nodeId: string, placement: "mount" | "shm", root?: string): string {
  return placement === "mount"
    ? join(root ?? mountRootDefault, nodeId)
    : join(root ?? shmRootDefault, `swarm-ts-${nodeId}`);
}

/** A task references a secret or config the node has not received; the task fails with this message. */
export class TaskFileNotFoundError extends SwarmError {
  constructor(kind: "secret" | "config", name: string, id: string) {
    super(
      kind === "secret" ? "SECRET_NOT_FOUND" : "CONFIG_NOT_FOUND",
      `${kind} not found: ${JSON.stringify(name)} (id ${id}) has not been received by this node`,
      { context: { kind, name, id } },
    );
  }
}

/** Options of {@link TaskFiles}. */
export interface TaskFilesOptions {
  /** This node's id, naming its directory. */
  readonly nodeId: string;
  /** "mount" (needs root) or "shm"; by default "mount" when running as root. */
  readonly placement?: "mount" | "shm";
  /** Overrides {@link mountRootDefault} or {@link shmRootDefault}, per placement. */
  readonly root?: string;
  /** Log sink. */
  readonly log?: AgentLog;
}

/**
 * What the agent needs of a task files store. {@link TaskFiles} writes tmpfs directories; the
 * cluster simulator's `MemoryTaskFiles` keeps which items each task holds, checked the same way.
 */
export interface TaskFilesStore {
  /** The task's files directory (whether or not it exists yet). */
  dirOf(taskId: string): string;
  /** Writes the task's referenced secrets and configs; a missing one fails with {@link TaskFileNotFoundError}. */
  write(
    task: swarm.v1.ITask,
    secrets: ReadonlyMap<string, swarm.v1.ISecret>,
    configs: ReadonlyMap<string, swarm.v1.IConfig>,
  ): Promise<string>;
  /** Whether the task's files exist. */
  has(taskId: string): Promise<boolean>;
  /** Deletes the task's files; absent ones are fine. */
  remove(taskId: string): Promise<void>;
  /** Deletes every task's files. */
  removeAll(): Promise<void>;
  /** Deletes the files of tasks not in `known`. */
  prune(known: ReadonlySet<string>): Promise<void>;
}

/** Writes and removes the per-task directories of secret and config files. */
export class TaskFiles implements TaskFilesStore {
  /** Where directories go: own tmpfs mounts or under /dev/shm. */
  readonly placement: "mount" | "shm";
  private readonly root: string;
  private readonly isRoot: boolean;
  private readonly log: AgentLog;

  constructor(options: TaskFilesOptions) {
    this.isRoot = process.getuid?.() === 0;
    this.placement = options.placement ?? (this.isRoot ? "mount" : "shm");
    this.root = taskFilesRoot(options.nodeId, this.placement, options.root);
    this.log = options.log ?? stderrLog;
  }

  /** The task's files directory (whether or not it exists yet). */
  dirOf(taskId: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(taskId) || taskId.startsWith("."))
      throw new Error(`task id ${JSON.stringify(taskId)} cannot name a directory`);
    return join(this.root, taskId);
  }

  /**
   * Writes the task's referenced secrets and configs into its directory, creating (and, as root,
   * mounting) it first; returns the directory. Idempotent: a replayed prepare rewrites the files.
   * An item this node has not received fails with {@link TaskFileNotFoundError}, unless its file
   * is already there (an adopted task after an agent restart, before the new session's set arrives).
   */
  async write(
    task: swarm.v1.ITask,
    secrets: ReadonlyMap<string, swarm.v1.ISecret>,
    configs: ReadonlyMap<string, swarm.v1.IConfig>,
  ): Promise<string> {
    const dir = this.dirOf(task.id ?? "");
    const files = taskFiles(task);
    const payloads: (Uint8Array | null)[] = [];
    for (const file of files) {
      const data = (file.kind === "secret" ? secrets.get(file.id) : configs.get(file.id))?.spec?.data;
      if (data) payloads.push(data);
      else if (await exists(join(dir, file.relativePath))) payloads.push(null);
      else throw new TaskFileNotFoundError(file.kind, file.name, file.id);
    }
    const bytes = payloads.reduce((sum, p) => sum + (p?.length ?? 0) + fileOverheadBytes, 0);
    await this.ensureDir(dir, filesTmpfsBytesMin + 2 * bytes);
    for (const [i, file] of files.entries()) {
      const data = payloads[i];
      const path = join(dir, file.relativePath);
      if (data) {
        await mkdir(dirname(path), { recursive: true, mode: 0o755 });
        // A new file renamed over the old one: an existing file may be read-only to us.
        const temp = join(dirname(path), `.tmp-${process.pid}-${i}`);
        await writeFile(temp, data, { mode: 0o600 });
        await rename(temp, path);
      }
      if (this.isRoot) await chown(path, file.uid, file.gid);
      await chmod(path, file.mode);
    }
    return dir;
  }

  /** Whether the task's directory exists. */
  has(taskId: string): Promise<boolean> {
    return exists(this.dirOf(taskId));
  }

  /** Unmounts and deletes the task's directory; a directory that is absent is fine. */
  async remove(taskId: string): Promise<void> {
    const dir = this.dirOf(taskId);
    if (!(await exists(dir))) return;
    if (await isMountPoint(dir)) await unmount(dir);
    await rm(dir, { recursive: true, force: true });
  }

  /**
   * Unmounts and deletes every task's directory and then the node's own (agent stop, node leave).
   * Every directory is tried; the first error is thrown after the others were done.
   */
  async removeAll(): Promise<void> {
    await removeTaskFilesRoot(this.root);
  }

  /** Removes the directories of tasks not in `known` (left behind by a crash); errors are logged. */
  async prune(known: ReadonlySet<string>): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return;
    }
    for (const name of names) {
      if (known.has(name)) continue;
      await this.remove(name).catch((error: unknown) =>
        this.log("task-files.prune-failed", { taskId: name, error: String(error) }),
      );
    }
  }

  private async ensureDir(dir: string, sizeBytes: number): Promise<void> {
    await mkdir(dirname(this.root), { recursive: true, mode: 0o700 });
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (this.placement !== "mount" || (await isMountPoint(dir))) return;
    await run("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes},${filesTmpfsOptions}`, "tmpfs", dir]);
  }
}

/**
 * Unmounts and deletes every task directory under a node's task-files directory, then the directory
 * itself; nothing there is left mounted. For `swarmd leave`, which has no running agent.
 */
export async function removeTaskFilesRoot(root: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  let first: Error | undefined;
  const keep = (error: unknown): void => {
    first ??= error instanceof Error ? error : new Error(String(error));
  };
  for (const name of names) {
    const dir = join(root, name);
    try {
      if (await isMountPoint(dir)) await unmount(dir);
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      keep(error);
    }
  }
  await rm(root, { recursive: true, force: true }).catch(keep);
  if (first !== undefined) throw first;
}

/**
 * Unmounts a task's tmpfs. A process that still holds a file open there keeps the unmount from
 * completing; then the mount is detached at once (lazily) and goes with the last reference, so the
 * files are gone from the node's view either way.
 */
async function unmount(dir: string): Promise<void> {
  try {
    await run("umount", [dir]);
  } catch {
    await run("umount", ["-l", dir]);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether a directory is a mount point: it lies on another device than its parent. */
async function isMountPoint(dir: string): Promise<boolean> {
  const [inner, outer] = await Promise.all([stat(dir), stat(dirname(dir))]);
  return inner.dev !== outer.dev;
}
