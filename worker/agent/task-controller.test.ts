// Goal: the task controller moves a task one state at a time through the fake executor, maps every
// executor outcome to the right final state, stops and removes on request, never moves backwards,
// and after an agent restart adopts what the runtime shows instead of starting the task again.
import test from "ava";
import { nextRealTurn, waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { ImageUnavailableError, TaskRejectedError } from "../executor/index.js";
import { FakeEngineState, FakeExecutor, fakeStopExitCode } from "./fake-executor.js";
import { TaskController } from "./task-controller.js";
import { TaskDb } from "./task-db.js";
import { memoryLog, newTask, strictlyIncreasing, tempDir } from "./test-support.js";

const S = swarm.v1.TaskState;

/** Turns of the event loop (each after the database's writes) in which a controller reaches its next wait. */
const settleTurns = 3;

interface Harness {
  readonly db: TaskDb;
  readonly executor: FakeExecutor;
  readonly reported: swarm.v1.TaskStatus.$Properties[];
  readonly states: () => number[];
  readonly controller: (task: swarm.v1.Task.$Properties, recorded?: swarm.v1.TaskStatus.$Properties) => TaskController;
  readonly reachState: (c: TaskController, state: swarm.v1.TaskState) => Promise<void>;
  /**
   * Lets the controllers run on to their next wait for a change: their only I/O is the task
   * database's writes, which flush awaits; the rest is promise reactions (the fake executor answers
   * at once), which the real event loop's next turns run. What has not happened then never will.
   */
  readonly settle: () => Promise<void>;
}

async function harness(
  t: { teardown: (fn: () => void | Promise<void>) => void },
  state?: FakeEngineState,
  dir?: string,
): Promise<Harness> {
  const temp = dir === undefined ? tempDir() : null;
  const { log } = memoryLog();
  const db = new TaskDb(dir ?? temp?.dir ?? "", { log });
  await db.load();
  const executor = new FakeExecutor(state === undefined ? {} : { state });
  const reported: swarm.v1.TaskStatus.$Properties[] = [];
  const controllers: TaskController[] = [];
  // A state is reported while it is written: the writes end before the directory goes.
  t.teardown(async () => {
    await Promise.all(controllers.map((c) => c.close()));
    await db.flush();
    temp?.cleanUp();
  });
  return {
    db,
    executor,
    reported,
    states: () => reported.map((s) => Number(s.state)),
    controller: (task, recorded) => {
      const c = new TaskController({
        task,
        runtime: executor.runtime({ task, node: { id: "node1", hostname: "h1" } }),
        db,
        log,
        report: (_id, status) => reported.push(status),
        ...(recorded === undefined ? {} : { recorded }),
      });
      controllers.push(c);
      return c;
    },
    reachState: async (c, state) => {
      // The state is reported while it is written: wait for the report, then for the write.
      const reportedState = (): number | undefined =>
        reported.length === 0 ? undefined : Number(reported.at(-1)?.state);
      await waitFor(
        `state ${S[state]}`,
        () => (c.state === Number(state) && reportedState() === Number(state) ? true : undefined),
        { timeoutMs: 5_000 },
      );
      await db.flush();
    },
    settle: async () => {
      for (let turn = 0; turn < settleTurns; turn++) {
        await db.flush();
        await nextRealTurn();
      }
    },
  };
}

test("task controller walks every state in order and completes on exit 0", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_RUNNING);
  const running = h.reported.at(-1);
  t.truthy(running?.container?.containerId);
  t.true(Number(running?.container?.pid) > 0);
  h.executor.exit("t1", 0);
  await h.reachState(c, S.TASK_STATE_COMPLETE);
  t.deepEqual(h.states(), [
    S.TASK_STATE_ACCEPTED,
    S.TASK_STATE_PREPARING,
    S.TASK_STATE_READY,
    S.TASK_STATE_STARTING,
    S.TASK_STATE_RUNNING,
    S.TASK_STATE_COMPLETE,
  ]);
  t.deepEqual(
    h.executor.calls.map((x) => x.method),
    ["prepare", "start", "healthy", "wait"],
  );
  t.is(Number(h.db.get("t1")?.status?.state), S.TASK_STATE_COMPLETE);
  t.truthy(h.reported.every((s) => s.timestamp && Number(s.timestamp.seconds) > 0));
});

test("task controller fails a task that exits non-zero", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_RUNNING);
  h.executor.exit("t1", 3);
  await h.reachState(c, S.TASK_STATE_FAILED);
  t.is(c.status.err, "task: non-zero exit (3)");
  t.is(Number(c.status.container?.exitCode), 3);
});

test("task controller aborts a pull on shutdown and never starts the task", async (t) => {
  const h = await harness(t);
  h.executor.script("t1", { holdPull: true });
  const task = newTask("t1");
  const c = h.controller(task);
  await waitFor("the pull", () => (h.executor.pulling("t1") ? true : undefined));
  c.update({ ...task, desiredState: S.TASK_STATE_SHUTDOWN });
  await h.reachState(c, S.TASK_STATE_SHUTDOWN);
  t.deepEqual(h.states(), [S.TASK_STATE_ACCEPTED, S.TASK_STATE_PREPARING, S.TASK_STATE_SHUTDOWN]);
  t.is(h.executor.callsOf("t1", "prepare-aborted").length, 1);
  t.is(h.executor.callsOf("t1", "start").length, 0);
  t.is(h.executor.callsOf("t1", "shutdown").length, 0);
});

test("task controller rejects a task whose image is unavailable", async (t) => {
  const h = await harness(t);
  h.executor.script("t1", { prepareError: new ImageUnavailableError("nope:1", "manifest unknown") });
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_REJECTED);
  t.deepEqual(h.states(), [S.TASK_STATE_ACCEPTED, S.TASK_STATE_PREPARING, S.TASK_STATE_REJECTED]);
  t.regex(c.status.err ?? "", /manifest unknown/);
});

test("task controller rejects a task the node cannot give the network it asks for", async (t) => {
  const h = await harness(t);
  h.executor.script("t1", { prepareError: new TaskRejectedError("the node agent does not run as root") });
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_REJECTED);
  t.regex(c.status.err ?? "", /root/);
});

test("task controller fails a task whose start fails", async (t) => {
  const h = await harness(t);
  h.executor.script("t1", { startError: new Error("port already allocated") });
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_FAILED);
  t.is(c.status.err, "port already allocated");
  t.deepEqual(h.states(), [
    S.TASK_STATE_ACCEPTED,
    S.TASK_STATE_PREPARING,
    S.TASK_STATE_READY,
    S.TASK_STATE_STARTING,
    S.TASK_STATE_FAILED,
  ]);
});

test("task controller fails an unhealthy task and stops its container", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_RUNNING);
  h.executor.makeUnhealthy("t1");
  await h.reachState(c, S.TASK_STATE_FAILED);
  t.regex(c.status.err ?? "", /unhealthy/);
  t.is(h.executor.callsOf("t1", "shutdown").length, 1);
  t.false(h.executor.state.containers.get("t1")?.running);
});

test("task controller waits for the healthcheck before RUNNING", async (t) => {
  const h = await harness(t);
  h.executor.script("t1", { holdHealthy: true });
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_STARTING);
  // The controller is inside the held healthcheck, a promise only makeHealthy settles.
  await waitFor("the healthcheck under way", () =>
    h.executor.callsOf("t1", "healthy").length === 1 ? true : undefined,
  );
  t.is(c.state, Number(S.TASK_STATE_STARTING));
  h.executor.makeHealthy("t1");
  await h.reachState(c, S.TASK_STATE_RUNNING);
});

test("task controller shuts a running task down with its stop grace", async (t) => {
  const h = await harness(t);
  const task = newTask("t1");
  const c = h.controller(task);
  await h.reachState(c, S.TASK_STATE_RUNNING);
  c.update({ ...task, desiredState: S.TASK_STATE_SHUTDOWN });
  await h.reachState(c, S.TASK_STATE_SHUTDOWN);
  t.deepEqual(
    h.executor.callsOf("t1", "shutdown").map((x) => x.graceMs),
    [2_000],
  );
  t.is(Number(c.status.container?.exitCode), fakeStopExitCode);
  // A later desired state does not move a terminal task: no call, no report.
  const reports = h.reported.length;
  c.update({ ...task, desiredState: S.TASK_STATE_RUNNING });
  await h.settle();
  t.is(h.reported.length, reports);
  t.is(c.state, Number(S.TASK_STATE_SHUTDOWN));
  t.true(strictlyIncreasing(h.states()));
});

test("task controller removes a task no longer assigned", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_RUNNING);
  c.remove();
  await c.done;
  t.true(c.removed);
  t.is(h.states().at(-1), S.TASK_STATE_SHUTDOWN);
  t.deepEqual(
    h.executor.calls.filter((x) => x.method === "shutdown" || x.method === "remove").map((x) => x.method),
    ["shutdown", "remove"],
  );
  t.false(h.executor.state.containers.has("t1"));
  t.is(h.db.get("t1"), undefined);
});

test("task controller shuts down and removes a task desired REMOVE", async (t) => {
  const h = await harness(t);
  const task = newTask("t1");
  const c = h.controller(task);
  await h.reachState(c, S.TASK_STATE_RUNNING);
  c.update({ ...task, desiredState: S.TASK_STATE_REMOVE });
  await c.done;
  t.true(c.removed);
  t.is(h.states().at(-1), S.TASK_STATE_SHUTDOWN);
  t.is(h.db.get("t1"), undefined);
});

test("task controller never moves backwards and keeps a terminal state", async (t) => {
  const h = await harness(t);
  // Adopted from a record that says COMPLETE: nothing is inspected, started or reported.
  const c = h.controller(newTask("t1"), { state: S.TASK_STATE_COMPLETE });
  c.update(newTask("t1"));
  await h.settle();
  t.is(c.state, Number(S.TASK_STATE_COMPLETE));
  t.deepEqual(h.reported, []);
  t.deepEqual(h.executor.calls, []);
  // A task the manager lists below ASSIGNED still starts from ASSIGNED.
  const d = h.controller({ ...newTask("t2"), status: { state: S.TASK_STATE_NEW } });
  await h.reachState(d, S.TASK_STATE_RUNNING);
  t.true(strictlyIncreasing(h.states()));
});

test("task controller adopts a running container after a restart without starting it again", async (t) => {
  const state = new FakeEngineState();
  state.addRunning("t1");
  const h = await harness(t, state);
  const c = h.controller(newTask("t1"), { state: S.TASK_STATE_STARTING });
  await h.reachState(c, S.TASK_STATE_RUNNING);
  t.is(h.executor.callsOf("t1", "start").length, 0);
  t.deepEqual(h.states(), [S.TASK_STATE_RUNNING]);
  h.executor.exit("t1", 0);
  await h.reachState(c, S.TASK_STATE_COMPLETE);
});

test("task controller fails a started task whose container disappeared", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"), { state: S.TASK_STATE_STARTING });
  await h.reachState(c, S.TASK_STATE_FAILED);
  t.is(c.status.err, "container disappeared");
  t.is(h.executor.callsOf("t1", "start").length, 0);
});

test("task controller turns a container that exited while the agent was down into its final state", async (t) => {
  const state = new FakeEngineState();
  const container = state.addRunning("t1");
  container.running = false;
  container.exitCode = 7;
  const h = await harness(t, state);
  const c = h.controller(newTask("t1"), { state: S.TASK_STATE_RUNNING });
  await h.reachState(c, S.TASK_STATE_FAILED);
  t.is(c.status.err, "task: non-zero exit (7)");
});

test("task controller resumes preparing a task whose prepared container is missing", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"), { state: S.TASK_STATE_READY });
  await h.reachState(c, S.TASK_STATE_RUNNING);
  await waitFor("the wait for the exit", () => (h.executor.calls.some((x) => x.method === "wait") ? true : undefined), {
    timeoutMs: 5_000,
  });
  t.deepEqual(
    h.executor.calls.map((x) => x.method),
    ["prepare", "start", "healthy", "wait"],
  );
  t.deepEqual(h.states(), [S.TASK_STATE_STARTING, S.TASK_STATE_RUNNING]);
});

test("task controller prepares but does not start a task desired READY", async (t) => {
  const h = await harness(t);
  const task = newTask("t1", S.TASK_STATE_READY);
  const c = h.controller(task);
  await h.reachState(c, S.TASK_STATE_READY);
  await h.settle();
  t.is(h.executor.callsOf("t1", "start").length, 0);
  c.update({ ...task, desiredState: S.TASK_STATE_RUNNING });
  await h.reachState(c, S.TASK_STATE_RUNNING);
});

test("task controller stops driving on close and leaves the task running", async (t) => {
  const h = await harness(t);
  const c = h.controller(newTask("t1"));
  await h.reachState(c, S.TASK_STATE_RUNNING);
  await c.close();
  t.true(h.executor.state.containers.get("t1")?.running);
  t.is(h.executor.callsOf("t1", "shutdown").length, 0);
  t.is(Number(h.db.get("t1")?.status?.state), S.TASK_STATE_RUNNING);
});
