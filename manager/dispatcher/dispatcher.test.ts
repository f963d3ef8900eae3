// Goal: over real gRPC, a worker's session registers its node as READY, its assignments arrive as
// a complete set then increments, its status reports update tasks (never backwards, and not with
// the status they hold already), node spec and role changes reach it on the session stream, and a
// node that stops heartbeating is marked DOWN, after three periods of a setting that may change while sessions are open (and never at once); a session
// that reopens writes the node only when what it reports changed (its connection's port is not part of it).
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { FakeClock, waitFor } from "../../common/index.js";
import { DispatcherClient, swarm } from "../../proto/index.js";
import { heartbeatPeriodNsMax } from "../cluster/index.js";
import { MemoryStore } from "../store/index.js";
import { servedDispatcher } from "../testing/index.js";
import { Dispatcher, leaderChangeGraceMs, missedHeartbeatsMax } from "./dispatcher.js";

const S = swarm.v1.TaskState;

test("dispatcher runs a worker's session, assignments, status reports and heartbeat expiry", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  // Expiry after 3 missed periods of 500 ms: a loaded machine may delay one heartbeat of the loop
  // below by a few hundred ms, which must not count as missing it.
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs: 500 });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const session = client.session(
    { description: { hostname: "w1", resources: { nanoCpus: 2e9, memoryBytes: 2 ** 31 } } },
    md,
  );
  const assignmentStreams: grpc.ClientReadableStream<swarm.v1.AssignmentsMessage>[] = [];
  t.teardown(() => {
    session.cancel();
    for (const s of assignmentStreams) s.cancel();
    dispatcher.close();
  });
  const sessionMessages: swarm.v1.SessionMessage[] = [];
  session.on("data", (m: swarm.v1.SessionMessage) => sessionMessages.push(m));
  session.on("error", () => undefined);
  const sessionId = await waitFor("the session id", () => sessionMessages[0]?.sessionId);
  t.is(store.view((tx) => tx.get("node", "w1"))?.status?.state, swarm.v1.NodeStatus.State.STATE_READY);
  // The worker heartbeats all along, as an agent does, so a loaded machine's slow steps below never
  // let the session expire; the test stops heartbeating to see the node go DOWN.
  const heartbeats = setInterval(() => client.heartbeat({ sessionId }, md, () => undefined), 100);
  t.teardown(() => clearInterval(heartbeats));

  // One task is already assigned to w1 before the assignments stream opens.
  const assigned = (id: string): swarm.v1.Task.$Properties => ({
    id,
    serviceId: "s1",
    slot: 1,
    nodeId: "w1",
    desiredState: S.TASK_STATE_RUNNING,
    status: { state: S.TASK_STATE_ASSIGNED },
  });
  await store.update((tx) => tx.create("task", assigned("t1")));
  const messages: swarm.v1.AssignmentsMessage[] = [];
  const stream = client.assignments({ sessionId }, md);
  assignmentStreams.push(stream);
  stream.on("data", (m: swarm.v1.AssignmentsMessage) => messages.push(m));
  stream.on("error", () => undefined);
  await waitFor("the complete set", () => messages[0]);
  t.is(messages[0]!.type, swarm.v1.AssignmentsMessage.Type.TYPE_COMPLETE);
  t.deepEqual(
    messages[0]!.changes.map((c) => c.assignment?.task?.id),
    ["t1"],
  );
  await store.update((tx) => tx.create("task", assigned("t2")));
  await waitFor("an increment", () => messages[1]);
  t.is(messages[1]!.type, swarm.v1.AssignmentsMessage.Type.TYPE_INCREMENTAL);
  t.is(messages[1]!.appliesTo, messages[0]!.resultsIn);
  t.deepEqual(
    messages[1]!.changes.map((c) => c.assignment?.task?.id),
    ["t2"],
  );

  // Status reports: forward moves apply, backward ones are dropped.
  const report = (taskId: string, state: swarm.v1.TaskState): Promise<void> =>
    new Promise((resolve, reject) =>
      client.updateTaskStatus({ sessionId, updates: [{ taskId, status: { state, message: "agent" } }] }, md, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  await report("t1", S.TASK_STATE_RUNNING);
  await report("t1", S.TASK_STATE_PREPARING);
  t.is(store.view((tx) => tx.get("task", "t1"))?.status?.state, S.TASK_STATE_RUNNING);
  // The same status again (every new session re-sends every task's latest) writes nothing.
  const taskVersion = (): number => Number(store.view((tx) => tx.get("task", "t1"))?.meta?.version?.index ?? 0);
  const runningVersion = taskVersion();
  await report("t1", S.TASK_STATE_RUNNING);
  t.is(taskVersion(), runningVersion, "a status the store holds already is not written again");
  const badSession = await t.throwsAsync<grpc.ServiceError>(
    new Promise((resolve, reject) =>
      client.updateTaskStatus({ sessionId: "nope", updates: [] }, md, (e) => (e ? reject(e) : resolve(undefined))),
    ),
  );
  t.is(badSession.code, grpc.status.FAILED_PRECONDITION);

  // Draining the node reaches the worker on its session stream.
  const node = store.view((tx) => tx.get("node", "w1"))!;
  await store.update((tx) =>
    tx.update("node", {
      ...node,
      spec: { ...node.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
    }),
  );
  await waitFor("the drained spec", () =>
    sessionMessages.find((m) => m.node?.spec?.availability === swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN),
  );
  // So does a change of role alone: the leader carries out a demotion by setting the role, the
  // spec having changed long before, and the node must step down now, not at its next spec change.
  const drained = store.view((tx) => tx.get("node", "w1"))!;
  await store.update((tx) => tx.update("node", { ...drained, role: swarm.v1.NodeSpec.Role.ROLE_MANAGER }));
  await waitFor("the new role", () =>
    sessionMessages.find((m) => m.node?.role === swarm.v1.NodeSpec.Role.ROLE_MANAGER),
  );
  // A status-only change (every session open writes one) is not sent back.
  const sent = sessionMessages.length;
  const managerNode = store.view((tx) => tx.get("node", "w1"))!;
  await store.update((tx) =>
    tx.update("node", { ...managerNode, status: { ...managerNode.status, message: "still here" } }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  t.is(sessionMessages.length, sent);

  // Heartbeats kept the node up all along; without them it goes DOWN after 3 periods.
  await new Promise<void>((resolve, reject) => client.heartbeat({ sessionId }, md, (e) => (e ? reject(e) : resolve())));
  t.is(store.view((tx) => tx.get("node", "w1"))?.status?.state, swarm.v1.NodeStatus.State.STATE_READY);
  clearInterval(heartbeats);
  await waitFor("the node to be marked down", () =>
    store.view((tx) => tx.get("node", "w1"))?.status?.state === swarm.v1.NodeStatus.State.STATE_DOWN ? true : undefined,
  );
  t.pass();
});

test("after a leader change, nodes get an extended grace to reconnect; silent ones go DOWN, reconnected ones stay READY", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const ready = { state: swarm.v1.NodeStatus.State.STATE_READY };
  await store.update((tx) => {
    tx.create("node", { id: "quiet", status: ready });
    tx.create("node", { id: "back", status: ready });
  });
  // 300 ms periods: "back" heartbeats every 50 ms and must never miss 3 periods, even when a loaded
  // machine delays a few of its heartbeats.
  const periodMs = 300;
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs: periodMs });
  // Taken before leadership begins: the grace timers start then, so this bounds their wait from below
  // however long a loaded machine takes to get to the measurement.
  const started = Date.now();
  const leadership = new AbortController();
  void dispatcher.run(leadership.signal);
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "back");
  const session = client.session({}, md);
  const messages: swarm.v1.SessionMessage[] = [];
  session.on("data", (m: swarm.v1.SessionMessage) => messages.push(m));
  session.on("error", () => undefined);
  t.teardown(() => {
    session.cancel();
    leadership.abort();
  });
  const sessionId = await waitFor("the session id", () => messages[0]?.sessionId);
  const heartbeats = setInterval(() => client.heartbeat({ sessionId }, md, () => undefined), 50);
  t.teardown(() => clearInterval(heartbeats));
  const nodeState = (id: string): number => Number(store.view((tx) => tx.get("node", id))?.status?.state ?? 0);
  await waitFor(
    "the silent node marked down",
    () => nodeState("quiet") === Number(swarm.v1.NodeStatus.State.STATE_DOWN) || undefined,
    { timeoutMs: 20_000 },
  );
  // The grace is twice the usual 3 periods plus 50 ms per node, so the silent node went DOWN no
  // sooner than 1.9 s in.
  const graceMs = leaderChangeGraceMs(periodMs, 2);
  t.is(graceMs, 2 * 3 * periodMs + 2 * 50);
  t.true(Date.now() - started >= graceMs - 50, `marked down after ${Date.now() - started} ms`);
  t.is(nodeState("back"), Number(swarm.v1.NodeStatus.State.STATE_READY));
});

test("a heartbeat period too long for a timer never marks nodes down at once, and a shorter one applies to open sessions at once", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  // 200 h, as a store written before the API bounded the setting may hold: three periods overflow
  // a Node.js timer, which would then fire at once and mark every node DOWN.
  await store.update((tx) =>
    tx.create("cluster", {
      id: "c1",
      spec: { annotations: { name: "default" }, dispatcher: { heartbeatPeriodNs: 200 * 3600e9 } },
    }),
  );
  // Simulated time: the test moves to just before each expiry bound and past it.
  const clock = new FakeClock();
  const dispatcher = new Dispatcher({ store, clock });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const session = client.session({}, md);
  const messages: swarm.v1.SessionMessage[] = [];
  session.on("data", (m: swarm.v1.SessionMessage) => messages.push(m));
  session.on("error", () => undefined);
  t.teardown(() => {
    session.cancel();
    dispatcher.close();
  });
  const sessionId = await waitFor("the session id", () => messages[0]?.sessionId);
  const heartbeat = (): Promise<swarm.v1.HeartbeatResponse> =>
    new Promise((resolve, reject) => client.heartbeat({ sessionId }, md, (e, r) => (e ? reject(e) : resolve(r!))));
  const nodeState = (): number => Number(store.view((tx) => tx.get("node", "w1"))?.status?.state ?? 0);
  // The stored period is held at the API's bound; the node stays up for all of its missed periods.
  t.is(Number((await heartbeat()).periodNs), heartbeatPeriodNsMax);
  clock.advance((heartbeatPeriodNsMax / 1e6) * missedHeartbeatsMax - 1);
  t.is(nodeState(), Number(swarm.v1.NodeStatus.State.STATE_READY));
  t.is(Number((await heartbeat()).periodNs), heartbeatPeriodNsMax, "the session is still valid");

  // The operator sets a short period: the open session hears it at once, and a node that then
  // stays silent is DOWN within three of the new periods, not three of the old ones.
  await store.update((tx) => {
    const cluster = tx.get("cluster", "c1")!;
    tx.update("cluster", { ...cluster, spec: { ...cluster.spec, dispatcher: { heartbeatPeriodNs: 300e6 } } });
  });
  await waitFor("the new period on the session stream", () =>
    messages.find((m) => Number(m.heartbeatPeriodNs ?? 0) === 300e6),
  );
  // The stream message follows the re-arm, so the new expiry runs from now.
  clock.advance(300 * missedHeartbeatsMax - 1);
  t.is(nodeState(), Number(swarm.v1.NodeStatus.State.STATE_READY), "up until the last of the new periods");
  clock.advance(1);
  await waitFor(
    "the silent node marked down",
    () => (nodeState() === Number(swarm.v1.NodeStatus.State.STATE_DOWN) ? true : undefined),
    { timeoutMs: 10_000 },
  );
});

test("a session that reopens reporting what the node object already says leaves the node's version alone", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs: 1_000 });
  const leadership = new AbortController();
  void dispatcher.run(leadership.signal);
  const { client, target } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  t.teardown(() => {
    leadership.abort();
  });
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const request = {
    addr: "127.0.0.9",
    description: { hostname: "w1", platform: { os: "linux", architecture: "x86_64" }, engine: { engineVersion: "1" } },
  };
  const open = async (description = request.description): Promise<void> => {
    const session = client.session({ ...request, description }, md);
    const first = new Promise<swarm.v1.SessionMessage>((resolve) => session.once("data", resolve));
    session.on("error", () => undefined);
    await first;
    session.cancel();
  };
  const version = (): number => Number(store.view((tx) => tx.get("node", "w1"))?.meta?.version?.index ?? 0);
  await open();
  const recorded = version();
  t.true(recorded > 0);
  await open();
  await open();
  t.is(version(), recorded, "reconnects with the same description and address write nothing");
  await open({ ...request.description, hostname: "w1-renamed" });
  t.true(version() > recorded, "a changed description is written");
  t.is(store.view((tx) => tx.get("node", "w1"))?.description?.hostname, "w1-renamed");

  // A node that reports no address is known by its connection's host, whose port changes with
  // every connection: a reconnect over a new one still writes nothing.
  const openWithoutAddr = async (): Promise<void> => {
    const own = new DispatcherClient(target, grpc.credentials.createInsecure());
    const session = own.session({ description: { ...request.description, hostname: "w1-renamed" } }, md);
    const first = new Promise<swarm.v1.SessionMessage>((resolve) => session.once("data", resolve));
    session.on("error", () => undefined);
    await first;
    session.cancel();
    own.close();
  };
  await openWithoutAddr();
  t.is(store.view((tx) => tx.get("node", "w1"))?.status?.addr, "127.0.0.1");
  const peerRecorded = version();
  await openWithoutAddr();
  await openWithoutAddr();
  t.is(version(), peerRecorded, "reconnects from new ports write nothing");
});

test("a promotion or a demotion sends open sessions the new managers, once", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  // The managers as raft's membership lists them; the node object's role is recorded after it changed.
  let managers = ["m1:4242", "m2:4242"];
  const dispatcher = new Dispatcher({
    store,
    heartbeatPeriodMs: 1_000,
    managers: () => managers.map((addr) => ({ peer: { nodeId: addr, addr }, weight: 1 })),
  });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const md = new grpc.Metadata();
  md.set("swarm-node-id", "w1");
  const session = client.session({}, md);
  const lists: string[] = [];
  session.on("data", (m: swarm.v1.SessionMessage) => {
    if (m.managers.length > 0) lists.push(m.managers.map((p) => p.peer?.addr ?? "").join());
  });
  session.on("error", () => undefined);
  t.teardown(() => {
    session.cancel();
    dispatcher.close();
  });
  await waitFor("the session's first message", () => (lists.length > 0 ? true : undefined));
  t.deepEqual(lists, ["m1:4242,m2:4242"]);
  // w2 is promoted (it joined raft), then m1 demoted (it left raft): each records a node object.
  const record = (id: string, role: swarm.v1.NodeSpec.Role): Promise<unknown> =>
    store.update((tx) => {
      const node = tx.get("node", id);
      if (node) tx.update("node", { ...node, role });
      else tx.create("node", { id, role, spec: { desiredRole: role } });
    });
  managers = ["m1:4242", "m2:4242", "w2:4242"];
  await record("w2", swarm.v1.NodeSpec.Role.ROLE_MANAGER);
  managers = ["m2:4242", "w2:4242"];
  await record("m1", swarm.v1.NodeSpec.Role.ROLE_WORKER);
  // A node commit that changes no manager sends nothing (the stream is in order: it would show
  // before the next promotion's list).
  await record("w3", swarm.v1.NodeSpec.Role.ROLE_WORKER);
  managers = ["m2:4242", "w2:4242", "w4:4242"];
  await record("w4", swarm.v1.NodeSpec.Role.ROLE_MANAGER);
  await waitFor("the lists after the membership changes", () => (lists.length >= 4 ? true : undefined));
  t.deepEqual(lists, ["m1:4242,m2:4242", "m1:4242,m2:4242,w2:4242", "m2:4242,w2:4242", "m2:4242,w2:4242,w4:4242"]);
});
