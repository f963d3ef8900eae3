// The agent's connection to the managers. One session at a time: it picks a manager (a leader
// named by a "not the leader" refusal first, then the known list in turn), opens the Session stream
// with the node's description, heartbeats at the period each answer gives, and follows the
// Assignments stream (a complete set replaces everything, an increment must apply to the sequence
// last seen, and a gap reopens the stream to get a complete set again). Any failure but a late
// heartbeat answer tears the whole session down and reconnects after an exponential, jittered
// backoff (started over only after a session that lasted), to another manager.
import * as grpc from "@grpc/grpc-js";
import {
  type Cancel,
  type Clock,
  managerAnswerChannelOptions,
  type Random,
  realClock,
  realRandom,
} from "../../common/index.js";
import { DispatcherClient, swarm } from "../../proto/index.js";
import type { SendStatuses } from "./status-reporter.js";
import { stderrLog, type AgentLog } from "./task-db.js";

/** First reconnect delay after a failed session. */
export const reconnectBackoffMsMin = 100;
/** Longest reconnect delay; the delay doubles per failure up to this. */
export const reconnectBackoffMsMax = 5_000;
/** Deadline of one heartbeat or status call. */
export const dispatcherCallTimeoutMs = 5_000;
/** How long a manager may take to send the session id before another one is tried. */
export const sessionOpenTimeoutMs = 10_000;
/**
 * Heartbeats in a row whose answer may come later than the call's deadline before the session is
 * given up. A leader working through a burst (every node reconnecting after a leader change, a
 * deploy's status reports) answers late but still holds the session: it ends a session itself,
 * by refusing it as invalid, and a dead connection fails the session's streams at once.
 */
export const heartbeatsLateMax = 3;
/**
 * How long a session must have lasted for the reconnect backoff to start over. A session that
 * ends sooner (refused, expired by a leader too slow to hear it) counts as a failed attempt: when
 * a slow leader loses every node's session, reconnecting at once would make it slower still.
 */
export const sessionStableMs = 10_000;
/** Heartbeat period until a manager names one. */
export const heartbeatPeriodMsDefault = 1_000;
/** Metadata key naming the node until mutual TLS carries its identity. */
export const nodeIdMetadataKey = "swarm-node-id";

/** The node's assignments as of the last message. */
export interface AssignmentSet {
  /** Tasks by id. */
  readonly tasks: ReadonlyMap<string, swarm.v1.Task>;
  /** Secrets by id. */
  readonly secrets: ReadonlyMap<string, swarm.v1.Secret>;
  /** Configs by id. */
  readonly configs: ReadonlyMap<string, swarm.v1.Config>;
}

/** A server stream of the Dispatcher as the session reads it. */
export interface DispatcherStream<T> {
  /** A message arrived. */
  on(event: "data", listener: (message: T) => void): unknown;
  /** The call failed (its status). */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** The server ended the stream. */
  on(event: "end", listener: () => void): unknown;
  /** Ends the call from this side. */
  cancel(): void;
}

/**
 * One connection to a manager's Dispatcher: the calls the session makes. A gRPC client is one
 * ({@link grpcDispatcherConnection}); the cluster simulator gives another, over its simulated
 * network, so the real session runs against the real dispatcher without sockets.
 */
export interface DispatcherConnection {
  /** Opens the Session stream. */
  session(
    request: swarm.v1.SessionRequest.$Properties,
    metadata: grpc.Metadata,
  ): DispatcherStream<swarm.v1.SessionMessage>;
  /** Opens the Assignments stream. */
  assignments(
    request: swarm.v1.AssignmentsRequest.$Properties,
    metadata: grpc.Metadata,
  ): DispatcherStream<swarm.v1.AssignmentsMessage>;
  /** One heartbeat. */
  heartbeat(
    request: swarm.v1.HeartbeatRequest.$Properties,
    metadata: grpc.Metadata,
    options: { deadline: Date },
    callback: (error: grpc.ServiceError | null, response?: swarm.v1.HeartbeatResponse) => void,
  ): unknown;
  /** One batch of task statuses. */
  updateTaskStatus(
    request: swarm.v1.UpdateTaskStatusRequest.$Properties,
    metadata: grpc.Metadata,
    options: { deadline: Date },
    callback: (error: grpc.ServiceError | null) => void,
  ): unknown;
  /** The channel the node's other APIs (log broker, TLS info) borrow; null where there is none. */
  channel(): grpc.ChannelInterface | null;
  /** Closes the connection. */
  close(): void;
}

/** Opens a connection to the manager at `addr`. */
export type DispatcherConnect = (addr: string) => DispatcherConnection;

/** A gRPC client of the Dispatcher at `addr` as a {@link DispatcherConnection}. */
export function grpcDispatcherConnection(
  addr: string,
  credentials: grpc.ChannelCredentials,
  channelOptions: grpc.ChannelOptions = {},
): DispatcherConnection {
  // A complete set of assignments (tasks with their secrets and configs) may well pass 4 MB. Each
  // session gets a connection of its own: its credentials are the same object from one reconnect
  // to the next (one TLS context per certificate), and grpc-js's shared pool would otherwise hand
  // the new session the old session's connection, in the reconnection backoff it may be in.
  const client = new DispatcherClient(addr, credentials, {
    ...channelOptions,
    ...managerAnswerChannelOptions,
    "grpc.use_local_subchannel_pool": 1,
  });
  return {
    session: (request, metadata) => client.session(request, metadata),
    assignments: (request, metadata) => client.assignments(request, metadata),
    heartbeat: (request, metadata, options, callback) => client.heartbeat(request, metadata, options, callback),
    updateTaskStatus: (request, metadata, options, callback) =>
      client.updateTaskStatus(request, metadata, options, callback),
    channel: () => client.getChannel(),
    close: () => client.close(),
  };
}

/** An open session, handed to the agent. */
export interface OpenSession {
  /** Session id the manager gave. */
  readonly sessionId: string;
  /** Address of the manager. */
  readonly manager: string;
  /** Sends task statuses over this session. */
  readonly send: SendStatuses;
  /**
   * The session's channel, for the manager's other node APIs (log broker); it closes when the
   * session ends. Null over a connection without one (the simulator's).
   */
  readonly channel: grpc.ChannelInterface | null;
  /** Call metadata naming this node, for those APIs. */
  readonly metadata: grpc.Metadata;
}

/** Options of a session. */
export interface SessionOptions {
  /** This node's id. */
  readonly nodeId: string;
  /** Initial manager addresses (host:port). */
  readonly managers: readonly string[];
  /** Channel credentials (mutual TLS in a cluster); a function is asked again for every connection, so a renewed certificate is used. */
  readonly credentials: grpc.ChannelCredentials | (() => grpc.ChannelCredentials);
  /** Extra channel options (with TLS: the server name every manager certificate carries). */
  readonly channelOptions?: grpc.ChannelOptions;
  /** The node's description, asked before every session. */
  readonly describe: () => Promise<swarm.v1.NodeDescription.$Properties>;
  /** A session opened. */
  readonly onOpen: (session: OpenSession) => void;
  /** The open session ended. */
  readonly onClose: (reason: string) => void;
  /** The node object as the managers see it (after each SessionMessage carrying one). */
  readonly onNode: (node: swarm.v1.Node) => void;
  /** The assignments changed; `set` is the whole current set. */
  readonly onAssignments: (set: AssignmentSet) => void;
  /** Host other nodes reach this node's task ports at, reported to the managers as the node's address. */
  readonly addr?: string;
  /** The roots the node must trust, as the managers send them (first message, then when a root rotation starts or ends). */
  readonly onRootCa?: (rootCaPem: Uint8Array) => void;
  /** The routing mesh's endpoint set changed (a complete set first on every session, then increments). */
  readonly onEndpoints?: (update: swarm.v1.EndpointsUpdate) => void;
  /** The node's network view changed (a complete view first on every session, then per-network changes). */
  readonly onNetworks?: (update: swarm.v1.NetworkViewUpdate) => void;
  /** Overrides {@link reconnectBackoffMsMin}. */
  readonly reconnectBackoffMsMin?: number;
  /** Overrides {@link reconnectBackoffMsMax}. */
  readonly reconnectBackoffMsMax?: number;
  /** Log sink. */
  readonly log?: AgentLog;
  /** Timers and deadlines (default: the real clock). */
  readonly clock?: Clock;
  /** Jitter of reconnects and heartbeats (default: the real randomness). */
  readonly random?: Random;
  /** Opens connections to managers (default: gRPC clients with `credentials` and `channelOptions`). */
  readonly connect?: DispatcherConnect;
}

/** The leader address in a follower's "not the leader; the leader is at X" refusal. */
export function leaderAddressOf(error: unknown): string | null {
  const e = error as Partial<grpc.ServiceError> | null;
  if (!e || e.code !== grpc.status.UNAVAILABLE) return null;
  const match = /not the leader; the leader is at (\S+:\d+)/.exec(`${e.details ?? ""} ${e.message ?? ""}`);
  return match?.[1] ?? null;
}

/** Whether a session was refused by a manager that knows no leader now (an election is under way). */
export function leaderUnknownOf(error: unknown): boolean {
  const e = error as Partial<grpc.ServiceError> | null;
  if (!e || e.code !== grpc.status.UNAVAILABLE) return false;
  return `${e.details ?? ""} ${e.message ?? ""}`.includes("not the leader; the leader is at an unknown address");
}

/** A reconnect delay: exponential in the attempt, capped, with the upper half jittered. */
export function backoffMs(attempt: number, minMs: number, maxMs: number, random: Random = realRandom): number {
  const capped = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return capped / 2 + random.nextFloat() * (capped / 2);
}

/** Keeps one session with some manager, reconnecting until stopped. */
export class Session {
  private known: string[];
  private preferred: string | null = null;
  private lastUsed: string | null = null;
  private currentAddr: string | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private abortCurrent: (() => void) | null = null;
  private wakeSleep: (() => void) | null = null;
  private tasks = new Map<string, swarm.v1.Task>();
  private secrets = new Map<string, swarm.v1.Secret>();
  private configs = new Map<string, swarm.v1.Config>();
  private readonly log: AgentLog;
  private readonly clock: Clock;
  private readonly random: Random;

  constructor(private readonly options: SessionOptions) {
    this.known = [...options.managers];
    this.log = options.log ?? stderrLog;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? realRandom;
  }

  /** Managers the session may try, best first. */
  get managers(): readonly string[] {
    return this.known;
  }

  /** Address of the manager of the open session, or null. */
  get manager(): string | null {
    return this.currentAddr;
  }

  /** Starts connecting. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the session and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abortCurrent?.();
    this.wakeSleep?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      const addr = this.pick();
      const { error, openedMs } = await this.connect(addr);
      const opened = openedMs !== null;
      const stable = openedMs !== null && this.clock.monotonicMs() - openedMs >= sessionStableMs;
      if (this.stopped) break;
      const leader = leaderAddressOf(error);
      let delayMs: number;
      const min = this.options.reconnectBackoffMsMin ?? reconnectBackoffMsMin;
      const max = this.options.reconnectBackoffMsMax ?? reconnectBackoffMsMax;
      if (leader !== null && leader !== addr) {
        // A follower named the leader: go there next, without growing the backoff.
        this.preferred = leader;
        delayMs = backoffMs(0, min, max, this.random);
      } else if (leaderUnknownOf(error)) {
        // A live manager knows no leader yet (an election after the leader died): it held the
        // session until its wait ran out, and is the one that will hear the new leader first. Ask
        // it again, without growing the backoff (its wait paces the asking), rather than try the
        // next manager, which may be the dead one, and sleep a backoff grown to its longest while
        // the election ends.
        this.preferred = addr;
        delayMs = backoffMs(0, min, max, this.random);
      } else {
        if (stable) attempt = 0;
        delayMs = backoffMs(attempt++, min, max, this.random);
      }
      this.log("session.lost", {
        manager: addr,
        error: error.message,
        leader,
        opened,
        retryMs: Math.round(delayMs),
      });
      await new Promise<void>((resolve) => {
        const cancel = this.clock.after(delayMs, resolve);
        this.wakeSleep = () => {
          cancel();
          resolve();
        };
      });
      this.wakeSleep = null;
    }
  }

  /** The next manager: a named leader first, otherwise the one after the last tried. */
  private pick(): string {
    let addr: string | undefined;
    if (this.preferred !== null) {
      addr = this.preferred;
      this.preferred = null;
    } else {
      const i = this.lastUsed === null ? -1 : this.known.indexOf(this.lastUsed);
      addr = this.known[(i + 1) % Math.max(1, this.known.length)] ?? this.options.managers[0];
    }
    if (addr === undefined) throw new Error("no manager address is known");
    this.lastUsed = addr;
    return addr;
  }

  /** Learns the managers a session message lists: listed ones by weight, then the initial ones. */
  private learnManagers(peers: readonly swarm.v1.IWeightedPeer[]): void {
    const listed = [...peers]
      .filter((p) => (p.peer?.addr ?? "") !== "")
      .sort((a, b) => Number(b.weight ?? 0) - Number(a.weight ?? 0))
      .map((p) => p.peer?.addr ?? "");
    if (listed.length === 0) return;
    this.known = [...new Set([...listed, ...this.options.managers])];
  }

  private emitAssignments(): void {
    this.options.onAssignments({
      tasks: new Map(this.tasks),
      secrets: new Map(this.secrets),
      configs: new Map(this.configs),
    });
  }

  /** Runs one session with `addr` until it fails; resolves with the failure and when the session opened (null: never). */
  private async connect(addr: string): Promise<{ error: Error; openedMs: number | null }> {
    const client = this.options.connect
      ? this.options.connect(addr)
      : grpcDispatcherConnection(
          addr,
          typeof this.options.credentials === "function" ? this.options.credentials() : this.options.credentials,
          this.options.channelOptions,
        );
    const md = new grpc.Metadata();
    md.set(nodeIdMetadataKey, this.options.nodeId);
    const calls: { cancel(): void }[] = [];
    let heartbeatTimer: Cancel | null = null;
    let openTimer: Cancel | null = null;
    let over = false;
    let openedMs: number | null = null;
    let settle: (error: Error) => void = () => undefined;
    const failed = new Promise<Error>((resolve) => (settle = resolve));
    const fail = (error: Error): void => {
      if (over) return;
      over = true;
      settle(error);
    };
    this.abortCurrent = () => fail(new Error("session stopped"));
    const deadline = (): Date => new Date(this.clock.now() + dispatcherCallTimeoutMs);
    try {
      if (this.stopped) return { error: new Error("session stopped"), openedMs };
      const description = await this.options.describe();
      if (over) return { error: await failed, openedMs };
      const call = client.session(
        { description, ...(this.options.addr === undefined ? {} : { addr: this.options.addr }) },
        md,
      );
      calls.push(call);
      openTimer = this.clock.after(sessionOpenTimeoutMs, () =>
        fail(new Error(`no session id from ${addr} within ${sessionOpenTimeoutMs} ms`)),
      );
      let sessionId = "";
      /** The period the next heartbeat was scheduled with (ms), 0 while a heartbeat is under way. */
      let scheduledPeriodMs = 0;
      /** Heartbeats in a row answered after their deadline. */
      let late = 0;

      // Heartbeats go out a period apart, counted from when each one was sent: the manager expects
      // one per period, and counting from the answer would add the round trip to every interval,
      // which on a loaded machine (a second or two) was enough for the session to expire.
      const heartbeat = (): void => {
        scheduledPeriodMs = 0;
        const sentMs = this.clock.monotonicMs();
        client.heartbeat({ sessionId }, md, { deadline: deadline() }, (error, response) => {
          if (over) return;
          if (error?.code === grpc.status.DEADLINE_EXCEEDED && ++late < heartbeatsLateMax) {
            // A late leader, not a lost one (see heartbeatsLateMax): the next one goes out now.
            this.log("session.heartbeat-late", { manager: addr, late });
            heartbeatTimer = this.clock.after(0, heartbeat);
            return;
          }
          if (error) return fail(error);
          late = 0;
          const periodMs = Number(response?.periodNs ?? 0) / 1e6;
          scheduledPeriodMs = periodMs > 0 ? periodMs : heartbeatPeriodMsDefault;
          const waitMs = Math.max(0, sentMs + scheduledPeriodMs - this.clock.monotonicMs());
          heartbeatTimer = this.clock.after(waitMs, heartbeat);
        });
      };
      // The manager announces a new period on the session stream. A shorter one takes effect now:
      // the next heartbeat goes out within the new period (at a random point in it, so that a
      // whole cluster told at once does not heartbeat at once), not after the longer period the
      // node was given last. A longer one needs nothing: the next answer carries it.
      const followPeriod = (periodNs: number): void => {
        const periodMs = periodNs / 1e6;
        if (periodMs <= 0 || scheduledPeriodMs === 0 || periodMs >= scheduledPeriodMs) return;
        heartbeatTimer?.();
        scheduledPeriodMs = periodMs;
        heartbeatTimer = this.clock.after(this.random.nextFloat() * periodMs, heartbeat);
      };

      const send: SendStatuses = (updates) =>
        new Promise<void>((resolve, reject) => {
          if (over) return reject(new Error("session closed"));
          client.updateTaskStatus({ sessionId, updates }, md, { deadline: deadline() }, (error) => {
            if (!error) return resolve();
            // An invalid session or a demoted manager ends the session; the reporter retries on the next.
            if (error.code === grpc.status.FAILED_PRECONDITION || leaderAddressOf(error) !== null) fail(error);
            reject(error);
          });
        });

      const openAssignments = (): void => {
        let sequence: string | null = null;
        let abandoned = false;
        const stream = client.assignments({ sessionId }, md);
        calls.push(stream);
        stream.on("data", (m: swarm.v1.AssignmentsMessage) => {
          if (over || abandoned) return;
          if (Number(m.type ?? 0) === Number(swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE)) {
            this.tasks = new Map();
            this.secrets = new Map();
            this.configs = new Map();
          } else if (sequence === null || m.appliesTo !== sequence) {
            // A lost increment would leave the set wrong forever: start over from a complete set.
            this.log("session.assignments-gap", { manager: addr, expected: sequence, appliesTo: m.appliesTo });
            abandoned = true;
            stream.cancel();
            openAssignments();
            return;
          }
          sequence = m.resultsIn;
          for (const change of m.changes) this.apply(change);
          this.emitAssignments();
        });
        stream.on("error", (error: Error) => {
          if (!abandoned) fail(error);
        });
        stream.on("end", () => {
          if (!abandoned) fail(new Error("assignments stream ended"));
        });
      };

      call.on("data", (m: swarm.v1.SessionMessage) => {
        if (over) return;
        if (m.managers.length > 0) this.learnManagers(m.managers);
        if (m.node) this.options.onNode(m.node);
        if (m.rootCaPem.length > 0) this.options.onRootCa?.(m.rootCaPem);
        if (m.endpoints) this.options.onEndpoints?.(m.endpoints);
        if (m.networks) this.options.onNetworks?.(m.networks);
        if (sessionId !== "") return followPeriod(Number(m.heartbeatPeriodNs ?? 0));
        if (m.sessionId === "") return;
        sessionId = m.sessionId;
        openTimer?.();
        openTimer = null;
        openedMs = this.clock.monotonicMs();
        this.currentAddr = addr;
        this.log("session.open", { manager: addr, sessionId });
        heartbeat();
        openAssignments();
        this.options.onOpen({ sessionId, manager: addr, send, channel: client.channel(), metadata: md });
      });
      call.on("error", (error: Error) => fail(error));
      call.on("end", () => fail(new Error("session stream ended")));
      return { error: await failed, openedMs };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)), openedMs };
    } finally {
      over = true;
      this.abortCurrent = null;
      // Assigned in a callback, which the compiler does not follow.
      (heartbeatTimer as Cancel | null)?.();
      openTimer?.();
      for (const c of calls) c.cancel();
      client.close();
      if (openedMs !== null) {
        this.currentAddr = null;
        this.options.onClose(`session with ${addr} ended`);
      }
    }
  }

  private apply(change: swarm.v1.IAssignmentChange): void {
    const remove = Number(change.action ?? 0) === Number(swarm.v1.AssignmentChange.Action.ACTION_REMOVE);
    const a = change.assignment;
    if (a?.task) {
      const id = a.task.id ?? "";
      if (remove) this.tasks.delete(id);
      else this.tasks.set(id, swarm.v1.Task.create(a.task));
    } else if (a?.secret) {
      const id = a.secret.id ?? "";
      if (remove) this.secrets.delete(id);
      else this.secrets.set(id, swarm.v1.Secret.create(a.secret));
    } else if (a?.config) {
      const id = a.config.id ?? "";
      if (remove) this.configs.delete(id);
      else this.configs.set(id, swarm.v1.Config.create(a.config));
    }
  }
}
