// A unary gRPC client over Node's own HTTP/2, for the lean list path only: grpc-js (with its channel,
// load balancing and retry machinery) costs about a third of a `service ls` start-up to load, and a
// list command makes one or two unary calls on one connection. It speaks the same wire as grpc-js
// (length-prefixed protobuf on a POST, the status in trailers), reaches the same target with the same
// TLS material and name (client/manager-address.ts), and keeps the 30 s deadline. What it answers
// itself is only what the manager said: a response, or the manager's own gRPC status. Anything else
// (no connection, a TLS failure, a dropped stream, a passed deadline, an answer it does not expect) is
// a LeanTransportFailure, on which swarmctl runs the command again through grpc-js, so an operator
// sees exactly the one line the full path prints for it.
import {
  connect as http2Connect,
  type ClientHttp2Session,
  type ClientHttp2Stream,
  type IncomingHttpHeaders,
} from "node:http2";
import { connect as netConnect } from "node:net";
import { grpcDeadlineExceeded, servingNodeTrailer } from "../../common/index.js";
import { swarm, type ControlMethod, type ControlRequest, type ControlResponse } from "../../proto/index.js";
import type { ControlCaller } from "../client/control-caller.js";
import { callMsMax, managerTlsName, type OperatorTls } from "../client/manager-address.js";

/** The Control methods the lean path calls, with their wire paths and messages. */
const wire = {
  listServices: {
    path: "/swarm.v1.Control/ListServices",
    encode: (m: ControlRequest<"listServices">) => swarm.v1.ListServicesRequest.encode(m).finish(),
    decode: (b: Uint8Array): ControlResponse<"listServices"> => swarm.v1.ListServicesResponse.decode(b),
  },
  listTasks: {
    path: "/swarm.v1.Control/ListTasks",
    encode: (m: ControlRequest<"listTasks">) => swarm.v1.ListTasksRequest.encode(m).finish(),
    decode: (b: Uint8Array): ControlResponse<"listTasks"> => swarm.v1.ListTasksResponse.decode(b),
  },
  listNodes: {
    path: "/swarm.v1.Control/ListNodes",
    encode: (m: ControlRequest<"listNodes">) => swarm.v1.ListNodesRequest.encode(m).finish(),
    decode: (b: Uint8Array): ControlResponse<"listNodes"> => swarm.v1.ListNodesResponse.decode(b),
  },
};

/** The names grpc-js gives status codes in its error messages ("5 NOT_FOUND: …"). */
const statusNames = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

/** A gRPC status the manager answered with, shaped as grpc-js's ServiceError (code, details, metadata). */
export class LeanStatusError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly metadata: IncomingHttpHeaders,
  ) {
    super(`${code} ${statusNames[code] ?? "UNKNOWN"}: ${details}`);
  }
}

/** The lean path could not get the manager's answer; swarmctl runs the command through grpc-js instead. */
export class LeanTransportFailure extends Error {}

/** One connection to a manager for unary Control calls, opened on the first call. */
export class Http2Channel implements ControlCaller {
  private session: ClientHttp2Session | null = null;
  servingNodeId = "";

  constructor(
    /** The gRPC target: `unix:///path` or host:port (client/manager-address.ts's controlTarget). */
    readonly target: string,
    private readonly tls: OperatorTls | null,
  ) {}

  /** The session, connected on first use. */
  private open(): ClientHttp2Session {
    if (this.session) return this.session;
    const target = this.target;
    const session = target.startsWith("unix://")
      ? http2Connect("http://localhost", { createConnection: () => netConnect(target.slice("unix://".length)) })
      : this.tls
        ? http2Connect(`https://${target}`, {
            ca: this.tls.ca,
            cert: this.tls.cert,
            key: this.tls.key,
            // Managers are reached by address and named by their role, as grpc-js's target name override does.
            servername: managerTlsName,
          })
        : http2Connect(`http://${target}`);
    // A session error fails the calls on it (each stream reports it too); without a listener it would throw.
    session.on("error", () => undefined);
    this.session = session;
    return session;
  }

  /** Calls a unary Control method; rejects with LeanStatusError or LeanTransportFailure. */
  call<M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> {
    const known = (wire as Partial<Record<ControlMethod, unknown>>)[method] as
      | {
          path: string;
          encode: (m: ControlRequest<M>) => Uint8Array;
          decode: (b: Uint8Array) => ControlResponse<M>;
        }
      | undefined;
    if (known === undefined) return Promise.reject(new LeanTransportFailure(`${method} is not a lean method`));
    const { path, encode, decode } = known;
    const message = encode(request);
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    return new Promise((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        stream = this.open().request({
          ":method": "POST",
          ":path": path,
          ":authority": this.tls ? managerTlsName : this.target.startsWith("unix://") ? "localhost" : this.target,
          "content-type": "application/grpc",
          te: "trailers",
          "grpc-timeout": `${callMsMax}m`,
          "grpc-accept-encoding": "identity",
        });
      } catch (error) {
        reject(new LeanTransportFailure(`cannot open a stream: ${String(error)}`));
        return;
      }
      const chunks: Buffer[] = [];
      let status: IncomingHttpHeaders | null = null;
      let settled = false;
      const timer = setTimeout(() => {
        stream.close();
        // A manager that took the call and never answered has had its whole deadline: the status is
        // the operator's answer, as grpc-js gives it. Going round the full path would wait as long again.
        if (this.session?.connecting === false && !settled) {
          settled = true;
          reject(new LeanStatusError(grpcDeadlineExceeded, `Deadline exceeded after ${callMsMax / 1000}s`, {}));
        } else fail("the deadline passed before the connection was made");
      }, callMsMax);
      const fail = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new LeanTransportFailure(why));
      };
      const onStatus = (headers: IncomingHttpHeaders): void => {
        if (headers["grpc-status"] !== undefined) status = headers;
      };
      stream.on("response", (headers) => {
        if (headers[":status"] !== 200) return fail(`HTTP status ${headers[":status"]}`);
        onStatus(headers);
      });
      stream.on("trailers", onStatus);
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => fail(error.message));
      stream.on("close", () => {
        if (settled) return;
        if (status === null) return fail("the stream closed without a status");
        const code = Number(status["grpc-status"]);
        const node = status[servingNodeTrailer];
        if (typeof node === "string") this.servingNodeId = node;
        if (code !== 0) {
          settled = true;
          clearTimeout(timer);
          return reject(new LeanStatusError(code, detailsOf(status["grpc-message"]), status));
        }
        const body = Buffer.concat(chunks);
        // One uncompressed message, exactly: anything else is left to grpc-js.
        if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5)
          return fail("the answer is not one uncompressed message");
        let response: ControlResponse<M>;
        try {
          response = decode(body.subarray(5));
        } catch (error) {
          return fail(`the answer does not decode: ${String(error)}`);
        }
        settled = true;
        clearTimeout(timer);
        resolve(response);
      });
      stream.end(frame);
    });
  }

  /** Closes the connection, so the process can exit. */
  close(): void {
    this.session?.close();
    this.session = null;
  }
}

/** grpc-message as grpc-js decodes it (percent-encoded; left as sent when it does not decode). */
function detailsOf(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
