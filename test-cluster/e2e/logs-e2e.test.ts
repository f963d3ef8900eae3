// Goal: `service logs` end to end: a real Manager and a real Agent (Docker executor on the real
// dockerd, and the process executor) — SubscribeLogs by service returns the lines a task printed with
// their service, node and task, stdout and stderr apart; tail=1 returns the last line; a `since`
// in the future returns nothing; follow delivers lines printed after it started.
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { LogsClient, swarm } from "../../proto/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { type E2eCluster, type ExecutorKind, poll, startCluster } from "./e2e-support.js";

const LogStream = swarm.v1.LogStream;

interface Line {
  readonly text: string;
  readonly stream: number;
  readonly context: swarm.v1.ILogContext | null | undefined;
}

/** Reads a non-following subscription to its end. */
function readAll(client: LogsClient, request: swarm.v1.ISubscribeLogsRequest): Promise<Line[]> {
  const lines: Line[] = [];
  const stream = client.subscribeLogs(request);
  stream.on("data", (m: swarm.v1.SubscribeLogsMessage) =>
    lines.push(
      ...m.messages.map((x) => ({
        text: Buffer.from(x.data).toString(),
        stream: Number(x.stream),
        context: x.context,
      })),
    ),
  );
  return new Promise((resolve, reject) => {
    stream.on("end", () => resolve(lines));
    stream.on("error", reject);
  });
}

/** A container spec running `script` in a shell, for either executor. */
function shell(kind: ExecutorKind, script: string): swarm.v1.IContainerSpec {
  return kind === "docker"
    ? { image: testImage, command: ["sh", "-c", script], init: true, stopGracePeriodNs: 1e9 }
    : { image: "process://sh", args: ["-c", script], stopGracePeriodNs: 1e9 };
}

async function runningTask(cluster: E2eCluster, serviceId: string): Promise<swarm.v1.Task.$Properties> {
  return poll("a running task", () => cluster.runningTasks(serviceId)[0], 60_000);
}

async function scenario(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(120_000);
  const cluster = await startCluster(t, kind);
  const nodeId = `logs-${kind}-${process.pid}`;
  const agent = await cluster.startAgent(nodeId);
  await agent.whenConnected();
  const client = new LogsClient(cluster.addr, grpc.credentials.createInsecure());
  t.teardown(() => client.close());

  const lines = await cluster.createService({
    annotations: { name: `logs-lines-${kind}-${process.pid}` },
    task: { container: shell(kind, "echo one; echo two >&2; sleep 0.5; echo three; exec sleep 86400") },
    replicated: { replicas: 1 },
  });
  const task = await runningTask(cluster, lines);
  // The output is there once the task runs, but the runtime may stamp it a moment later.
  const all = await poll("three lines", async () => {
    const got = await readAll(client, { selector: { serviceIds: [lines] }, options: { tail: -1 } });
    return got.length >= 3 ? got : undefined;
  });
  // Stdout and stderr are captured apart, so only each stream's own order is certain; "three" was
  // printed well after the others.
  const textsOf = (stream: number): string[] => all.filter((l) => l.stream === stream).map((l) => l.text);
  t.deepEqual(textsOf(LogStream.LOG_STREAM_STDOUT), ["one\n", "three\n"]);
  t.deepEqual(textsOf(LogStream.LOG_STREAM_STDERR), ["two\n"]);
  t.is(all.length, 3);
  t.is(all[2]?.text, "three\n");
  for (const l of all) t.deepEqual({ ...l.context }, { serviceId: lines, nodeId, taskId: task.id });

  const last = await readAll(client, { selector: { serviceIds: [lines] }, options: { tail: 1 } });
  t.deepEqual(
    last.map((l) => l.text),
    ["three\n"],
  );
  const stderrOnly = await readAll(client, {
    selector: { taskIds: [task.id ?? ""] },
    options: { tail: -1, streams: [LogStream.LOG_STREAM_STDERR] },
  });
  t.deepEqual(
    stderrOnly.map((l) => l.text),
    ["two\n"],
  );
  const future = await readAll(client, {
    selector: { serviceIds: [lines] },
    options: { tail: -1, since: { seconds: Math.floor(Date.now() / 1000) + 3600 } },
  });
  t.deepEqual(future, []);

  // Follow from now (tail 0): only lines printed after the subscription started arrive.
  const ticker = await cluster.createService({
    annotations: { name: `logs-ticker-${kind}-${process.pid}` },
    task: { container: shell(kind, "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done") },
    replicated: { replicas: 1 },
  });
  await runningTask(cluster, ticker);
  const followed: Line[] = [];
  const stream = client.subscribeLogs({ selector: { serviceIds: [ticker] }, options: { follow: true, tail: 0 } });
  stream.on("data", (m: swarm.v1.SubscribeLogsMessage) =>
    followed.push(
      ...m.messages.map((x) => ({
        text: Buffer.from(x.data).toString(),
        stream: Number(x.stream),
        context: x.context,
      })),
    ),
  );
  const ended = new Promise<grpc.ServiceError | null>((resolve) => {
    stream.on("error", (error: grpc.ServiceError) => resolve(error));
    stream.on("end", () => resolve(null));
  });
  await poll("three followed lines", () => (followed.length >= 3 ? true : undefined));
  const numbers = followed.map((l) => Number(/^tick (\d+)\n$/.exec(l.text)?.[1]));
  t.true(
    numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1)),
    `consecutive ticks: ${JSON.stringify(followed.map((l) => l.text))}`,
  );
  stream.cancel();
  t.is((await ended)?.code, grpc.status.CANCELLED);
}

test.before(async () => {
  await ensureEngine();
});

test("docker executor: service logs by service, tail, streams, since and follow", (t) => scenario(t, "docker"));
test("process executor: service logs by service, tail, streams, since and follow", (t) => scenario(t, "process"));
