// Goal: end to end over real gRPC against fake dispatchers, the agent registers with its
// description and node id, heartbeats at the period given, runs and stops and removes tasks as its
// assignments say, reports statuses in batches, fails over and follows leader redirects (re-sending
// its statuses), and after a restart adopts its running task and removes unknown runtimes.
import test from "ava";
import { waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { Agent, type AgentOptions } from "./agent.js";
import { FakeEngineState, FakeExecutor } from "./fake-executor.js";
import { TaskDb } from "./task-db.js";
import { TestDispatcher } from "./test-dispatcher.js";
import { memoryLog, newTask, strictlyIncreasing, tempDir } from "./test-support.js";

const S = swarm.v1.TaskState;
const fast = { statusFlushMs: 20, reconnectBackoffMsMin: 20, reconnectBackoffMsMax: 200 };

function lastState(d: TestDispatcher, taskId: string, sessionId?: string): number | undefined {
  return d.states(taskId, sessionId).at(-1);
}

async function startAgent(
  t: { teardown: (fn: () => Promise<void> | void) => void },
  options: Omit<AgentOptions, "log">,
): Promise<Agent> {
  const agent = await Agent.start({ ...fast, log: memoryLog().log, ...options });
  t.teardown(() => agent.stop());
  return agent;
}

async function startDispatcher(t: { teardown: (fn: () => void) => void }, periodMs = 100): Promise<TestDispatcher> {
  const d = await TestDispatcher.start({ periodMs });
  t.teardown(() => d.close());
  return d;
}

test("agent registers, heartbeats, and runs, stops and removes its assigned tasks", async (t) => {
  t.timeout(15_000);
  const d = await startDispatcher(t, 100);
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const executor = new FakeExecutor();
  d.setTask(newTask("t1"));
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [d.addr],
    executor,
    hostname: "h1",
    labels: { zone: "a" },
  });
  await agent.whenConnected();
  t.is(agent.manager, d.addr);
  const session = d.sessions[0];
  t.is(session?.nodeId, "node1");
  t.is(session?.description?.hostname, "h1");
  t.is(session?.description?.engine?.labels.zone, "a");
  t.is(session?.description?.platform?.os, "linux");

  // The complete set starts the task; its statuses arrive in order, coalesced into batches.
  await waitFor("t1 running at the manager", () =>
    lastState(d, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined,
  );
  const states = d.states("t1");
  t.true(strictlyIncreasing(states), `states ${states.join(",")}`);
  t.is(states[0], S.TASK_STATE_ACCEPTED);
  t.true(d.batches.every((b) => b.sessionId === session?.sessionId));
  t.is(executor.callsOf("t1", "start").length, 1);

  // Heartbeats come at the period the dispatcher hands out (100 ms), counted from each send: on
  // average never sooner, each one at most a round trip's jitter sooner than the one before it
  // arrived, and typically on time (a loaded machine may delay a few, so the typical gap is
  // judged, not the longest).
  await waitFor("six heartbeats", () => (d.heartbeats.length >= 6 ? true : undefined), { timeoutMs: 30_000 });
  const beats = d.heartbeats.map((h) => h.atMs);
  const gaps = beats.slice(1).map((b, i) => b - (beats[i] ?? 0));
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
  const mean = ((beats.at(-1) ?? 0) - (beats[0] ?? 0)) / gaps.length;
  t.true(gaps.every((g) => g >= 50) && mean >= 90 && median < 1_000, `gaps ${gaps.map(Math.round).join(",")}`);

  // Node changes and secrets reach the agent.
  d.sendNode({ id: "node1", spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN } });
  await waitFor("the drained node", () =>
    agent.node?.spec?.availability === swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN ? true : undefined,
  );
  d.setSecret({ id: "sec1", spec: { annotations: { name: "pw" }, data: Buffer.from("hunter2") } });
  await waitFor("the secret", () => agent.secrets().get("sec1"));

  // A lost increment makes the agent reopen its assignments stream for a complete set.
  d.sendGap();
  await waitFor("a reopened assignments stream", () => (d.assignmentStreamsOpened === 2 ? true : undefined));

  // Desired SHUTDOWN by increment stops the task.
  d.setTask({ ...newTask("t1"), desiredState: S.TASK_STATE_SHUTDOWN });
  await waitFor("t1 shut down", () => (lastState(d, "t1") === Number(S.TASK_STATE_SHUTDOWN) ? true : undefined));
  t.is(executor.callsOf("t1", "shutdown").length, 1);
  t.false(executor.state.containers.get("t1")?.running);

  // Removed from the set: the runtime and the record go.
  d.removeTask("t1");
  await waitFor("t1 removed", () => (agent.taskIds().includes("t1") ? undefined : true));
  t.false(executor.state.containers.has("t1"));
  const db = new TaskDb(dir, { log: memoryLog().log });
  await db.load();
  t.is(db.get("t1"), undefined);
});

test("agent heartbeats at a shorter period as soon as the manager announces it", async (t) => {
  t.timeout(30_000);
  // An hour-long period was handed out; an operator shortens it. Waiting out the hour would let
  // the manager mark the node DOWN after three of the new periods.
  const d = await startDispatcher(t, 3_600_000);
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [d.addr],
    executor: new FakeExecutor(),
  });
  await agent.whenConnected();
  await waitFor("the first heartbeat", () => (d.heartbeats.length === 1 ? true : undefined));
  d.sendHeartbeatPeriod(100);
  await waitFor("heartbeats at the new period", () => (d.heartbeats.length >= 4 ? true : undefined), {
    timeoutMs: 10_000,
  });
  t.is(d.sessions.length, 1, "the session stayed open");
});

// Serial: encoding and decoding 6 MB starves the event loop, which would skew the heartbeat timing
// the other tests of this file check.
test.serial("agent takes a complete set of assignments far over gRPC's default 4 MB", async (t) => {
  t.timeout(30_000);
  // Twelve secrets of 500 KB (the API's largest) for one node's tasks: about 6 MB in one message.
  const d = await startDispatcher(t, 100);
  for (let i = 0; i < 12; i++)
    d.setSecret({ id: `big${i}`, spec: { annotations: { name: `big${i}` }, data: Buffer.alloc(500 * 1024, i) } });
  d.setTask(newTask("t1"));
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [d.addr],
    executor: new FakeExecutor(),
  });
  await waitFor("every secret", () => (agent.secrets().size === 12 ? true : undefined), { timeoutMs: 15_000 });
  await waitFor("t1 running at the manager", () =>
    lastState(d, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined,
  );
  t.is(d.sessions.length, 1, "one session, never torn down by an oversized message");
});

test("agent fails over to a manager from the session message and re-sends its statuses", async (t) => {
  t.timeout(15_000);
  const d1 = await startDispatcher(t);
  const d2 = await startDispatcher(t);
  for (const d of [d1, d2]) {
    d.managers = [
      { peer: { nodeId: "m1", addr: d1.addr }, weight: 10 },
      { peer: { nodeId: "m2", addr: d2.addr }, weight: 5 },
    ];
    d.setTask(newTask("t1"));
  }
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const executor = new FakeExecutor();
  const agent = await startAgent(t, { stateDir: dir, nodeId: "node1", managers: [d1.addr], executor });
  await waitFor("t1 running at the first manager", () =>
    lastState(d1, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined,
  );
  t.deepEqual(agent.managers, [d1.addr, d2.addr]);

  d1.close();
  await waitFor("a session with the second manager", () => d2.sessions[0]);
  await waitFor("t1's status re-sent", () => (lastState(d2, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined));
  t.is(agent.manager, d2.addr);
  t.is(executor.callsOf("t1", "start").length, 1);
});

test("agent opens a new session when its session is refused as invalid", async (t) => {
  t.timeout(15_000);
  const d = await startDispatcher(t);
  d.setTask(newTask("t1"));
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [d.addr],
    executor: new FakeExecutor(),
  });
  await waitFor("t1 running", () => (lastState(d, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined));
  d.failNextHeartbeat = true;
  await waitFor("a second session", () => d.sessions[1]);
  await waitFor("statuses re-sent on it", () =>
    lastState(d, "t1", d.sessions[1]?.sessionId) === Number(S.TASK_STATE_RUNNING) ? true : undefined,
  );
  await agent.whenConnected();
  t.is(agent.manager, d.addr);
});

test("agent follows a follower's redirect to the leader", async (t) => {
  t.timeout(15_000);
  const leader = await startDispatcher(t);
  const follower = await startDispatcher(t);
  follower.leaderAddr = leader.addr;
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [follower.addr],
    executor: new FakeExecutor(),
  });
  await agent.whenConnected();
  t.is(agent.manager, leader.addr);
  t.is(follower.sessions.length, 0);
  t.is(leader.sessions[0]?.nodeId, "node1");
});

test("agent asks again the manager that knows no leader during an election, not the next one", async (t) => {
  t.timeout(15_000);
  // As a manager answers while no leader is known.
  const unknown = "an unknown address";
  const follower = await startDispatcher(t);
  const other = await startDispatcher(t);
  follower.leaderAddr = unknown;
  other.leaderAddr = unknown;
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await startAgent(t, {
    stateDir: dir,
    nodeId: "node1",
    managers: [follower.addr, other.addr],
    executor: new FakeExecutor(),
  });
  await waitFor("three refusals", () => (follower.refusedSessions >= 3 ? true : undefined));
  t.is(other.refusedSessions, 0, "the next manager (maybe the dead leader) is not tried");
  // The follower wins the election: the agent is there within its shortest backoff.
  follower.leaderAddr = null;
  await agent.whenConnected();
  t.is(agent.manager, follower.addr);
});

test("restarted agent adopts its running task and removes unknown runtimes", async (t) => {
  t.timeout(15_000);
  const d = await startDispatcher(t);
  d.setTask(newTask("t1"));
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const engine = new FakeEngineState();
  const first = await startAgent(t, {
    stateDir: dir,
    managers: [d.addr],
    executor: new FakeExecutor({ state: engine }),
  });
  await waitFor("t1 running", () => (lastState(d, "t1") === Number(S.TASK_STATE_RUNNING) ? true : undefined));
  await first.stop();
  t.true(engine.containers.get("t1")?.running);
  const ghost = engine.addRunning("ghost");

  const executor = new FakeExecutor({ state: engine });
  const second = await startAgent(t, { stateDir: dir, managers: [d.addr], executor });
  t.is(second.nodeId, first.nodeId);
  t.deepEqual(executor.callsOf(ghost.containerId, "removeOwned").length, 1);
  t.false(engine.containers.has("ghost"));
  await waitFor("a second session", () => d.sessions[1]);
  const sessionId = d.sessions[1]?.sessionId;
  await waitFor("RUNNING re-reported", () =>
    lastState(d, "t1", sessionId) === Number(S.TASK_STATE_RUNNING) ? true : undefined,
  );
  t.is(d.sessions[1]?.nodeId, first.nodeId);
  t.is(executor.callsOf("t1", "start").length, 0);
  t.is(executor.callsOf("t1", "prepare").length, 0);

  // The adopted task is watched: its exit is reported.
  executor.exit("t1", 0);
  await waitFor("t1 complete", () => (lastState(d, "t1") === Number(S.TASK_STATE_COMPLETE) ? true : undefined));
});
