// Goal: the replicated orchestrator, driven by the store's commits, creates one task per slot,
// follows scale up and down, replaces a failed task after its restart delay (however other passes
// plan their wake-ups, and after a failed transaction), and stops the tasks
// of a removed service; tasks on a removed node are orphaned and replaced.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore, SequenceConflictError } from "../store/index.js";
import { FakeClock } from "../../common/index.js";
import { ServiceOrchestrator, writesPerTransactionMax } from "./service-orchestrator.js";

const S = swarm.v1.TaskState;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

function setup(t: { teardown: (fn: () => void) => void }): { store: MemoryStore; clock: FakeClock } {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  let n = 0;
  const orchestrator = new ServiceOrchestrator(store, { clock, newId: () => `task${++n}` });
  const abort = new AbortController();
  void orchestrator.run(abort.signal);
  t.teardown(() => abort.abort());
  return { store, clock };
}

const liveSlots = (store: MemoryStore): number[] =>
  store
    .view((tx) => tx.tasks({ serviceId: "s1" }))
    .filter((t) => (t.desiredState ?? 0) === S.TASK_STATE_RUNNING)
    .map((t) => t.slot ?? 0)
    .sort((a, b) => a - b);

test("replicated orchestrator creates, scales and cleans up tasks", async (t) => {
  const { store } = setup(t);
  const spec = { annotations: { name: "web" }, task: { container: { image: "nginx" } }, replicated: { replicas: 3 } };
  await store.update((tx) => tx.create("service", { id: "s1", spec }));
  await settle();
  t.deepEqual(liveSlots(store), [1, 2, 3]);
  const first = store.view((tx) => tx.tasks({ serviceId: "s1", slot: 1 }))[0]!;
  t.is(first.annotations?.name, "web.1");
  // On no overlay, a task needs no allocation: it is created PENDING, for the scheduler.
  t.is(first.status?.state, S.TASK_STATE_PENDING);
  t.is(first.status?.message, "pending task scheduling");

  const scaleTo = async (replicas: number): Promise<void> => {
    const s = store.view((tx) => tx.get("service", "s1"))!;
    await store.update((tx) => tx.update("service", { ...s, spec: { ...s.spec, replicated: { replicas } } }));
    await settle();
  };
  await scaleTo(5);
  t.deepEqual(liveSlots(store), [1, 2, 3, 4, 5]);
  await scaleTo(2);
  t.is(liveSlots(store).length, 2);

  await store.update((tx) => tx.remove("service", "s1"));
  await settle();
  t.deepEqual(liveSlots(store), []);
});

test("replicated orchestrator replaces a failed task in its slot once the restart delay passes", async (t) => {
  const { store, clock } = setup(t);
  const spec = {
    annotations: { name: "web" },
    task: {
      container: { image: "nginx" },
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 5_000_000_000 },
    },
    replicated: { replicas: 1 },
  };
  await store.update((tx) => tx.create("service", { id: "s1", spec }));
  await settle();
  const task = store.view((tx) => tx.tasks({ serviceId: "s1" }))[0]!;
  // The agent reports a failure.
  const at = clock.now();
  await store.update((tx) =>
    tx.update("task", {
      ...task,
      status: { state: S.TASK_STATE_FAILED, timestamp: { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 } },
    }),
  );
  await settle();
  t.is(store.view((tx) => tx.tasks({ serviceId: "s1" })).length, 1, "no replacement before the delay");
  clock.advance(5_000);
  await settle();
  const tasks = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  t.is(tasks.length, 2);
  const replacement = tasks.find((x) => x.id !== task.id)!;
  t.is(replacement.slot, 1);
  t.is(replacement.desiredState, S.TASK_STATE_RUNNING);
  t.is(tasks.find((x) => x.id === task.id)!.desiredState, S.TASK_STATE_SHUTDOWN);
});

test("tasks on a removed node are orphaned and replaced, for replicated and global services", async (t) => {
  const { store } = setup(t);
  const ready = { state: swarm.v1.NodeStatus.State.STATE_READY };
  const description = { platform: { os: "linux", architecture: "x86_64" } };
  await store.update((tx) => {
    tx.create("node", { id: "n1", status: ready, description });
    tx.create("node", { id: "n2", status: ready, description });
  });
  const task = { container: { image: "process://sleep", args: ["60"] } };
  await store.update((tx) => {
    tx.create("service", { id: "s1", spec: { annotations: { name: "web" }, task, replicated: { replicas: 1 } } });
    tx.create("service", { id: "g1", spec: { annotations: { name: "agent" }, task, global: {} } });
  });
  await settle();
  // The scheduler and the agent, in one step: the replica runs on n1, the global tasks on their nodes.
  await store.update((tx) => {
    for (const x of [...tx.tasks({ serviceId: "s1" }), ...tx.tasks({ serviceId: "g1" })])
      tx.update("task", { ...x, nodeId: x.nodeId || "n1", status: { state: S.TASK_STATE_RUNNING } });
  });
  await settle();
  const onN1 = store.view((tx) => tx.tasks({ nodeId: "n1" }));
  t.is(onN1.length, 2);

  // `node rm --force` of n1, whose agent will never report again.
  await store.update((tx) => tx.remove("node", "n1"));
  await settle();
  for (const before of onN1) {
    const after = store.view((tx) => tx.get("task", before.id ?? ""))!;
    t.is(after.status?.state, S.TASK_STATE_ORPHANED, `task of ${before.serviceId}`);
    t.is(after.desiredState, S.TASK_STATE_SHUTDOWN);
    t.regex(after.status?.message ?? "", /node n1 was removed/);
  }
  // The replica's slot has a new task; the global service runs only on the node that remains.
  t.deepEqual(liveSlots(store), [1]);
  const replacement = store
    .view((tx) => tx.tasks({ serviceId: "s1" }))
    .find((x) => (x.desiredState ?? 0) === S.TASK_STATE_RUNNING)!;
  t.not(replacement.id, onN1.find((x) => x.serviceId === "s1")!.id);
  const globalLive = store
    .view((tx) => tx.tasks({ serviceId: "g1" }))
    .filter((x) => (x.desiredState ?? 0) === S.TASK_STATE_RUNNING);
  t.deepEqual(
    globalLive.map((x) => x.nodeId),
    ["n2"],
  );
});

test("replicated orchestrator replaces failed tasks of two services whose restart delays end out of order", async (t) => {
  const { store, clock } = setup(t);
  const withDelay = (name: string, delayNs: number) => ({
    annotations: { name },
    task: {
      container: { image: "nginx" },
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs },
    },
    replicated: { replicas: 1 },
  });
  await store.update((tx) => {
    tx.create("service", { id: "s1", spec: withDelay("slow", 5_000_000_000) });
    tx.create("service", { id: "s2", spec: withDelay("fast", 1_000_000_000) });
  });
  await settle();
  const fail = async (serviceId: string): Promise<void> => {
    const task = store.view((tx) => tx.tasks({ serviceId }))[0]!;
    const at = clock.now();
    await store.update((tx) =>
      tx.update("task", {
        ...task,
        status: { state: S.TASK_STATE_FAILED, timestamp: { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 } },
      }),
    );
    await settle();
  };
  const count = (serviceId: string): number => store.view((tx) => tx.tasks({ serviceId })).length;
  // The slow service waits until 5 s; the fast one's failure, later, is due first (at 2 s).
  await fail("s1");
  clock.advance(1_000);
  await fail("s2");
  clock.advance(1_000);
  await settle();
  t.is(count("s2"), 2, "the fast service's task is replaced at its own delay");
  t.is(count("s1"), 1, "the slow service's task is not replaced before its delay");
  clock.advance(3_000);
  await settle();
  t.is(count("s1"), 2, "the slow service's wake-up outlives the fast one's");
});

test("replicated orchestrator keeps a delayed restart planned in a pass whose later transaction failed", async (t) => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let index = 0;
  let failNext = false;
  store.setProposer({
    propose: (data) => {
      if (!failNext) return Promise.resolve(store.apply(data, ++index));
      failNext = false;
      return Promise.reject(new SequenceConflictError("task", "t", 1, 2));
    },
  });
  const restart = { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 5_000_000_000 };
  const spec = (name: string, replicas: number) => ({
    annotations: { name },
    task: { container: { image: "nginx" }, restart },
    replicated: { replicas },
  });
  // Before the orchestrator starts: s1's task has failed, s2 needs a full transaction of tasks, s3 one more.
  const at = clock.now();
  await store.update((tx) => {
    tx.create("service", { id: "s1", spec: spec("waits", 1) });
    tx.create("task", {
      id: "old",
      serviceId: "s1",
      slot: 1,
      desiredState: S.TASK_STATE_RUNNING,
      status: { state: S.TASK_STATE_FAILED, timestamp: { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 } },
    });
    tx.create("service", { id: "s2", spec: spec("big", writesPerTransactionMax) });
    tx.create("service", { id: "s3", spec: spec("small", 1) });
  });
  // The first pass commits s1 (nothing to write before its delay) and s2; its next transaction, for s3, fails.
  let n = 0;
  const orchestrator = new ServiceOrchestrator(store, { clock, newId: () => `task${++n}` });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  const original = store.update.bind(store);
  let updates = 0;
  store.update = (fn) => {
    if (++updates === 2) failNext = true;
    return original(fn);
  };
  void orchestrator.run(abort.signal);
  await settle();
  t.true(updates >= 3, `${updates} transactions`);
  t.is(store.view((tx) => tx.tasks({ serviceId: "s3" })).length, 1, "the failed transaction's service is retried");
  t.is(store.view((tx) => tx.tasks({ serviceId: "s1" })).length, 1, "no replacement before the delay");
  clock.advance(5_000);
  await settle();
  t.is(store.view((tx) => tx.tasks({ serviceId: "s1" })).length, 2, "the delayed restart happens");
});

test("replicated orchestrator replaces a task placed on a node that is down or does not fit, and keeps one placed where it fits", async (t) => {
  const { store } = setup(t);
  const State = swarm.v1.NodeStatus.State;
  const description = { platform: { os: "linux", architecture: "x86_64" } };
  const zone = (z: string): swarm.v1.NodeSpec.$Properties => ({ annotations: { labels: { zone: z } } });
  await store.update((tx) => {
    tx.create("node", { id: "fits", spec: zone("a"), status: { state: State.STATE_READY }, description });
    tx.create("node", { id: "down", spec: zone("a"), status: { state: State.STATE_DOWN }, description });
    tx.create("node", { id: "elsewhere", spec: zone("b"), status: { state: State.STATE_READY }, description });
  });
  const task = {
    container: { image: "process://sleep", args: ["60"] },
    placement: { constraints: ["node.labels.zone==a"] },
  };
  await store.update((tx) =>
    tx.create("service", { id: "s1", spec: { annotations: { name: "web" }, task, replicated: { replicas: 3 } } }),
  );
  await settle();
  const created = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  t.is(created.length, 3);
  // A scheduler that planned while the nodes were otherwise places slot 1, 2 and 3 on these nodes.
  const placed = new Map(created.map((x) => [x.slot ?? 0, x]));
  const nodeOfSlot = new Map([
    [1, "fits"],
    [2, "down"],
    [3, "elsewhere"],
  ]);
  await store.update((tx) => {
    for (const [slot, x] of placed)
      tx.update("task", { ...x, nodeId: nodeOfSlot.get(slot)!, status: { ...x.status, state: S.TASK_STATE_ASSIGNED } });
  });
  await settle();
  const now = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  const live = now.filter((x) => (x.desiredState ?? 0) === S.TASK_STATE_RUNNING);
  t.deepEqual(live.map((x) => x.slot).sort(), [1, 2, 3]);
  t.is(live.find((x) => x.slot === 1)?.id, placed.get(1)!.id, "the task on a fitting node stays");
  for (const slot of [2, 3]) {
    const old = store.view((tx) => tx.get("task", placed.get(slot)!.id ?? ""))!;
    t.is(old.desiredState, S.TASK_STATE_SHUTDOWN, `slot ${slot}'s placed task is stopped`);
    t.not(live.find((x) => x.slot === slot)?.id, old.id, `slot ${slot} has a replacement`);
  }
});
