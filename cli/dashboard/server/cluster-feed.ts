// The dashboard server's one link to the cluster: a single Watch stream on the operator's
// connection, fanned out to every page. On (re)connecting it opens the watch first and reads
// every list after, so no commit falls between the two (the mirror sorts out the overlap by object
// version). A lost stream is reopened with growing pauses; it resumes after the last version seen
// when the manager still holds the commits since, and reads everything again when it does not.
// Changes are flushed to the pages at most every `flushIntervalMs`, so a burst of commits
// becomes one message.
import type * as grpc from "@grpc/grpc-js";
import type { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { describeError } from "../../commands/exit-codes.js";
import {
  ChartSeries,
  DashboardViews,
  type Flush,
  type MirrorLists,
  mirrorKinds,
  type WatchChange,
  watchChanges,
} from "../model/index.js";
import type { LinkStatus } from "../shared/wire.js";

/** Shortest pause between two flushes to the pages. */
export const flushIntervalMs = 50;
/** Period of the tasks-by-state chart's samples. */
export const chartSampleMs = 2_000;
/** First pause before reopening a lost watch; it doubles up to {@link reconnectMsMax}. */
export const reconnectMsMin = 250;
/** Longest pause between two attempts to reopen the watch. */
export const reconnectMsMax = 5_000;
/** Watch messages held while the lists are read (a busier start than this reads the lists again). */
export const syncBufferMessagesMax = 10_000;

/** gRPC status of a resume the manager cannot serve (history gone, or a snapshot installed). */
const failedPrecondition = 9;

/** Who hears of the feed's flushes and link changes. */
export interface FeedListener {
  /** The services pages have on show (their tasks are computed on each flush). */
  watched(): ReadonlySet<string>;
  onFlush(flush: Flush): void;
  onLink(link: LinkStatus): void;
}

/** The watch stream and the views it keeps. */
export class ClusterFeed {
  readonly views = new DashboardViews(new ChartSeries());
  private call: grpc.ClientReadableStream<swarm.v1.WatchMessage> | null = null;
  private synced = false;
  private resume = false;
  private stopped = false;
  private attempt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private lastFlushMs = 0;
  private readonly sampler: NodeJS.Timeout;
  private currentLink: LinkStatus;
  private firstSync: Promise<void>;
  private resolveFirstSync: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly listener: FeedListener,
  ) {
    this.currentLink = { target: connection.target, connected: false, error: "connecting…" };
    this.firstSync = new Promise((resolve) => (this.resolveFirstSync = resolve));
    this.sampler = setInterval(() => {
      if (!this.synced) return;
      this.views.sample(Date.now());
      this.schedule();
    }, chartSampleMs);
    this.sampler.unref();
  }

  /** The link as of now. */
  get link(): LinkStatus {
    return this.currentLink;
  }

  /** Resolves once the views hold the cluster (or at once after stop). */
  whenSynced(): Promise<void> {
    return this.firstSync;
  }

  /** Opens the watch. */
  start(): void {
    this.open();
  }

  /** Closes the watch and every timer. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.sampler);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.call?.cancel();
    this.resolveFirstSync();
  }

  /** Flushes pending changes at once (before a new page's snapshot, so its deltas follow on). */
  flushNow(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.lastFlushMs = Date.now();
    if (!this.views.pending && this.listener.watched().size === 0) return;
    this.listener.onFlush(this.views.flush(this.listener.watched()));
  }

  private schedule(): void {
    if (this.flushTimer || this.stopped) return;
    const delay = Math.max(0, this.lastFlushMs + flushIntervalMs - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushNow();
    }, delay);
  }

  private setLink(connected: boolean, error: string): void {
    if (this.currentLink.connected === connected && this.currentLink.error === error) return;
    this.currentLink = { target: this.connection.target, connected, error };
    this.listener.onLink(this.currentLink);
  }

  private open(): void {
    if (this.stopped) return;
    const resumeFrom = this.resume && this.synced ? this.views.mirror.version : null;
    const call = this.connection.watch.watch({
      entries: mirrorKinds.map((kind) => ({ kind })),
      ...(resumeFrom !== null ? { resumeFrom: { index: resumeFrom } } : {}),
    });
    this.call = call;
    // Until the lists are in, the watch's messages wait here (null once live).
    let buffered: { changes: WatchChange[]; version: number }[] | null = resumeFrom !== null ? null : [];
    let first = true;
    call.on("data", (message: swarm.v1.WatchMessage) => {
      const version = Number(message.version?.index ?? 0);
      if (first) {
        first = false;
        this.attempt = 0;
        if (buffered)
          void this.sync(
            call,
            version,
            () => buffered,
            () => (buffered = null),
          );
        else this.setLink(true, "");
        return;
      }
      const changes = watchChanges(message);
      if (buffered) {
        buffered.push({ changes, version });
        if (buffered.length > syncBufferMessagesMax) {
          this.lost(call, new Error("the cluster changed faster than its lists could be read; reading them again"));
          call.cancel();
        }
        return;
      }
      this.views.apply(changes, version, Date.now());
      this.schedule();
    });
    call.on("error", (error: grpc.ServiceError) => this.lost(call, error));
    call.on("end", () => this.lost(call, null));
  }

  /** Reads every list, then applies what the watch delivered meanwhile, and goes live. */
  private async sync(
    call: grpc.ClientReadableStream<swarm.v1.WatchMessage>,
    version: number,
    held: () => { changes: WatchChange[]; version: number }[] | null,
    goLive: () => void,
  ): Promise<void> {
    try {
      const lists = await this.readLists();
      if (this.call !== call || this.stopped) return;
      this.views.reset(lists, version);
      const now = Date.now();
      for (const m of held() ?? []) this.views.apply(m.changes, m.version, now);
      goLive();
      this.synced = true;
      this.resume = true;
      this.setLink(true, "");
      this.flushNow();
      this.resolveFirstSync();
    } catch (error) {
      if (this.call === call) {
        this.lost(call, error);
        call.cancel();
      }
    }
  }

  private async readLists(): Promise<MirrorLists> {
    const c = this.connection;
    const [nodes, services, tasks, secrets, configs, networks, clusters] = await Promise.all([
      c.call("listNodes", {}),
      c.call("listServices", {}),
      c.call("listTasks", {}),
      c.call("listSecrets", {}),
      c.call("listConfigs", {}),
      c.call("listNetworks", {}),
      c.call("listClusters", {}),
    ]);
    return {
      node: nodes.nodes,
      service: services.services,
      task: tasks.tasks,
      secret: secrets.secrets,
      config: configs.configs,
      network: networks.networks,
      cluster: clusters.clusters,
    };
  }

  private lost(call: grpc.ClientReadableStream<swarm.v1.WatchMessage>, error: unknown): void {
    if (this.call !== call) return;
    this.call = null;
    if (this.stopped) return;
    if ((error as { code?: number } | null)?.code === failedPrecondition) this.resume = false;
    const line = error ? describeError(error).line : "the manager ended the watch stream";
    this.setLink(false, line);
    const pause = Math.min(reconnectMsMax, reconnectMsMin * 2 ** this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, pause);
  }
}
