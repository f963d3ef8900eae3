// The TLS facts of a caller, read once per connection instead of once per call. grpc-js answers
// getAuthContext() by asking the TLS socket for the peer certificate every time, and Node builds
// the whole certificate object for each such question (subject, issuer, both fingerprints, the
// public key, the raw bytes): at 120 nodes it was the busiest function of a leader, which answers
// a heartbeat and a status report of every node every second, each on the connection the node
// opened once. The certificate a TLS handshake verified cannot change while the connection lives
// (a manager's port never asks for a renegotiation), so the first call's answer holds for every
// later call on that connection.
//
// A connection is an HTTP/2 session, and grpc-js offers no public way from a call to its session.
// Its base server call, the object the server's first interceptor receives, holds the call's
// HTTP/2 stream, whose `session` is Node's. That field is an internal of grpc-js (checked with 1.14):
// connectionOf checks its shape, and the admission interceptor counts every call it could not tie
// to a connection, which call-admission.test.ts requires to stay 0, so an upgrade that moves the
// field fails that test instead of quietly bringing back a certificate read per call.
import * as grpc from "@grpc/grpc-js";

/** The TLS facts grpc-js gives of a server call's connection. */
export type ConnectionAuthContext = ReturnType<grpc.ServerInterceptingCallInterface["getAuthContext"]>;

/** The part of grpc-js's base server call this module reads: its HTTP/2 stream's session. */
interface BaseCallStream {
  readonly stream: { readonly session?: object | undefined };
}

function hasStream(call: object): call is BaseCallStream {
  const stream = (call as Partial<BaseCallStream>).stream;
  return typeof stream === "object" && stream !== null && "session" in stream;
}

/**
 * The connection (HTTP/2 session) `call` came on, or undefined when `call` is not grpc-js's base
 * server call (an interceptor after the first, or a grpc-js that moved the field), or its stream
 * has already lost its session (the connection closed).
 */
export function connectionOf(call: grpc.ServerInterceptingCallInterface): object | undefined {
  if (!hasStream(call)) return undefined;
  const session = call.stream.session;
  return typeof session === "object" && session !== null ? session : undefined;
}

const connectionContexts = new WeakMap<object, ConnectionAuthContext>();

/**
 * The auth context of `call`'s connection: asked of grpc-js on the connection's first call and
 * remembered as long as the connection lives (the entry goes with the session object). `cached` is
 * false when the call could not be tied to its connection and grpc-js was asked for this call alone.
 */
export function connectionAuthContext(call: grpc.ServerInterceptingCallInterface): {
  readonly context: ConnectionAuthContext;
  readonly cached: boolean;
} {
  const connection = connectionOf(call);
  if (connection === undefined) return { context: call.getAuthContext(), cached: false };
  let context = connectionContexts.get(connection);
  if (context === undefined) {
    context = call.getAuthContext();
    connectionContexts.set(connection, context);
  }
  return { context, cached: true };
}

/**
 * A server call that answers getAuthContext() with its connection's remembered context; the rest
 * passes through to the next call unchanged.
 */
export class ConnectionAuthCall extends grpc.ServerInterceptingCall {
  constructor(
    next: grpc.ServerInterceptingCallInterface,
    responder: grpc.Responder,
    private readonly authContext: ConnectionAuthContext,
  ) {
    super(next, responder);
  }

  /** The connection's auth context, read once for all of its calls. */
  override getAuthContext(): ConnectionAuthContext {
    return this.authContext;
  }
}
