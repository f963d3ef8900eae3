// Goal: the replicated orchestrator, driven by the store's commits, creates one task per slot,
// follows scale up and down, replaces a failed task after its restart delay, and stops the tasks
// of a removed service.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { FakeClock } from "../../common/index.js";
import { ServiceOrchestrator } from "./service-orchestrator.js";

const S = swarm.v1.TaskState;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

function setup(t: { teardown: (fn: () => void) => void }): { store: MemoryStore; clock: FakeClock } {
  const clock = new FakeClock();
  const store = new MemoryStore({ now: () => clock.now() });
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  let n = 0;
  const orchestrator = new ServiceOrchestrator(store, clock, () => `task${++n}`);
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
  t.is(first.status?.state ?? S.TASK_STATE_NEW, S.TASK_STATE_NEW); // proto3 leaves a zero enum unset
  t.is(first.status?.message, "created");

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
