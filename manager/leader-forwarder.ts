// A follower's way to the leader for the Control calls it cannot serve (every write, and reads
// whose read barrier failed). The answer the caller gets is exactly the leader's: the answer
// itself, or the leader's status with its details and metadata. The client accepts answers as
// large as the leader's server sends (grpc-js would otherwise refuse any over 4 MB, and a write
// that committed would be reported as failed).
import type * as grpc from "@grpc/grpc-js";
import { managerAnswerChannelOptions } from "../common/index.js";
import { callUnary, ControlClient, type ControlMethod, type ControlRequest, controlService } from "../proto/index.js";

/** Leader addresses a forwarder keeps a client for; the oldest is closed beyond this. */
export const forwardClientsMax = 8;

/** Forwards Control calls to the leader over one client per leader address. */
export class LeaderForwarder {
  private readonly clients = new Map<string, ControlClient>();

  constructor(
    private readonly channel: grpc.ChannelCredentials,
    private readonly channelOptions: grpc.ChannelOptions = {},
  ) {}

  /**
   * Calls `method` on the leader at `leaderAddr` with the request this member decoded for that
   * method; resolves with its answer, rejects with its status.
   */
  forward(method: ControlMethod, request: unknown, leaderAddr: string): Promise<unknown> {
    return callUnary(this.clientFor(leaderAddr), controlService, method, request as ControlRequest<typeof method>);
  }

  /** Closes every client. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private clientFor(leaderAddr: string): ControlClient {
    const known = this.clients.get(leaderAddr);
    if (known) return known;
    // Leaders come and go over the cluster's life: keep the most recent few.
    if (this.clients.size >= forwardClientsMax) {
      const [oldest, client] = this.clients.entries().next().value as [string, ControlClient];
      client.close();
      this.clients.delete(oldest);
    }
    const client = new ControlClient(leaderAddr, this.channel, {
      ...this.channelOptions,
      ...managerAnswerChannelOptions,
    });
    this.clients.set(leaderAddr, client);
    return client;
  }
}
