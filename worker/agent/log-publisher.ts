// The worker side of the log broker. While the agent's session is open, the publisher keeps a
// ListenSubscriptions stream to the same manager, on the session's own channel. For each
// subscription it reads the output of every local task the selector picks (`runtime.logs`) and
// publishes it in batches on one PublishLogs stream, each line with its service, node and task.
// Without follow it sends `close` once every such task's output is read; with follow it also reads
// tasks that start later, until the manager says `close` or the session ends.
//
// Bounds: at most `subscriptionsActiveMax` subscriptions at once (more are answered with an
// immediate `close`), batches of at most `publishBatchLinesMax` lines, and a reader waits while
// its stream's buffer is full, so a slow manager slows the reading rather than growing memory.
import { once } from "node:events";
import * as grpc from "@grpc/grpc-js";
import { type Cancel, type Clock, msFromTimestamp, realClock } from "../../common/index.js";
import { LogBrokerClient, swarm } from "../../proto/index.js";
import type { LogLine, LogOptions, TaskRuntime } from "../executor/index.js";
import { stderrLog, type AgentLog } from "./task-db.js";

/** Most lines in one PublishLogs message. */
export const publishBatchLinesMax = 100;
/**
 * Most bytes of log data in one PublishLogs message: a batch ends once it holds this much, so a
 * message stays far below what the manager accepts (8 MiB) even with one very long line beyond it.
 */
export const publishBatchBytesMax = 1024 * 1024;
/** How long a line may wait for others to fill its batch. */
export const publishFlushMs = 20;
/** Pause before reopening a ListenSubscriptions stream that ended while the session stays open. */
export const listenRetryMs = 1_000;
/** Most subscriptions served at once. */
export const subscriptionsActiveMax = 100;

const S = swarm.v1.TaskState;

/** A task on this node whose output may be read. */
export interface LocalTask {
  /** Task id. */
  readonly taskId: string;
  /** Its service's id. */
  readonly serviceId: string;
  /** Its observed state. */
  readonly state: number;
  /** Its runtime, which reads its output. */
  readonly runtime: TaskRuntime;
}

/** What the publisher needs from the agent. */
export interface LocalTasks {
  /** The tasks the agent drives now. */
  list(): LocalTask[];
  /** Calls `listener` with every new observed state of a task; returns the unsubscribe function. */
  onState(listener: (taskId: string, state: number) => void): () => void;
}

/** The open session's way to the manager. */
export interface PublisherChannel {
  /** The session's channel. */
  readonly channel: grpc.ChannelInterface;
  /** Metadata naming this node. */
  readonly metadata: grpc.Metadata;
}

/** Options of the publisher. */
export interface LogPublisherOptions {
  /** This node's id, put in every line's context. */
  readonly nodeId: string;
  /** The agent's tasks. */
  readonly tasks: LocalTasks;
  /** Log sink. */
  readonly log?: AgentLog;
  /** Timers (default: the real clock). */
  readonly clock?: Clock;
}

/** The executor's read options for a subscription's options. */
export function logOptionsOf(options: swarm.v1.ILogSubscriptionOptions | null | undefined): LogOptions {
  const tail = Number(options?.tail ?? -1);
  return {
    follow: options?.follow === true,
    ...(tail >= 0 ? { tail } : {}),
    ...(options?.since ? { sinceMs: msFromTimestamp(options.since) } : {}),
  };
}

/** Whether the selector picks a local task. */
export function selects(selector: swarm.v1.ILogSelector | null | undefined, task: LocalTask, nodeId: string): boolean {
  return (
    (selector?.serviceIds ?? []).includes(task.serviceId) ||
    (selector?.taskIds ?? []).includes(task.taskId) ||
    (selector?.nodeIds ?? []).includes(nodeId)
  );
}

/** A log line as the API carries it; sub-millisecond engine times are kept. */
export function logMessageOf(line: LogLine, task: LocalTask, nodeId: string): swarm.v1.LogMessage.$Properties {
  const seconds = Math.floor(line.timeMs / 1000);
  const nanos = Math.min(999_999_999, Math.max(0, Math.round((line.timeMs - seconds * 1000) * 1e6)));
  return {
    context: { serviceId: task.serviceId, nodeId, taskId: task.taskId },
    timestamp: { seconds, nanos },
    stream: line.stream === "stderr" ? swarm.v1.LogStream.LOG_STREAM_STDERR : swarm.v1.LogStream.LOG_STREAM_STDOUT,
    data: Buffer.from(`${line.line}\n`),
  };
}

interface Attached {
  readonly client: LogBrokerClient;
  readonly metadata: grpc.Metadata;
  readonly subscriptions: Map<string, Publication>;
  listen: grpc.ClientReadableStream<swarm.v1.SubscriptionMessage> | null;
  retry: Cancel | null;
}

/** Serves the log subscriptions the manager sends this node. */
export class LogPublisher {
  private attached: Attached | null = null;
  private readonly log: AgentLog;

  constructor(private readonly options: LogPublisherOptions) {
    this.log = options.log ?? stderrLog;
  }

  /** Number of subscriptions being served. */
  get activeCount(): number {
    return this.attached?.subscriptions.size ?? 0;
  }

  /** A session opened: listen for subscriptions on its channel. */
  attach(open: PublisherChannel): void {
    this.detach();
    // The client borrows the session's channel (address and credentials are unused then); it is
    // never closed here, since closing it would close the session's channel.
    const client = new LogBrokerClient("session-channel", grpc.credentials.createInsecure(), {
      channelOverride: open.channel,
    });
    const attached: Attached = { client, metadata: open.metadata, subscriptions: new Map(), listen: null, retry: null };
    this.attached = attached;
    this.listen(attached);
  }

  /** The session ended: stop every subscription and the listen stream. */
  detach(): void {
    const attached = this.attached;
    if (!attached) return;
    this.attached = null;
    attached.retry?.();
    attached.listen?.cancel();
    for (const p of attached.subscriptions.values()) p.stop();
    attached.subscriptions.clear();
  }

  private listen(attached: Attached): void {
    const stream = attached.client.listenSubscriptions({}, attached.metadata);
    attached.listen = stream;
    stream.on("data", (m: swarm.v1.SubscriptionMessage) => this.onSubscription(attached, m));
    let over = false;
    const ended = (error?: Error): void => {
      if (over) return;
      over = true;
      if (this.attached !== attached) return;
      // The subscriptions went with the stream (the manager forgets them); they are not resumed.
      for (const p of attached.subscriptions.values()) p.stop();
      attached.subscriptions.clear();
      // A manager without a log broker (an older one, a test double) is not asked again this session.
      const unimplemented = (error as Partial<grpc.ServiceError> | undefined)?.code === grpc.status.UNIMPLEMENTED;
      this.log("log-publisher.listen-ended", {
        error: error?.message ?? "ended",
        retryMs: unimplemented ? null : listenRetryMs,
      });
      if (unimplemented) return;
      attached.retry = (this.options.clock ?? realClock).after(listenRetryMs, () => {
        attached.retry = null;
        if (this.attached === attached) this.listen(attached);
      });
    };
    stream.on("error", ended);
    stream.on("end", () => ended());
  }

  private onSubscription(attached: Attached, m: swarm.v1.SubscriptionMessage): void {
    if (this.attached !== attached || m.id === "") return;
    const current = attached.subscriptions.get(m.id);
    if (m.close) {
      current?.stop();
      attached.subscriptions.delete(m.id);
      return;
    }
    if (current) return;
    const publication = new Publication(attached, m, this.options, this.log, () => {
      if (attached.subscriptions.get(m.id) === publication) attached.subscriptions.delete(m.id);
    });
    if (attached.subscriptions.size >= subscriptionsActiveMax) {
      this.log("log-publisher.too-many-subscriptions", { subscriptionId: m.id, max: subscriptionsActiveMax });
      publication.refuse();
      return;
    }
    attached.subscriptions.set(m.id, publication);
    publication.start();
  }
}

/** One subscription on this node: its readers and its PublishLogs stream. */
class Publication {
  private readonly abort = new AbortController();
  private readonly reading = new Set<string>();
  private readonly readers: Promise<void>[] = [];
  private readonly options: LogOptions;
  private readonly streams: Set<number>;
  private stream: grpc.ClientWritableStream<swarm.v1.PublishLogsMessage.$Properties> | null = null;
  private batch: swarm.v1.LogMessage.$Properties[] = [];
  private batchBytes = 0;
  private flushTimer: Cancel | null = null;
  private unsubscribe: (() => void) | null = null;
  private ended = false;

  constructor(
    private readonly attached: Attached,
    private readonly message: swarm.v1.SubscriptionMessage,
    private readonly publisher: LogPublisherOptions,
    private readonly log: AgentLog,
    private readonly onDone: () => void,
  ) {
    this.options = logOptionsOf(message.options);
    this.streams = new Set((message.options?.streams ?? []).map(Number));
  }

  /** Opens the stream, says this node is on it, and starts reading the selected tasks. */
  start(): void {
    const stream = this.open();
    // The first message tells the broker this node serves the subscription, even before any line.
    stream.write({ subscriptionId: this.message.id, messages: [] });
    const tasks = this.publisher.tasks;
    if (this.options.follow) {
      // Tasks that start running later are read from then on.
      this.unsubscribe = tasks.onState((taskId, state) => {
        if (state < Number(S.TASK_STATE_RUNNING)) return;
        const task = tasks.list().find((x) => x.taskId === taskId);
        if (task) this.read(task);
      });
    }
    // A task that never reached STARTING has no output to read yet.
    for (const task of tasks.list()) if (task.state >= Number(S.TASK_STATE_STARTING)) this.read(task);
    if (!this.options.follow) void Promise.all(this.readers).then(() => this.finish());
  }

  /** Answers a subscription this node cannot take now with an immediate `close`. */
  refuse(): void {
    const stream = this.open();
    stream.write({ subscriptionId: this.message.id, close: true });
    this.ended = true;
    stream.end();
  }

  /** Stops reading and ends the stream (the manager said `close`, or the session ended). */
  stop(): void {
    this.abort.abort();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.flushTimer?.();
    this.flushTimer = null;
    if (!this.ended) {
      this.ended = true;
      this.stream?.end();
    }
    this.onDone();
  }

  private open(): grpc.ClientWritableStream<swarm.v1.PublishLogsMessage.$Properties> {
    const stream = this.attached.client.publishLogs(this.attached.metadata, (error) => {
      // The broker answers when the subscription is over for this node (or refuses it): stop reading.
      if (error && !this.abort.signal.aborted)
        this.log("log-publisher.publish-failed", { subscriptionId: this.message.id, error: error.message });
      this.ended = true;
      this.stop();
    });
    this.stream = stream;
    return stream;
  }

  private read(task: LocalTask): void {
    if (
      this.abort.signal.aborted ||
      this.reading.has(task.taskId) ||
      !selects(this.message.selector, task, this.publisher.nodeId)
    )
      return;
    this.reading.add(task.taskId);
    this.readers.push(this.pump(task));
  }

  private async pump(task: LocalTask): Promise<void> {
    const signal = this.abort.signal;
    try {
      for await (const line of task.runtime.logs(this.options, signal)) {
        if (signal.aborted) return;
        if (this.streams.size > 0 && !this.streams.has(line.stream === "stderr" ? 2 : 1)) continue;
        await this.push(logMessageOf(line, task, this.publisher.nodeId));
      }
    } catch (error) {
      // A task whose runtime is gone (removed, never prepared) has no output to give: skip it.
      if (!signal.aborted)
        this.log("log-publisher.read-failed", {
          taskId: task.taskId,
          error: error instanceof Error ? error.message : String(error),
        });
    }
  }

  private async push(message: swarm.v1.LogMessage.$Properties): Promise<void> {
    this.batch.push(message);
    this.batchBytes += message.data?.length ?? 0;
    if (this.batch.length >= publishBatchLinesMax || this.batchBytes >= publishBatchBytesMax) return this.flush();
    this.flushTimer ??= (this.publisher.clock ?? realClock).after(publishFlushMs, () => void this.flush());
  }

  private async flush(): Promise<void> {
    this.flushTimer?.();
    this.flushTimer = null;
    if (this.batch.length === 0 || this.ended || !this.stream) return;
    const messages = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (this.stream.write({ subscriptionId: this.message.id, messages })) return;
    // The stream's buffer is full: wait for it to drain (or for the end) before reading on.
    await once(this.stream, "drain", { signal: this.abort.signal }).catch(() => undefined);
  }

  /** Everything selected is read: flush and say `close`. */
  private async finish(): Promise<void> {
    await this.flush();
    if (this.ended || !this.stream) return;
    this.ended = true;
    this.stream.write({ subscriptionId: this.message.id, close: true });
    this.stream.end();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
