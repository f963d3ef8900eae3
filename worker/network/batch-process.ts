// A long-lived `ip -force -batch -` (or `bridge -force -batch -`) fed a pass's lines on its stdin.
// Starting a process is most of what a small batch costs: Node forks and sets up three pipes
// (~7 ms of CPU), the program loads its libraries (~8 ms for iproute2's), and on a loaded machine
// each new process waits for a core before it runs at all. A process kept open pays that once.
//
// iproute2 reads batch lines as they come and reports every failure on stderr as "Command failed
// -:N" (N: the line's number since the process started, -force keeps it going), and stderr is
// unbuffered. So the end of a batch is marked by one more line that always fails — showing a
// device whose name no link can have — and the batch's errors are the stderr lines before that
// line's own report. A process that failed a line is ended and a new one started for the next
// batch: iproute2 caches names to interface indexes, and a link deleted behind its back (a task's
// namespace deleted, an operator's `ip link del`) must never leave a stale index in use.
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { realClock } from "../../common/index.js";
import { commandTimeoutMs, NetworkCommandError } from "./command-runner.js";

/** Longest stderr kept for one batch's error message, in characters. */
export const batchErrorCharsMax = 4096;

/** A device name no link can have (longer than IFNAMSIZ − 1 = 15 bytes): `show` of it always fails. */
const sentinelDevice = "swarm-batch-end-marker";

/** The command that marks the end of a batch (valid for both `ip` and `bridge`). */
const sentinelLine = `link show dev ${sentinelDevice}`;

/** One batch waiting for its end marker. */
interface Pending {
  readonly sentinelLineNo: number;
  readonly firstLineNo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly cancelTimer: () => void;
}

/** Spawns the batch program; tests inject another. */
export type BatchSpawn = (program: string, args: readonly string[]) => ChildProcessWithoutNullStreams;

/** A long-lived batch process of one program; see the file header. Batches run one after another. */
export class BatchProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private lineNo = 0;
  private stderr = "";
  private pending: Pending | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly program: "ip" | "bridge",
    private readonly spawnProgram: BatchSpawn = (program, args) =>
      spawn(program, [...args], { stdio: ["pipe", "pipe", "pipe"] }),
  ) {}

  /** The running process's id, if one runs (its CPU time counts towards a pass's). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs `lines` (none: nothing runs); rejects with the failed lines' errors. */
  run(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const done = this.queue.then(() => this.runNow(lines));
    this.queue = done.catch(() => undefined);
    return done;
  }

  /**
   * Ends the process between batches, so the next one starts afresh (the agent does so before
   * each full pass: no name cache outlives the kernel read that checks the links).
   */
  restart(): void {
    if (this.pending === undefined) this.stopChild();
  }

  /** Ends the process for good: later batches fail. */
  close(): void {
    this.closed = true;
    this.stop(new NetworkCommandError(`${this.program} -batch`, "closed"));
  }

  private runNow(lines: readonly string[]): Promise<void> {
    if (this.closed) return Promise.reject(new NetworkCommandError(`${this.program} -batch`, "closed"));
    const child = this.child ?? this.start();
    // A blank line would still count in iproute2's numbering but is never sent; a newline inside a
    // line would be two commands: neither may shift the count.
    const clean = lines.filter((l) => l.trim() !== "").map((l) => l.replace(/[\r\n]/g, " "));
    const firstLineNo = this.lineNo + 1;
    this.lineNo += clean.length + 1;
    return new Promise<void>((resolve, reject) => {
      const cancelTimer = realClock.after(commandTimeoutMs, () =>
        this.stop(new NetworkCommandError(`${this.program} -batch`, `no answer in ${commandTimeoutMs} ms`)),
      );
      this.pending = { sentinelLineNo: this.lineNo, firstLineNo, resolve, reject, cancelTimer };
      child.stdin.write(`${clean.join("\n")}\n${sentinelLine}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = this.spawnProgram(this.program, ["-force", "-batch", "-"]);
    this.child = child;
    this.lineNo = 0;
    this.stderr = "";
    child.stdin.on("error", () => undefined);
    // Nothing a write prints is needed; stdout is read only so the pipe never fills.
    child.stdout.on("data", () => undefined);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      if (this.child !== child) return;
      this.stderr += text;
      this.settle();
    });
    child.once("error", (error) => {
      if (this.child === child) this.stop(new NetworkCommandError(`${this.program} -batch`, String(error)));
    });
    child.once("exit", (code, signal) => {
      if (this.child === child)
        this.stop(new NetworkCommandError(`${this.program} -batch`, `exited (${code ?? signal})\n${this.stderr}`));
    });
    return child;
  }

  /** Settles the pending batch once its end marker's failure is on stderr. */
  private settle(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    const marker = `Command failed -:${pending.sentinelLineNo}\n`;
    const at = this.stderr.indexOf(marker);
    if (at < 0) {
      // Bounded: a batch's errors beyond the cap are cut (the marker is always near the end).
      if (this.stderr.length > batchErrorCharsMax * 4)
        this.stderr = this.stderr.slice(0, batchErrorCharsMax) + this.stderr.slice(-batchErrorCharsMax);
      return;
    }
    const text = this.stderr.slice(0, at);
    this.stderr = this.stderr.slice(at + marker.length);
    this.pending = undefined;
    pending.cancelTimer();
    // Everything before the marker's own message belongs to the batch's lines.
    const own = text.slice(0, text.lastIndexOf(sentinelDevice) < 0 ? text.length : lastLineStart(text, sentinelDevice));
    if (!/Command failed -:\d+/.test(own)) {
      pending.resolve();
      return;
    }
    const failed = [...own.matchAll(/Command failed -:(\d+)/g)].map((m) => Number(m[1]) - pending.firstLineNo + 1);
    // Start afresh next time: see the file header on cached interface indexes.
    this.stopChild();
    pending.reject(
      new NetworkCommandError(
        `${this.program} -batch`,
        `line${failed.length === 1 ? "" : "s"} ${failed.join(", ")} of the batch failed:\n${own.slice(0, batchErrorCharsMax)}`,
      ),
    );
  }

  /** Ends the process and fails the pending batch with `error`. */
  private stop(error: Error): void {
    this.stopChild();
    const pending = this.pending;
    this.pending = undefined;
    pending?.cancelTimer();
    pending?.reject(error);
  }

  private stopChild(): void {
    const child = this.child;
    this.child = undefined;
    if (child === undefined) return;
    child.stdin.end();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** Where the line holding `needle`'s last occurrence starts in `text`. */
function lastLineStart(text: string, needle: string): number {
  const at = text.lastIndexOf(needle);
  return text.lastIndexOf("\n", at) + 1;
}
