// Everything this member sends to one peer: one gRPC channel, one long-lived ProcessRaftMessage
// stream for ordinary messages, and a StreamSnapshot call per snapshot.
//
// Sending never waits. Messages wait in a bounded queue until the stream can take them, then go
// as batches in send order. When the stream breaks, queued messages are dropped, because raft
// resends what matters (appends are retried from the follower's progress, heartbeats recur), and
// the link waits with exponential backoff before opening a new stream; messages sent meanwhile
// are dropped too, so a dead peer costs no memory. The first message after the wait opens the new
// stream; the server's response headers prove it is up and reset the backoff.
import * as grpc from "@grpc/grpc-js";
import { RaftClient, type swarm } from "../../proto/index.js";
import type { Message, RaftId } from "../core/index.js";
import { messageToProto } from "./codec.js";
import { channelOptions, reconnectBackoffMsMax, reconnectBackoffMsMin, snapshotStreamMsMax } from "./grpc-options.js";
import { snapshotChunks } from "./snapshot-chunks.js";
import type { Cancel, Clock } from "../../common/index.js";

/** Most messages waiting for one peer; beyond it the oldest are dropped (raft resends). */
export const peerQueueMessagesMax = 4_096;
/** Most estimated bytes waiting for one peer; beyond it the oldest messages are dropped. */
export const peerQueueBytesMax = 64 * 1024 * 1024;
/** Most estimated bytes in one RaftMessageBatch, well below the gRPC message limit. */
export const batchBytesMax = 8 * 1024 * 1024;

/** Per-message overhead assumed by the size estimate (fixed fields and framing). */
const messageOverheadBytes = 64;
/** Per-entry overhead assumed by the size estimate. */
const entryOverheadBytes = 24;

/** Counters and state of one peer link, for diagnostics and tests. */
export interface PeerStats {
  /** The peer's address. */
  readonly addr: string;
  /** Whether a message stream is open and the peer has accepted it. */
  readonly connected: boolean;
  /** Messages waiting to be written. */
  readonly queuedMessages: number;
  /** Messages written to a stream (not necessarily delivered). */
  readonly sentMessages: number;
  /** Messages dropped: queue overflow, broken stream, peer in backoff, snapshot already in flight. */
  readonly droppedMessages: number;
  /** Message streams that broke. */
  readonly streamFailures: number;
  /** Snapshots the peer acknowledged as applied. */
  readonly snapshotsSent: number;
  /** Snapshots that failed or were refused. */
  readonly snapshotsFailed: number;
}

/** Structured event log. */
export type TransportLogFn = (event: string, fields: Record<string, unknown>) => void;

/** What a PeerLink needs from its transport. */
export interface PeerLinkOptions {
  /** The peer's raft id. */
  readonly id: RaftId;
  /** The peer's host:port. */
  readonly addr: string;
  /** Channel credentials (TLS in production). */
  readonly credentials: grpc.ChannelCredentials;
  /** Extra channel options (TLS's server name, for peers dialled by IP address). */
  readonly extraChannelOptions?: grpc.ChannelOptions;
  /** Backoff timers. */
  readonly clock: Clock;
  /** Event log. */
  readonly log: TransportLogFn;
  /** Queue bound in messages. */
  readonly queueMessagesMax: number;
  /** Data bytes per snapshot chunk. */
  readonly snapshotChunkBytes: number;
  /** Called when the message stream to the peer breaks. */
  readonly onUnreachable: (peer: RaftId) => void;
  /** Called with the outcome of a snapshot transfer (reject true when it failed). */
  readonly onSnapshotDone: (peer: RaftId, reject: boolean) => void;
}

/** The sending side towards one peer. */
export class PeerLink {
  /** The peer's raft id. */
  readonly id: RaftId;
  /** The peer's host:port. */
  readonly addr: string;
  private readonly options: PeerLinkOptions;
  private readonly client: RaftClient;
  private queue: Message[] = [];
  private queuedBytes = 0;
  private stream: grpc.ClientWritableStream<swarm.v1.RaftMessageBatch.$Properties> | null = null;
  private writable = false;
  private accepted = false;
  private retryTimer: Cancel | null = null;
  private backoffMs = reconnectBackoffMsMin;
  private snapshotCall: grpc.ClientWritableStream<swarm.v1.SnapshotChunk.$Properties> | null = null;
  private closed = false;
  private sent = 0;
  private dropped = 0;
  private failures = 0;
  private snapshotsSent = 0;
  private snapshotsFailed = 0;

  constructor(options: PeerLinkOptions) {
    this.options = options;
    this.id = options.id;
    this.addr = options.addr;
    this.client = new RaftClient(options.addr, options.credentials, {
      ...channelOptions(),
      ...options.extraChannelOptions,
    });
  }

  /** Queues a message (not a snapshot) for the next flush, or drops it while the peer is in backoff. */
  enqueue(m: Message): void {
    if (this.closed || this.retryTimer !== null) {
      this.dropped++;
      return;
    }
    this.queue.push(m);
    this.queuedBytes += estimateBytes(m);
    while (
      this.queue.length > this.options.queueMessagesMax ||
      (this.queuedBytes > peerQueueBytesMax && this.queue.length > 1)
    ) {
      // The newest messages carry the freshest state (terms, commit indexes), so the oldest go.
      this.queuedBytes -= estimateBytes(this.queue.shift()!);
      this.dropped++;
    }
  }

  /** Writes queued messages to the stream, opening it if needed, as far as the stream takes them. */
  flush(): void {
    if (this.closed || this.queue.length === 0) return;
    const stream = this.stream ?? this.openStream();
    while (this.writable && this.queue.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < this.queue.length && (count === 0 || bytes + estimateBytes(this.queue[count]!) <= batchBytesMax)) {
        bytes += estimateBytes(this.queue[count]!);
        count++;
      }
      const batch = this.queue.slice(0, count);
      this.queue = this.queue.slice(count);
      this.queuedBytes -= bytes;
      this.sent += batch.length;
      // write() returns false once grpc-js holds enough; the rest waits here, bounded, for 'drain'.
      const more = stream.write({ messages: batch.map(messageToProto) });
      if (this.stream !== stream) return;
      this.writable = more;
    }
  }

  /** Starts streaming a snapshot message to the peer; its outcome goes to onSnapshotDone. */
  sendSnapshot(m: Message): void {
    if (this.closed) return;
    if (this.snapshotCall !== null) {
      // The core waits for the outcome of the transfer under way before it sends another.
      this.options.log("transport.snapshot_busy", { peer: this.id, index: m.snapshot?.meta.index });
      this.dropped++;
      return;
    }
    const options: Partial<grpc.CallOptions> = { deadline: this.options.clock.now() + snapshotStreamMsMax };
    const call = this.client.streamSnapshot(new grpc.Metadata(), options, (error, ack) => {
      if (this.snapshotCall === call) this.snapshotCall = null;
      const applied = error === null && ack?.applied === true;
      if (applied) this.snapshotsSent++;
      else this.snapshotsFailed++;
      this.options.log(applied ? "transport.snapshot_sent" : "transport.snapshot_failed", {
        peer: this.id,
        index: m.snapshot?.meta.index,
        bytes: m.snapshot?.data.length,
        ...(error ? { code: error.code, error: error.details } : {}),
        ...(ack && !ack.applied ? { refused: ack.message } : {}),
      });
      this.options.onSnapshotDone(this.id, !applied);
    });
    call.on("error", () => {
      // The outcome, error included, arrives through the callback above.
    });
    this.snapshotCall = call;
    const chunks = snapshotChunks(m, this.options.snapshotChunkBytes);
    const pump = (): void => {
      for (;;) {
        if (this.snapshotCall !== call) return;
        const next = chunks.next();
        if (next.done === true) {
          call.end();
          return;
        }
        if (!call.write(next.value)) {
          call.once("drain", pump);
          return;
        }
      }
    };
    pump();
  }

  /** The link's counters. */
  stats(): PeerStats {
    return {
      addr: this.addr,
      connected: this.stream !== null && this.accepted,
      queuedMessages: this.queue.length,
      sentMessages: this.sent,
      droppedMessages: this.dropped,
      streamFailures: this.failures,
      snapshotsSent: this.snapshotsSent,
      snapshotsFailed: this.snapshotsFailed,
    };
  }

  /**
   * Stops the link: cancels the streams and the backoff timer and closes the channel. A snapshot
   * transfer under way ends as failed through onSnapshotDone, so the leader does not wait for it.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropped += this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    this.retryTimer?.();
    this.retryTimer = null;
    const stream = this.stream;
    this.stream = null;
    stream?.cancel();
    this.snapshotCall?.cancel();
    this.client.close();
  }

  private openStream(): grpc.ClientWritableStream<swarm.v1.RaftMessageBatch.$Properties> {
    const stream = this.client.processRaftMessage((error) => this.streamEnded(stream, error));
    stream.on("metadata", () => {
      // The server sends its headers as soon as it takes the stream: the peer is up.
      if (this.stream !== stream) return;
      this.accepted = true;
      this.backoffMs = reconnectBackoffMsMin;
      this.options.log("transport.stream_open", { peer: this.id, addr: this.addr });
    });
    stream.on("drain", () => {
      if (this.stream !== stream) return;
      this.writable = true;
      this.flush();
    });
    stream.on("error", () => {
      // The status, error included, arrives through the callback.
    });
    this.stream = stream;
    this.writable = true;
    this.accepted = false;
    return stream;
  }

  private streamEnded(
    stream: grpc.ClientWritableStream<swarm.v1.RaftMessageBatch.$Properties>,
    error: grpc.ServiceError | null,
  ): void {
    if (this.stream !== stream || this.closed) return;
    this.stream = null;
    this.writable = false;
    this.accepted = false;
    this.failures++;
    this.dropped += this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    this.options.log("transport.stream_broken", {
      peer: this.id,
      addr: this.addr,
      retryMs: this.backoffMs,
      ...(error ? { code: error.code, error: error.details } : { error: "the peer ended the stream" }),
    });
    this.retryTimer = this.options.clock.after(this.backoffMs, () => {
      this.retryTimer = null;
    });
    this.backoffMs = Math.min(this.backoffMs * 2, reconnectBackoffMsMax);
    this.options.onUnreachable(this.id);
  }
}

/** A rough wire size of a message, enough to bound queues and batches. */
function estimateBytes(m: Message): number {
  let bytes = messageOverheadBytes + m.context.length;
  for (const e of m.entries) bytes += entryOverheadBytes + e.data.length;
  return bytes;
}
