// Goal: a service whose tasks together far outgrow one raft entry (a spec near its 256 KiB bound,
// 30 replicas: about 7 MB of tasks) is carried through the leader's components in transactions that
// each fit in one entry: the orchestrator creates its tasks, the allocator and the scheduler update
// them, the orchestrator stops them and the reaper deletes them after the service is removed. Before,
// each of these wrote one transaction for all of them, which a raft entry cannot hold.
import test from "ava";
import { waitFor } from "../common/index.js";
import { swarm } from "../proto/index.js";
import { entryBytesMax } from "../raft/index.js";
import { TaskAllocator } from "./allocator/index.js";
import { serviceSpecBytesMax } from "./controlapi/index.js";
import { ServiceOrchestrator, TaskReaper } from "./orchestrator/index.js";
import { TaskScheduler } from "./scheduler/index.js";
import { MemoryStore, transactionBytesMax } from "./store/index.js";

test("a service with large specs is created, scheduled and removed in transactions that each fit a raft entry", async (t) => {
  t.timeout(120_000);
  const store = new MemoryStore();
  const entries: number[] = [];
  store.setProposer({
    propose: (data) => {
      entries.push(data.length);
      // A real member would refuse it: the bound is what the transport carries.
      if (data.length > entryBytesMax) return Promise.reject(new Error(`an entry of ${data.length} bytes`));
      return Promise.resolve(store.apply(data, entries.length));
    },
  });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  for (const component of [
    new ServiceOrchestrator(store),
    new TaskAllocator(store),
    new TaskScheduler(store, { debounce: null }),
    new TaskReaper(store),
  ])
    void component.run(abort.signal);

  // No node: every task stays PENDING with the scheduler's reason, one more write per task.
  const env = Array.from(
    { length: Math.floor((serviceSpecBytesMax - 8 * 1024) / 1000) },
    (_, i) => `K${i}=${"v".repeat(990)}`,
  );
  const replicas = 30;
  await store.update((tx) =>
    tx.create("service", {
      id: "big",
      spec: { annotations: { name: "big" }, task: { container: { image: "redis:7", env } }, replicated: { replicas } },
    }),
  );
  const tasks = () => store.view((tx) => tx.tasks({ serviceId: "big" }));
  await waitFor(
    "every task pending with the scheduler's reason",
    () =>
      tasks().length === replicas &&
      tasks().every(
        (x) =>
          x.status?.state === swarm.v1.TaskState.TASK_STATE_PENDING && x.status.message !== "pending task scheduling",
      )
        ? true
        : undefined,
    { timeoutMs: 60_000 },
  );
  await store.update((tx) => tx.remove("service", "big"));
  await waitFor("every task deleted", () => (tasks().length === 0 ? true : undefined), { timeoutMs: 60_000 });
  const largest = Math.max(...entries);
  t.true(largest <= transactionBytesMax + 64, `the largest entry holds ${largest} bytes`);
  t.true(entries.filter((n) => n > 1024 * 1024).length >= 4, "the writes were split, not refused");
});
