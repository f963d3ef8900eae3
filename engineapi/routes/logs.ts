// `GET /services/{id}/logs` and `GET /tasks/{id}/logs`: the log broker's stream in Docker's
// framing. Headers go out at once (the CLI waits for them before printing anything); each batch
// of lines is written as it arrives; a slow reader pauses the gRPC stream (HTTP back-pressure
// becomes gRPC flow control, so nothing queues without bound); a client that goes away cancels
// the subscription; an error after the headers becomes a stream-3 frame, as moby writes it.
import { swarm } from "../../proto/index.js";
import { multiplexedContentTypeSince } from "../api-version.js";
import { parseUnixTime } from "../convert/json-time.js";
import { encodeLogError, encodeLogMessage, type LogFormat } from "../convert/log-frame.js";
import { HttpError } from "../http-error.js";
import { queryBool } from "./query.js";
import { route, type EngineDeps, type RequestContext, type Route } from "./route.js";

/** The subscription options of a logs request. */
export function logOptions(query: URLSearchParams): swarm.v1.LogSubscriptionOptions.$Properties {
  const stdout = queryBool(query, "stdout");
  const stderr = queryBool(query, "stderr");
  if (!stdout && !stderr) throw new HttpError(400, "Bad parameters: you must choose at least one stream");
  const tailText = query.get("tail") ?? "all";
  if (tailText !== "all" && tailText !== "" && !/^\d{1,9}$/.test(tailText))
    throw new HttpError(400, `invalid tail value "${tailText}": a number of lines or "all"`);
  const sinceText = query.get("since") ?? "";
  const since = sinceText === "" || sinceText === "0" ? null : parseUnixTime(sinceText);
  if (sinceText !== "" && sinceText !== "0" && !since) throw new HttpError(400, `invalid since value "${sinceText}"`);
  return {
    streams: [
      ...(stdout ? [swarm.v1.LogStream.LOG_STREAM_STDOUT] : []),
      ...(stderr ? [swarm.v1.LogStream.LOG_STREAM_STDERR] : []),
    ],
    follow: queryBool(query, "follow"),
    tail: tailText === "all" || tailText === "" ? -1 : Number(tailText),
    ...(since ? { since } : {}),
  };
}

async function streamLogs(
  context: RequestContext,
  deps: EngineDeps,
  selector: swarm.v1.LogSelector.$Properties,
  tty: boolean,
): Promise<"streamed"> {
  const options = logOptions(context.query);
  const format: LogFormat = {
    timestamps: queryBool(context.query, "timestamps"),
    details: queryBool(context.query, "details"),
    tty,
  };
  const { response } = context;
  const contentType =
    !tty && context.version >= multiplexedContentTypeSince
      ? "application/vnd.docker.multiplexed-stream"
      : "application/vnd.docker.raw-stream";
  const stream = deps.cluster.subscribeLogs({ selector, options }, context.signal);
  response.writeHead(200, { "Content-Type": contentType });
  response.flushHeaders();
  response.on("drain", () => stream.resume());
  await new Promise<void>((resolve) => {
    stream.on("data", (message: swarm.v1.SubscribeLogsMessage) => {
      let writable = true;
      for (const line of message.messages) writable = response.write(encodeLogMessage(line, format)) && writable;
      if (!writable) stream.pause();
    });
    stream.on("error", (error: Error & { code?: number }) => {
      // Cancelled by our own abort: the client left, nothing to tell.
      if (!context.signal.aborted)
        response.write(encodeLogError((error as { details?: string }).details ?? error.message, format));
      resolve();
    });
    stream.on("end", () => resolve());
  });
  response.end();
  return "streamed";
}

/** The log routes. */
export const logRoutes: readonly Route[] = [
  route("GET", /^\/services\/([^/]+)\/logs$/, true, async (context, deps) => {
    logOptions(context.query);
    const { service } = await deps.cluster.control("getService", { serviceId: context.params[0] ?? "" });
    return streamLogs(context, deps, { serviceIds: [service.id ?? ""] }, service.spec?.task?.container?.tty ?? false);
  }),
  route("GET", /^\/tasks\/([^/]+)\/logs$/, true, async (context, deps) => {
    logOptions(context.query);
    const { task } = await deps.cluster.control("getTask", { taskId: context.params[0] ?? "" });
    return streamLogs(context, deps, { taskIds: [task.id ?? ""] }, task.spec?.container?.tty ?? false);
  }),
];
