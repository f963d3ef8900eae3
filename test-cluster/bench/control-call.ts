// Promise form of a unary Control call with a deadline, for the benchmarks' clients.
import * as grpc from "@grpc/grpc-js";
import {
  callUnary,
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  controlService,
} from "../../proto/index.js";

/** Deadline of one benchmark call. */
export const controlCallMsMax = 30_000;

/**
 * Calls a unary Control method by name; resolves with its response. `timeoutMs: null` sets no
 * deadline, as the etcd3 client's calls have none: the measured loops compare like with like, and
 * runClosedLoop's own limit catches a call that never returns.
 */
export function callControl<M extends ControlMethod>(
  client: ControlClient,
  method: M,
  request: ControlRequest<M>,
  timeoutMs: number | null = controlCallMsMax,
): Promise<ControlResponse<M>> {
  return callUnary(
    client,
    controlService,
    method,
    request,
    timeoutMs === null ? {} : { deadline: Date.now() + timeoutMs },
  );
}

/** A Control client that accepts answers of any size (ListTasks of 100,000 tasks is tens of MB). */
export function controlClient(addr: string): ControlClient {
  return new ControlClient(addr, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": -1,
    "grpc.max_send_message_length": -1,
  });
}

/** The gRPC status of an error thrown by callControl, or undefined. */
export function grpcCode(error: unknown): grpc.status | undefined {
  const code = (error as Partial<grpc.ServiceError> | null)?.code;
  return typeof code === "number" ? code : undefined;
}
