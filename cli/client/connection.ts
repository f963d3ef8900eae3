// How swarmctl reaches a manager: one place that turns `--host` / SWARM_HOST (or the local control
// socket) into a gRPC target and channel credentials, and opens the Control, Logs and Watch clients
// on one connection. Unary calls become promises with a deadline so no command hangs forever.
import * as grpc from "@grpc/grpc-js";
import { controlSocketPath, defaultStateDir, swarmHostEnv, unixTarget } from "../../common/index.js";
import { ControlClient, LogsClient, WatchClient } from "../../proto/index.js";
import { UsageError } from "./usage-error.js";

/** Deadline of one unary call. */
export const callMsMax = 30_000;

/** What a command knows about where and how to connect. */
export interface ConnectionOptions {
  /** `--host`: `unix:///path`, `host:port` or `tcp://host:port`; absent uses SWARM_HOST, then the local socket. */
  readonly host?: string | undefined;
  /** `--tlscacert`: CA certificate to verify the manager with (not yet supported). */
  readonly tlsCaCert?: string | undefined;
  /** `--tlscert`: client certificate (not yet supported). */
  readonly tlsCert?: string | undefined;
  /** `--tlskey`: client key (not yet supported). */
  readonly tlsKey?: string | undefined;
}

/** The gRPC target for the options and environment: `--host`, then SWARM_HOST, then the local control socket. */
export function controlTarget(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const host = options.host || env[swarmHostEnv] || unixTarget(controlSocketPath(defaultStateDir));
  if (host.startsWith("unix://")) {
    if (!host.slice("unix://".length).startsWith("/")) throw new UsageError("--host", `"${host}": a unix socket needs an absolute path (unix:///path)`);
    return host;
  }
  const hostPort = host.startsWith("tcp://") ? host.slice("tcp://".length) : host;
  if (!/^[^\s/:]+:\d{1,5}$/.test(hostPort) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(hostPort)) {
    throw new UsageError("--host", `"${host}" is neither unix:///path nor host:port`);
  }
  return hostPort;
}

/**
 * Channel credentials for the options. Operators reach the local socket (or a loopback test
 * cluster) without TLS today; client certificates arrive with the security issue, and until then
 * asking for them is an error rather than a silent downgrade.
 */
export function channelCredentials(options: ConnectionOptions): grpc.ChannelCredentials {
  if (options.tlsCaCert || options.tlsCert || options.tlsKey) {
    throw new UsageError("--tlscacert/--tlscert/--tlskey", "not yet: TLS client certificates for operators arrive with the security issue");
  }
  return grpc.credentials.createInsecure();
}

type UnaryMethod = (request: unknown, metadata: grpc.Metadata, options: Partial<grpc.CallOptions>, callback: (error: grpc.ServiceError | null, response?: unknown) => void) => unknown;

/** The clients of one manager. */
export class Connection {
  private logsClient: LogsClient | null = null;
  private watchClient: WatchClient | null = null;
  /** The Control client. */
  readonly control: ControlClient;

  constructor(
    /** The gRPC target, for messages. */
    readonly target: string,
    private readonly credentials: grpc.ChannelCredentials,
  ) {
    this.control = new ControlClient(target, credentials, channelOptions);
  }

  /** Opens a connection for the options (see {@link controlTarget} and {@link channelCredentials}). */
  static open(options: ConnectionOptions): Connection {
    return new Connection(controlTarget(options), channelCredentials(options));
  }

  /** The Logs client (grpc-js shares the connection between clients of one target). */
  get logs(): LogsClient {
    this.logsClient ??= new LogsClient(this.target, this.credentials, channelOptions);
    return this.logsClient;
  }

  /** The Watch client. */
  get watch(): WatchClient {
    this.watchClient ??= new WatchClient(this.target, this.credentials, channelOptions);
    return this.watchClient;
  }

  /** Calls a unary Control method by name (e.g. "getService") and resolves with its response. */
  call<Res>(method: string, request: unknown, timeoutMs = callMsMax): Promise<Res> {
    const fn = (this.control as unknown as Record<string, UnaryMethod | undefined>)[method];
    if (!fn) return Promise.reject(new Error(`no Control method ${method}`));
    return new Promise((resolve, reject) => {
      fn.call(this.control, request, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response as Res)));
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
