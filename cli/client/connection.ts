// How swarmctl reaches a manager: one place that turns `--host` / SWARM_HOST (or the local control
// socket) into a gRPC target and channel credentials, and opens the Control, Logs and Watch clients
// on one connection. Unary calls become promises with a deadline so no command hangs forever.
import * as grpc from "@grpc/grpc-js";
import { servingNodeTrailer } from "../../common/index.js";
import {
  callUnary,
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  controlService,
  LogsClient,
  WatchClient,
} from "../../proto/index.js";
import { type ConnectionOptions, withGlobalOptions } from "./global-options.js";
import { callMsMax, controlTarget, managerTlsName, operatorTls } from "./manager-address.js";

export type { ConnectionOptions } from "./global-options.js";
export { callMsMax, controlTarget, managerTlsName } from "./manager-address.js";

/**
 * Channel credentials for the options: the operator's TLS material (manager-address.ts), or none
 * (the local socket, or no certificate anywhere).
 */
export function channelCredentials(
  options: ConnectionOptions,
  target = "",
  env: NodeJS.ProcessEnv = process.env,
): { credentials: grpc.ChannelCredentials; tls: boolean } {
  const tls = operatorTls(options, target, env);
  if (!tls) return { credentials: grpc.credentials.createInsecure(), tls: false };
  return { credentials: grpc.credentials.createSsl(tls.ca, tls.key, tls.cert), tls: true };
}

/** Channel options: over TLS the manager is named by its role. */
function channelOptionsFor(tls: boolean): grpc.ChannelOptions {
  return tls
    ? { ...channelOptions, "grpc.ssl_target_name_override": managerTlsName, "grpc.default_authority": managerTlsName }
    : channelOptions;
}

/** The clients of one manager. */
export class Connection {
  private logsClient: LogsClient | null = null;
  private watchClient: WatchClient | null = null;
  /** The Control client. */
  readonly control: ControlClient;
  private readonly options: grpc.ChannelOptions;
  /** The id of the node that answered the last Control call, when it said ("" until then). */
  servingNodeId = "";

  constructor(
    /** The gRPC target, for messages. */
    readonly target: string,
    private readonly credentials: grpc.ChannelCredentials,
    tls = false,
  ) {
    this.options = channelOptionsFor(tls);
    this.control = new ControlClient(target, credentials, this.options);
  }

  /** Opens a connection for the options (see {@link controlTarget} and {@link channelCredentials}). */
  static open(commandOptions: ConnectionOptions): Connection {
    const options = withGlobalOptions(commandOptions);
    const target = controlTarget(options);
    const { credentials, tls } = channelCredentials(options, target);
    return new Connection(target, credentials, tls);
  }

  /** The Logs client (grpc-js shares the connection between clients of one target). */
  get logs(): LogsClient {
    this.logsClient ??= new LogsClient(this.target, this.credentials, this.options);
    return this.logsClient;
  }

  /** The Watch client. */
  get watch(): WatchClient {
    this.watchClient ??= new WatchClient(this.target, this.credentials, this.options);
    return this.watchClient;
  }

  /** Calls a unary Control method by name (e.g. "getService") and resolves with its response. */
  call<M extends ControlMethod>(
    method: M,
    request: ControlRequest<M>,
    timeoutMs = callMsMax,
  ): Promise<ControlResponse<M>> {
    return callUnary(this.control, controlService, method, request, {
      deadline: Date.now() + timeoutMs,
      // grpc-js emits the status (with the trailers) right after the callback, before the promise's continuations run.
      onStatus: (status) => {
        const id = status.metadata.get(servingNodeTrailer)[0];
        if (typeof id === "string") this.servingNodeId = id;
      },
    });
  }

  /** Closes every client. */
  close(): void {
    this.logsClient?.close();
    this.watchClient?.close();
    this.control.close();
  }
}

// Lists of many tasks are large; the socket is local and trusted.
const channelOptions: grpc.ChannelOptions = { "grpc.max_receive_message_length": -1 };
