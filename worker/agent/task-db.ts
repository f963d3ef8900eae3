// The agent's durable memory of its tasks: for each task the task as last assigned and the status
// last reported, one file per task under `<stateDir>/tasks/`. A restarted agent reads it to adopt the
// containers it left running instead of starting duplicates. Every write goes to a temporary file
// that is fsynced and renamed over the old one, and the directory is fsynced, so a crash leaves
// either the old record or the new one; a record that is torn or corrupt anyway is dropped with a
// log line (the task is then treated as unknown and its runtime removed), never a crash.
import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { taskWithoutRegistryAuth } from "../../common/index.js";
import { swarm } from "../../proto/index.js";

/** Format version of a task record file. */
export const taskRecordVersion = 1;
/** Name of the directory of task records inside the state directory. */
export const tasksDirName = "tasks";
/** Name of the file holding the node id the agent generated. */
export const nodeIdFileName = "node-id";

/** What the agent remembers of one task. */
export interface TaskRecord {
  /** The task as last assigned. */
  readonly task: swarm.v1.Task;
  /** The status last reported, or null before the first report. */
  readonly status: swarm.v1.TaskStatus | null;
}

/** A structured log sink: an event name and its fields. */
export type AgentLog = (event: string, fields: Record<string, unknown>) => void;

/**
 * Logs to stderr as one JSON line, the default when no sink is given. Trace events (names starting
 * with `trace.`, the timing points a benchmark reads) are dropped: swarmd logs them at debug.
 */
export const stderrLog: AgentLog = (event, fields) => {
  if (event.startsWith("trace.")) return;
  process.stderr.write(`${JSON.stringify({ component: "agent", event, ...fields })}\n`);
};

interface RecordFile {
  readonly version: number;
  readonly taskId: string;
  /** base64 of the proto-encoded Task. */
  readonly task: string;
  /** base64 of the proto-encoded TaskStatus, or null. */
  readonly status: string | null;
  /** sha256 (hex) of `task` + "." + `status`, to catch corruption JSON parsing would let through. */
  readonly sum: string;
}

function checksum(task: string, status: string | null): string {
  return createHash("sha256")
    .update(`${task}.${status ?? ""}`)
    .digest("hex");
}

/** Writes `data` to `path` atomically: temporary file, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(dir: string, name: string, data: string): Promise<void> {
  const tmp = join(dir, `.${name}.tmp`);
  const file = await open(tmp, "w");
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, join(dir, name));
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Task ids become file names, so only the id alphabet is accepted. */
function fileNameOf(taskId: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(taskId) || taskId.startsWith("."))
    throw new Error(`task id ${JSON.stringify(taskId)} cannot name a record file`);
  return `${taskId}.json`;
}

/**
 * What the agent and its task controllers need of a task database: the records in memory, and
 * writes that resolve once durable. {@link TaskDb} keeps them in files; the cluster simulator
 * keeps them in memory (`MemoryTaskDb`), where a simulated crash keeps what was written.
 */
export interface TaskRecords {
  /** Reads every record; returns the ids of the records dropped as corrupt. */
  load(): Promise<string[]>;
  /** The record of one task. */
  get(taskId: string): TaskRecord | undefined;
  /** Every record, in task id order. */
  all(): TaskRecord[];
  /** Stores the task as (re)assigned, keeping its last status. */
  putTask(task: swarm.v1.Task.$Properties): Promise<void>;
  /** Stores the status last reported for a task already in the database. */
  putStatus(taskId: string, status: swarm.v1.TaskStatus.$Properties): Promise<void>;
  /** Forgets a task (after its runtime is removed). */
  delete(taskId: string): Promise<void>;
  /** Waits for every write under way. */
  flush(): Promise<void>;
  /** The node id this agent generated earlier, if any. */
  readNodeId(): Promise<string | undefined>;
  /** Persists a generated node id. */
  writeNodeId(nodeId: string): Promise<void>;
}

/** The durable task database of one agent. Writes of one task are serialized; load() runs first. */
export class TaskDb implements TaskRecords {
  private readonly records = new Map<string, TaskRecord>();
  /** Per-task chain of writes, so two writes of a task never race on its temporary file. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly dir: string;
  private readonly log: AgentLog;

  constructor(
    private readonly stateDir: string,
    options: { log?: AgentLog } = {},
  ) {
    this.dir = join(stateDir, tasksDirName);
    this.log = options.log ?? stderrLog;
  }

  /** Reads every record from disk; returns the ids of the records dropped as corrupt. */
  async load(): Promise<string[]> {
    await mkdir(this.dir, { recursive: true });
    this.records.clear();
    const dropped: string[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      const path = join(this.dir, name);
      if (name.startsWith(".")) {
        // A temporary file left by a crash mid-write: the record it was replacing is still whole.
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith(".json")) continue;
      const taskId = name.slice(0, -".json".length);
      try {
        this.records.set(taskId, this.decode(taskId, await readFile(path, "utf8")));
      } catch (error) {
        dropped.push(taskId);
        this.log("task-db.record-dropped", {
          taskId,
          path,
          reason: error instanceof Error ? error.message : String(error),
        });
        await rm(path, { force: true });
      }
    }
    return dropped;
  }

  private decode(taskId: string, text: string): TaskRecord {
    const file = JSON.parse(text) as Partial<RecordFile>;
    if (file.version !== taskRecordVersion) throw new Error(`unknown record version ${String(file.version)}`);
    if (typeof file.task !== "string" || (file.status !== null && typeof file.status !== "string"))
      throw new Error("record fields missing");
    if (file.sum !== checksum(file.task, file.status ?? null)) throw new Error("checksum mismatch");
    if (file.taskId !== taskId) throw new Error(`record names task ${String(file.taskId)}`);
    const task = swarm.v1.Task.decode(Buffer.from(file.task, "base64"));
    const status =
      file.status === null || file.status === undefined
        ? null
        : swarm.v1.TaskStatus.decode(Buffer.from(file.status, "base64"));
    return { task, status };
  }

  /** The record of one task. */
  get(taskId: string): TaskRecord | undefined {
    return this.records.get(taskId);
  }

  /** Every record, in task id order. */
  all(): TaskRecord[] {
    return [...this.records.values()];
  }

  /**
   * Stores the task as (re)assigned, keeping its last status. Registry credentials are left out:
   * they live only in the session's copy of the task, never on the node's disk.
   */
  putTask(task: swarm.v1.Task.$Properties): Promise<void> {
    const taskId = task.id ?? "";
    const record: TaskRecord = {
      task: swarm.v1.Task.decode(swarm.v1.Task.encode(taskWithoutRegistryAuth(task)).finish()),
      status: this.records.get(taskId)?.status ?? null,
    };
    return this.write(taskId, record);
  }

  /** Stores the status last reported for a task already in the database. */
  putStatus(taskId: string, status: swarm.v1.TaskStatus.$Properties): Promise<void> {
    const existing = this.records.get(taskId);
    if (!existing) return Promise.resolve();
    return this.write(taskId, {
      task: existing.task,
      status: swarm.v1.TaskStatus.decode(swarm.v1.TaskStatus.encode(status).finish()),
    });
  }

  /** Forgets a task (after its runtime is removed). */
  delete(taskId: string): Promise<void> {
    this.records.delete(taskId);
    return this.chain(taskId, async () => {
      await rm(join(this.dir, fileNameOf(taskId)), { force: true });
      await syncDir(this.dir);
    });
  }

  private write(taskId: string, record: TaskRecord): Promise<void> {
    const name = fileNameOf(taskId);
    this.records.set(taskId, record);
    const task = Buffer.from(swarm.v1.Task.encode(record.task).finish()).toString("base64");
    const status = record.status
      ? Buffer.from(swarm.v1.TaskStatus.encode(record.status).finish()).toString("base64")
      : null;
    const file: RecordFile = { version: taskRecordVersion, taskId, task, status, sum: checksum(task, status) };
    return this.chain(taskId, () => writeFileAtomic(this.dir, name, JSON.stringify(file)));
  }

  private chain(taskId: string, step: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(taskId) ?? Promise.resolve()).then(step, step);
    this.writes.set(taskId, next);
    const clear = (): void => {
      if (this.writes.get(taskId) === next) this.writes.delete(taskId);
    };
    void next.then(clear, clear);
    return next;
  }

  /** Waits for every write under way. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  /** The node id this agent generated earlier, if any. */
  async readNodeId(): Promise<string | undefined> {
    try {
      const text = (await readFile(join(this.stateDir, nodeIdFileName), "utf8")).trim();
      return text === "" ? undefined : text;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Persists a generated node id. */
  async writeNodeId(nodeId: string): Promise<void> {
    await mkdir(this.stateDir, { recursive: true });
    await writeFileAtomic(this.stateDir, nodeIdFileName, `${nodeId}\n`);
  }
}
