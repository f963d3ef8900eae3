// The Watch API (proto `Watch`), served by every manager from its own store: a follower applies the
// same log, so its events are the leader's, in the same order. Each store commit becomes one
// WatchMessage holding the events a call's entries select. The service keeps the commits that
// hold the last `watchHistoryEventsMax` events, so a watcher can resume after the version it last
// saw (a reconnecting `swarmctl events`) as long as that version is still covered. The bound is in
// events, as Docker's event log is, not in commits: a busy cluster writes commits of a hundred
// events each, and a thousand of those kept every service version alive for seconds, which the
// garbage collector then had to promote and sweep (a third of a follower's time under load).
//
// A new stream first gets one message without events carrying the current store version: the
// watch is live from then on, and the version is where to resume from.
import * as grpc from "@grpc/grpc-js";
import { SwarmError, toServiceError } from "../../common/index.js";
import type { swarm, WatchServer } from "../../proto/index.js";
import type { MemoryStore, StoreCommit } from "../store/index.js";
import { actionOf, compileEntries, type EventFilter, storeObjectOf } from "./watch-filter.js";

/** Events kept (as whole commits, the newest always) for watchers that resume from an earlier version. */
export const watchHistoryEventsMax = 4_096;
/** Messages one watcher may have waiting to be sent; a watcher further behind is ended (it may resume). */
export const watchQueueMessagesMax = 1_000;

/** The version to resume from is older than the commits this manager still keeps. */
export class WatchHistoryGoneError extends SwarmError {
  constructor(resumeFrom: number, oldest: number) {
    super(
      "FAILED_PRECONDITION",
      `cannot resume after version ${resumeFrom}: this manager keeps commits after version ${oldest} only; watch from now`,
      { context: { resumeFrom, oldest } },
    );
  }
}

/** A watcher fell too far behind; it may resume from the version it last received. */
export class WatchTooSlowError extends SwarmError {
  constructor(lastSent: number) {
    super(
      "RESOURCE_EXHAUSTED",
      `the watcher fell ${watchQueueMessagesMax} messages behind; resume after version ${lastSent}`,
      { context: { lastSent } },
    );
  }
}

/** The manager replaced its store by a snapshot: the changes in between have no events to send. */
export class WatchSnapshotInstalledError extends SwarmError {
  constructor(lastSent: number, version: number) {
    super(
      "FAILED_PRECONDITION",
      `this manager caught up from a snapshot at version ${version}; the changes after version ${lastSent} have no events: watch again from now`,
      { context: { lastSent, version } },
    );
  }
}

type WatchCall = grpc.ServerWritableStream<swarm.v1.WatchRequest, swarm.v1.WatchMessage.$Properties>;

interface Watcher {
  readonly call: WatchCall;
  readonly wants: EventFilter;
  readonly includeOld: boolean;
  lastSent: number;
}

/** Options of the watch service. */
export interface WatchServiceOptions {
  /** This manager's store. */
  readonly store: MemoryStore;
  /** Overrides {@link watchHistoryEventsMax}. */
  readonly historyEventsMax?: number;
}

/** The Watch service of one manager. Create it with the store, before raft applies anything. */
export class WatchService {
  private readonly store: MemoryStore;
  private readonly history: StoreCommit[] = [];
  private historyEvents = 0;
  /** Every commit after this version is in `history`. */
  private coveredAfter: number;
  private readonly watchers = new Set<Watcher>();
  private readonly unwatch: () => void;
  private readonly unrestore: () => void;

  constructor(private readonly options: WatchServiceOptions) {
    this.store = options.store;
    this.coveredAfter = options.store.version;
    this.unwatch = options.store.watch((commit) => this.onCommit(commit));
    this.unrestore = options.store.onRestore((version) => this.onRestore(version));
  }

  /** Number of open watch streams. */
  get watcherCount(): number {
    return this.watchers.size;
  }

  /** The gRPC handlers. */
  handlers(): WatchServer {
    return {
      watch: (call) => {
        try {
          this.open(call);
        } catch (error) {
          call.emit("error", streamError(error));
        }
      },
    };
  }

  /** Ends every stream and stops recording (the manager stops). */
  close(): void {
    this.unwatch();
    this.unrestore();
    for (const w of [...this.watchers]) this.drop(w, null);
  }

  private open(call: WatchCall): void {
    const request = call.request;
    const wants = compileEntries(request.entries);
    const resumeFrom = request.resumeFrom ? Number(request.resumeFrom.index ?? 0) : null;
    if (resumeFrom !== null && resumeFrom < this.coveredAfter)
      throw new WatchHistoryGoneError(resumeFrom, this.coveredAfter);
    const watcher: Watcher = { call, wants, includeOld: request.includeOldObject, lastSent: this.store.version };
    this.watchers.add(watcher);
    const forget = (): void => void this.watchers.delete(watcher);
    call.on("cancelled", forget);
    call.on("close", forget);
    call.on("error", forget);
    call.write({ events: [], version: { index: this.store.version } });
    // Replay and going live happen in one turn: no commit can fall between them.
    if (resumeFrom !== null)
      for (const commit of this.history) if (commit.version > resumeFrom) this.send(watcher, commit);
  }

  private onCommit(commit: StoreCommit): void {
    // A commit without events has nothing to replay; history still covers it.
    if (commit.events.length > 0) {
      this.history.push(commit);
      this.historyEvents += commit.events.length;
      const max = this.options.historyEventsMax ?? watchHistoryEventsMax;
      while (this.historyEvents > max && this.history.length > 1) {
        const oldest = this.history.shift()!;
        this.historyEvents -= oldest.events.length;
        this.coveredAfter = oldest.version;
      }
    }
    if (this.watchers.size > 0) for (const w of [...this.watchers]) this.send(w, commit);
  }

  /** A jump without events: history no longer joins up, so every stream ends and must start again. */
  private onRestore(version: number): void {
    this.history.length = 0;
    this.historyEvents = 0;
    this.coveredAfter = version;
    for (const w of [...this.watchers]) this.drop(w, new WatchSnapshotInstalledError(w.lastSent, version));
  }

  private send(w: Watcher, commit: StoreCommit): void {
    const events: swarm.v1.WatchEvent.$Properties[] = [];
    for (const e of commit.events) {
      if (!w.wants(e)) continue;
      events.push({
        action: actionOf(e.action),
        object: storeObjectOf(e.kind, e.object),
        ...(w.includeOld && e.old ? { oldObject: storeObjectOf(e.kind, e.old) } : {}),
      });
    }
    if (events.length === 0) return;
    if (w.call.writableLength >= watchQueueMessagesMax) return this.drop(w, new WatchTooSlowError(w.lastSent));
    w.call.write({ events, version: { index: commit.version } });
    w.lastSent = commit.version;
  }

  private drop(w: Watcher, error: Error | null): void {
    this.watchers.delete(w);
    if (error) w.call.emit("error", streamError(error));
    else w.call.end();
  }
}

/** An error a server stream can emit: grpc-js sends its code, details and metadata as the status. */
function streamError(error: unknown): Error {
  const status = toServiceError(error);
  // The Control API's mapping has no slow-consumer case; a watcher that fell behind is told so.
  const code = error instanceof WatchTooSlowError ? grpc.status.RESOURCE_EXHAUSTED : status.code;
  return Object.assign(new Error(status.details), {
    code,
    details: status.details,
    metadata: status.metadata ?? new grpc.Metadata(),
  });
}
