// GrpcTransport carries raft core messages between managers over the `Raft` gRPC service of
// proto/swarm/v1/raft.proto. It implements the driver's RaftTransport (send, addPeer, removePeer)
// and serves the receiving side:
//
//   send(messages) ─▶ PeerLink per peer ─▶ ProcessRaftMessage stream (batches) ─▶ peer's onMessage
//                                       └▶ StreamSnapshot call (chunks)       ─▶ peer's onMessage
//                                            └─ outcome ─▶ local "snapshot-status" ─▶ our onMessage
//
// Ordering: messages to one peer arrive in send order (one stream, batches in order). Delivery is
// best effort, as raft expects: a broken stream or a full queue drops messages and raft resends.
import * as grpc from "@grpc/grpc-js";
import { assert, type Clock, realClock } from "../../common/index.js";
import { type RaftServer, raftService, type swarm } from "../../proto/index.js";
import { makeMessage, type Message, type RaftId, type Snapshot } from "../core/index.js";
import { messageFromProto } from "./codec.js";
import { RaftWireError, SnapshotRefusedError, TransportClosedError, TransportListenError } from "./errors.js";
import { serverOptions } from "./grpc-options.js";
import { raftBatchReceiveBytesMax } from "./receive-limits.js";
import { PeerLink, type PeerStats, peerQueueMessagesMax, type TransportLogFn } from "./peer-link.js";
import { SnapshotAssembler, snapshotBytesMax, snapshotChunkBytes } from "./snapshot-chunks.js";

/** Options of a GrpcTransport. */
export interface GrpcTransportOptions {
  /** This member's raft id; received messages addressed to another id are dropped. */
  readonly id: RaftId;
  /** TLS (mutual, in a cluster) or insecure credentials for the server and for channels to peers. */
  readonly credentials: { readonly server: grpc.ServerCredentials; readonly channel: grpc.ChannelCredentials };
  /** Extra options of channels to peers (with TLS: the server name every manager certificate carries). */
  readonly channelOptions?: grpc.ChannelOptions;
  /**
   * Wraps the Raft service's handlers before they are served, so the caller can check each
   * caller's identity (raft/ knows nothing of certificates; the manager does).
   */
  readonly guardRaftService?: (handlers: grpc.UntypedServiceImplementation) => grpc.UntypedServiceImplementation;
  /** Receives every message from peers, in each peer's send order, and local snapshot-status reports. */
  readonly onMessage: (m: Message) => void;
  /**
   * Called with a received snapshot once it is complete and its CRC-32C checked, before it is
   * handed to onMessage; the sender learns of success only after this returns (or its promise
   * resolves). Throwing or rejecting refuses the snapshot, and the leader will retry.
   */
  readonly onSnapshot?: (snapshot: Snapshot, from: RaftId) => void | Promise<void>;
  /** Called when the message stream to a peer breaks (the driver may tell the core it is unreachable). */
  readonly onUnreachable?: (peer: RaftId) => void;
  /**
   * Server interceptors that see every call of the listening server first, before the services'
   * handlers (a manager admits each call before its request is read).
   */
  readonly interceptors?: readonly grpc.ServerInterceptor[];
  /** Answers GetMemberStatus; without it the call answers UNIMPLEMENTED. */
  readonly memberStatus?: () => swarm.v1.GetMemberStatusResponse.$Properties;
  /** Structured event log. */
  readonly log?: TransportLogFn;
  /** Time and timers: reconnection backoff, deadlines, batching (default: the real clock). */
  readonly clock?: Clock;
  /** Queue bound per peer in messages (default peerQueueMessagesMax). */
  readonly peerQueueMessagesMax?: number;
  /** Data bytes per snapshot chunk sent (default snapshotChunkBytes). */
  readonly snapshotChunkBytes?: number;
  /** Largest snapshot accepted from a peer (default snapshotBytesMax). */
  readonly snapshotBytesMax?: number;
}

/** Counters of a transport, for diagnostics and tests. */
export interface TransportStats {
  /** Per peer link. */
  readonly peers: ReadonlyMap<RaftId, PeerStats>;
  /** Messages given to send() for a member with no address (not added, or removed). */
  readonly droppedNoPeer: number;
  /** Messages received and handed to onMessage (snapshots included). */
  readonly receivedMessages: number;
  /** Received messages dropped: undecodable, addressed to another member, or a forged local report. */
  readonly refusedMessages: number;
  /** Received snapshot streams refused. */
  readonly refusedSnapshots: number;
}

/** Raft messages over gRPC between managers. */
export class GrpcTransport {
  /** This member's raft id. */
  readonly id: RaftId;
  private readonly options: GrpcTransportOptions;
  private readonly log: TransportLogFn;
  private readonly peers = new Map<RaftId, PeerLink>();
  private readonly dirty = new Set<PeerLink>();
  /** Whether a flush is queued for a later turn. */
  private flushQueued = false;
  private server: grpc.Server | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private droppedNoPeer = 0;
  private received = 0;
  private refused = 0;
  private refusedSnapshots = 0;

  constructor(options: GrpcTransportOptions) {
    assert(Number.isSafeInteger(options.id) && options.id > 0, "a transport needs a positive raft id");
    this.options = options;
    this.id = options.id;
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Serves the Raft service on `addr` (host:port; port 0 picks a free one) and returns the address
   * actually bound, host:port. Throws TransportListenError when the address cannot be bound and
   * TransportClosedError after close(). `services` are served on the same port (a manager serves
   * its Control API next to Raft, so one address reaches both, as in SwarmKit).
   */
  async listen(
    addr: string,
    services: readonly { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation }[] = [],
  ): Promise<string> {
    if (this.closed) throw new TransportClosedError("listen");
    assert(this.server === null, "listen() was already called");
    const interceptors = this.options.interceptors;
    const server = new grpc.Server({
      ...serverOptions(raftBatchReceiveBytesMax),
      ...(interceptors ? { interceptors: [...interceptors] } : {}),
    });
    const handlers = this.handlers();
    server.addService(raftService, this.options.guardRaftService ? this.options.guardRaftService(handlers) : handlers);
    for (const service of services) server.addService(service.definition, service.implementation);
    this.server = server;
    let port: number;
    try {
      port = await new Promise<number>((resolve, reject) => {
        server.bindAsync(addr, this.options.credentials.server, (error, bound) =>
          error ? reject(error) : resolve(bound),
        );
      });
    } catch (error) {
      this.server = null;
      server.forceShutdown();
      throw new TransportListenError(addr, { cause: error });
    }
    if (this.closed) throw new TransportClosedError("listen");
    const host = addr.slice(0, Math.max(0, addr.lastIndexOf(":")));
    const bound = `${host}:${port}`;
    this.log("transport.listening", { id: this.id, addr: bound });
    return bound;
  }

  /** Adds a peer, or moves it if it is known at another address. */
  addPeer(id: RaftId, addr: string): void {
    if (this.closed || id === this.id) return;
    const known = this.peers.get(id);
    if (known?.addr === addr) return;
    if (known) this.dropLink(known);
    this.peers.set(
      id,
      new PeerLink({
        id,
        addr,
        credentials: this.options.credentials.channel,
        ...(this.options.channelOptions ? { extraChannelOptions: this.options.channelOptions } : {}),
        clock: this.options.clock ?? realClock,
        log: this.log,
        queueMessagesMax: this.options.peerQueueMessagesMax ?? peerQueueMessagesMax,
        snapshotChunkBytes: this.options.snapshotChunkBytes ?? snapshotChunkBytes,
        onUnreachable: (peer) => this.options.onUnreachable?.(peer),
        // Always later, never inside the caller's removePeer() or send(): the driver may be mid-Ready.
        onSnapshotDone: (peer, reject) =>
          queueMicrotask(() => this.deliverLocal(snapshotStatus(peer, this.id, reject))),
      }),
    );
    this.log("transport.peer_added", { peer: id, addr });
  }

  /** Changes a peer's address; the same as addPeer, named for the caller's intent. */
  updatePeer(id: RaftId, addr: string): void {
    this.addPeer(id, addr);
  }

  /** Forgets a peer: its queue is dropped and its connection closed. */
  removePeer(id: RaftId): void {
    const link = this.peers.get(id);
    if (!link) return;
    this.dropLink(link);
    this.peers.delete(id);
    this.log("transport.peer_removed", { peer: id });
  }

  /**
   * Sends messages. Never blocks, never throws: messages to one peer are batched and written on
   * the next turn of the event loop, so one Ready's messages leave as one batch per peer. A
   * snapshot message starts a StreamSnapshot transfer, whose outcome comes back through onMessage
   * as a "snapshot-status" message from the peer.
   */
  send(messages: readonly Message[]): void {
    if (this.closed) return;
    for (const m of messages) {
      try {
        this.route(m);
      } catch (error) {
        this.log("transport.send_failed", { peer: m.to, type: m.type, error: String(error) });
      }
    }
    if (this.dirty.size > 0 && !this.flushQueued) {
      this.flushQueued = true;
      (this.options.clock ?? realClock).defer(() => this.flush());
    }
  }

  /** The transport's counters. */
  stats(): TransportStats {
    return {
      peers: new Map([...this.peers].map(([id, link]) => [id, link.stats()])),
      droppedNoPeer: this.droppedNoPeer,
      receivedMessages: this.received,
      refusedMessages: this.refused,
      refusedSnapshots: this.refusedSnapshots,
    };
  }

  /**
   * Stops serving and sending: cancels every stream, closes every channel and the server. After
   * the returned promise resolves the transport holds no socket or timer, and onMessage is not
   * called again.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.flushQueued = false;
    this.dirty.clear();
    for (const link of this.peers.values()) link.close();
    this.peers.clear();
    const server = this.server;
    this.server = null;
    this.closing = server
      ? new Promise<void>((resolve) => {
          // Peers' streams never end on their own, so a graceful shutdown would wait forever:
          // cancel them, and let tryShutdown report when the listening socket is gone.
          server.tryShutdown(() => resolve());
          server.forceShutdown();
        })
      : Promise.resolve();
    this.log("transport.closed", { id: this.id });
    return this.closing;
  }

  private route(m: Message): void {
    if (m.type === "snapshot-status") return; // A local report of ours; never for the wire.
    const link = this.peers.get(m.to);
    if (!link) {
      this.droppedNoPeer++;
      this.log("transport.no_peer", { peer: m.to, type: m.type });
      // The leader waits for a snapshot's outcome; tell it this one went nowhere.
      if (m.type === "snapshot") queueMicrotask(() => this.deliverLocal(snapshotStatus(m.to, this.id, true)));
      return;
    }
    if (m.type === "snapshot") link.sendSnapshot(m);
    else {
      link.enqueue(m);
      this.dirty.add(link);
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.closed) return;
    const links = [...this.dirty];
    this.dirty.clear();
    for (const link of links) {
      try {
        link.flush();
      } catch (error) {
        this.log("transport.flush_failed", { peer: link.id, error: String(error) });
      }
    }
  }

  private dropLink(link: PeerLink): void {
    this.dirty.delete(link);
    link.close();
  }

  private deliverLocal(m: Message): void {
    if (!this.closed) this.options.onMessage(m);
  }

  private handlers(): RaftServer {
    return {
      processRaftMessage: (call, callback) => {
        // Headers now, not with the (never coming) response: they tell the sender the stream is up.
        call.sendMetadata(new grpc.Metadata());
        // The peer's address only names it in the log of a refusal: grpc-js formats it on every
        // call, so it is not asked for each message of every batch.
        const peer = (): string => call.getPeer();
        call.on("data", (batch: swarm.v1.RaftMessageBatch) => {
          for (const wire of batch.messages) this.receive(wire, peer);
        });
        call.on("end", () => callback(null, {}));
        call.on("error", (error: Error) =>
          this.log("transport.inbound_stream_error", { from: call.getPeer(), error: error.message }),
        );
      },
      streamSnapshot: (call, callback) => {
        const assembler = new SnapshotAssembler(this.id, this.options.snapshotBytesMax ?? snapshotBytesMax);
        let answered = false;
        const answer = (applied: boolean, message = ""): void => {
          if (answered) return;
          answered = true;
          callback(null, { applied, message });
        };
        const refuse = (from: number, problem: string): void => {
          this.refusedSnapshots++;
          this.log("transport.snapshot_refused", { from, addr: call.getPeer(), problem });
          answer(false, problem);
        };
        call.on("data", (chunk: swarm.v1.SnapshotChunk) => {
          if (answered) return;
          try {
            if (!assembler.add(chunk)) return;
          } catch (error) {
            if (!(error instanceof SnapshotRefusedError)) throw error;
            refuse(error.from, error.message);
            return;
          }
          const m = assembler.message();
          const snapshot = m.snapshot!;
          Promise.resolve()
            .then(() => this.options.onSnapshot?.(snapshot, m.from))
            .then(
              () => {
                if (this.closed) return answer(false, "the member is shutting down");
                this.received++;
                this.log("transport.snapshot_received", {
                  from: m.from,
                  index: snapshot.meta.index,
                  bytes: snapshot.data.length,
                });
                this.options.onMessage(m);
                answer(true);
              },
              (error: unknown) =>
                refuse(m.from, `not stored: ${error instanceof Error ? error.message : String(error)}`),
            );
        });
        call.on("end", () => {
          if (!answered && !assembler.complete)
            refuse(0, `the stream ended before the last chunk (${assembler.receivedBytes} bytes received)`);
        });
        call.on("error", (error: Error) =>
          this.log("transport.inbound_snapshot_error", { from: call.getPeer(), error: error.message }),
        );
      },
      getMemberStatus: (_call, callback) => {
        const status = this.options.memberStatus;
        if (status) callback(null, status());
        else callback({ code: grpc.status.UNIMPLEMENTED, details: "this member does not report its status" });
      },
    };
  }

  private receive(wire: swarm.v1.RaftMessage, addr: () => string): void {
    if (this.closed) return;
    let m: Message;
    try {
      m = messageFromProto(wire);
    } catch (error) {
      if (!(error instanceof RaftWireError)) throw error;
      this.refused++;
      this.log("transport.message_refused", { addr: addr(), field: error.field, error: error.message });
      return;
    }
    if (m.to !== this.id || m.type === "snapshot-status") {
      // A peer with a stale address book, or a report only this member's transport may make.
      this.refused++;
      this.log("transport.message_refused", {
        addr: addr(),
        from: m.from,
        to: m.to,
        type: m.type,
        error: "not for this member",
      });
      return;
    }
    this.received++;
    this.options.onMessage(m);
  }
}

/** The local report of a snapshot transfer's outcome, stepped into the leader's core. */
function snapshotStatus(peer: RaftId, self: RaftId, reject: boolean): Message {
  return makeMessage({ type: "snapshot-status", from: peer, to: self, reject });
}
