// Where log calls are served. Workers publish to the leader only (its broker knows the
// subscriptions): a follower refuses them with UNAVAILABLE naming the leader, as it refuses
// dispatcher calls, and the worker's session moves there. Operators may use any manager: a
// follower relays SubscribeLogs to the leader and streams the answer back unchanged.
import * as grpc from "@grpc/grpc-js";
import { managerAnswerChannelOptions } from "../../common/index.js";
import { LogsClient, type swarm } from "../../proto/index.js";
import { unavailableError } from "./errors.js";

/** How a manager finds the leader and reaches it. */
export interface LeaderRouting {
  /** Whether this manager leads now. */
  readonly isLeading: () => boolean;
  /** The leader's address, "" when unknown. */
  readonly leaderAddr: () => string;
  /** Credentials of channels to other managers. */
  readonly channel: grpc.ChannelCredentials;
  /** Options of channels to other managers (with TLS: the managers' server name). */
  readonly channelOptions?: grpc.ChannelOptions;
}

/** The refusal a follower answers workers with; `leaderAddressOf` on the worker side parses it. */
export function notLeaderDetails(leaderAddr: string): string {
  return `not the leader; the leader is at ${leaderAddr || "an unknown address"}`;
}

type OperatorCall = grpc.ServerWritableStream<swarm.v1.SubscribeLogsRequest, swarm.v1.SubscribeLogsMessage.$Properties>;

/**
 * Relays one SubscribeLogs call to the leader: messages, end and errors come back as they are, and
 * the operator cancelling cancels the upstream call. Returns a function that ends the relay (the
 * manager is stopping), with UNAVAILABLE so the operator retries elsewhere.
 */
export function relayToLeader(call: OperatorCall, routing: LeaderRouting): () => void {
  const leaderAddr = routing.leaderAddr();
  if (!leaderAddr) {
    call.emit("error", unavailableError("no leader is known; retry shortly"));
    return () => undefined;
  }
  // The relay passes on whatever the leader sends, so it accepts messages as large as the leader's.
  const client = new LogsClient(leaderAddr, routing.channel, {
    ...routing.channelOptions,
    ...managerAnswerChannelOptions,
  });
  const upstream = client.subscribeLogs(call.request);
  let over = false;
  const finish = (): void => {
    if (over) return;
    over = true;
    upstream.cancel();
    client.close();
  };
  upstream.on("data", (message: swarm.v1.SubscribeLogsMessage) => {
    if (over) return;
    // Flow control end to end: a slow operator slows the upstream reads, never an unbounded buffer.
    if (!call.write(message)) {
      upstream.pause();
      call.once("drain", () => upstream.resume());
    }
  });
  upstream.on("end", () => {
    if (over) return;
    finish();
    call.end();
  });
  upstream.on("error", (error: grpc.ServiceError) => {
    if (over) return;
    finish();
    call.emit(
      "error",
      Object.assign(new Error(error.details), {
        code: error.code,
        details: error.details,
        metadata: error.metadata ?? new grpc.Metadata(),
      }),
    );
  });
  call.on("cancelled", finish);
  return () => {
    if (over) return;
    finish();
    call.emit("error", unavailableError("the manager relaying to the leader is stopping"));
  };
}
