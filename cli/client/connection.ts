// How swarmctl reaches a manager: one place that turns `--host` / SWARM_HOST (or the local control
// socket) into a gRPC target and channel credentials, and opens the Control, Logs and Watch clients
// on one connection. Unary calls become promises with a deadline so no command hangs forever.
import { readFileSync } from "node:fs";
import * as grpc from "@grpc/grpc-js";
import {
  controlSocketPath,
  defaultStateDir,
  servingNodeTrailer,
  swarmHostEnv,
  unixTarget,
} from "../../common/index.js";
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
import { certPathOf, tlsFilesIn } from "./cert-path.js";
import { type ConnectionOptions, withGlobalOptions } from "./global-options.js";
import { UsageError } from "./usage-error.js";

export type { ConnectionOptions } from "./global-options.js";

/** Deadline of one unary call. */
export const callMsMax = 30_000;

/** The gRPC target for the options and environment: `--host`, then SWARM_HOST, then the local control socket. */
export function controlTarget(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const host = options.host || env[swarmHostEnv] || unixTarget(controlSocketPath(defaultStateDir));
  if (host.startsWith("unix://")) {
    if (!host.slice("unix://".length).startsWith("/"))
      throw new UsageError("--host", `"${host}": a unix socket needs an absolute path (unix:///path)`);
    return host;
  }
  const hostPort = host.startsWith("tcp://") ? host.slice("tcp://".length) : host;
  if (!/^[^\s/:]+:\d{1,5}$/.test(hostPort) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(hostPort)) {
    throw new UsageError("--host", `"${host}" is neither unix:///path nor host:port`);
  }
  return hostPort;
}

/**
 * The name every manager's certificate carries (its role, as a SAN): managers are reached by
 * address, so TLS checks this name instead of the address (manager/ca's ManagerRole).
 */
export const managerTlsName = "swarm-manager";

/**
 * Channel credentials for the options. The local socket needs none (it is root's, mode 0600). Over
 * TCP a manager admits only certificates of its cluster's CA: the files named by the flags, else
 * those in SWARM_CERT_PATH or ~/.swarm-ts. Without any, the connection is attempted without TLS
 * (test managers that serve plain loopback), and a real manager refuses it.
 */
export function channelCredentials(
  options: ConnectionOptions,
  target = "",
  env: NodeJS.ProcessEnv = process.env,
): { credentials: grpc.ChannelCredentials; tls: boolean } {
  const given = [options.tlsCaCert, options.tlsCert, options.tlsKey].filter((f) => f);
  if (given.length > 0 && given.length < 3)
    throw new UsageError(
      "--tlscacert/--tlscert/--tlskey",
      "give all three, or none (then SWARM_CERT_PATH or ~/.swarm-ts is used)",
    );
  const insecure = { credentials: grpc.credentials.createInsecure(), tls: false };
  if (target.startsWith("unix:")) return insecure;
  const files =
    given.length === 3
      ? { ca: options.tlsCaCert!, cert: options.tlsCert!, key: options.tlsKey! }
      : tlsFilesIn(certPathOf(env));
  if (!files) return insecure;
  const read = (flag: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new UsageError(flag, `cannot read ${path}: ${(error as Error).message}`);
    }
  };
  return {
    credentials: grpc.credentials.createSsl(
      read("--tlscacert", files.ca),
      read("--tlskey", files.key),
      read("--tlscert", files.cert),
    ),
    tls: true,
  };
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
