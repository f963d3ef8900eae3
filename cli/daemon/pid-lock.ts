// One swarmd per state directory: two would interleave writes to the same raft log and task
// database. The lock is a pid file created exclusively; a file left by a dead process is taken over.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SwarmError } from "../../common/index.js";

/** Another swarmd runs on the state directory. */
export class StateDirLockedError extends SwarmError {
  constructor(stateDir: string, pid: number) {
    super("STATE_DIR_LOCKED", `another swarmd (pid ${pid}) runs on ${stateDir}; stop it first`, {
      context: { stateDir, pid },
    });
  }
}

const pidFile = (stateDir: string): string => join(stateDir, "swarmd.pid");

/** The pid file a running swarmd keeps in its state directory. */
export const pidFilePath = pidFile;

/** The pid of the swarmd running on a state directory, or null. */
export async function runningPid(stateDir: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile(stateDir), "utf8")).trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM means it exists but is not ours to signal: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/** Takes the state directory's lock for this process; returns its release function. */
export async function lockStateDir(stateDir: string): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await writeFile(pidFile(stateDir), `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return () => rm(pidFile(stateDir), { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = await runningPid(stateDir);
      if (pid !== null && pid !== process.pid) throw new StateDirLockedError(stateDir, pid);
      await rm(pidFile(stateDir), { force: true });
    }
  }
}
