// The cluster's events for `GET /events`. One Watch stream per front end (not one per client)
// turns store changes into Docker events, keeps the last `eventHistoryMax` of them for `--since`
// (moby keeps 256 in memory too) and hands each new one to the connected clients. The stream
// reconnects with a growing pause when the manager is away (starting, locked, demoted), resuming
// after the last store version it saw so a reconnect loses nothing the manager still remembers.
import { type Cancel, realClock } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { type DockerEvent, dockerEventOf, type EventLabels, eventKinds } from "../convert/events.js";

/** Events kept for replay (`docker events --since`). */
export const eventHistoryMax = 256;

/** First and longest pause before reconnecting the Watch stream, in ms. */
export const watchRetryMsMin = 200;
export const watchRetryMsMax = 5_000;

const grpcFailedPrecondition = 9;
const grpcOutOfRange = 11;

/** Connected clients at most (each holds one HTTP response open). */
export const eventListenersMax = 1_000;

/** An event with what its filters need. */
export interface EventRecord {
  readonly event: DockerEvent;
  readonly labels: EventLabels;
}

/** A client's callback for new events. */
export type EventListener = (record: EventRecord) => void;

/** The events of the cluster, live and recent. */
export class EventHub {
  private readonly history: EventRecord[] = [];
  private readonly listeners = new Set<EventListener>();
  private readonly abort = new AbortController();
  private lastVersion = 0;
  private retryMs = watchRetryMsMin;
  private timer: Cancel | null = null;

  constructor(
    private readonly cluster: ClusterApi,
    private readonly now: () => number = () => realClock.now(),
  ) {}

  /** Starts following the store. */
  start(): void {
    this.connect();
  }

  /** Stops following and drops every listener. */
  stop(): void {
    this.abort.abort();
    this.timer?.();
    this.listeners.clear();
  }

  /** Recent events with `sinceNs <= timeNano <= untilNs`, oldest first. */
  recent(sinceNs: bigint, untilNs: bigint): EventRecord[] {
    return this.history.filter((r) => r.event.timeNano >= sinceNs && r.event.timeNano <= untilNs);
  }

  /** Calls `listener` for every new event until the returned function is called; null when too many listen. */
  subscribe(listener: EventListener): (() => void) | null {
    if (this.listeners.size >= eventListenersMax) return null;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    if (this.abort.signal.aborted) return;
    const stream = this.cluster.watch(
      {
        entries: eventKinds.map((kind) => ({ kind })),
        includeOldObject: true,
        ...(this.lastVersion > 0 ? { resumeFrom: { index: this.lastVersion } } : {}),
      },
      this.abort.signal,
    );
    stream.on("data", (message: swarm.v1.WatchMessage) => {
      this.retryMs = watchRetryMsMin;
      for (const event of message.events) this.publish(event);
      const version = Number(message.version?.index ?? 0);
      if (version > 0) this.lastVersion = version;
    });
    let ended = false;
    const ended_ = (): void => {
      if (ended) return;
      ended = true;
      this.reconnectLater();
    };
    stream.on("error", (error: { code?: number }) => {
      // A resume point the manager no longer holds: start from now (events in between are lost, as a restart loses them).
      if (error.code === grpcOutOfRange || error.code === grpcFailedPrecondition) this.lastVersion = 0;
      ended_();
    });
    stream.on("end", ended_);
  }

  private reconnectLater(): void {
    if (this.abort.signal.aborted) return;
    this.timer = realClock.after(this.retryMs, () => this.connect(), { keepAlive: false });
    this.retryMs = Math.min(this.retryMs * 2, watchRetryMsMax);
  }

  private publish(event: swarm.v1.WatchEvent): void {
    const converted = dockerEventOf(event, this.now());
    if (!converted) return;
    this.history.push(converted);
    if (this.history.length > eventHistoryMax) this.history.shift();
    for (const listener of this.listeners) listener(converted);
  }
}
