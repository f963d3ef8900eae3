// Goal: the orchestrator creates a task PENDING only when the allocator's NEW → PENDING write of it
// would change nothing but its state and message: on no overlay, of a service holding no VIP. Such a
// task is then exactly what the allocator makes of the same task created NEW.
import test from "ava";
import { waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { newTask } from "../orchestrator/index.js";
import { MemoryStore } from "../store/index.js";
import { needsNoAllocation, pendingSchedulingMessage } from "./allocation-free.js";
import { TaskAllocator } from "./task-allocator.js";

const S = swarm.v1.TaskState;
type Service = swarm.v1.Service.$Properties;

const hostPort: swarm.v1.PortConfig.$Properties = {
  protocol: swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
  targetPort: 80,
  publishedPort: 8080,
  publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST,
};

/** Services whose tasks need no allocation. */
const free: Record<string, Service> = {
  "no network": { id: "a", spec: { annotations: { name: "a" }, task: { container: { image: "x" } } } },
  "host network, host port": {
    id: "b",
    spec: {
      annotations: { name: "b", labels: { tier: "web" } },
      task: { container: { image: "x" }, networks: [{ target: "host" }] },
      endpoint: { ports: [hostPort] },
    },
    endpoint: { spec: { ports: [hostPort] }, ports: [hostPort] },
  },
  "network none": {
    id: "c",
    spec: { annotations: { name: "c" }, task: { container: { image: "x" }, networks: [{ target: "none" }] } },
  },
};

/** Services whose tasks the allocator must see. */
const needing: Record<string, Service> = {
  "an overlay in the task template": {
    id: "d",
    spec: { annotations: { name: "d" }, task: { networks: [{ target: "back" }] } },
  },
  "an overlay in the service-level attachments": {
    id: "e",
    spec: { annotations: { name: "e" }, task: {}, networks: [{ target: "back" }] },
  },
  "a VIP still held": {
    id: "f",
    spec: { annotations: { name: "f" }, task: {} },
    endpoint: { spec: {}, virtualIps: [{ networkId: "back", addr: "10.1.0.2/24" }] },
  },
  "a network named by a name not yet known": {
    id: "g",
    spec: { annotations: { name: "g" }, task: { networks: [{ target: "later" }] } },
  },
};

test("needsNoAllocation holds only for a service on no overlay that holds no VIP", (t) => {
  for (const [what, service] of Object.entries(free)) t.true(needsNoAllocation(service), what);
  for (const [what, service] of Object.entries(needing)) t.false(needsNoAllocation(service), what);
});

test("newTask creates a task that needs an allocation NEW and one that needs none PENDING", (t) => {
  const needs = newTask(needing["an overlay in the task template"]!, 1, "t1", 0);
  t.is(needs.status?.state, S.TASK_STATE_NEW);
  t.is(needs.status?.message, "created");
  const folded = newTask(free["no network"]!, 1, "t2", 0);
  t.is(folded.status?.state, S.TASK_STATE_PENDING);
  t.is(folded.status?.message, pendingSchedulingMessage);
});

/** A task's bytes without its store metadata: what two writers must agree on. */
const bytesOf = (task: swarm.v1.Task.$Properties): Buffer =>
  Buffer.from(swarm.v1.Task.encode(swarm.v1.Task.fromObject({ ...task, meta: undefined })).finish());

test("a task created PENDING is byte for byte what the allocator makes of it created NEW", async (t) => {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  void new TaskAllocator(store).run(abort.signal);
  const services = Object.values(free);
  await store.update((tx) => services.forEach((s) => tx.create("service", s)));
  const stored = store.view((tx) => services.map((s) => tx.get("service", s.id ?? "")!));
  const folded = stored.map((s, i) => newTask(s, 1, `task-${i}`, 1_700_000_000_000));
  t.true(folded.every((x) => x.status?.state === S.TASK_STATE_PENDING));
  // The same tasks as the orchestrator created every task before: NEW, for the allocator.
  await store.update((tx) =>
    folded.forEach((x) =>
      tx.create("task", { ...x, status: { ...x.status, state: S.TASK_STATE_NEW, message: "created" } }),
    ),
  );
  const allocated = await waitFor("the allocator to make the tasks PENDING", () => {
    const now = store.view((tx) => folded.map((x) => tx.get("task", x.id ?? "")!));
    return now.every((x) => x.status?.state === S.TASK_STATE_PENDING) ? now : undefined;
  });
  for (const [i, x] of allocated.entries()) t.deepEqual(bytesOf(x), bytesOf(folded[i]!), services[i]!.id ?? "");
});
