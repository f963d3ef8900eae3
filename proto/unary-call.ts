// Unary calls as promises, typed by the generated wire definitions: the method is named by its key
// in a service definition (`"listServices"` of `controlService`), and the compiler derives the
// request and response types from that definition, so a call by name can neither misspell the
// method nor pass the wrong request. The call goes through grpc-js's makeUnaryRequest with the
// definition's path and serializers, the same bytes as the generated clients' own methods.
import * as grpc from "@grpc/grpc-js";
import type { controlService } from "./gen/services.js";

/** What a unary call needs of one method's wire definition. */
interface UnaryWire<Req, Res> {
  readonly path: string;
  readonly requestSerialize: (message: Req) => Buffer;
  readonly responseDeserialize: (bytes: Buffer) => Res;
}

/** The names of a service definition's unary methods. */
export type UnaryMethodOf<D> = {
  [K in keyof D]: D[K] extends { readonly requestStream: false; readonly responseStream: false } ? K : never;
}[keyof D] &
  string;

/** The request type of method K of service definition D. */
export type RequestOf<D, K extends keyof D> = D[K] extends { requestSerialize: (message: infer Q) => Buffer }
  ? Q
  : never;

/** The response type of method K of service definition D. */
export type ResponseOf<D, K extends keyof D> = D[K] extends { responseDeserialize: (bytes: Buffer) => infer R }
  ? R
  : never;

/** A Control method's name. */
export type ControlMethod = UnaryMethodOf<typeof controlService>;
/** The request type of a Control method. */
export type ControlRequest<M extends ControlMethod> = RequestOf<typeof controlService, M>;
/** The response type of a Control method. */
export type ControlResponse<M extends ControlMethod> = ResponseOf<typeof controlService, M>;

/** Options of one unary call. */
export interface UnaryCallOptions {
  /** Request metadata. */
  readonly metadata?: grpc.Metadata;
  /** Deadline as a Date or epoch ms; none when absent. */
  readonly deadline?: Date | number;
  /** Receives the call's final status with its trailers, before the promise settles. */
  readonly onStatus?: (status: grpc.StatusObject) => void;
}

/**
 * Calls unary method `method` of `definition` over `client`; resolves with the response, rejects
 * with the gRPC status error.
 */
export function callUnary<D, K extends UnaryMethodOf<D>>(
  client: grpc.Client,
  definition: D,
  method: K,
  request: RequestOf<D, K>,
  options: UnaryCallOptions = {},
): Promise<ResponseOf<D, K>> {
  const wire = definition[method] as UnaryWire<RequestOf<D, K>, ResponseOf<D, K>>;
  return new Promise((resolve, reject) => {
    const call = client.makeUnaryRequest(
      wire.path,
      wire.requestSerialize,
      wire.responseDeserialize,
      request,
      options.metadata ?? new grpc.Metadata(),
      options.deadline === undefined ? {} : { deadline: options.deadline },
      (error, response) => (error ? reject(error) : resolve(response as ResponseOf<D, K>)),
    );
    if (options.onStatus) call.on("status", options.onStatus);
  });
}
