// Starts a benchmark's child process and follows the JSON lines it prints (ready, leadership,
// fill), so a benchmark can wait for them and time them: managers (manager-main.ts) and the
// in-memory Control server that gives the api benchmark its ceiling (memory-control-main.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { childScriptArgs } from "../../common/index.js";

/** How long a manager may take to print its ready line. */
export const managerStartMsMax = 60_000;

const managerMain = childScriptArgs(import.meta.url, "manager-main");
const memoryControlMain = childScriptArgs(import.meta.url, "memory-control-main");

/** One manager process, or the in-memory Control server (which never leads). */
export class ManagerProcess {
  private readonly lines: Record<string, unknown>[] = [];
  private readonly waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  private readonly stderr: string[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    /** Address serving Control, Dispatcher and Raft. */
    readonly addr: string,
    /** When the process was spawned (performance.now()). */
    readonly spawnedAt: number,
  ) {}

  /** Spawns a manager with the given flags (see manager-main.ts); extra node flags go first. */
  static spawn(options: {
    id: number;
    dir: string;
    addr: string;
    peers: ReadonlyMap<number, string>;
    extra?: readonly string[];
    nodeFlags?: readonly string[];
  }): ManagerProcess {
    const peers = [...options.peers].map(([id, addr]) => `${id}=${addr}`).join(",");
    return ManagerProcess.start(
      [
        ...(options.nodeFlags ?? []),
        ...managerMain,
        "--id",
        String(options.id),
        "--dir",
        options.dir,
        "--addr",
        options.addr,
        "--peers",
        peers,
        ...(options.extra ?? []),
      ],
      options.addr,
    );
  }

  /** Spawns the in-memory Control server (see memory-control-main.ts); it prints one ready line. */
  static spawnMemoryControl(addr: string): ManagerProcess {
    return ManagerProcess.start([...memoryControlMain, "--addr", addr], addr);
  }

  private static start(args: readonly string[], addr: string): ManagerProcess {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const m = new ManagerProcess(child, addr, spawnedAt);
    createInterface({ input: child.stdout }).on("line", (text) => m.onLine(text));
    child.stderr.on("data", (chunk: Buffer) => {
      m.stderr.push(chunk.toString());
      if (m.stderr.length > 50) m.stderr.shift();
    });
    child.once("exit", () => {
      m.exited = true;
    });
    return m;
  }

  /** The process id (for /proc), 0 if the spawn failed. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Whether the last leadership line said this manager leads. */
  get isLeading(): boolean {
    const last = this.lines.filter((l) => typeof l.leading === "boolean").at(-1);
    return last?.leading === true;
  }

  /** Waits for the first line (printed so far or later) that matches; rejects on exit or timeout. */
  waitLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs = managerStartMsMax,
  ): Promise<Record<string, unknown>> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`manager ${this.addr}: no matching line within ${timeoutMs} ms: ${this.stderr.join("")}`)),
        timeoutMs,
      );
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`manager ${this.addr} exited with ${code}: ${this.stderr.join("")}`));
      };
      this.child.once("exit", onExit);
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          this.child.off("exit", onExit);
          resolve(line);
        },
      });
    });
  }

  /** Kills the process with SIGKILL (no cleanup) and waits for it to exit. */
  kill(): Promise<void> {
    return this.signal("SIGKILL");
  }

  /** Asks the process to stop (SIGTERM) and waits for it to exit. */
  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill(signal);
    });
  }

  private onLine(text: string): void {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    line.at = performance.now();
    this.lines.push(line);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.match(line)) {
        this.waiters.splice(i, 1);
        w.resolve(line);
      }
    }
  }
}
