// A fake Dispatcher for the agent's tests: a real gRPC server on 127.0.0.1 that records sessions,
// heartbeats and status batches, and lets a test drive the assignment stream (complete set on
// open, increments on demand), refuse sessions as a follower naming the leader, or die.
import * as grpc from "@grpc/grpc-js";
import { dispatcherService, type DispatcherServer, swarm } from "../../proto/index.js";
import { nodeIdMetadataKey } from "./session.js";

type AssignmentsCall = grpc.ServerWritableStream<swarm.v1.AssignmentsRequest, swarm.v1.AssignmentsMessage.$Properties>;
type SessionCall = grpc.ServerWritableStream<swarm.v1.SessionRequest, swarm.v1.SessionMessage.$Properties>;

/** One session a worker opened. */
export interface RecordedSession {
  /** Node id from the metadata. */
  readonly nodeId: string;
  /** Description sent. */
  readonly description: swarm.v1.NodeDescription | null;
  /** Id given. */
  readonly sessionId: string;
}

/** One status batch received. */
export interface RecordedBatch {
  /** Session it came on. */
  readonly sessionId: string;
  /** Task id and state of each update. */
  readonly updates: { readonly taskId: string; readonly state: number; readonly status: swarm.v1.TaskStatus }[];
}

/** The fake dispatcher. */
export class TestDispatcher {
  /** Sessions opened, in order. */
  readonly sessions: RecordedSession[] = [];
  /** Heartbeats: session id and arrival time (ms, performance clock). */
  readonly heartbeats: { readonly sessionId: string; readonly atMs: number }[] = [];
  /** Status batches received. */
  readonly batches: RecordedBatch[] = [];
  /** Assignment streams opened so far. */
  assignmentStreamsOpened = 0;
  /** Heartbeat period handed out. */
  periodMs = 100;
  /** Managers listed in session messages. */
  managers: swarm.v1.WeightedPeer.$Properties[] = [];
  /** When set, sessions are refused as by a follower naming this leader. */
  leaderAddr: string | null = null;
  /** Sessions refused as a follower. */
  refusedSessions = 0;
  /** When true, the next heartbeat is refused as from an expired session. */
  failNextHeartbeat = false;
  /** Address this server listens on. */
  addr = "";
  private readonly server = new grpc.Server();
  private readonly tasks = new Map<string, swarm.v1.Task.$Properties>();
  private readonly secrets = new Map<string, swarm.v1.Secret.$Properties>();
  private readonly streams = new Map<AssignmentsCall, { sequence: number }>();
  private readonly sessionCalls = new Map<SessionCall, string>();
  private serial = 0;

  /** Starts a fake dispatcher on a free loopback port. */
  static async start(options: { periodMs?: number } = {}): Promise<TestDispatcher> {
    const d = new TestDispatcher();
    if (options.periodMs !== undefined) d.periodMs = options.periodMs;
    d.server.addService(dispatcherService, d.handlers());
    const port = await new Promise<number>((resolve, reject) =>
      d.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    d.addr = `127.0.0.1:${port}`;
    return d;
  }

  /** Every state reported for a task, in arrival order. */
  states(taskId: string, sessionId?: string): number[] {
    return this.batches
      .filter((b) => sessionId === undefined || b.sessionId === sessionId)
      .flatMap((b) => b.updates.filter((u) => u.taskId === taskId).map((u) => u.state));
  }

  /** Adds or replaces a task; open streams get an increment. */
  setTask(task: swarm.v1.Task.$Properties): void {
    this.tasks.set(task.id ?? "", task);
    this.broadcast([{ assignment: { task }, action: swarm.v1.AssignmentChange.Action.ACTION_UPDATE }]);
  }

  /** Removes a task; open streams get an increment. */
  removeTask(taskId: string): void {
    this.tasks.delete(taskId);
    this.broadcast([{ assignment: { task: { id: taskId } }, action: swarm.v1.AssignmentChange.Action.ACTION_REMOVE }]);
  }

  /** Adds a secret; open streams get an increment. */
  setSecret(secret: swarm.v1.Secret.$Properties): void {
    this.secrets.set(secret.id ?? "", secret);
    this.broadcast([{ assignment: { secret }, action: swarm.v1.AssignmentChange.Action.ACTION_UPDATE }]);
  }

  /** Sends an increment that does not apply to the last sequence, as if one had been lost. */
  sendGap(): void {
    for (const [call, s] of this.streams) {
      call.write({
        type: swarm.v1.AssignmentsMessage.Type.TYPE_INCREMENTAL,
        appliesTo: String(s.sequence + 5),
        resultsIn: String(s.sequence + 6),
        changes: [],
      });
    }
  }

  /** Sends a node object on every open session. */
  sendNode(node: swarm.v1.Node.$Properties): void {
    for (const [call, sessionId] of this.sessionCalls) call.write({ sessionId, node, managers: this.managers });
  }

  /** Hands out a new heartbeat period and announces it on every open session, as a manager does when it changes. */
  sendHeartbeatPeriod(periodMs: number): void {
    this.periodMs = periodMs;
    for (const call of this.sessionCalls.keys()) call.write({ heartbeatPeriodNs: periodMs * 1e6 });
  }

  /** Sends a network view update on every open session. */
  sendNetworks(networks: swarm.v1.NetworkViewUpdate.$Properties): void {
    for (const [call, sessionId] of this.sessionCalls) call.write({ sessionId, networks });
  }

  /** Stops the server at once, breaking every stream. */
  close(): void {
    this.server.forceShutdown();
  }

  private broadcast(changes: swarm.v1.AssignmentChange.$Properties[]): void {
    for (const [call, s] of this.streams) {
      call.write({
        type: swarm.v1.AssignmentsMessage.Type.TYPE_INCREMENTAL,
        appliesTo: String(s.sequence),
        resultsIn: String(++s.sequence),
        changes,
      });
    }
  }

  private handlers(): DispatcherServer {
    return {
      session: (call) => {
        if (this.leaderAddr !== null) {
          this.refusedSessions++;
          // emit("error") ends the call with this status; destroy() would drop it (grpc-js skips _final).
          call.emit(
            "error",
            Object.assign(new Error("not the leader"), {
              code: grpc.status.UNAVAILABLE,
              details: `not the leader; the leader is at ${this.leaderAddr}`,
            }),
          );
          return;
        }
        const nodeId = String(call.metadata.get(nodeIdMetadataKey)[0] ?? "");
        const sessionId = `session-${++this.serial}`;
        this.sessions.push({ nodeId, description: call.request.description ?? null, sessionId });
        this.sessionCalls.set(call, sessionId);
        call.on("cancelled", () => this.sessionCalls.delete(call));
        call.write({ sessionId, node: { id: nodeId }, managers: this.managers });
      },
      updateNodeTlsInfo: (_call, callback) => callback(null, {}),
      heartbeat: (call, callback) => {
        this.heartbeats.push({ sessionId: call.request.sessionId, atMs: performance.now() });
        if (this.failNextHeartbeat) {
          this.failNextHeartbeat = false;
          callback({
            code: grpc.status.FAILED_PRECONDITION,
            details: `session ${call.request.sessionId} is not valid; open a new session`,
          });
          return;
        }
        callback(null, { periodNs: this.periodMs * 1e6 });
      },
      updateTaskStatus: (call, callback) => {
        const updates = call.request.updates.map((u) => ({
          taskId: u.taskId,
          state: Number(u.status?.state ?? 0),
          status: u.status,
        }));
        this.batches.push({ sessionId: call.request.sessionId, updates });
        for (const u of updates) {
          const task = this.tasks.get(u.taskId);
          if (task) this.tasks.set(u.taskId, { ...task, status: u.status });
        }
        callback(null, {});
      },
      assignments: (call) => {
        this.assignmentStreamsOpened++;
        const state = { sequence: 1 };
        this.streams.set(call, state);
        call.on("cancelled", () => this.streams.delete(call));
        const changes: swarm.v1.AssignmentChange.$Properties[] = [
          ...[...this.secrets.values()].map((secret) => ({ assignment: { secret } })),
          ...[...this.tasks.values()].map((task) => ({ assignment: { task } })),
        ];
        call.write({
          type: swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE,
          resultsIn: String(state.sequence),
          changes,
        });
      },
    };
  }
}
