// What a list command needs of its connection to a manager: unary Control calls by name, the node that
// answered and the target it was reached at. The grpc-js Connection (connection.ts) and the lean
// path's HTTP/2 channel (cli/lean/) both provide it, so one function builds each list for both.
import type { ControlMethod, ControlRequest, ControlResponse } from "../../proto/index.js";

/** Unary Control calls on one connection to a manager. */
export interface ControlCaller {
  /** The gRPC target (`unix:///path` or host:port). */
  readonly target: string;
  /** The id of the node that answered the last call, when it said ("" until then). */
  readonly servingNodeId: string;
  /** Calls a unary Control method by name and resolves with its response. */
  call<M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>>;
}

/** The flags every list command takes besides the connection's. */
export interface ListFlags {
  readonly format?: string | undefined;
  readonly quiet?: boolean | undefined;
  readonly filter?: readonly string[] | undefined;
  readonly "no-trunc"?: boolean | undefined;
}
