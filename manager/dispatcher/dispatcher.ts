// The dispatcher (proto `Dispatcher`), served by the leader: workers open a session (their node
// object is created or refreshed and marked READY), heartbeat within the period it hands out (a node
// silent for `missedHeartbeatsMax` periods is marked DOWN, so the orchestrators replace its tasks),
// report task status in batches (a report that would move a task backwards is dropped), and
// receive their assignments: the complete set first, then increments after every relevant commit.
//
// Node identity: until mutual TLS lands (security issue), a worker names itself with the
// `swarm-node-id` metadata header; with TLS it will be the certificate's CN.
import type * as grpc from "@grpc/grpc-js";
import {
  type Cancel,
  type Clock,
  InvalidArgumentError,
  type Log,
  randomId,
  realClock,
  silentLog,
  SwarmError,
  toServiceError,
} from "../../common/index.js";
import { afterWriteFailure } from "../write-failure.js";
import { budgetedLog } from "../log-budget.js";
import { type DispatcherServer, swarm } from "../../proto/index.js";
import { heartbeatPeriodNsMax, heartbeatPeriodNsMin } from "../cluster/index.js";
import { checkString } from "../controlapi/index.js";
import {
  type MemoryStore,
  type ObjectsByKind,
  SequenceConflictError,
  type StoreCommit,
  type StoreEvent,
  updateEach,
  updateIfChanged,
} from "../store/index.js";
import { MeshEndpoints, nodeHost } from "./mesh-endpoints.js";
import { NetworkViewFeed } from "./network-view-feed.js";
import { boundedStatus, checkDescription, checkTlsInfo, reportFieldBytesMax } from "./report-bounds.js";
import { SessionCounts, sessionLogIntervalMs } from "./session-counts.js";
import { StallMeter } from "./stall-meter.js";
import { TaskDependencies } from "./task-dependencies.js";

type Task = ObjectsByKind["task"];

/**
 * Heartbeat period for small clusters (Docker's default: 5 s). Ours is shorter to react faster: a
 * dead node is DOWN after 3 s rather than 15 s, which the 10 s in which its tasks must run elsewhere
 * needs. What a period costs is the leader answering every heartbeat (a TLS record each way, HTTP/2
 * framing, protobuf: an estimated half millisecond of CPU, about what the agent's side costs),
 * which {@link nodesPerHeartbeatSecond} bounds.
 */
export const heartbeatPeriodMsDefault = 1_000;
/**
 * Nodes per extra second of heartbeat period. With n nodes the leader answers n / (1 + ⌊n / 1,000⌋)
 * heartbeats a second: never more than 1,000 (about half a core), however large the cluster, while
 * a cluster of fewer than 1,000 nodes keeps the 1 s period. Docker's fixed 5 s reaches the same rate
 * at 5,000 nodes and detects a dead node in 15 s at every size. A starved leader does not need a
 * longer period: it no longer counts its own stalls against the nodes (stall-meter.ts).
 */
export const nodesPerHeartbeatSecond = 1_000;
/** Periods a node may miss before it is marked DOWN. */
export const missedHeartbeatsMax = 3;
/**
 * Most time the leader's own stalls may add to a node's expiry, as a multiple of the expiry: a
 * leader late all the time still marks a dead node DOWN within (1 + this) × the expiry (6 s at
 * the default period), inside the 10 s in which its tasks must run elsewhere.
 */
export const stallCreditFactor = 1;
/** How much longer than usual nodes may take to reconnect after a leader change. */
export const leaderChangeGraceFactor = 2;
/**
 * Extra grace per node after a leader change. Every node reconnects at once then, and each
 * reconnect costs the new leader a TLS handshake, a session write through raft and the node's
 * assignments: on a 2-core machine under load, 120 nodes took longer than the 6 s a flat grace gave
 * them, nodes were marked DOWN though alive, their tasks moved, and the moves made the leader
 * slower still. The grace grows with what the storm costs.
 */
export const leaderChangeGraceMsPerNode = 50;
/** Longest grace after a leader change, however long nodes keep reconnecting. */
export const leaderChangeGraceMsMax = 120_000;
/** Most status updates accepted in one call. */
export const statusUpdatesMax = 10_000;

/**
 * How long nodes the previous leader saw alive have to reconnect to a new one, at first: twice the
 * usual missed periods, plus {@link leaderChangeGraceMsPerNode} for each of them, at most
 * {@link leaderChangeGraceMsMax} (never less than the usual grace). Dispatcher.run extends it
 * while other nodes are still reconnecting.
 */
export function leaderChangeGraceMs(periodMs: number, aliveNodes: number): number {
  const usualMs = periodMs * missedHeartbeatsMax * leaderChangeGraceFactor;
  return Math.max(usualMs, Math.min(leaderChangeGraceMsMax, usualMs + aliveNodes * leaderChangeGraceMsPerNode));
}

/**
 * The caller's session is unknown or ended; it must open a new one. The message says why when the
 * dispatcher remembers: expired, replaced, or ended with an earlier leadership (a leader change,
 * which a node cannot otherwise tell apart when the same manager leads again).
 */
export class SessionInvalidError extends SwarmError {
  constructor(sessionId: string, reason = "unknown to this leader") {
    super("FAILED_PRECONDITION", `session ${sessionId} is not valid (${reason}); open a new session`, {
      context: { sessionId },
    });
  }
}

/** Why a session ended, remembered so that the node's next call is told. */
export const SessionEnd = {
  /** No heartbeat within the expiry. */
  expired: "expired: no heartbeat in time",
  /** The node opened another session. */
  replaced: "replaced by a newer session of the node",
  /** This manager stopped leading (it may lead again: a new term, new sessions). */
  leadershipEnded: "it ended with an earlier leadership of this manager: a leader change",
} as const;

/** Ended sessions whose end is remembered (the oldest are forgotten first). */
export const endedSessionsRememberedMax = 4_096;

const State = swarm.v1.TaskState;

interface Session {
  readonly id: string;
  readonly nodeId: string;
  expiry: Cancel | null;
  /** When the node was last heard on this session (monotonic ms): an expiry says how long it was silent. */
  heardMs: number;
}

/** Attempts at writing a batch of task statuses when concurrent writes of those tasks refuse it. */
export const statusWriteAttemptsMax = 5;

/** Attempts at writing a node's reported certificate issuer when concurrent writes to its record refuse it. */
export const tlsInfoWriteAttemptsMax = 5;

/** Options of the dispatcher. */
export interface DispatcherOptions {
  /** The leader's store. */
  readonly store: MemoryStore;
  /** Base heartbeat period (tests shorten it). */
  readonly heartbeatPeriodMs?: number;
  /** Managers workers may reconnect to. */
  readonly managers?: () => swarm.v1.WeightedPeer.$Properties[];
  /**
   * Where the dispatcher's log lines go: its counts per interval, why each session ended early,
   * failed writes (rationed per event, see log-budget.ts).
   */
  readonly log?: Log;
  /** Session expiry and grace timers (default: the real clock). */
  readonly clock?: Clock;
  /** Session ids (default: randomId). */
  readonly newId?: () => string;
}

/** Whether two task statuses are the same once encoded (absent and default fields alike). */
function sameStatus(a: swarm.v1.ITaskStatus | null | undefined, b: swarm.v1.ITaskStatus): boolean {
  if (!a) return false;
  return Buffer.from(swarm.v1.TaskStatus.encode(a).finish()).equals(swarm.v1.TaskStatus.encode(b).finish());
}

/** Whether a task belongs on its node's assignment list. */
function isAssignable(t: Task): boolean {
  return (
    Number(t.status?.state ?? 0) >= Number(State.TASK_STATE_ASSIGNED) &&
    Number(t.desiredState ?? 0) <= Number(State.TASK_STATE_REMOVE)
  );
}

/** The dispatcher's state and its gRPC handlers. */
export class Dispatcher {
  private readonly sessions = new Map<string, Session>();
  /** Nodes whose stale DOWN a heartbeat is undoing (one write at a time per node). */
  private readonly reviving = new Set<string>();
  /** Nodes alive under the previous leader, waiting for their session here: node id → DOWN timer. */
  private readonly graceTimers = new Map<string, Cancel>();
  /** When the last session opened (monotonic ms): a leader change's grace lasts while they still do. */
  private lastSessionOpenedMs = 0;
  private readonly clock: Clock;
  /** The leader's own stalls, which expiry timers do not count against the nodes. */
  private readonly stalls: StallMeter;
  private readonly store: MemoryStore;
  /** Per-node listeners of store events; one store watch routes each event to its node's streams. */
  private readonly listeners = new Map<string, Set<(events: readonly StoreEvent[]) => void>>();
  private unwatchStore: (() => void) | null = null;
  /** The routing mesh's endpoint set, sent to every node on its session stream. */
  private readonly mesh: MeshEndpoints;
  /** Each open session stream's way to tell its node the heartbeat period changed. */
  private readonly periodListeners = new Set<(periodNs: number) => void>();
  /** Each open session stream's way to tell its node the managers changed (a promotion, a demotion). */
  private readonly managerListeners = new Set<(managers: swarm.v1.WeightedPeer.$Properties[]) => void>();
  /** The managers the sessions were last told, as a comparable key. */
  private managersInForce = "";
  /** Sessions to tell when the roots nodes must trust change (a root rotation starts or ends). */
  private readonly trustListeners = new Set<(rootCaPem: Uint8Array) => void>();
  /** Why recent sessions ended, by id, oldest first (bounded by endedSessionsRememberedMax). */
  private readonly endedSessions = new Map<string, string>();
  /** The trust bundle the sessions were last told. */
  private trustInForce: Uint8Array = new Uint8Array();
  /** The heartbeat period last handed out, in ms; a commit that changes it re-arms every session. */
  private periodMsInForce = 0;
  /** Each node's view of its overlay networks, sent on its session stream. */
  private readonly networks: NetworkViewFeed;
  /** The dispatcher's log, rationed per event: a sweep of expiries writes a few lines and a count. */
  private readonly log: Log;
  /** What happened since the last periodic log line. */
  private readonly counts: SessionCounts;

  constructor(private readonly options: DispatcherOptions) {
    this.store = options.store;
    this.clock = options.clock ?? realClock;
    this.stalls = new StallMeter(this.clock);
    this.log = budgetedLog(options.log ?? silentLog, { clock: this.clock });
    this.counts = new SessionCounts(this.clock);
    this.mesh = new MeshEndpoints(options.store);
    this.networks = new NetworkViewFeed(options.store, options.log ?? silentLog);
  }

  /**
   * Current heartbeat period: the cluster's setting (or the default), growing with the number of
   * nodes. A setting outside the API's bounds (written before they existed) is held at the bound,
   * so that no stored value can make the expiry timers fire at once.
   */
  heartbeatPeriodMs(): number {
    const { nodes, configuredNs } = this.store.view((tx) => ({
      nodes: tx.count("node"),
      configuredNs: Number(tx.all("cluster")[0]?.spec?.dispatcher?.heartbeatPeriodNs ?? 0),
    }));
    const bounded = Math.min(heartbeatPeriodNsMax, Math.max(heartbeatPeriodNsMin, configuredNs));
    const base = this.options.heartbeatPeriodMs ?? (configuredNs > 0 ? bounded / 1e6 : heartbeatPeriodMsDefault);
    return base + Math.floor(nodes / nodesPerHeartbeatSecond) * 1_000;
  }

  /**
   * Runs while this manager leads. Nodes the previous leader saw alive have no session here yet:
   * each gets an extended grace (`leaderChangeGraceFactor` times the usual) to reconnect before it
   * is marked DOWN, so a leader change does not make healthy nodes look dead and their tasks move.
   */
  async run(signal: AbortSignal): Promise<void> {
    const alive = this.store
      .view((tx) => tx.all("node"))
      .filter((n) => Number(n.status?.state ?? 0) !== Number(swarm.v1.NodeStatus.State.STATE_DOWN));
    const periodMs = this.heartbeatPeriodMs();
    const graceMs = leaderChangeGraceMs(periodMs, alive.length);
    // While nodes are still reconnecting, the leader is working through the storm, and a silent
    // node may only be waiting its turn: the grace of the rest is extended until no session has
    // opened for the usual grace, up to leaderChangeGraceMsMax from the start of the leadership.
    const usualMs = periodMs * missedHeartbeatsMax * leaderChangeGraceFactor;
    const leadingSinceMs = this.clock.monotonicMs();
    this.lastSessionOpenedMs = leadingSinceMs;
    this.stalls.start();
    this.stalls.takeLongestStallMs();
    // The grace, like a session's expiry, counts only the time the leader ran (see stall-meter.ts).
    let creditsMs = 0;
    const after = (ms: number, id: string): Cancel =>
      this.stalls.after(
        ms,
        (creditedMs) => {
          creditsMs += creditedMs;
          expire(id);
        },
        ms * stallCreditFactor,
      );
    const expire = (id: string): void => {
      const nowMs = this.clock.monotonicMs();
      const quietMs = nowMs - this.lastSessionOpenedMs;
      const leftMs = leadingSinceMs + leaderChangeGraceMsMax - nowMs;
      if (quietMs < usualMs && leftMs > 0) {
        this.graceTimers.set(id, after(Math.min(usualMs - quietMs, leftMs), id));
        return;
      }
      this.graceTimers.delete(id);
      this.counts.now.graceExpired++;
      this.log("warn", "dispatcher.grace-expired", {
        node: id,
        waitedMs: Math.round(nowMs - leadingSinceMs),
        graceMs,
        lastSessionOpenedAgoMs: Math.round(quietMs),
        stallCreditMs: Math.round(creditsMs),
      });
      void this.markDown(id);
    };
    const haveSession = new Set([...this.sessions.values()].map((s) => s.nodeId));
    for (const node of alive) {
      const id = node.id ?? "";
      if (haveSession.has(id)) continue;
      this.graceTimers.set(id, after(graceMs, id));
    }
    this.log("info", "dispatcher.started", {
      nodesAlive: alive.length,
      waitingForSession: this.graceTimers.size,
      graceMs,
      heartbeatPeriodMs: periodMs,
    });
    const logCounts = (): void => {
      const line = this.counts.takeLine(this.sessions.size);
      if (line)
        this.log("info", "dispatcher.sessions", {
          ...line,
          waitingForSession: this.graceTimers.size,
          heartbeatPeriodMs: this.heartbeatPeriodMs(),
          stalledMs: Math.round(this.stalls.stalledMsNow()),
          longestStallMs: Math.round(this.stalls.takeLongestStallMs()),
        });
      cancelCounts = this.clock.after(sessionLogIntervalMs, logCounts, { keepAlive: false });
    };
    let cancelCounts = this.clock.after(sessionLogIntervalMs, logCounts, { keepAlive: false });
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    cancelCounts();
    this.log("info", "dispatcher.stopped", {
      sessions: this.sessions.size,
      ledMs: Math.round(this.clock.monotonicMs() - leadingSinceMs),
    });
    this.close();
  }

  /** Sessions held now (metrics read it at scrape time). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Ends every session (leadership lost). */
  close(): void {
    for (const cancel of this.graceTimers.values()) cancel();
    this.graceTimers.clear();
    this.stalls.stop();
    for (const s of this.sessions.values()) {
      s.expiry?.();
      this.remember(s.id, SessionEnd.leadershipEnded);
    }
    this.sessions.clear();
    this.listeners.clear();
    this.periodListeners.clear();
    this.periodMsInForce = 0;
    this.managerListeners.clear();
    this.managersInForce = "";
    this.trustListeners.clear();
    this.trustInForce = new Uint8Array();
    this.unwatchStore?.();
    this.unwatchStore = null;
    this.mesh.close();
    this.networks.close();
  }

  /** Calls fn with the events of each commit that concern nodeId (its node object, tasks on or leaving it). */
  private subscribe(nodeId: string, fn: (events: readonly StoreEvent[]) => void): () => void {
    this.unwatchStore ??= this.store.watch((commit) => this.route(commit));
    let set = this.listeners.get(nodeId);
    if (!set) this.listeners.set(nodeId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.listeners.get(nodeId) === set) this.listeners.delete(nodeId);
    };
  }

  private route(commit: StoreCommit): void {
    if (commit.events.some((e) => e.kind === "cluster" || (e.kind === "node" && e.action !== "update")))
      this.followPeriod();
    if (commit.events.some((e) => e.kind === "node")) this.followManagers();
    if (commit.events.some((e) => e.kind === "cluster")) this.followTrust();
    const byNode = new Map<string, StoreEvent[]>();
    const add = (nodeId: string | null | undefined, e: StoreEvent): void => {
      if (!nodeId || !this.listeners.has(nodeId)) return;
      const list = byNode.get(nodeId);
      if (list) list.push(e);
      else byNode.set(nodeId, [e]);
    };
    for (const e of commit.events) {
      if (e.kind === "node") add(e.object.id, e);
      else if (e.kind === "task") {
        const nodeId = (e.object as Task).nodeId;
        add(nodeId, e);
        const oldNode = (e.old as Task | null)?.nodeId;
        if (oldNode !== nodeId) add(oldNode, e);
      }
    }
    for (const [nodeId, events] of byNode) for (const fn of this.listeners.get(nodeId) ?? []) fn(events);
  }

  /**
   * After a commit that may change the heartbeat period (the cluster's setting, the node count):
   * when it did, every session is re-armed with the new period from now and every node is told
   * at once, so a shorter period applies now, not after the longer one ends, and a node whose
   * agent is gone is found DOWN within the new periods.
   */
  private followPeriod(): void {
    const periodMs = this.heartbeatPeriodMs();
    if (periodMs === this.periodMsInForce) return;
    this.periodMsInForce = periodMs;
    for (const session of this.sessions.values()) this.arm(session);
    for (const tell of this.periodListeners) tell(periodMs * 1e6);
  }

  /**
   * After a commit that touches a node (a promotion or a demotion records the node's role once
   * raft's membership changed, so the manager list is already the new one): when the managers
   * changed, every session hears the new list, as SwarmKit's dispatcher sends its peers' changes.
   */
  private followManagers(): void {
    if (!this.options.managers || this.managerListeners.size === 0) return;
    const managers = this.options.managers();
    const key = managersKey(managers);
    if (key === this.managersInForce) return;
    this.managersInForce = key;
    for (const tell of this.managerListeners) tell(managers);
  }

  /** The roots nodes must trust: the cluster's root, and the new root while a rotation runs. */
  private trustBundle(): Uint8Array {
    const cluster = this.store.view((tx) => tx.all("cluster")[0]);
    const pems = [cluster?.rootCaCertPem, cluster?.rootRotation?.caCertPem]
      .map((pem) =>
        Buffer.from(pem ?? [])
          .toString("utf8")
          .trim(),
      )
      .filter((pem) => pem.length > 0);
    return new TextEncoder().encode(pems.map((pem) => `${pem}\n`).join(""));
  }

  /** After a commit of the cluster object: when the trust bundle changed, every session hears it. */
  private followTrust(): void {
    const bundle = this.trustBundle();
    if (Buffer.from(bundle).equals(Buffer.from(this.trustInForce))) return;
    this.trustInForce = bundle;
    for (const tell of this.trustListeners) tell(bundle);
  }

  /** The gRPC handlers. */
  handlers(): DispatcherServer {
    return {
      session: (call) =>
        void this.openSession(call).catch((error: unknown) => {
          if (error instanceof SwarmError && !(error instanceof InvalidArgumentError)) {
            this.counts.now.sessionOpenFailures++;
            this.log("warn", "dispatcher.session-open-failed", { code: error.code, error: error.message });
          }
          call.emit("error", toGrpcError(error));
        }),
      heartbeat: (call, callback) => {
        try {
          const session = this.sessionOf(call.request.sessionId, call.metadata);
          this.counts.now.heartbeats++;
          this.arm(session);
          this.undoStaleDown(session);
          callback(null, { periodNs: this.heartbeatPeriodMs() * 1e6 });
        } catch (error) {
          callback(toServiceError(error));
        }
      },
      updateTaskStatus: (call, callback) => {
        this.updateTaskStatus(call.request, call.metadata).then(
          () => callback(null, {}),
          (error: unknown) => callback(toServiceError(error)),
        );
      },
      assignments: (call) => {
        try {
          this.streamAssignments(call);
        } catch (error) {
          call.emit("error", toGrpcError(error));
        }
      },
      updateNodeTlsInfo: (call, callback) => {
        this.updateNodeTlsInfo(call.request, call.metadata).then(
          () => callback(null, {}),
          (error: unknown) => callback(toServiceError(error)),
        );
      },
    };
  }

  private async openSession(
    call: grpc.ServerWritableStream<swarm.v1.SessionRequest, swarm.v1.SessionMessage.$Properties>,
  ): Promise<void> {
    const nodeId = nodeIdOf(call.metadata);
    const description = call.request.description;
    checkDescription(description);
    checkString("addr", call.request.addr, reportFieldBytesMax);
    await this.store.update((tx) => {
      const existing = tx.get("node", nodeId);
      const status = {
        state: swarm.v1.NodeStatus.State.STATE_READY,
        message: "session open",
        // Without an address of its own the node is known by its connection's host (SwarmKit
        // does the same): the port changes with every connection, and a write of the node per
        // reconnect would make every endpoint and network view on it be sent again to every node.
        addr: call.request.addr || nodeHost(call.getPeer()),
      };
      // A reconnect that reports what the node object already says writes nothing: every write
      // moves the node's version, and an operator's `node update` read before it would fail.
      if (existing) updateIfChanged(tx, "node", { ...existing, ...(description ? { description } : {}), status });
      else {
        tx.create("node", {
          id: nodeId,
          role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
          spec: {
            desiredRole: swarm.v1.NodeSpec.Role.ROLE_WORKER,
            availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE,
          },
          ...(description ? { description } : {}),
          status,
        });
      }
    });
    // A node has one session: a reconnect replaces the old one, whose expiry must not mark it DOWN.
    for (const old of [...this.sessions.values()].filter((s) => s.nodeId === nodeId)) {
      old.expiry?.();
      this.sessions.delete(old.id);
      this.remember(old.id, SessionEnd.replaced);
      this.counts.now.replaced++;
    }
    this.graceTimers.get(nodeId)?.();
    this.graceTimers.delete(nodeId);
    this.lastSessionOpenedMs = this.clock.monotonicMs();
    const session: Session = {
      id: (this.options.newId ?? randomId)(),
      nodeId,
      expiry: null,
      heardMs: this.clock.monotonicMs(),
    };
    this.counts.now.opened++;
    this.sessions.set(session.id, session);
    this.arm(session);
    const send = (): void => {
      const managers = this.options.managers?.() ?? [];
      if (this.managerListeners.size === 0) this.managersInForce = managersKey(managers);
      call.write({
        sessionId: session.id,
        node: this.store.view((tx) => tx.get("node", nodeId)) ?? { id: nodeId },
        managers,
        heartbeatPeriodNs: this.heartbeatPeriodMs() * 1e6,
        rootCaPem: this.trustBundle(),
      });
    };
    send();
    // Changes of the node object that the node acts on (its spec: drain, labels, desired role;
    // its role: a demotion is carried out by changing it) reach the worker on the session stream.
    const unwatch = this.subscribe(nodeId, (events) => {
      if (events.some((e) => e.kind === "node" && e.action === "update" && nodeChanged(e.object, e.old))) send();
    });
    const tellPeriod = (heartbeatPeriodNs: number): void => void call.write({ heartbeatPeriodNs });
    this.periodListeners.add(tellPeriod);
    // The managers a node may reconnect to change with promotions and demotions: it hears at once,
    // or a node whose known managers were all demoted would have none left to reconnect to.
    const tellManagers = (managers: swarm.v1.WeightedPeer.$Properties[]): void => void call.write({ managers });
    this.managerListeners.add(tellManagers);
    this.periodMsInForce ||= this.heartbeatPeriodMs();
    // A root rotation's start and end change the roots the node must trust: it hears at once.
    const tellTrust = (rootCaPem: Uint8Array): void => void call.write({ rootCaPem });
    this.trustListeners.add(tellTrust);
    if (this.trustInForce.length === 0) this.trustInForce = this.trustBundle();
    // The routing mesh's endpoint set follows on the same stream: complete now, changes after.
    const unmesh = this.mesh.subscribe((endpoints) => call.write({ endpoints }));
    // And the node's network view: complete now, per-network changes after. A node that does not
    // keep up (the stream's buffer is full) gets no more changes until it drains, then the
    // complete view once: a slow node never makes the leader queue views it will replace anyway.
    let behind = false;
    const log = this.log;
    const networks = this.networks.subscribe(nodeId, (update) => {
      if (behind) return;
      log("debug", "trace.network-view-sent", { nodeId, networks: update.networks?.length ?? 0 });
      if (call.write({ networks: update })) return;
      behind = true;
      call.once("drain", () => {
        behind = false;
        networks.resend();
      });
    });
    const end = (): void => {
      unwatch();
      unmesh();
      networks.unsubscribe();
      this.periodListeners.delete(tellPeriod);
      this.managerListeners.delete(tellManagers);
      this.trustListeners.delete(tellTrust);
    };
    call.on("cancelled", end);
    call.on("close", end);
  }

  /**
   * A node that heartbeats on a live session is not DOWN. An old session's expiry can race the
   * node's reconnect (its DOWN proposed before the new session registered, committed after the
   * session's READY), and nothing else would write READY again while the node stays connected: its
   * next heartbeat undoes it.
   */
  private undoStaleDown(session: Session): void {
    const down = Number(swarm.v1.NodeStatus.State.STATE_DOWN);
    const node = this.store.view((tx) => tx.get("node", session.nodeId));
    if (!node || Number(node.status?.state ?? 0) !== down || this.reviving.has(session.nodeId)) return;
    this.reviving.add(session.nodeId);
    this.store
      .update((tx) => {
        const current = tx.get("node", session.nodeId);
        if (!current || Number(current.status?.state ?? 0) !== down || this.sessions.get(session.id) !== session)
          return;
        tx.update("node", {
          ...current,
          status: { ...current.status, state: swarm.v1.NodeStatus.State.STATE_READY, message: "session open" },
        });
      })
      .catch((error: unknown) =>
        afterWriteFailure(error, this.log, "dispatcher.mark-ready-failed", {
          node: session.nodeId,
        }),
      )
      .finally(() => this.reviving.delete(session.nodeId));
  }

  /**
   * (Re)starts a session's expiry: missedHeartbeatsMax periods of the leader's running time. The
   * leader's own stalls in between are not the node's silence (see stall-meter.ts).
   */
  private arm(session: Session): void {
    session.expiry?.();
    session.heardMs = this.clock.monotonicMs();
    const expiryMs = this.heartbeatPeriodMs() * missedHeartbeatsMax;
    this.stalls.start();
    session.expiry = this.stalls.after(
      expiryMs,
      (creditedMs) => void this.expire(session, expiryMs, creditedMs),
      expiryMs * stallCreditFactor,
    );
  }

  /** A session whose expiry came (counted in the leader's running time: stall-meter.ts): the node is DOWN. */
  private async expire(session: Session, expiryMs: number, creditedMs: number): Promise<void> {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    this.remember(session.id, SessionEnd.expired);
    this.counts.now.expired++;
    // Silent for longer than the expiry by the leader's own stalls (the credit, up to its bound)
    // and by how late this timer ran after that: a large lateness with the credit used up says the
    // leader, not the node, was the one not running.
    const silentMs = this.clock.monotonicMs() - session.heardMs;
    this.log("warn", "dispatcher.session-expired", {
      node: session.nodeId,
      silentMs: Math.round(silentMs),
      expiryMs,
      stallCreditMs: Math.round(creditedMs),
      stallCreditMsMax: expiryMs * stallCreditFactor,
      lateMs: Math.round(Math.max(0, silentMs - expiryMs - creditedMs)),
    });
    await this.markDown(session.nodeId);
  }

  /** Remembers why a session ended, forgetting the oldest beyond endedSessionsRememberedMax. */
  private remember(sessionId: string, reason: string): void {
    this.endedSessions.delete(sessionId);
    this.endedSessions.set(sessionId, reason);
    if (this.endedSessions.size > endedSessionsRememberedMax)
      this.endedSessions.delete(this.endedSessions.keys().next().value!);
  }

  private async markDown(nodeId: string): Promise<void> {
    try {
      await this.store.update((tx) => {
        const node = tx.get("node", nodeId);
        if (node)
          updateIfChanged(tx, "node", {
            ...node,
            status: { ...node.status, state: swarm.v1.NodeStatus.State.STATE_DOWN, message: "heartbeat failure" },
          });
      });
    } catch (error) {
      afterWriteFailure(error, this.log, "dispatcher.mark-down-failed", { node: nodeId });
      // Lost leadership or a concurrent write: the next leader's dispatcher judges the node again.
    }
  }

  private sessionOf(sessionId: string, metadata: grpc.Metadata): Session {
    const session = this.sessions.get(sessionId);
    if (!session || session.nodeId !== nodeIdOf(metadata)) {
      this.counts.now.invalidSessions++;
      throw new SessionInvalidError(sessionId, session ? undefined : this.endedSessions.get(sessionId));
    }
    return session;
  }

  private async updateTaskStatus(request: swarm.v1.UpdateTaskStatusRequest, metadata: grpc.Metadata): Promise<void> {
    const session = this.sessionOf(request.sessionId, metadata);
    // A report proves the node alive as well as a heartbeat does, and is credited as it arrives: a
    // starved leader may take longer to get to the heartbeat queued behind it than to this call.
    this.arm(session);
    this.counts.now.statusReports++;
    this.counts.now.statusUpdates += request.updates.length;
    if (request.updates.length > statusUpdatesMax)
      throw new InvalidArgumentError("updates", `at most ${statusUpdatesMax} per call`);
    for (const [i, u] of request.updates.entries()) {
      if (!u.taskId) throw new InvalidArgumentError(`updates[${i}].taskId`, "is required");
      if (!u.status) throw new InvalidArgumentError(`updates[${i}].status`, "is required");
    }
    // In transactions that each fit in one raft entry (an update carries the whole task). A write
    // that lost a race with another write of the task (the orchestrator's shutdown) is refused as
    // out of sequence: read again and retry, a bounded number of times. Returned as FAILED_PRECONDITION
    // it would end the worker's session as if the session were invalid.
    const log = this.log;
    const taskIds = request.updates.map((u) => u.taskId);
    log("debug", "trace.status-received", { nodeId: session.nodeId, taskIds });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeStatuses(session, request.updates);
        log("debug", "trace.status-written", { nodeId: session.nodeId, taskIds });
        return;
      } catch (error) {
        if (!(error instanceof SequenceConflictError) || attempt >= statusWriteAttemptsMax) {
          // The node sends the batch again; the line says why the store would not take it.
          this.counts.now.statusWriteFailures++;
          this.log("warn", "dispatcher.status-write-failed", {
            node: session.nodeId,
            updates: request.updates.length,
            attempt,
            ...(error instanceof SwarmError ? { code: error.code } : {}),
            error: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      }
    }
  }

  /** Writes one batch of reported statuses, dropping stale and backward ones. */
  private async writeStatuses(
    session: Session,
    updates: readonly swarm.v1.UpdateTaskStatusRequest["updates"][number][],
  ): Promise<void> {
    await updateEach(this.store, updates, (tx, u) => {
      const task = tx.get("task", u.taskId);
      // Reports about tasks that moved elsewhere or were deleted are stale: drop them.
      if (!task || task.nodeId !== session.nodeId) return;
      const status = boundedStatus(swarm.v1.TaskStatus.toObject(u.status));
      // States only move forward; a report that would move a task backwards is dropped.
      if (Number(status.state ?? 0) < Number(task.status?.state ?? 0)) return;
      // Nor is the status the task holds already written again: every new session re-sends every
      // task's latest status, and after a leader change every node does at once, which rewrote
      // every task through raft, and sent each back to its node, while the nodes reconnected.
      if (sameStatus(task.status, status)) return;
      tx.update("task", { ...task, status });
    });
  }

  /** Records the certificate issuer a node reports after a renewal, in its description. */
  private async updateNodeTlsInfo(request: swarm.v1.UpdateNodeTlsInfoRequest, metadata: grpc.Metadata): Promise<void> {
    const session = this.sessionOf(request.sessionId, metadata);
    checkTlsInfo("tlsInfo", request.tlsInfo);
    const tlsInfo = swarm.v1.NodeTlsInfo.toObject(request.tlsInfo ?? new swarm.v1.NodeTlsInfo(), { bytes: Uint8Array });
    // The leader writes the same node record too (a root rotation marks it), and a write that lost
    // that race is refused as out of sequence: read it again and retry, a bounded number of times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.update((tx) => {
          const node = tx.get("node", session.nodeId);
          if (node) updateIfChanged(tx, "node", { ...node, description: { ...node.description, tlsInfo } });
        });
        return;
      } catch (error) {
        if (!(error instanceof SequenceConflictError) || attempt >= tlsInfoWriteAttemptsMax) throw error;
      }
    }
  }

  private streamAssignments(
    call: grpc.ServerWritableStream<swarm.v1.AssignmentsRequest, swarm.v1.AssignmentsMessage.$Properties>,
  ): void {
    const session = this.sessionOf(call.request.sessionId, call.metadata);
    const nodeId = session.nodeId;
    let sequence = 0;
    const sent = new Map<string, number>(); // task id → version sent
    // Secrets and configs go only to a node whose tasks need them, before those tasks; see task-dependencies.ts.
    const dependencies = new TaskDependencies();
    const changesFor = (tasks: Task[]): swarm.v1.AssignmentChange.$Properties[] => {
      const changes: swarm.v1.AssignmentChange.$Properties[] = [];
      for (const task of tasks) {
        const { before, after } = this.store.view((tx) => dependencies.track(tx, task));
        changes.push(
          ...before,
          { assignment: { task }, action: swarm.v1.AssignmentChange.Action.ACTION_UPDATE },
          ...after,
        );
        sent.set(task.id ?? "", task.meta?.version?.index ?? 0);
      }
      return changes;
    };
    const initial = this.store.view((tx) => tx.tasks({ nodeId }).filter(isAssignable));
    call.write({
      type: swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE,
      resultsIn: String(++sequence),
      changes: changesFor(initial),
    });
    const unwatch = this.subscribe(nodeId, (events) => {
      const updated: Task[] = [];
      const removed: string[] = [];
      for (const e of events) {
        if (e.kind !== "task") continue;
        const task = e.object as Task;
        const was = e.old as Task | null;
        if (e.action === "remove" || (task.nodeId !== nodeId && was?.nodeId === nodeId)) {
          if (sent.delete(task.id ?? "")) removed.push(task.id ?? "");
        } else if (
          task.nodeId === nodeId &&
          isAssignable(task) &&
          sent.get(task.id ?? "") !== task.meta?.version?.index
        ) {
          updated.push(task);
        }
      }
      if (updated.length === 0 && removed.length === 0) return;
      const changes = [
        ...changesFor(updated),
        ...removed.flatMap((id) => [
          { assignment: { task: { id } }, action: swarm.v1.AssignmentChange.Action.ACTION_REMOVE },
          ...dependencies.release(id),
        ]),
      ];
      call.write({
        type: swarm.v1.AssignmentsMessage.Type.TYPE_INCREMENTAL,
        appliesTo: String(sequence),
        resultsIn: String(++sequence),
        changes,
      });
    });
    call.on("cancelled", () => unwatch());
    call.on("close", () => unwatch());
  }
}

/**
 * Whether a node update changed what the node acts on: its spec (availability, labels, desired
 * role) or its role, which the leader changes to carry out a promotion or demotion, or its
 * certificate's status (a root rotation's ROTATE). Status and
 * description updates (every session open writes them) are not sent back.
 */
function nodeChanged(node: ObjectsByKind["node"] | ObjectsByKind[keyof ObjectsByKind], old: unknown): boolean {
  const now = node as ObjectsByKind["node"];
  const before = old as ObjectsByKind["node"] | null;
  return (
    Number(now.role ?? 0) !== Number(before?.role ?? 0) ||
    // A root rotation tells a node to renew through its certificate status (and tells again with a new message).
    Number(now.certificate?.status ?? 0) !== Number(before?.certificate?.status ?? 0) ||
    (now.certificate?.message ?? "") !== (before?.certificate?.message ?? "") ||
    JSON.stringify(now.spec ?? {}) !== JSON.stringify(before?.spec ?? {})
  );
}

/** The calling node's id from the `swarm-node-id` header (bound to its certificate under mutual TLS); INVALID_ARGUMENT when absent. */
export function nodeIdOf(metadata: grpc.Metadata): string {
  const value = metadata.get("swarm-node-id")[0];
  if (typeof value !== "string" || value === "")
    throw new InvalidArgumentError("metadata.swarm-node-id", "is required (the node's identity until mutual TLS)");
  return value;
}

function toGrpcError(error: unknown): Error {
  const status = toServiceError(error);
  return Object.assign(new Error(status.details), {
    code: status.code,
    details: status.details,
    metadata: status.metadata,
  });
}

/** A manager list as a key that compares equal when the addresses (in order) are the same. */
function managersKey(managers: readonly swarm.v1.WeightedPeer.$Properties[]): string {
  return managers.map((m) => `${m.peer?.addr ?? ""}/${m.weight ?? 0}`).join(",");
}
