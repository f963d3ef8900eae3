// The front end's way into the cluster: a gRPC client of the local manager's Control, Watch and
// Logs services on its control socket, as moby's daemon/cluster is a client of swarmkit's. Writes
// thus reach the leader exactly as any Control call does (a follower forwards them), and reads
// are the Control API's linearizable reads. Unary calls become promises with a deadline; streams
// become async iterables that follow the HTTP request's abort signal.
import { realClock } from "../../common/index.js";
import * as grpc from "@grpc/grpc-js";
import {
  callUnary,
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  controlService,
  LogsClient,
  type swarm,
  WatchClient,
} from "../../proto/index.js";

export type { ControlMethod, ControlRequest, ControlResponse } from "../../proto/index.js";

/** Deadline of one Control call. */
export const controlCallMsMax = 30_000;

/** Largest answer the front end accepts from its manager (a list of every task of a large cluster). */
export const grpcMessageBytesMax = 256 * 1024 * 1024;

/** What the routes need from the cluster (an interface, so the routes can be driven by other backends). */
export interface ClusterApi {
  /** Calls a Control method. */
  control<M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>>;
  /** Opens a Watch stream; ends when `signal` aborts. */
  watch(
    request: swarm.v1.WatchRequest.$Properties,
    signal: AbortSignal,
  ): grpc.ClientReadableStream<swarm.v1.WatchMessage>;
  /** Opens a log subscription; ends when `signal` aborts. */
  subscribeLogs(
    request: swarm.v1.SubscribeLogsRequest.$Properties,
    signal: AbortSignal,
  ): grpc.ClientReadableStream<swarm.v1.SubscribeLogsMessage>;
}

/**
 * The Control handlers of the manager running in this process (those its control socket serves),
 * or null while there is none (a worker, a manager still locked or stopping).
 */
export type InProcessControl = () => grpc.UntypedServiceImplementation | null;

/** What a unary call made in process reads of its call object. */
interface InProcessCall {
  readonly request: unknown;
  readonly metadata: grpc.Metadata;
  getPeer(): string;
  getDeadline(): number;
  readonly cancelled: boolean;
}

/** A status a handler answered with, as a gRPC client would have received it. */
function clientError(status: Partial<grpc.StatusObject>): grpc.ServiceError {
  const code = status.code ?? grpc.status.UNKNOWN;
  const details = status.details ?? "";
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), {
    code,
    details,
    metadata: status.metadata ?? new grpc.Metadata(),
  });
}

/**
 * The gRPC clients of one manager, over its control socket (a `unix:///…` target). When the
 * manager runs in the same process (swarmd serving its own node), Control calls go straight to
 * its handlers: the same handlers the socket serves, with the request and answer encoded and
 * decoded as the wire would, minus two HTTP/2 hops per call (most of an inspect's time).
 */
export class ClusterClient implements ClusterApi {
  private readonly controlClient: ControlClient;
  private readonly watchClient: WatchClient;
  private readonly logsClient: LogsClient;

  constructor(
    target: string,
    credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
    private readonly inProcess: InProcessControl = () => null,
  ) {
    const options: grpc.ChannelOptions = {
      "grpc.max_receive_message_length": grpcMessageBytesMax,
      // A manager restarting (or still locked) must not make calls wait for the full deadline.
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 1_000,
    };
    this.controlClient = new ControlClient(target, credentials, options);
    // One channel for the three services: grpc-js shares subchannels of equal targets and options.
    this.watchClient = new WatchClient(target, credentials, options);
    this.logsClient = new LogsClient(target, credentials, options);
  }

  control<M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> {
    const handler = this.inProcess()?.[method];
    if (typeof handler === "function")
      return callInProcess(method, handler as grpc.handleUnaryCall<unknown, unknown>, request);
    return callUnary(this.controlClient, controlService, method, request, {
      deadline: realClock.now() + controlCallMsMax,
    });
  }

  watch(
    request: swarm.v1.WatchRequest.$Properties,
    signal: AbortSignal,
  ): grpc.ClientReadableStream<swarm.v1.WatchMessage> {
    return followSignal(this.watchClient.watch(request), signal);
  }

  subscribeLogs(
    request: swarm.v1.SubscribeLogsRequest.$Properties,
    signal: AbortSignal,
  ): grpc.ClientReadableStream<swarm.v1.SubscribeLogsMessage> {
    return followSignal(this.logsClient.subscribeLogs(request), signal);
  }

  /** Closes the channels. */
  close(): void {
    this.watchClient.close();
    this.logsClient.close();
    this.controlClient.close();
  }
}

/** Calls a Control handler of this process as the socket would: encoded, decoded, with a deadline. */
function callInProcess<M extends ControlMethod>(
  method: M,
  handler: grpc.handleUnaryCall<unknown, unknown>,
  request: ControlRequest<M>,
): Promise<ControlResponse<M>> {
  const definition = controlService[method] as unknown as {
    requestSerialize(value: unknown): Buffer;
    requestDeserialize(bytes: Buffer): unknown;
    responseSerialize(value: unknown): Buffer;
    responseDeserialize(bytes: Buffer): unknown;
  };
  const deadline = realClock.now() + controlCallMsMax;
  return new Promise((resolve, reject) => {
    let done = false;
    const cancelTimer = realClock.after(controlCallMsMax, () => {
      done = true;
      reject(clientError({ code: grpc.status.DEADLINE_EXCEEDED, details: "Deadline exceeded" }));
    });
    const call: InProcessCall = {
      request: definition.requestDeserialize(definition.requestSerialize(request)),
      metadata: new grpc.Metadata(),
      getPeer: () => "engine-api (in process)",
      getDeadline: () => deadline,
      cancelled: false,
    };
    handler(call as unknown as grpc.ServerUnaryCall<unknown, unknown>, (error, value) => {
      if (done) return;
      done = true;
      cancelTimer();
      try {
        if (error) reject(clientError(error));
        else resolve(definition.responseDeserialize(definition.responseSerialize(value)) as ControlResponse<M>);
      } catch (failure) {
        reject(failure instanceof Error ? failure : new Error(String(failure)));
      }
    });
  });
}

/** Cancels a stream when the signal aborts (and at once when it already has). */
function followSignal<T extends grpc.ClientReadableStream<unknown>>(stream: T, signal: AbortSignal): T {
  const cancel = (): void => stream.cancel();
  if (signal.aborted) cancel();
  else {
    signal.addEventListener("abort", cancel, { once: true });
    stream.on("close", () => signal.removeEventListener("abort", cancel));
  }
  return stream;
}
