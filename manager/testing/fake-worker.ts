// A fake worker for manager integration tests: a real Dispatcher client (session, heartbeats,
// assignments, status reports over gRPC) whose "tasks" reach whatever state their desired state
// asks for at once. It follows the leader: when its manager refuses or goes away it tries the
// others. `silence()` stops it heartbeating, as a dead node would.
import * as grpc from "@grpc/grpc-js";
import { DispatcherClient, swarm } from "../../proto/index.js";

const S = swarm.v1.TaskState;

/** How long a manager may take to answer a new session before the worker tries another. */
export const sessionOpenMsMax = 2_000;

/** One fake node. */
export class FakeWorker {
  private client: DispatcherClient | null = null;
  private streams: grpc.ClientReadableStream<unknown>[] = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly tasks = new Map<string, swarm.v1.ITask>();
  /** Task ids this worker has reported RUNNING and not stopped since. */
  readonly running = new Set<string>();

  constructor(
    /** Node id. */
    readonly nodeId: string,
    private readonly managers: () => string[],
    private readonly description: swarm.v1.INodeDescription = {
      hostname: nodeId,
      platform: { os: "linux", architecture: "x86_64" },
      resources: { nanoCpus: 4e9, memoryBytes: 8 * 1024 ** 3 },
    },
  ) {}

  /** Connects (and keeps reconnecting) until silenced. */
  start(): void {
    void this.connectLoop();
  }

  /** Stops heartbeating and drops the connection; the manager will mark the node DOWN. */
  silence(): void {
    this.stopped = true;
    this.teardown();
  }

  private teardown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const s of this.streams) s.cancel();
    this.streams = [];
    this.client?.close();
    this.client = null;
  }

  private async connectLoop(): Promise<void> {
    let i = 0;
    while (!this.stopped) {
      const addrs = this.managers();
      const addr = addrs[i++ % Math.max(1, addrs.length)];
      if (addr) await this.session(addr).catch(() => undefined);
      this.teardown();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private session(addr: string): Promise<void> {
    const client = new DispatcherClient(addr, grpc.credentials.createInsecure());
    this.client = client;
    const md = new grpc.Metadata();
    md.set("swarm-node-id", this.nodeId);
    return new Promise<void>((resolve) => {
      const session = client.session({ description: this.description }, md);
      this.streams.push(session);
      let opened = false;
      session.on("data", (m: swarm.v1.SessionMessage) => {
        if (opened) return;
        opened = true;
        const sessionId = m.sessionId;
        this.heartbeat = setInterval(() => client.heartbeat({ sessionId }, md, (err) => err && session.cancel()), 50);
        const assignments = client.assignments({ sessionId }, md);
        this.streams.push(assignments);
        assignments.on("data", (a: swarm.v1.AssignmentsMessage) => this.onAssignments(a, client, sessionId, md));
        assignments.on("error", () => session.cancel());
      });
      // Whichever way the stream ends (refused by a follower, manager gone), try again.
      for (const event of ["error", "end", "close", "status"]) session.on(event, () => resolve());
      setTimeout(() => {
        if (!opened) session.cancel();
      }, sessionOpenMsMax);
    });
  }

  private onAssignments(
    message: swarm.v1.AssignmentsMessage,
    client: DispatcherClient,
    sessionId: string,
    md: grpc.Metadata,
  ): void {
    if (Number(message.type) === Number(swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE)) this.tasks.clear();
    for (const change of message.changes) {
      const task = change.assignment?.task;
      if (!task?.id) continue;
      if (Number(change.action ?? 0) === Number(swarm.v1.AssignmentChange.Action.ACTION_REMOVE)) {
        this.tasks.delete(task.id);
        this.running.delete(task.id);
      } else this.tasks.set(task.id, task);
    }
    const updates: swarm.v1.ITaskStatusUpdate[] = [];
    for (const task of this.tasks.values()) {
      const desired = Number(task.desiredState ?? 0);
      const state = Number(task.status?.state ?? 0);
      let next: swarm.v1.TaskState | null = null;
      if (desired > Number(S.TASK_STATE_RUNNING) && state <= Number(S.TASK_STATE_RUNNING)) next = S.TASK_STATE_SHUTDOWN;
      else if (desired === Number(S.TASK_STATE_READY) && state < Number(S.TASK_STATE_READY)) next = S.TASK_STATE_READY;
      else if (desired === Number(S.TASK_STATE_RUNNING) && state < Number(S.TASK_STATE_RUNNING))
        next = S.TASK_STATE_RUNNING;
      if (next === null) continue;
      if (next === S.TASK_STATE_RUNNING) this.running.add(task.id ?? "");
      else this.running.delete(task.id ?? "");
      updates.push({ taskId: task.id ?? "", status: { state: next, message: "fake" } });
    }
    if (updates.length > 0) client.updateTaskStatus({ sessionId, updates }, md, () => undefined);
  }
}
