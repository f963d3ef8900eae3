// Carries task statuses to the managers in batches. Statuses are coalesced per task (the latest
// wins, tasks keep the order they were first seen in), sent with UpdateTaskStatus at most every
// `statusFlushMs` or as soon as `statusBatchMax` tasks pile up, and re-queued with backoff when a
// send fails. A task that stopped running (failed, finished, shut down) is sent at once, with
// whatever else is pending, without waiting for the pace: until the managers hear, it stays a
// backend of its services on every node. Sends stay one at a time, so that costs at most one call
// per round trip. A new session may land on a manager that missed earlier reports (a failover, or an
// agent restart), so every task's latest status is sent again when a session opens.
import { type Cancel, type Clock, type Random, realClock, realRandom } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { stderrLog, type AgentLog } from "./task-db.js";

/** Least time between two status sends, so a burst of transitions becomes one store write. */
export const statusFlushMs = 100;
/** Most task statuses in one UpdateTaskStatus call; this many pending are sent at once. */
export const statusBatchMax = 100;
/** First retry delay after a failed send. */
export const statusRetryMsMin = 100;
/** Longest retry delay after failed sends. */
export const statusRetryMsMax = 5_000;
/**
 * Longest status message or error text sent, in UTF-8 bytes: the manager keeps no more, and a
 * batch of statuses must stay within what the manager receives (an oversized batch would be
 * refused, and re-sent, for ever).
 */
export const statusTextBytesMax = 4096;

/** Cuts a text to at most `bytesMax` UTF-8 bytes, on a character boundary. */
function cutText(text: string, bytesMax: number): string {
  if (Buffer.byteLength(text, "utf8") <= bytesMax) return text;
  // A cut inside a multi-byte character decodes as U+FFFD; drop it.
  return `${Buffer.from(text, "utf8")
    .subarray(0, bytesMax - 3)
    .toString("utf8")
    .replace(/\uFFFD+$/, "")}...`;
}

/** Whether a status is of a task that no longer runs (or never will): one the managers must hear at once. */
function stoppedRunning(status: swarm.v1.TaskStatus.$Properties): boolean {
  return Number(status.state ?? 0) > Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
}

/** Sends one batch of updates over the current session. */
export type SendStatuses = (updates: swarm.v1.TaskStatusUpdate.$Properties[]) => Promise<void>;

/** Options of the reporter. */
export interface StatusReporterOptions {
  /** Overrides {@link statusFlushMs}. */
  readonly flushMs?: number;
  /** Overrides {@link statusBatchMax}. */
  readonly batchMax?: number;
  /** Overrides {@link statusRetryMsMin}. */
  readonly retryMsMin?: number;
  /** Overrides {@link statusRetryMsMax}. */
  readonly retryMsMax?: number;
  /** Log sink. */
  readonly log?: AgentLog;
  /** Timers (default: the real clock). */
  readonly clock?: Clock;
  /** Retry jitter (default: the real randomness). */
  readonly random?: Random;
}

/** Batches, coalesces and retries status reports. */
export class StatusReporter {
  /** Latest status of every known task, re-sent on each new session. */
  private readonly latest = new Map<string, swarm.v1.TaskStatus.$Properties>();
  /** Statuses not yet acknowledged, in first-seen order. */
  private pending = new Map<string, swarm.v1.TaskStatus.$Properties>();
  private send: SendStatuses | null = null;
  private timer: Cancel | null = null;
  /** Whether the timer waits for the pace (not for a retry's backoff). */
  private paced = false;
  /** Whether a pending status is of a task that stopped running: sent without waiting for the pace. */
  private urgent = false;
  private inFlight = false;
  private lastSendMs = -Infinity;
  private failures = 0;
  private closed = false;
  private readonly flushMs: number;
  private readonly batchMax: number;
  private readonly retryMsMin: number;
  private readonly retryMsMax: number;
  private readonly log: AgentLog;
  private readonly clock: Clock;
  private readonly random: Random;

  constructor(options: StatusReporterOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? realRandom;
    this.flushMs = options.flushMs ?? statusFlushMs;
    this.batchMax = options.batchMax ?? statusBatchMax;
    this.retryMsMin = options.retryMsMin ?? statusRetryMsMin;
    this.retryMsMax = options.retryMsMax ?? statusRetryMsMax;
    this.log = options.log ?? stderrLog;
  }

  /** Queues a task's new status. */
  report(taskId: string, reported: swarm.v1.TaskStatus.$Properties): void {
    if (this.closed) return;
    const status = { ...reported };
    if (status.message) status.message = cutText(status.message, statusTextBytesMax);
    if (status.err) status.err = cutText(status.err, statusTextBytesMax);
    this.latest.set(taskId, status);
    this.pending.set(taskId, status);
    this.log("trace.status-queued", { taskId, state: status.state });
    if (stoppedRunning(status)) {
      this.urgent = true;
      // A timer waiting for the pace gives way to one that sends now; a retry's backoff is kept.
      if (this.paced) this.clearTimer();
    }
    this.schedule();
  }

  /** Stops re-sending a removed task's status (a pending report is still delivered). */
  forget(taskId: string): void {
    this.latest.delete(taskId);
  }

  /** A session opened: send through it, starting with every task's latest status. */
  attach(send: SendStatuses): void {
    if (this.closed) return;
    this.send = send;
    this.failures = 0;
    for (const [taskId, status] of this.latest) if (!this.pending.has(taskId)) this.pending.set(taskId, status);
    this.clearTimer();
    this.schedule();
  }

  /** The session is gone: hold reports until the next one. */
  detach(): void {
    this.send = null;
    this.clearTimer();
  }

  /** Number of statuses waiting to be sent. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Drops everything; nothing is sent any more. */
  close(): void {
    this.closed = true;
    this.detach();
    this.pending.clear();
  }

  private clearTimer(): void {
    this.timer?.();
    this.timer = null;
    this.paced = false;
  }

  private schedule(delayMs?: number): void {
    if (this.closed || !this.send || this.inFlight || this.timer || this.pending.size === 0) return;
    const wait =
      delayMs ??
      (this.pending.size >= this.batchMax || this.urgent
        ? 0
        : Math.max(0, this.lastSendMs + this.flushMs - this.clock.monotonicMs()));
    this.paced = delayMs === undefined;
    this.timer = this.clock.after(wait, () => {
      this.timer = null;
      this.paced = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const send = this.send;
    if (!send || this.inFlight || this.pending.size === 0) return;
    const batch = [...this.pending].slice(0, this.batchMax);
    for (const [taskId] of batch) this.pending.delete(taskId);
    this.urgent = [...this.pending.values()].some(stoppedRunning);
    this.inFlight = true;
    this.lastSendMs = this.clock.monotonicMs();
    this.log("trace.status-sent", { taskIds: batch.map(([taskId]) => taskId) });
    let retryMs: number | undefined;
    try {
      await send(batch.map(([taskId, status]) => ({ taskId, status })));
      this.failures = 0;
    } catch (error) {
      // Put the batch back in front, unless a newer status of the same task arrived meanwhile.
      const requeued = new Map<string, swarm.v1.TaskStatus.$Properties>();
      for (const [taskId, status] of batch) requeued.set(taskId, this.pending.get(taskId) ?? status);
      for (const [taskId, status] of this.pending) if (!requeued.has(taskId)) requeued.set(taskId, status);
      this.pending = this.closed ? new Map<string, swarm.v1.TaskStatus.$Properties>() : requeued;
      this.urgent = [...this.pending.values()].some(stoppedRunning);
      this.failures++;
      const capped = Math.min(this.retryMsMax, this.retryMsMin * 2 ** Math.min(this.failures - 1, 20));
      retryMs = capped / 2 + this.random.nextFloat() * (capped / 2);
      this.log("status-reporter.send-failed", {
        tasks: batch.length,
        retryMs: Math.round(retryMs),
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.inFlight = false;
    }
    // A session replaced while the batch was in flight sends at once; otherwise keep the pace.
    this.schedule(this.send !== send ? undefined : retryMs);
  }
}
