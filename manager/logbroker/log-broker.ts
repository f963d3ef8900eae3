// The log broker (proto `Logs` for operators, `LogBroker` for workers), served by the leader. An
// operator's SubscribeLogs becomes a subscription with an id; it is sent to every node that runs or
// ran a selected task, over that node's ListenSubscriptions stream; each node answers with one
// PublishLogs stream of batches for it, ending with `close`; the broker relays the lines to the
// operator. Without follow the operator's stream ends once every involved node is done (sent
// `close`, stopped publishing, or is not listening at all: a node that is down never holds the
// stream open). With follow it goes on: a node newly given a selected task is sent the subscription
// too, and when the operator cancels, every node is told `close`.
//
// Bounds: at most `subscriptionsMax` subscriptions; each publish message at most
// `publishBatchMessagesMax` lines; a slow operator pauses the reading of its publishers' streams
// (gRPC flow control then slows the nodes), so no queue grows without bound.
import * as grpc from "@grpc/grpc-js";
import { type Clock, InvalidArgumentError, randomId, realClock } from "../../common/index.js";
import type { LogBrokerServer, LogsServer, swarm } from "../../proto/index.js";
import type { LeaderComponent } from "../component.js";
import { nodeIdOf } from "../dispatcher/index.js";
import type { MemoryStore, ObjectsByKind, StoreCommit } from "../store/index.js";
import {
  statusOf,
  streamError,
  SubscriptionNotFoundError,
  TooManySubscriptionsError,
  unavailableError,
} from "./errors.js";
import { type LeaderRouting, notLeaderDetails, relayToLeader } from "./leader-routing.js";
import { checkSelected, nodesOf, taskSelected, validateSubscribeRequest } from "./selector.js";
import {
  type NodePart,
  type OperatorCall,
  type PublishCall,
  relayLines,
  selectorMessage,
  type Subscription,
} from "./subscription.js";

/** Most subscriptions open at once on one broker. */
export const subscriptionsMax = 1_000;
/** How long a node sent a non-following subscription may take to start publishing before it counts as done. */
export const publishStartMsMax = 10_000;
/** Most lines in one PublishLogs message. */
export const publishBatchMessagesMax = 10_000;

type ListenCall = grpc.ServerWritableStream<
  swarm.v1.ListenSubscriptionsRequest,
  swarm.v1.SubscriptionMessage.$Properties
>;

/** Options of the log broker. */
export interface LogBrokerOptions {
  /** The manager's store: which tasks run where. */
  readonly store: MemoryStore;
  /** Where calls are served: workers on the leader only, operators relayed there from followers. */
  readonly routing: LeaderRouting;
  /** Overrides {@link publishStartMsMax} (tests shorten it). */
  readonly publishStartMsMax?: number;
  /** Timers (default: the real clock). */
  readonly clock?: Clock;
}

/** The log broker: subscriptions, the nodes' listen streams, and the relaying of published lines. */
export class LogBroker implements LeaderComponent {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly listeners = new Map<string, ListenCall>();
  private readonly relays = new Set<() => void>();
  private unwatch: (() => void) | null = null;

  constructor(private readonly options: LogBrokerOptions) {}

  /** Runs while this manager leads; losing leadership ends every subscription with UNAVAILABLE. */
  async run(signal: AbortSignal): Promise<void> {
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    this.closeSubscriptions("leadership lost; subscribe again");
  }

  /** Ends everything (the manager stops): subscriptions, relays to the leader, listen streams. */
  close(): void {
    this.closeSubscriptions("the manager is stopping");
    for (const end of [...this.relays]) end();
    this.relays.clear();
  }

  /** Number of open subscriptions. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** The `Logs` handlers: served here on the leader, relayed to the leader elsewhere. */
  logsHandlers(): LogsServer {
    return {
      subscribeLogs: (call) => {
        if (!this.options.routing.isLeading()) {
          const end = relayToLeader(call, this.options.routing);
          this.relays.add(end);
          call.on("close", () => this.relays.delete(end));
          call.on("cancelled", () => this.relays.delete(end));
          return;
        }
        try {
          this.subscribe(call);
        } catch (error) {
          call.emit("error", streamError(error));
        }
      },
    };
  }

  /** The `LogBroker` handlers, for workers: a follower refuses them, naming the leader. */
  brokerHandlers(): LogBrokerServer {
    const leading = (): boolean => this.options.routing.isLeading();
    const refusal = (): Error => unavailableError(notLeaderDetails(this.options.routing.leaderAddr()));
    return {
      listenSubscriptions: (call) => {
        if (!leading()) return void call.emit("error", refusal());
        try {
          this.listen(call);
        } catch (error) {
          call.emit("error", streamError(error));
        }
      },
      publishLogs: (call, callback) => {
        if (!leading()) return callback(statusOf(refusal()));
        this.publish(call, callback);
      },
    };
  }

  private closeSubscriptions(reason: string): void {
    for (const sub of [...this.subscriptions.values()]) this.finish(sub, unavailableError(reason));
    for (const call of this.listeners.values()) call.end();
    this.listeners.clear();
  }

  private subscribe(call: OperatorCall): void {
    const request = validateSubscribeRequest(call.request);
    if (this.subscriptions.size >= subscriptionsMax) throw new TooManySubscriptionsError(subscriptionsMax);
    const nodes = this.options.store.view((tx) => {
      checkSelected(tx, request.selector);
      return nodesOf(tx, request.selector);
    });
    const sub: Subscription = {
      id: randomId(),
      request,
      follow: request.options.follow === true,
      operator: call,
      nodes: new Map(),
      closed: false,
      paused: false,
    };
    this.subscriptions.set(sub.id, sub);
    if (sub.follow) this.unwatch ??= this.options.store.watch((commit) => this.onCommit(commit));
    call.on("cancelled", () => this.finish(sub, "cancelled"));
    for (const nodeId of nodes) this.involve(sub, nodeId);
    this.checkComplete(sub);
  }

  private involve(sub: Subscription, nodeId: string): void {
    const part: NodePart = { sent: false, done: false, nodeClosed: false, timer: null, publisher: null };
    sub.nodes.set(nodeId, part);
    this.offer(sub, nodeId, part);
  }

  /** Sends the subscription to the node if it listens; otherwise a non-following one counts it done. */
  private offer(sub: Subscription, nodeId: string, part: NodePart): void {
    const listener = this.listeners.get(nodeId);
    if (!listener) {
      if (!sub.follow) part.done = true;
      return;
    }
    const { selector, options } = sub.request;
    listener.write({ id: sub.id, selector: selectorMessage(selector), options });
    part.sent = true;
    if (sub.follow) return;
    part.timer = (this.options.clock ?? realClock).after(this.options.publishStartMsMax ?? publishStartMsMax, () => {
      part.timer = null;
      if (!part.publisher) this.nodeDone(sub, part);
    });
  }

  private nodeDone(sub: Subscription, part: NodePart): void {
    part.timer?.();
    part.timer = null;
    part.done = true;
    this.checkComplete(sub);
  }

  private checkComplete(sub: Subscription): void {
    if (sub.follow || sub.closed) return;
    for (const part of sub.nodes.values()) if (!part.done) return;
    this.finish(sub, "end");
  }

  /** Ends a subscription: nodes still on it are told `close`, publishers answered, the operator's stream ended. */
  private finish(sub: Subscription, how: "end" | "cancelled" | Error): void {
    if (sub.closed) return;
    sub.closed = true;
    this.subscriptions.delete(sub.id);
    for (const [nodeId, part] of sub.nodes) {
      part.timer?.();
      if (part.sent && !part.nodeClosed) this.listeners.get(nodeId)?.write({ id: sub.id, close: true });
      part.publisher?.answer();
    }
    if (how === "end") sub.operator.end();
    else if (how !== "cancelled") sub.operator.emit("error", how);
    if (![...this.subscriptions.values()].some((s) => s.follow)) {
      this.unwatch?.();
      this.unwatch = null;
    }
  }

  private listen(call: ListenCall): void {
    const nodeId = nodeIdOf(call.metadata);
    const previous = this.listeners.get(nodeId);
    this.listeners.set(nodeId, call);
    // Headers now tell the node it is registered: subscriptions made from here on reach it.
    call.sendMetadata(new grpc.Metadata());
    // A node listens once: a new stream (a new session) replaces the old one.
    previous?.end();
    for (const sub of this.subscriptions.values()) {
      const part = sub.nodes.get(nodeId);
      if (part && sub.follow && !part.sent) this.offer(sub, nodeId, part);
    }
    const gone = (): void => {
      if (this.listeners.get(nodeId) !== call) return;
      this.listeners.delete(nodeId);
      for (const sub of [...this.subscriptions.values()]) {
        const part = sub.nodes.get(nodeId);
        if (!part || part.publisher) continue;
        // Following: offer it again when the node is back. Otherwise the node is done.
        if (sub.follow) part.sent = false;
        else this.nodeDone(sub, part);
      }
    };
    call.on("cancelled", gone);
    call.on("close", gone);
    call.on("error", gone);
  }

  private publish(call: PublishCall, callback: grpc.sendUnaryData<swarm.v1.PublishLogsResponse.$Properties>): void {
    let answered = false;
    const reply = (error: unknown): void => {
      if (answered) return;
      answered = true;
      if (error === null) callback(null, {});
      else callback(statusOf(error));
    };
    let nodeId: string;
    try {
      nodeId = nodeIdOf(call.metadata);
    } catch (error) {
      return reply(error);
    }
    let bound: { sub: Subscription; part: NodePart } | null = null;
    const publisher = { call, answer: () => reply(null) };
    const released = (): void => {
      if (!bound) return;
      const { sub, part } = bound;
      bound = null;
      if (part.publisher !== publisher || sub.closed) return;
      part.publisher = null;
      // A follower's node may come back with a new session; anyone else's node is done.
      if (sub.follow) part.sent = false;
      else this.nodeDone(sub, part);
    };
    call.on("data", (m: swarm.v1.PublishLogsMessage) => {
      if (answered) return;
      try {
        if (!bound) {
          const sub = this.subscriptions.get(m.subscriptionId);
          const part = sub?.nodes.get(nodeId);
          if (!sub || !part || !part.sent) throw new SubscriptionNotFoundError(m.subscriptionId, nodeId);
          if (part.publisher)
            throw new InvalidArgumentError(
              "subscriptionId",
              `node ${nodeId} publishes for ${m.subscriptionId} already`,
            );
          part.timer?.();
          part.timer = null;
          part.publisher = publisher;
          bound = { sub, part };
          if (sub.paused) call.pause();
        } else if (m.subscriptionId !== bound.sub.id) {
          throw new InvalidArgumentError("subscriptionId", "must stay the same within one stream");
        }
        if (m.messages.length > publishBatchMessagesMax)
          throw new InvalidArgumentError("messages", `at most ${publishBatchMessagesMax} lines per message`);
        if (m.messages.length > 0) relayLines(bound.sub, nodeId, m.messages);
        if (m.close) {
          bound.part.nodeClosed = true;
          this.nodeDone(bound.sub, bound.part);
        }
      } catch (error) {
        reply(error);
        released();
      }
    });
    call.on("end", () => {
      released();
      reply(null);
    });
    call.on("error", released);
    call.on("cancelled", released);
  }

  /** A following subscription reaches nodes newly given a selected task. */
  private onCommit(commit: StoreCommit): void {
    for (const e of commit.events) {
      if (e.kind !== "task" || e.action === "remove") continue;
      const task = e.object as ObjectsByKind["task"];
      const nodeId = task.nodeId ?? "";
      if (nodeId === "") continue;
      for (const sub of this.subscriptions.values()) {
        if (sub.follow && !sub.nodes.has(nodeId) && taskSelected(sub.request.selector, task)) this.involve(sub, nodeId);
      }
    }
  }
}
