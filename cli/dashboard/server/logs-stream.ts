// `GET /api/logs`: a service's (or one task's) log lines as server-sent events, through the Logs
// service on the operator's connection, as `swarmctl service logs` reads them. Each gRPC message
// (a batch of lines) becomes one "lines" event; an "end" event says the logs are complete (without
// follow), an "error" event carries the one line swarmctl would print.
import type { ServerResponse } from "node:http";
import type * as grpc from "@grpc/grpc-js";
import { msFromTimestamp, timestampFromMs } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { describeError } from "../../commands/exit-codes.js";
import { sinceMs } from "../../commands/service/service-logs.js";
import { taskDisplayName } from "../../commands/service/service-view.js";
import type { StoreMirror } from "../model/index.js";
import type { LogLine } from "../shared/wire.js";
import { eventFrame, startEventStream, writeFrame } from "./sse-hub.js";

/** Most lines a page may ask for from the end of each task's log. */
export const logTailMax = 10_000;
/** Longest line passed on (longer ones are cut, with "…"). */
export const logLineCharsMax = 16_384;
/** gRPC status of a call this side cancelled. */
const cancelled = 1;

/** Log streams open at once. */
export const logStreamsMax = 16;

/** What a page asks for. */
export interface LogRequest {
  readonly serviceId: string;
  /** One task of the service, or "" for all. */
  readonly taskId: string;
  readonly follow: boolean;
  /** Lines from the end of each task's log; -1 for all. */
  readonly tail: number;
  /** "10m", an RFC 3339 time, or "". */
  readonly since: string;
}

/** The request in a URL's query; throws an Error with one line naming the parameter at fault. */
export function logRequestOf(query: URLSearchParams): LogRequest {
  const serviceId = query.get("service") ?? "";
  if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(serviceId)) throw new Error("service: a service id is needed");
  const taskId = query.get("task") ?? "";
  if (taskId && !/^[a-zA-Z0-9_.-]{1,128}$/.test(taskId)) throw new Error("task: not a task id");
  const tailText = query.get("tail") ?? "200";
  const tail = tailText === "all" ? -1 : Number(tailText);
  if (!(tail === -1 || (Number.isSafeInteger(tail) && tail >= 0 && tail <= logTailMax)))
    throw new Error(`tail: a number from 0 to ${logTailMax}, or all`);
  const since = query.get("since") ?? "";
  if (since) sinceMs(since, Date.now());
  return { serviceId, taskId, follow: query.get("follow") === "1", tail, since };
}

/** Streams the logs a page asked for until the page leaves (or, without follow, the logs end). */
export function streamLogs(
  res: ServerResponse,
  connection: Connection,
  mirror: StoreMirror,
  request: LogRequest,
  onEnd: () => void,
): void {
  startEventStream(res);
  const call: grpc.ClientReadableStream<swarm.v1.SubscribeLogsMessage> = connection.logs.subscribeLogs({
    selector: request.taskId ? { taskIds: [request.taskId] } : { serviceIds: [request.serviceId] },
    options: {
      follow: request.follow,
      tail: request.tail,
      ...(request.since ? { since: timestampFromMs(sinceMs(request.since, Date.now())) } : {}),
    },
  });
  let open = true;
  const finish = (frame: string | null): void => {
    if (!open) return;
    open = false;
    if (frame) res.write(frame);
    res.end();
    onEnd();
  };
  res.on("close", () => {
    call.cancel();
    if (open) {
      open = false;
      onEnd();
    }
  });
  call.on("data", (message: swarm.v1.SubscribeLogsMessage) => {
    const lines = message.messages.map((m) => logLineOf(m, mirror));
    if (!writeFrame(res, eventFrame("lines", lines))) {
      call.cancel();
      finish(eventFrame("error", { error: "the page fell behind its log stream; open the logs again" }));
    }
  });
  call.on("error", (error: grpc.ServiceError) => {
    // CANCELLED: the page left, and the stream was ended on its behalf.
    if (Number(error.code) !== cancelled) finish(eventFrame("error", { error: describeError(error).line }));
  });
  call.on("end", () => finish(eventFrame("end", {})));
}

/** One log line as the page shows it: its source named as `swarmctl service logs` names it. */
export function logLineOf(m: swarm.v1.ILogMessage, mirror: StoreMirror): LogLine {
  const taskId = m.context?.taskId ?? "";
  const task = mirror.get("task", taskId);
  const nodeId = m.context?.nodeId ?? "";
  const node = mirror.get("node", nodeId);
  const host = node?.description?.hostname || nodeId;
  let text = Buffer.from(m.data ?? new Uint8Array()).toString("utf8");
  if (text.endsWith("\n")) text = text.slice(0, -1);
  if (text.length > logLineCharsMax) text = `${text.slice(0, logLineCharsMax)}…`;
  return {
    atMs: msFromTimestamp(m.timestamp),
    taskId,
    source: `${task ? taskDisplayName(task) : taskId}@${host}`,
    stream: Number(m.stream ?? 1) === 2 ? "stderr" : "stdout",
    text,
  };
}
