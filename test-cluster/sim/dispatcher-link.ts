// The simulated network between a worker's agent and the managers' dispatchers. A worker's
// session opens a `SimConnection` to a manager address; its calls reach the manager's real
// Dispatcher handlers as the real protobuf bytes (the service definition's own serializers), and
// answers and stream messages come back the same way, each after a seeded delay, in order on one
// connection as on one TCP connection. Faults act as they do on TCP: a reset (both ends hear of it
// after a delay), a partition (packets vanish silently; the ends learn of it only through their own
// deadlines, or when a keepalive gives up), a crashed manager (connections reset, calls refused).
import { EventEmitter } from "node:events";
import * as grpc from "@grpc/grpc-js";
import type { FakeClock, SeededRandom } from "../../common/index.js";
import { type DispatcherServer, dispatcherService, type swarm } from "../../proto/index.js";
import type { DispatcherConnection, DispatcherStream } from "../../worker/index.js";
import type { MemberClock } from "./member-clock.js";

/** How long a connection whose packets vanish lives on before a keepalive ends it on both sides. */
export const keepaliveTimeoutMs = 10_000;
/** Longest delay of one message on a worker's connection, in ms (while faults are on). */
export const linkDelayMsMax = 40;

/** What the link needs of the simulated world. */
export interface LinkWorld {
  /** The one simulated clock. */
  readonly clock: FakeClock;
  /** The seeded randomness of delays and resets. */
  readonly random: SeededRandom;
  /** The manager serving `addr` now, or null while it is down. */
  manager(addr: string): LinkManager | null;
  /** Whether packets between a node and a manager vanish now (a partition). */
  cut(nodeId: string, addr: string): boolean;
  /** Whether faults are on (resets and long delays happen only then). */
  faultsOn(): boolean;
  /** Percent of messages that reset their connection while faults are on. */
  readonly resetPercent: number;
  /** Sees every assignments message a worker receives, decoded. */
  onAssignments(nodeId: string, message: swarm.v1.AssignmentsMessage): void;
}

/** One incarnation of a manager as the link sees it. */
export interface LinkManager {
  /** The handlers it serves workers with (refusing when it does not lead). */
  handlers(): DispatcherServer;
}

/** A gRPC status error as a client sees it. */
export function serviceError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), {
    code,
    details,
    metadata: new grpc.Metadata(),
  });
}

/** A server stream as the worker reads it. */
class ClientStream<T> implements DispatcherStream<T> {
  private readonly events = new EventEmitter();
  private ended = false;
  constructor(private readonly onCancel: () => void) {}
  on(event: "data" | "error" | "end", listener: (arg: never) => void): this {
    this.events.on(event, listener as (arg: unknown) => void);
    return this;
  }
  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.onCancel();
  }
  data(message: T): void {
    if (!this.ended) this.events.emit("data", message);
  }
  fail(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    if (this.events.listenerCount("error") > 0) this.events.emit("error", error);
  }
  get open(): boolean {
    return !this.ended;
  }
}

/** A server streaming call as the dispatcher's handler sees it. */
class ServerStream extends EventEmitter {
  constructor(
    readonly request: unknown,
    readonly metadata: grpc.Metadata,
    private readonly peer: string,
    private readonly send: (message: unknown) => void,
    failed: (error: Partial<grpc.StatusObject>) => void,
  ) {
    super();
    // A handler refuses a streaming call by emitting its status as an error.
    this.on("error", (error: Partial<grpc.StatusObject>) => failed(error));
  }
  getPeer(): string {
    return this.peer;
  }
  write(message: unknown): boolean {
    this.send(message);
    return true;
  }
}

/** One worker incarnation's connection to one manager address. */
export class SimConnection implements DispatcherConnection {
  /** Set once the connection is over for both ends. */
  private closed = false;
  /** Set when its packets started vanishing (a partition caught it). */
  private silent = false;
  private readonly target: LinkManager | null;
  private readonly lastAt = { up: 0, down: 0 };
  private readonly streams = new Set<ClientStream<never>>();
  private readonly serverCalls = new Set<ServerStream>();
  private readonly pending = new Set<(error: grpc.ServiceError) => void>();

  constructor(
    private readonly world: LinkWorld,
    private readonly workerClock: MemberClock,
    private readonly nodeId: string,
    private readonly addr: string,
  ) {
    this.target = world.manager(addr);
    if (!this.target) this.reset("connection refused", 1);
  }

  channel(): grpc.ChannelInterface | null {
    return null;
  }

  close(): void {
    this.end();
  }

  /** The worker crashed: its end is gone; the manager hears of it after a delay (a reset from the rebooted host). */
  kill(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.serverGone(1 + this.world.random.nextInt(linkDelayMsMax));
  }

  session(
    request: swarm.v1.SessionRequest.$Properties,
    metadata: grpc.Metadata,
  ): DispatcherStream<swarm.v1.SessionMessage> {
    return this.stream("session", request, metadata);
  }

  assignments(
    request: swarm.v1.AssignmentsRequest.$Properties,
    metadata: grpc.Metadata,
  ): DispatcherStream<swarm.v1.AssignmentsMessage> {
    return this.stream("assignments", request, metadata);
  }

  heartbeat(
    request: swarm.v1.HeartbeatRequest.$Properties,
    metadata: grpc.Metadata,
    options: { deadline: Date },
    callback: (error: grpc.ServiceError | null, response?: swarm.v1.HeartbeatResponse) => void,
  ): void {
    this.unary("heartbeat", request, metadata, options, callback);
  }

  updateTaskStatus(
    request: swarm.v1.UpdateTaskStatusRequest.$Properties,
    metadata: grpc.Metadata,
    options: { deadline: Date },
    callback: (error: grpc.ServiceError | null) => void,
  ): void {
    this.unary("updateTaskStatus", request, metadata, options, callback);
  }

  private stream<K extends "session" | "assignments">(
    method: K,
    request: Parameters<(typeof dispatcherService)[K]["requestSerialize"]>[0],
    metadata: grpc.Metadata,
  ): ClientStream<ReturnType<(typeof dispatcherService)[K]["responseDeserialize"]>> {
    const definition = dispatcherService[method];
    let server: ServerStream | null = null;
    const client = new ClientStream<ReturnType<(typeof dispatcherService)[K]["responseDeserialize"]>>(() =>
      this.carry("up", () => {
        if (server) this.serverCalls.delete(server);
        server?.emit("cancelled");
      }),
    );
    this.streams.add(client);
    const bytes = definition.requestSerialize(request);
    const md = metadata.clone();
    this.carry("up", () => {
      if (!client.open) return;
      const call = new ServerStream(
        definition.requestDeserialize(bytes),
        md,
        `${this.nodeId}.sim:1`,
        (message) => {
          const out = (definition.responseSerialize as (m: unknown) => Buffer)(message);
          this.carry("down", () => {
            const decoded = definition.responseDeserialize(out) as ReturnType<
              (typeof dispatcherService)[K]["responseDeserialize"]
            >;
            if (method === "assignments" && client.open)
              this.world.onAssignments(this.nodeId, decoded as swarm.v1.AssignmentsMessage);
            client.data(decoded);
          });
        },
        (status) =>
          this.carry("down", () => {
            this.serverCalls.delete(call);
            client.fail(serviceError(status.code ?? grpc.status.UNKNOWN, status.details ?? ""));
          }),
      );
      server = call;
      this.serverCalls.add(call);
      // The handlers' types name grpc-js's call class; this object has what the dispatcher uses of it.
      const handlers = this.target!.handlers();
      if (method === "session") handlers.session(call as unknown as Parameters<DispatcherServer["session"]>[0]);
      else handlers.assignments(call as unknown as Parameters<DispatcherServer["assignments"]>[0]);
    });
    return client;
  }

  private unary<K extends "heartbeat" | "updateTaskStatus">(
    method: K,
    request: Parameters<(typeof dispatcherService)[K]["requestSerialize"]>[0],
    metadata: grpc.Metadata,
    options: { deadline: Date },
    callback: (
      error: grpc.ServiceError | null,
      response?: ReturnType<(typeof dispatcherService)[K]["responseDeserialize"]>,
    ) => void,
  ): void {
    const definition = dispatcherService[method];
    let done = false;
    const finish = (
      error: grpc.ServiceError | null,
      response?: ReturnType<(typeof dispatcherService)[K]["responseDeserialize"]>,
    ): void => {
      if (done) return;
      done = true;
      cancelDeadline();
      this.pending.delete(fail);
      callback(error, response);
    };
    const fail = (error: grpc.ServiceError): void => finish(error);
    this.pending.add(fail);
    const cancelDeadline = this.workerClock.after(
      Math.max(0, options.deadline.getTime() - this.world.clock.now()),
      () => finish(serviceError(grpc.status.DEADLINE_EXCEEDED, "Deadline exceeded")),
    );
    if (this.closed) return fail(serviceError(grpc.status.UNAVAILABLE, "connection closed"));
    const bytes = definition.requestSerialize(request);
    const md = metadata.clone();
    this.carry("up", () => {
      const call = {
        request: definition.requestDeserialize(bytes),
        metadata: md,
        getPeer: () => `${this.nodeId}.sim:1`,
      };
      const answer = (error: Partial<grpc.StatusObject> | null, value?: unknown): void => {
        const out =
          error || value === undefined ? null : (definition.responseSerialize as (m: unknown) => Buffer)(value);
        this.carry("down", () =>
          error
            ? finish(serviceError(error.code ?? grpc.status.UNKNOWN, error.details ?? ""))
            : finish(
                null,
                definition.responseDeserialize(out!) as ReturnType<
                  (typeof dispatcherService)[K]["responseDeserialize"]
                >,
              ),
        );
      };
      const handlers = this.target!.handlers();
      // As for the streams: the dispatcher reads request and metadata of the call object.
      if (method === "heartbeat")
        handlers.heartbeat(call as unknown as Parameters<DispatcherServer["heartbeat"]>[0], answer);
      else handlers.updateTaskStatus(call as unknown as Parameters<DispatcherServer["updateTaskStatus"]>[0], answer);
    });
  }

  /**
   * Carries one message in one direction after a seeded delay, after every earlier one in that
   * direction. At delivery the path is judged: a partition makes the connection silent, a crashed
   * or restarted manager resets it, and now and then (faults on) a message resets it.
   */
  private carry(direction: "up" | "down", deliver: () => void): void {
    if (this.closed || this.silent) return;
    const world = this.world;
    const now = world.clock.now();
    const delay = 1 + world.random.nextInt(world.faultsOn() ? linkDelayMsMax : 5);
    const at = Math.max(this.lastAt[direction], now + delay);
    this.lastAt[direction] = at;
    const resets = world.faultsOn() && world.random.nextInt(100) < world.resetPercent;
    world.clock.after(at - now, () => {
      if (this.closed || this.silent) return;
      if (world.cut(this.nodeId, this.addr)) return this.goSilent();
      if (world.manager(this.addr) !== this.target) return this.reset("the manager restarted", 1);
      if (resets) return this.reset("connection reset by peer", 1 + world.random.nextInt(linkDelayMsMax));
      deliver();
    });
  }

  /** A partition caught the connection: nothing passes; a keepalive ends it on both sides later. */
  private goSilent(): void {
    this.silent = true;
    this.world.clock.after(keepaliveTimeoutMs, () => this.reset("keepalive timeout", 0));
  }

  /** Ends the connection with an error both ends see after `delayMs`. */
  private reset(why: string, delayMs: number): void {
    if (this.closed) return;
    this.closed = true;
    this.world.clock.after(delayMs, () => {
      const error = serviceError(grpc.status.UNAVAILABLE, why);
      for (const s of this.streams) s.fail(error);
      this.streams.clear();
      for (const fail of [...this.pending]) fail(error);
      this.pending.clear();
    });
    this.serverGone(delayMs);
  }

  /** The client closed it: its streams end quietly; the server hears after a delay. */
  private end(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams) s.cancel();
    this.streams.clear();
    this.pending.clear();
    this.serverGone(1 + this.world.random.nextInt(5));
  }

  private serverGone(delayMs: number): void {
    const calls = [...this.serverCalls];
    this.serverCalls.clear();
    if (calls.length === 0) return;
    this.world.clock.after(delayMs, () => {
      for (const call of calls) call.emit("cancelled");
    });
  }
}
