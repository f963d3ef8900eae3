// Log lines in Docker's wire format. Without a TTY each line is one frame of the multiplexed stream
// (stdcopy): an 8-byte header [stream, 0, 0, 0, length as uint32 big-endian] then the payload. The
// payload is the line prefixed, as asked, by its time (nine fraction digits) and its details: the
// `com.docker.swarm.{node,service,task}.id` attributes, sorted and query-escaped, which the docker
// CLI needs to name the task each line came from (it fails without any one of them).
import { swarm } from "../../proto/index.js";
import { formatTimeFixed } from "./json-time.js";

/** Stream numbers of the multiplexed framing. */
export const StreamType = { stdout: 1, stderr: 2, systemError: 3 } as const;

/** How a log stream was asked for. */
export interface LogFormat {
  /** Prefix each line with its timestamp. */
  readonly timestamps: boolean;
  /** Prefix each line with its details (attributes). */
  readonly details: boolean;
  /** The service has a TTY: raw bytes, no frames. */
  readonly tty: boolean;
}

/** Go's url.QueryEscape: everything but letters, digits and -_.~ percent-encoded, spaces as "+". */
export function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The details of a line: the swarm ids of where it came from, as `k=v` pairs sorted by key. */
export function logDetails(context: swarm.v1.LogContext.$Properties | null | undefined): string {
  const attributes: [string, string][] = [
    ["com.docker.swarm.node.id", context?.nodeId ?? ""],
    ["com.docker.swarm.service.id", context?.serviceId ?? ""],
    ["com.docker.swarm.task.id", context?.taskId ?? ""],
  ];
  return attributes
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`)
    .join(",");
}

/** One frame of the multiplexed stream. */
export function frame(stream: number, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** The bytes to send for one log message. */
export function encodeLogMessage(message: swarm.v1.LogMessage.$Properties, format: LogFormat): Buffer {
  const prefix =
    (format.timestamps ? `${formatTimeFixed(message.timestamp)} ` : "") +
    (format.details ? `${logDetails(message.context)} ` : "");
  const payload = Buffer.concat([Buffer.from(prefix), Buffer.from(message.data ?? new Uint8Array())]);
  if (format.tty) return payload;
  const stream =
    Number(message.stream ?? 0) === Number(swarm.v1.LogStream.LOG_STREAM_STDERR)
      ? StreamType.stderr
      : StreamType.stdout;
  return frame(stream, payload);
}

/** The frame that reports an error after the headers went out (stream 3, as moby writes it). */
export function encodeLogError(message: string, format: LogFormat): Buffer {
  const text = Buffer.from(`Error grabbing logs: ${message}\n`);
  return format.tty ? text : frame(StreamType.systemError, text);
}
