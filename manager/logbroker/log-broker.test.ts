// Goal: the log broker over real gRPC on loopback, with a real Manager and fake nodes speaking the
// LogBroker protocol: requests are validated, a subscription reaches exactly the nodes that run the
// selected tasks, a non-following one ends when they close (or do not listen), a following one
// reaches a node given a task later and tells every node `close` when the operator cancels, and a
// follower relays operators to the leader while refusing workers.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "../../common/index.js";
import { ControlClient, LogBrokerClient, logBrokerService, LogsClient, logsService, swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Manager } from "../manager.js";
import { MemoryStore } from "../store/index.js";
import { LogBroker } from "./log-broker.js";

const insecure = grpc.credentials.createInsecure();

/** A node speaking the worker side of LogBroker by hand. */
class FakeLogNode {
  readonly subscriptions: swarm.v1.SubscriptionMessage[] = [];
  private readonly client: LogBrokerClient;
  private readonly md = new grpc.Metadata();
  private listenCall: grpc.ClientReadableStream<swarm.v1.SubscriptionMessage> | null = null;

  constructor(
    readonly nodeId: string,
    addr: string,
  ) {
    this.client = new LogBrokerClient(addr, insecure);
    this.md.set("swarm-node-id", nodeId);
  }

  /** Opens the listen stream; resolves once the broker registered it, or with the refusal. */
  listen(): Promise<grpc.ServiceError | null> {
    const call = this.client.listenSubscriptions({}, this.md);
    this.listenCall = call;
    call.on("data", (m: swarm.v1.SubscriptionMessage) => this.subscriptions.push(m));
    return new Promise((resolve) => {
      call.on("metadata", () => resolve(null));
      call.on("error", (error: grpc.ServiceError) => resolve(error));
    });
  }

  /** The subscription messages (not closes) received so far. */
  opened(): swarm.v1.SubscriptionMessage[] {
    return this.subscriptions.filter((m) => !m.close);
  }

  /** Opens a PublishLogs stream; `done` settles with the broker's answer. */
  publisher(): {
    call: grpc.ClientWritableStream<swarm.v1.PublishLogsMessage.$Properties>;
    done: Promise<grpc.ServiceError | null>;
  } {
    let call!: grpc.ClientWritableStream<swarm.v1.PublishLogsMessage.$Properties>;
    const done = new Promise<grpc.ServiceError | null>((resolve) => {
      call = this.client.publishLogs(this.md, (error) => resolve(error));
    });
    return { call, done };
  }

  /** Publishes lines for a subscription, then `close`, and ends the stream. */
  async publishAll(subscriptionId: string, lines: readonly swarm.v1.ILogMessage[]): Promise<grpc.ServiceError | null> {
    const { call, done } = this.publisher();
    call.write({ subscriptionId, messages: [...lines] });
    call.write({ subscriptionId, close: true });
    call.end();
    return done;
  }

  close(): void {
    this.listenCall?.cancel();
    this.client.close();
  }
}

/** A line as a node would publish it. */
function line(taskId: string, serviceId: string, text: string, claimedNode = "somebody-else"): swarm.v1.ILogMessage {
  return {
    context: { taskId, serviceId, nodeId: claimedNode },
    timestamp: { seconds: 1_700_000_000, nanos: 5 },
    stream: swarm.v1.LogStream.LOG_STREAM_STDOUT,
    data: Buffer.from(`${text}\n`),
  };
}

/** Reads an operator stream to its end. */
function collect(
  stream: grpc.ClientReadableStream<swarm.v1.SubscribeLogsMessage>,
): Promise<{ messages: swarm.v1.LogMessage[]; error: grpc.ServiceError | null }> {
  const messages: swarm.v1.LogMessage[] = [];
  stream.on("data", (m: swarm.v1.SubscribeLogsMessage) => messages.push(...m.messages));
  return new Promise((resolve) => {
    stream.on("end", () => resolve({ messages, error: null }));
    stream.on("error", (error: grpc.ServiceError) => resolve({ messages, error }));
  });
}

interface Cluster {
  leader: Manager;
  managers: Manager[];
  control: <Req, Res>(
    pick: (c: ControlClient) => (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
    req: Req,
  ) => Promise<Res>;
  logs: (addr: string) => LogsClient;
  node: (nodeId: string) => FakeLogNode;
}

/** Starts `count` managers on loopback and registers their teardown. */
async function startCluster(t: ExecutionContext, count: number): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "swarm-logbroker-"));
  const addrs = new Map<number, string>();
  for (let id = 1; id <= count; id++) addrs.set(id, `127.0.0.1:${await freePort("127.0.0.1")}`);
  const managers: Manager[] = [];
  for (const [id, addr] of addrs)
    managers.push(
      // A 1 s election timeout: with 200 ms a loaded machine elects a new leader now and then, and the
      // tests address the leader they found first.
      await Manager.start({ id, dir: join(dir, `m${id}`), addr, bootstrap: addrs, tickMs: 20, electionTicks: 50 }),
    );
  const closers: (() => void)[] = [];
  t.teardown(async () => {
    for (const close of closers) close();
    for (const m of managers) await m.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const leader = await waitFor("a leader", () => managers.find((m) => m.isLeading));
  const controlClient = new ControlClient(leader.addr, insecure);
  closers.push(() => controlClient.close());
  return {
    leader,
    managers,
    control: (pick, req) =>
      new Promise((resolve, reject) =>
        pick(controlClient).call(controlClient, req, (err, res) => (err ? reject(err) : resolve(res!))),
      ),
    logs: (addr) => {
      const client = new LogsClient(addr, insecure);
      closers.push(() => client.close());
      return client;
    },
    node: (nodeId) => {
      const node = new FakeLogNode(nodeId, leader.addr);
      closers.push(() => node.close());
      return node;
    },
  };
}

/** Registers ready nodes directly in the leader's store (the dispatcher would, for real workers). */
async function addNodes(leader: Manager, ids: readonly string[]): Promise<void> {
  await leader.store.update((tx) => {
    for (const id of ids) {
      tx.create("node", {
        id,
        role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
        spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
        description: {
          hostname: id,
          platform: { os: "linux", architecture: "x86_64" },
          resources: { nanoCpus: 4e9, memoryBytes: 8 * 1024 ** 3 },
        },
        status: { state: swarm.v1.NodeStatus.State.STATE_READY },
      });
    }
  });
}

/** Creates a replicated service and waits until all its tasks are assigned; returns its id and task ids by node. */
async function createService(
  c: Cluster,
  name: string,
  replicas: number,
): Promise<{ serviceId: string; taskOn: (nodeId: string) => string }> {
  const created = await c.control((x) => x.createService, {
    spec: { annotations: { name }, task: { container: { image: "busybox" } }, replicated: { replicas } },
  });
  const serviceId = created.service.id;
  const tasks = (): swarm.v1.Task.$Properties[] =>
    c.leader.store.view((tx) => tx.tasks({ serviceId })).filter((x) => x.nodeId);
  await waitFor(`${replicas} assigned tasks`, () => (tasks().length === replicas ? true : undefined));
  return { serviceId, taskOn: (nodeId) => tasks().find((x) => x.nodeId === nodeId)?.id ?? "" };
}

test("SubscribeLogs rejects an empty selector, a bad stream and unknown ids, naming the field", async (t) => {
  t.timeout(30_000);
  const c = await startCluster(t, 1);
  const logs = c.logs(c.leader.addr);
  const empty = await collect(logs.subscribeLogs({ selector: {} }));
  t.is(empty.error?.code, grpc.status.INVALID_ARGUMENT);
  t.deepEqual(empty.error?.metadata.get("swarm-error-field"), ["selector"]);
  const blankId = await collect(logs.subscribeLogs({ selector: { serviceIds: [""] } }));
  t.deepEqual(blankId.error?.metadata.get("swarm-error-field"), ["selector.serviceIds[0]"]);
  const badStream = await collect(
    logs.subscribeLogs({ selector: { nodeIds: ["n"] }, options: { streams: [7 as swarm.v1.LogStream] } }),
  );
  t.deepEqual(badStream.error?.metadata.get("swarm-error-field"), ["options.streams[0]"]);
  t.is(
    (await collect(logs.subscribeLogs({ selector: { serviceIds: ["no-such-service"] } }))).error?.code,
    grpc.status.NOT_FOUND,
  );
  t.is(
    (await collect(logs.subscribeLogs({ selector: { taskIds: ["no-such-task"] } }))).error?.code,
    grpc.status.NOT_FOUND,
  );
  // A node cannot publish for a subscription that was never sent to it.
  const stranger = c.node("stranger");
  const answer = await stranger.publishAll("no-such-subscription", []);
  t.is(answer?.code, grpc.status.NOT_FOUND);
});

test("SubscribeLogs reaches the nodes running the service, relays their lines and ends when they close", async (t) => {
  t.timeout(30_000);
  const c = await startCluster(t, 1);
  await addNodes(c.leader, ["w1", "w2", "w3"]);
  const { serviceId, taskOn } = await createService(c, "web", 2);
  const running = ["w1", "w2", "w3"].filter((id) => taskOn(id) !== "");
  const idle = ["w1", "w2", "w3"].find((id) => taskOn(id) === "")!;
  const nodes = new Map(["w1", "w2", "w3"].map((id) => [id, c.node(id)]));
  for (const node of nodes.values()) t.is(await node.listen(), null);

  const result = collect(
    c.logs(c.leader.addr).subscribeLogs({ selector: { serviceIds: [serviceId] }, options: { tail: -1 } }),
  );
  const subs = await Promise.all(
    running.map((id) => waitFor(`the subscription on ${id}`, () => nodes.get(id)!.opened()[0])),
  );
  t.is(subs[0]!.id, subs[1]!.id);
  t.deepEqual(subs[0]!.selector?.serviceIds, [serviceId]);
  t.is(Number(subs[0]!.options?.tail), -1);
  // Each node publishes its task's lines; one claims to be another node, which the broker corrects.
  for (const id of running)
    t.is(await nodes.get(id)!.publishAll(subs[0]!.id, [line(taskOn(id), serviceId, `hello from ${id}`)]), null);
  const { messages, error } = await result;
  t.is(error, null);
  t.deepEqual(
    messages.map((m) => Buffer.from(m.data).toString()).sort(),
    running.map((id) => `hello from ${id}\n`).sort(),
  );
  for (const m of messages) {
    const from = running.find((id) => taskOn(id) === m.context?.taskId)!;
    t.deepEqual({ ...m.context }, { serviceId, taskId: taskOn(from), nodeId: from });
    t.is(Number(m.stream), Number(swarm.v1.LogStream.LOG_STREAM_STDOUT));
    t.is(Number(m.timestamp?.seconds), 1_700_000_000);
  }
  t.deepEqual(nodes.get(idle)!.subscriptions, [], "a node without a selected task is not asked");
  // A publisher that comes after the end is refused: the subscription is gone.
  t.is((await nodes.get(running[0]!)!.publishAll(subs[0]!.id, []))?.code, grpc.status.NOT_FOUND);
});

test("SubscribeLogs without follow ends with what came when a node is not listening", async (t) => {
  t.timeout(30_000);
  const c = await startCluster(t, 1);
  await addNodes(c.leader, ["w1", "w2"]);
  const { serviceId, taskOn } = await createService(c, "api", 2);
  const w1 = c.node("w1");
  await w1.listen();
  // w2 never listens (down, or its agent has no session): it counts as done at once.
  const result = collect(c.logs(c.leader.addr).subscribeLogs({ selector: { taskIds: [taskOn("w1"), taskOn("w2")] } }));
  const sub = await waitFor("the subscription on w1", () => w1.opened()[0]);
  t.is(Number(sub.options?.tail), -1, "absent options mean every line");
  await w1.publishAll(sub.id, [line(taskOn("w1"), serviceId, "only me")]);
  const { messages, error } = await result;
  t.is(error, null);
  t.deepEqual(
    messages.map((m) => Buffer.from(m.data).toString()),
    ["only me\n"],
  );
});

test("a following subscription reaches a node given a task later and tells every node close on cancel", async (t) => {
  t.timeout(30_000);
  const c = await startCluster(t, 1);
  await addNodes(c.leader, ["w1"]);
  const { serviceId, taskOn } = await createService(c, "tail", 1);
  const w1 = c.node("w1");
  const w2 = c.node("w2");
  await w1.listen();
  await w2.listen();
  const stream = c
    .logs(c.leader.addr)
    .subscribeLogs({ selector: { serviceIds: [serviceId] }, options: { follow: true, tail: 0 } });
  const received: string[] = [];
  stream.on("data", (m: swarm.v1.SubscribeLogsMessage) =>
    received.push(...m.messages.map((x) => Buffer.from(x.data).toString())),
  );
  stream.on("error", () => undefined);
  const sub = await waitFor("the subscription on w1", () => w1.opened()[0]);
  t.true(sub.options?.follow);
  const p1 = w1.publisher();
  p1.call.write({ subscriptionId: sub.id, messages: [line(taskOn("w1"), serviceId, "one")] });
  await waitFor("the first line", () => (received.length === 1 ? true : undefined));

  // A new node gets a task of the service: the subscription follows it there.
  await addNodes(c.leader, ["w2"]);
  const { service } = await c.control((x) => x.getService, { serviceId });
  await c.control((x) => x.updateService, {
    serviceId,
    serviceVersion: service.meta?.version ?? {},
    spec: { ...service.spec, replicated: { replicas: 2 } },
  });
  const sub2 = await waitFor("the subscription on w2", () => w2.opened()[0]);
  t.is(sub2.id, sub.id);
  const p2 = w2.publisher();
  p2.call.write({
    subscriptionId: sub.id,
    messages: [line(await waitFor("w2's task", () => taskOn("w2") || undefined), serviceId, "two")],
  });
  await waitFor("the second line", () => (received.length === 2 ? true : undefined));
  t.deepEqual(received, ["one\n", "two\n"]);

  // The operator cancels: both nodes are told close, and their publish streams are answered.
  stream.cancel();
  await waitFor("close on w1 and w2", () =>
    w1.subscriptions.some((m) => m.close && m.id === sub.id) && w2.subscriptions.some((m) => m.close && m.id === sub.id)
      ? true
      : undefined,
  );
  t.is(await p1.done, null);
  t.is(await p2.done, null);
});

test("a follower relays SubscribeLogs to the leader and refuses workers, naming the leader", async (t) => {
  // Three managers on a loaded 2-core machine take a while to elect, replicate and relay.
  t.timeout(120_000);
  const c = await startCluster(t, 3);
  await addNodes(c.leader, ["w1"]);
  const { serviceId, taskOn } = await createService(c, "relay", 1);
  const follower = c.managers.find((m) => m !== c.leader)!;
  await waitFor("the service on the follower", () => follower.store.view((tx) => tx.get("service", serviceId)));

  const refused = await new FakeLogNode("w1", follower.addr).listen();
  t.is(refused?.code, grpc.status.UNAVAILABLE);
  t.true(refused?.details.includes(`the leader is at ${c.leader.addr}`));

  const w1 = c.node("w1");
  await w1.listen();
  const result = collect(c.logs(follower.addr).subscribeLogs({ selector: { serviceIds: [serviceId] } }));
  const sub = await waitFor("the subscription on w1", () => w1.opened()[0]);
  await w1.publishAll(sub.id, [line(taskOn("w1"), serviceId, "through the follower")]);
  const { messages, error } = await result;
  t.is(error, null);
  t.deepEqual(
    messages.map((m) => Buffer.from(m.data).toString()),
    ["through the follower\n"],
  );
  t.is(messages[0]?.context?.nodeId, "w1");
  // Errors come back unchanged too.
  t.is(
    (await collect(c.logs(follower.addr).subscribeLogs({ selector: {} }))).error?.code,
    grpc.status.INVALID_ARGUMENT,
  );
});

test("SubscribeLogs without follow ends when a listening node never starts publishing", async (t) => {
  t.timeout(20_000);
  // A broker alone on a store that applies at once, with a short wait for silent nodes.
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) => {
    tx.create("service", { id: "s1", spec: { annotations: { name: "quiet" } } });
    tx.create("task", { id: "t1", serviceId: "s1", nodeId: "n1" });
  });
  const broker = new LogBroker({
    store,
    routing: { isLeading: () => true, leaderAddr: () => "", channel: insecure },
    publishStartMsMax: 200,
  });
  const server = new grpc.Server();
  server.addService(logsService, broker.logsHandlers());
  server.addService(logBrokerService, broker.brokerHandlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const addr = `127.0.0.1:${port}`;
  const node = new FakeLogNode("n1", addr);
  const logs = new LogsClient(addr, insecure);
  t.teardown(() => {
    node.close();
    logs.close();
    broker.close();
    server.forceShutdown();
  });
  await node.listen();
  const { messages, error } = await collect(logs.subscribeLogs({ selector: { serviceIds: ["s1"] } }));
  t.is(error, null);
  t.deepEqual(messages, []);
  t.is(node.opened().length, 1, "the node was asked");
  await waitFor("close sent to the silent node", () => (node.subscriptions.some((m) => m.close) ? true : undefined));
  t.is(broker.subscriptionCount, 0);
});
