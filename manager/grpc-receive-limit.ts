// A per-call limit on the size of request messages, for a gRPC server that serves services with
// very different needs on one port. grpc-js reads the limit once, from the server's options
// (`grpc.max_receive_message_length`), for every call alike, and offers no per-method setting. Its
// server call object, though, holds the limit in two fields when the call is made: the stream
// decoder's, checked against each message's length prefix before a byte of its body is kept (a
// message over it ends the call with RESOURCE_EXHAUSTED at once), and the call's own, checked after
// decompression. The first server interceptor receives that very object, before any data is read
// (the HTTP/2 stream is paused until the handler asks for a message), so lowering both fields there
// gives the call its own limit with grpc-js's own, early refusal.
//
// These are internals of grpc-js (checked with 1.14). limitReceiveBytes checks their shape and
// says whether it could apply the limit; grpc-receive-limit.test.ts fails if an upgrade moves them.
import type * as grpc from "@grpc/grpc-js";

/** The fields of grpc-js's BaseServerInterceptingCall this module adjusts. */
interface BaseCallLimits {
  maxReceiveMessageSize: number;
  decoder: { maxReadMessageLength: number };
}

function hasLimits(call: object): call is BaseCallLimits {
  const c = call as Partial<BaseCallLimits>;
  return typeof c.maxReceiveMessageSize === "number" && typeof c.decoder?.maxReadMessageLength === "number";
}

/**
 * Lowers the largest request message `call` accepts to `bytes` (never raises it above the server's
 * own limit). `call` must be what the server's first interceptor receives. Returns false when the
 * call does not have grpc-js's fields (then only the server-wide limit applies).
 */
export function limitReceiveBytes(call: grpc.ServerInterceptingCallInterface, bytes: number): boolean {
  if (!hasLimits(call)) return false;
  const limit = call.maxReceiveMessageSize === -1 ? bytes : Math.min(bytes, call.maxReceiveMessageSize);
  call.maxReceiveMessageSize = limit;
  call.decoder.maxReadMessageLength = limit;
  return true;
}
