// Goal: the worker side of the log broker against a LogBroker server over real gRPC on loopback:
// a subscription reads only the selected, started tasks, with their context and the stream filter,
// and ends with `close`; a following one picks up a task that starts later and stops reading when
// the manager says `close`.
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { waitFor } from "../../common/index.js";
import { LogBrokerClient, logBrokerService, type LogBrokerServer, swarm } from "../../proto/index.js";
import type { LogLine, LogOptions, TaskRuntime } from "../executor/index.js";
import { type LocalTask, LogPublisher, logOptionsOf } from "./log-publisher.js";

const S = swarm.v1.TaskState;

/** A LogBroker server that records what nodes publish. */
async function startBroker(t: ExecutionContext): Promise<{
  addr: string;
  listeners: grpc.ServerWritableStream<unknown, swarm.v1.SubscriptionMessage.$Properties>[];
  published: swarm.v1.PublishLogsMessage[];
  streamsEnded: () => number;
}> {
  const listeners: grpc.ServerWritableStream<unknown, swarm.v1.SubscriptionMessage.$Properties>[] = [];
  const published: swarm.v1.PublishLogsMessage[] = [];
  let ended = 0;
  const handlers: LogBrokerServer = {
    listenSubscriptions: (call) => void listeners.push(call),
    publishLogs: (call, callback) => {
      call.on("data", (m: swarm.v1.PublishLogsMessage) => published.push(m));
      call.on("end", () => {
        ended++;
        callback(null, {});
      });
    },
  };
  const server = new grpc.Server();
  server.addService(logBrokerService, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  t.teardown(() => server.forceShutdown());
  return { addr: `127.0.0.1:${port}`, listeners, published, streamsEnded: () => ended };
}

/** A runtime whose output is `lines`; with follow it then waits for the abort, as a live task would. */
function fakeRuntime(lines: readonly LogLine[], reads: LogOptions[], aborted: { count: number }): TaskRuntime {
  return {
    logs: async function* (options: LogOptions, signal: AbortSignal): AsyncGenerator<LogLine> {
      reads.push(options);
      yield* lines;
      if (!options.follow) return;
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      aborted.count++;
    },
  } as unknown as TaskRuntime;
}

function publisherFor(
  t: ExecutionContext,
  addr: string,
  tasks: LocalTask[],
  listeners: Set<(taskId: string, state: number) => void>,
): LogPublisher {
  const client = new LogBrokerClient(addr, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "n1");
  const publisher = new LogPublisher({
    nodeId: "n1",
    tasks: {
      list: () => tasks,
      onState: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    log: () => undefined,
  });
  publisher.attach({ channel: client.getChannel(), metadata: md });
  t.teardown(() => {
    publisher.detach();
    client.close();
  });
  return publisher;
}

const line = (text: string, stream: "stdout" | "stderr", timeMs = 1_700_000_000_123.5): LogLine => ({
  stream,
  timeMs,
  line: text,
});

test("log publisher reads the selected started tasks with their context and stream filter, then closes", async (t) => {
  t.timeout(20_000);
  const broker = await startBroker(t);
  const reads: LogOptions[] = [];
  const none = { count: 0 };
  const unread: LogOptions[] = [];
  const tasks: LocalTask[] = [
    {
      taskId: "a",
      serviceId: "s1",
      state: S.TASK_STATE_RUNNING,
      runtime: fakeRuntime([line("out", "stdout"), line("err 1", "stderr"), line("err 2", "stderr")], reads, none),
    },
    {
      taskId: "b",
      serviceId: "s2",
      state: S.TASK_STATE_RUNNING,
      runtime: fakeRuntime([line("other", "stderr")], unread, none),
    },
    {
      taskId: "c",
      serviceId: "s1",
      state: S.TASK_STATE_ASSIGNED,
      runtime: fakeRuntime([line("not started", "stderr")], unread, none),
    },
  ];
  const publisher = publisherFor(t, broker.addr, tasks, new Set());
  const listener = await waitFor("the listen stream", () => broker.listeners[0]);
  listener.write({
    id: "sub1",
    selector: { serviceIds: ["s1"] },
    options: { tail: 2, streams: [swarm.v1.LogStream.LOG_STREAM_STDERR] },
  });
  await waitFor("the publish stream ended", () => (broker.streamsEnded() === 1 ? true : undefined));
  t.deepEqual(reads, [{ follow: false, tail: 2 }]);
  t.deepEqual(unread, [], "tasks of other services and unstarted tasks are not read");
  t.true(broker.published.every((m) => m.subscriptionId === "sub1"));
  t.deepEqual(broker.published[0]?.messages, [], "the first message announces the node");
  t.true(broker.published.at(-1)?.close);
  const lines = broker.published.flatMap((m) => m.messages);
  t.deepEqual(
    lines.map((m) => Buffer.from(m.data).toString()),
    ["err 1\n", "err 2\n"],
  );
  t.deepEqual({ ...lines[0]!.context }, { serviceId: "s1", nodeId: "n1", taskId: "a" });
  t.is(Number(lines[0]!.stream), Number(swarm.v1.LogStream.LOG_STREAM_STDERR));
  t.deepEqual(
    { seconds: Number(lines[0]!.timestamp?.seconds), nanos: lines[0]!.timestamp?.nanos },
    { seconds: 1_700_000_000, nanos: 123_500_000 },
  );
  await waitFor("the subscription forgotten", () => (publisher.activeCount === 0 ? true : undefined));
});

test("log publisher follows a task that starts later and stops reading on close", async (t) => {
  t.timeout(20_000);
  const broker = await startBroker(t);
  const reads: LogOptions[] = [];
  const aborted = { count: 0 };
  const tasks: LocalTask[] = [];
  const listeners = new Set<(taskId: string, state: number) => void>();
  const publisher = publisherFor(t, broker.addr, tasks, listeners);
  const listener = await waitFor("the listen stream", () => broker.listeners[0]);
  listener.write({ id: "sub2", selector: { nodeIds: ["n1"] }, options: { follow: true, tail: -1 } });
  await waitFor("the announcement", () => broker.published[0]);
  // The task starts after the subscription: it is read once it runs.
  tasks.push({
    taskId: "d",
    serviceId: "s3",
    state: S.TASK_STATE_RUNNING,
    runtime: fakeRuntime([line("late", "stdout")], reads, aborted),
  });
  for (const l of listeners) l("d", S.TASK_STATE_RUNNING);
  await waitFor("the late line", () => (broker.published.some((m) => m.messages.length > 0) ? true : undefined));
  t.deepEqual(reads, [{ follow: true }]);
  t.is(Buffer.from(broker.published.flatMap((m) => m.messages)[0]!.data).toString(), "late\n");
  listener.write({ id: "sub2", close: true });
  await waitFor("the reader stopped and the stream ended", () =>
    aborted.count === 1 && broker.streamsEnded() === 1 ? true : undefined,
  );
  t.is(publisher.activeCount, 0);
  t.is(listeners.size, 0);
});

test("log options map tail, since and follow", (t) => {
  t.deepEqual(logOptionsOf(null), { follow: false });
  t.deepEqual(logOptionsOf({ tail: -1, follow: true }), { follow: true });
  t.deepEqual(logOptionsOf({ tail: 0 }), { follow: false, tail: 0 });
  t.deepEqual(logOptionsOf({ tail: 5, since: { seconds: 10, nanos: 2_000_000 } }), {
    follow: false,
    tail: 5,
    sinceMs: 10_002,
  });
});
