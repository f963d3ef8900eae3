// The broker's record of one log subscription: the operator's stream, each involved node's share
// (sent, done, publishing), and the relaying of published lines to the operator with flow control.
import type { Cancel } from "../../common/index.js";
import type * as grpc from "@grpc/grpc-js";
import type { swarm } from "../../proto/index.js";
import type { Selector, SubscriptionRequest } from "./selector.js";

/** The operator's SubscribeLogs call. */
export type OperatorCall = grpc.ServerWritableStream<
  swarm.v1.SubscribeLogsRequest,
  swarm.v1.SubscribeLogsMessage.$Properties
>;
/** A node's PublishLogs call. */
export type PublishCall = grpc.ServerReadableStream<
  swarm.v1.PublishLogsMessage,
  swarm.v1.PublishLogsResponse.$Properties
>;

/** One node's share of a subscription. */
export interface NodePart {
  /** The subscription went out on the node's current listen stream. */
  sent: boolean;
  /** The node has nothing more to send (non-following subscriptions only). */
  done: boolean;
  /** The node said `close` itself, so it needs no `close` back. */
  nodeClosed: boolean;
  /** Counts a silent node as done (non-following subscriptions only). */
  timer: Cancel | null;
  /** The node's publish stream for this subscription, with the way to answer it. */
  publisher: { readonly call: PublishCall; readonly answer: () => void } | null;
}

/** One operator's subscription. */
export interface Subscription {
  /** Id the nodes quote when publishing. */
  readonly id: string;
  /** What it selects and how. */
  readonly request: SubscriptionRequest;
  /** Whether it follows new output (and new tasks). */
  readonly follow: boolean;
  /** The operator's stream. */
  readonly operator: OperatorCall;
  /** Every involved node's share, by node id. */
  readonly nodes: Map<string, NodePart>;
  /** Ended; nothing more is relayed. */
  closed: boolean;
  /** The operator's stream is full: the publishers' streams are paused until it drains. */
  paused: boolean;
}

/**
 * Forwards lines to the operator; their node is the publisher's authenticated one, whatever it
 * wrote. When the operator's stream is full, every publisher of the subscription is paused until
 * it drains, so gRPC flow control slows the nodes instead of a queue growing here.
 */
export function relayLines(sub: Subscription, nodeId: string, messages: readonly swarm.v1.ILogMessage[]): void {
  const out = messages.map((m) => ({
    context: { serviceId: m.context?.serviceId ?? "", taskId: m.context?.taskId ?? "", nodeId },
    ...(m.timestamp ? { timestamp: m.timestamp } : {}),
    stream: m.stream ?? 0,
    data: m.data ?? new Uint8Array(),
  }));
  if (sub.operator.write({ messages: out }) || sub.paused) return;
  sub.paused = true;
  for (const part of sub.nodes.values()) part.publisher?.call.pause();
  sub.operator.once("drain", () => {
    sub.paused = false;
    for (const part of sub.nodes.values()) part.publisher?.call.resume();
  });
}

/** The selector as a message to a node. */
export function selectorMessage(selector: Selector): swarm.v1.LogSelector.$Properties {
  return { serviceIds: [...selector.serviceIds], taskIds: [...selector.taskIds], nodeIds: [...selector.nodeIds] };
}
