// Goal: job services run each slot to completion within the concurrency limit, retry failures per
// the restart policy, never restart completed tasks, follow nodes for global jobs, and start over
// on a new iteration. First the pure planner, then the orchestrator driving a job to the end.
import test from "ava";
import { nextRealTurn, waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { MemoryStore, type ObjectsByKind } from "../store/index.js";
import { type JobTask, reconcileJob } from "./reconcile-job.js";
import { ServiceOrchestrator } from "./service-orchestrator.js";

const S = swarm.v1.TaskState;
const none = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE };

let seq = 0;
const task = (slot: number, state: number, fields: Partial<JobTask> = {}): JobTask => ({
  id: `t${++seq}`,
  slot,
  nodeId: "",
  desiredState: S.TASK_STATE_RUNNING,
  state,
  createdAtMs: seq,
  stateChangedAtMs: 0,
  iteration: 0,
  ...fields,
});

test("replicated job starts at most max_concurrent slots, lowest first", (t) => {
  const plan = reconcileJob({ kind: "replicated", totalCompletions: 5, maxConcurrent: 2 }, 0, undefined, [], 0);
  t.deepEqual(plan.createSlots, [1, 2]);
  t.false(plan.done);
});

test("replicated job counts completed slots and fills freed concurrency", (t) => {
  const tasks = [task(1, S.TASK_STATE_COMPLETE), task(2, S.TASK_STATE_RUNNING)];
  const plan = reconcileJob({ kind: "replicated", totalCompletions: 3, maxConcurrent: 2 }, 0, undefined, tasks, 0);
  t.deepEqual(plan.createSlots, [3]);
  t.deepEqual(plan.shutdown, []);
});

test("replicated job is done when every slot completed, and restarts nothing", (t) => {
  const tasks = [task(1, S.TASK_STATE_COMPLETE), task(2, S.TASK_STATE_COMPLETE)];
  const plan = reconcileJob(
    { kind: "replicated", totalCompletions: 2, maxConcurrent: 0 },
    0,
    { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 0 },
    tasks,
    10_000,
  );
  t.true(plan.done);
  t.deepEqual(plan.createSlots, []);
});

test("a failed job task is retried after the restart delay, and not with condition none", (t) => {
  const failed = task(1, S.TASK_STATE_FAILED, { stateChangedAtMs: 1_000 });
  const early = reconcileJob(
    { kind: "replicated", totalCompletions: 1, maxConcurrent: 1 },
    0,
    { delayNs: 5e9 },
    [failed],
    2_000,
  );
  t.deepEqual(early.createSlots, []);
  t.is(early.wakeAtMs, 6_000);
  const due = reconcileJob(
    { kind: "replicated", totalCompletions: 1, maxConcurrent: 1 },
    0,
    { delayNs: 5e9 },
    [failed],
    6_000,
  );
  t.deepEqual(due.createSlots, [1]);
  t.deepEqual(due.shutdown, [failed.id]);
  const never = reconcileJob({ kind: "replicated", totalCompletions: 1, maxConcurrent: 1 }, 0, none, [failed], 60_000);
  t.deepEqual(never.createSlots, []);
  t.false(never.done);
});

test("tasks of an earlier iteration stop and the job starts over", (t) => {
  const old = task(1, S.TASK_STATE_RUNNING, { iteration: 0 });
  const plan = reconcileJob(
    { kind: "replicated", totalCompletions: 1, maxConcurrent: 1 },
    1,
    undefined,
    [old, task(2, S.TASK_STATE_COMPLETE, { iteration: 0 })],
    0,
  );
  t.deepEqual(plan.shutdown, [old.id]);
  t.deepEqual(plan.createSlots, [1]);
});

test("global job runs once per eligible node, including a node that joins, and stops on nodes that leave", (t) => {
  const done = task(0, S.TASK_STATE_COMPLETE, { nodeId: "a" });
  const gone = task(0, S.TASK_STATE_RUNNING, { nodeId: "x" });
  const plan = reconcileJob({ kind: "global", eligible: new Set(["a", "b"]) }, 0, undefined, [done, gone], 0);
  t.deepEqual(plan.createOn, ["b"]);
  t.deepEqual(plan.shutdown, [gone.id]);
});

test("global job places no task on a paused node that has none, and leaves the one a paused node runs", (t) => {
  const running = task(0, S.TASK_STATE_RUNNING, { nodeId: "a" });
  const plan = reconcileJob(
    { kind: "global", eligible: new Set(["a", "b", "c"]), paused: new Set(["a", "b"]) },
    0,
    undefined,
    [running],
    0,
  );
  t.deepEqual(plan.createOn, ["c"]);
  t.deepEqual(plan.shutdown, []);
});

test("global job places no task on a paused node in place of one moved off it", (t) => {
  // The node failed the job's constraint a while and its task was stopped; paused since, it gets
  // none until it is active again (a restart would be a new placement on a paused node).
  const stopped = task(0, S.TASK_STATE_RUNNING, { nodeId: "a", desiredState: S.TASK_STATE_SHUTDOWN });
  const shape = { kind: "global", eligible: new Set(["a", "b"]) } as const;
  const paused = reconcileJob({ ...shape, paused: new Set(["a"]) }, 0, undefined, [stopped], 0);
  t.deepEqual(paused.createOn, ["b"]);
  t.deepEqual(paused.shutdown, []);
  t.deepEqual(reconcileJob(shape, 0, undefined, [stopped], 0).createOn, ["a", "b"], "once active, it gets its run");
});

test("a job task that must leave its node stops even when the policy replaces nothing, and frees no place", (t) => {
  // Its node went down: under restart condition none the slot is not retried, but the task must not
  // stay live beside a fresh slot's task (two live tasks where maxConcurrent allows one).
  const stranded = task(1, S.TASK_STATE_RUNNING, { nodeId: "down", mustLeaveNode: true });
  const plan = reconcileJob({ kind: "replicated", totalCompletions: 2, maxConcurrent: 1 }, 0, none, [stranded], 0);
  t.deepEqual(plan.shutdown, [stranded.id]);
  t.deepEqual(plan.createSlots, [2]);
});

test("a job slot whose moved task completed after all stops its replacement", (t) => {
  // The task moved off an unreachable node completed there once the node came back.
  const moved = task(1, S.TASK_STATE_COMPLETE, { desiredState: S.TASK_STATE_SHUTDOWN, nodeId: "w1" });
  const replacement = task(1, S.TASK_STATE_PENDING);
  const plan = reconcileJob(
    { kind: "replicated", totalCompletions: 2, maxConcurrent: 1 },
    0,
    undefined,
    [moved, replacement],
    0,
  );
  t.deepEqual(plan.shutdown, [replacement.id]);
  t.deepEqual(plan.createSlots, [2], "the slot is done, so the next one may start");
});

test("a job slot retried while its moved task has not ended claims that task, so a late completion conflicts", (t) => {
  const moved = task(0, S.TASK_STATE_STARTING, { nodeId: "a", desiredState: S.TASK_STATE_SHUTDOWN });
  const plan = reconcileJob({ kind: "global", eligible: new Set(["a"]) }, 0, undefined, [moved], 1_000);
  t.deepEqual(plan.createOn, ["a"]);
  t.deepEqual(plan.claim, [moved.id]);
});

test("a global job runs again on a node drained and made active again before its task ended", (t) => {
  // The orchestrator stopped the task when the node was drained: it neither failed nor completed.
  const stopped = task(0, S.TASK_STATE_SHUTDOWN, { nodeId: "a", desiredState: S.TASK_STATE_SHUTDOWN });
  const plan = reconcileJob({ kind: "global", eligible: new Set(["a"]) }, 0, { delayNs: 5e9 }, [stopped], 1_000);
  t.deepEqual(plan.createOn, ["a"]);
  const never = reconcileJob({ kind: "global", eligible: new Set(["a"]) }, 0, none, [stopped], 1_000);
  t.deepEqual(never.createOn, [], "restart condition none replaces nothing");
});

test("the orchestrator runs a global job on a node that becomes eligible", async (t) => {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const ready = { state: swarm.v1.NodeStatus.State.STATE_READY };
  await store.update((tx) => {
    tx.create("node", { id: "n1", status: ready, spec: { annotations: { labels: { batch: "yes" } } } });
    tx.create("node", { id: "n2", status: ready, spec: {} });
    tx.create("service", {
      id: "job",
      spec: {
        annotations: { name: "inventory" },
        task: { container: { image: "process://true" }, placement: { constraints: ["node.labels.batch==yes"] } },
        globalJob: {},
      },
      jobStatus: { jobIteration: { index: 0 } },
    });
  });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  void new ServiceOrchestrator(store).run(abort.signal);
  const nodesRun = (): string[] =>
    store
      .view((tx) => tx.tasks({ serviceId: "job" }))
      .map((x) => x.nodeId ?? "")
      .sort();
  await waitFor("a task on n1", () => (nodesRun().length === 1 ? true : undefined), { pollMs: 5 });
  // Labelling n2 changes no task of the job: only the node event can tell the orchestrator.
  await store.update((tx) => {
    const n2 = tx.get("node", "n2")!;
    tx.update("node", { ...n2, spec: { annotations: { labels: { batch: "yes" } } } });
  });
  await waitFor("a task on n2 too", () => (nodesRun().length === 2 ? true : undefined), { pollMs: 5 });
  t.deepEqual(nodesRun(), ["n1", "n2"]);
});

test("the orchestrator runs a replicated job to completion within its concurrency", async (t) => {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  let maxLive = 0;
  let failOnce = true;
  // A fake agent: each task runs, then completes (the first one fails once, to be retried); it
  // takes tasks as the orchestrator creates them (PENDING, needing no address), as no allocator runs.
  store.watch(() =>
    setImmediate(() => {
      const tasks = store.view((tx) => tx.tasks({ serviceId: "job" }));
      maxLive = Math.max(
        maxLive,
        tasks.filter(
          (x) =>
            Number(x.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING) &&
            Number(x.status?.state ?? 0) < Number(S.TASK_STATE_COMPLETE),
        ).length,
      );
      void store
        .update((tx) => {
          for (const x of tx.tasks({ serviceId: "job" })) {
            if (
              Number(x.status?.state ?? 0) > Number(S.TASK_STATE_PENDING) ||
              Number(x.desiredState ?? 0) > Number(S.TASK_STATE_RUNNING)
            )
              continue;
            const state = failOnce ? S.TASK_STATE_FAILED : S.TASK_STATE_COMPLETE;
            failOnce = false;
            tx.update("task", { ...x, nodeId: "n1", status: { state } } satisfies ObjectsByKind["task"]);
          }
        })
        .catch(() => undefined);
    }),
  );
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  void new ServiceOrchestrator(store).run(abort.signal);
  await store.update((tx) =>
    tx.create("service", {
      id: "job",
      spec: {
        annotations: { name: "migrate" },
        task: { container: { image: "busybox" }, restart: { delayNs: 0 } },
        replicatedJob: { totalCompletions: 5, maxConcurrent: 2 },
      },
      jobStatus: { jobIteration: { index: 0 } },
    }),
  );
  const completed = (): number =>
    store
      .view((tx) => tx.tasks({ serviceId: "job" }))
      .filter((x) => Number(x.status?.state ?? 0) === Number(S.TASK_STATE_COMPLETE)).length;
  await waitFor("five completions", () => (completed() >= 5 ? true : undefined), { pollMs: 5 });
  t.is(completed(), 5);
  t.true(maxLive <= 2, `at most 2 tasks ran at once (saw ${maxLive})`);
  const all = store.view((tx) => tx.tasks({ serviceId: "job" }));
  t.is(all.length, 6, "five completions plus one retried failure");
  // The fake agent and the orchestrator's passes run on promise reactions and setImmediate, and no
  // restart delay is pending: a store that holds still over a few turns of the event loop is done.
  let version = -1;
  let stillTurns = 0;
  await waitFor(
    "the store to hold still",
    async () => {
      await nextRealTurn();
      stillTurns = store.version === version ? stillTurns + 1 : 0;
      version = store.version;
      return stillTurns >= 3 ? true : undefined;
    },
    { pollMs: 0 },
  );
  t.is(store.view((tx) => tx.tasks({ serviceId: "job" })).length, 6, "completed tasks are not restarted");
});
