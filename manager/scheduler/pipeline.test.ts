// Goal: the leader's pipeline works end to end on one store: the orchestrator creates tasks, the
// allocator makes them PENDING with the service's endpoint, and the scheduler assigns them to
// ready nodes (spread over them), or leaves them PENDING with a reason users can act on.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { TaskAllocator } from "../allocator/index.js";
import { ServiceOrchestrator } from "../orchestrator/index.js";
import { MemoryStore } from "../store/index.js";
import { TaskScheduler } from "./task-scheduler.js";

const S = swarm.v1.TaskState;
const GiB = 1024 ** 3;

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}

function node(id: string, memoryBytes: number, zone: string): swarm.v1.Node.$Properties {
  return {
    id,
    role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
    spec: { annotations: { labels: { zone } }, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
    description: {
      hostname: id,
      platform: { os: "linux", architecture: "x86_64" },
      resources: { nanoCpus: 2e9, memoryBytes },
    },
    status: { state: swarm.v1.NodeStatus.State.STATE_READY },
  };
}

/** A store applying proposals at once, with the leader's orchestrator, allocator and scheduler running on it. */
function startLeader(t: { teardown: (fn: () => void) => void }): { store: MemoryStore; scheduler: TaskScheduler } {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  const scheduler = new TaskScheduler(store, { debounce: null });
  for (const component of [new ServiceOrchestrator(store), new TaskAllocator(store), scheduler])
    void component.run(abort.signal);
  return { store, scheduler };
}

test("orchestrator, allocator and scheduler take a service from spec to assigned tasks", async (t) => {
  const { store, scheduler } = startLeader(t);

  await store.update((tx) => {
    tx.create("node", node("n1", 4 * GiB, "a"));
    tx.create("node", node("n2", 4 * GiB, "b"));
    tx.create("node", node("n3", 1 * GiB, "b"));
  });
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name: "web" },
    task: {
      container: { image: "nginx" },
      resources: { reservations: { memoryBytes: 1 * GiB } },
      placement: { constraints: ["node.labels.zone!=c"], preferences: [{ spreadDescriptor: "node.labels.zone" }] },
    },
    replicated: { replicas: 4 },
    endpoint: { ports: [{ targetPort: 80, publishedPort: 8080 }] },
  };
  await store.update((tx) =>
    tx.create("service", { id: "s1", spec, endpoint: { spec: spec.endpoint!, ports: spec.endpoint!.ports! } }),
  );
  await settle();
  const tasks = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  t.is(tasks.length, 4);
  t.true(tasks.every((x) => x.status?.state === S.TASK_STATE_ASSIGNED && x.nodeId));
  t.true(
    tasks.every((x) => x.endpoint?.ports?.[0]?.publishedPort === 8080),
    "the allocator copied the endpoint",
  );
  const perZone = new Map<string, number>();
  for (const x of tasks) {
    const zone = x.nodeId === "n1" ? "a" : "b";
    perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
  }
  t.deepEqual([...perZone.values()].sort(), [2, 2], "spread over the zones");

  // Ask for more than the nodes can hold: the rest stays PENDING with a reason.
  const service = store.view((tx) => tx.get("service", "s1"))!;
  await store.update((tx) =>
    tx.update("service", { ...service, spec: { ...service.spec, replicated: { replicas: 12 } } }),
  );
  await settle();
  const pending = store
    .view((tx) => tx.tasks({ serviceId: "s1" }))
    .filter((x) => x.status?.state === S.TASK_STATE_PENDING);
  t.is(pending.length, 3, "9 GiB of nodes hold 9 tasks of 1 GiB");
  t.regex(pending[0]!.status?.message ?? "", /no suitable node \(.*insufficient memory on 3 nodes/);

  // A new node adds capacity: the pending tasks are placed without any other trigger.
  await store.update((tx) => tx.create("node", node("n4", 8 * GiB, "a")));
  await settle();
  t.is(
    store.view((tx) => tx.tasks({ serviceId: "s1" })).filter((x) => x.status?.state === S.TASK_STATE_PENDING).length,
    0,
  );
  t.true(scheduler.passCount >= 3);
});

test("a global service runs one assigned task on every eligible node and follows drains and new nodes", async (t) => {
  const { store } = startLeader(t);
  await store.update((tx) => {
    tx.create("node", node("n1", GiB, "a"));
    tx.create("node", node("n2", GiB, "b"));
    tx.create("node", node("n3", GiB, "c"));
  });
  const spec = {
    annotations: { name: "agent" },
    task: { container: { image: "busybox" }, placement: { constraints: ["node.labels.zone!=c"] } },
    global: {},
  };
  await store.update((tx) => tx.create("service", { id: "g1", spec }));
  await settle();
  const live = (): string[] =>
    store
      .view((tx) => tx.tasks({ serviceId: "g1" }))
      .filter((x) => x.desiredState === S.TASK_STATE_RUNNING && x.status?.state === S.TASK_STATE_ASSIGNED)
      .map((x) => x.nodeId ?? "")
      .sort();
  t.deepEqual(live(), ["n1", "n2"], "n3 does not match the constraint");
  const n2 = store.view((tx) => tx.get("node", "n2"))!;
  await store.update((tx) =>
    tx.update("node", { ...n2, spec: { ...n2.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN } }),
  );
  await store.update((tx) => tx.create("node", node("n4", GiB, "a")));
  await settle();
  t.deepEqual(live(), ["n1", "n4"]);
});

test("draining a node or changing its labels moves a replicated service's tasks elsewhere", async (t) => {
  const { store } = startLeader(t);
  await store.update((tx) => {
    tx.create("node", node("n1", 4 * GiB, "a"));
    tx.create("node", node("n2", 4 * GiB, "a"));
    tx.create("node", node("n3", 4 * GiB, "b"));
  });
  const spec = {
    annotations: { name: "api" },
    task: { container: { image: "busybox" }, placement: { constraints: ["node.labels.zone==a"] } },
    replicated: { replicas: 2 },
  };
  await store.update((tx) => tx.create("service", { id: "s1", spec }));
  await settle();
  const running = (): string[] =>
    store
      .view((tx) => tx.tasks({ serviceId: "s1" }))
      .filter((x) => x.desiredState === S.TASK_STATE_RUNNING && x.status?.state === S.TASK_STATE_ASSIGNED)
      .map((x) => x.nodeId ?? "")
      .sort();
  t.deepEqual(running(), ["n1", "n2"]);
  // n2 is drained and n3 moves into zone a: the task on n2 is replaced on n3.
  const n2 = store.view((tx) => tx.get("node", "n2"))!;
  const n3 = store.view((tx) => tx.get("node", "n3"))!;
  await store.update((tx) => {
    tx.update("node", { ...n2, spec: { ...n2.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN } });
    tx.update("node", { ...n3, spec: { ...n3.spec, annotations: { labels: { zone: "a" } } } });
  });
  await settle();
  t.deepEqual(running(), ["n1", "n3"]);
  // Relabelling n1 out of zone a moves its task too (nowhere left but n3).
  const n1 = store.view((tx) => tx.get("node", "n1"))!;
  await store.update((tx) =>
    tx.update("node", { ...n1, spec: { ...n1.spec, annotations: { labels: { zone: "z" } } } }),
  );
  await settle();
  t.deepEqual(running(), ["n3", "n3"]);
});

// Goal: nodes say which runtimes they offer (engine plugins of type Runtime), and the leader never
// sends a container image to a node that runs only processes, nor a process task to a Docker node;
// a task no node can run stays PENDING saying so. Global services skip the nodes that cannot run them.
test("container images go to container nodes, process tasks to process nodes, and none elsewhere", async (t) => {
  const { store } = startLeader(t);
  const offering = (id: string, runtime: string): swarm.v1.Node.$Properties => {
    const n = node(id, 4 * GiB, "a");
    return { ...n, description: { ...n.description, engine: { plugins: [{ type: "Runtime", name: runtime }] } } };
  };
  await store.update((tx) => {
    tx.create("node", offering("proc", "process"));
    tx.create("node", offering("dock", "container"));
  });
  const create = (id: string, image: string, mode: object): Promise<unknown> =>
    store.update((tx) =>
      tx.create("service", { id, spec: { annotations: { name: id }, task: { container: { image } }, ...mode } }),
    );
  await create("pg", "postgres:15-alpine", { replicated: { replicas: 3 } });
  await create("rd", "process://redis-server", { replicated: { replicas: 3 } });
  await create("gc", "busybox", { global: {} });
  await create("gp", "process:///usr/bin/env", { global: {} });
  await settle();
  const nodesOf = (serviceId: string): string[] =>
    [...new Set(store.view((tx) => tx.tasks({ serviceId })).map((x) => x.nodeId ?? ""))].sort();
  t.deepEqual(nodesOf("pg"), ["dock"]);
  t.deepEqual(nodesOf("rd"), ["proc"]);
  t.deepEqual(nodesOf("gc"), ["dock"]);
  t.deepEqual(nodesOf("gp"), ["proc"]);

  // Only process nodes left: a container image waits, and says why.
  const dock = store.view((tx) => tx.get("node", "dock"))!;
  await store.update((tx) => tx.remove("node", dock.id ?? ""));
  await create("web", "nginx:1", { replicated: { replicas: 1 } });
  await settle();
  const web = store.view((tx) => tx.tasks({ serviceId: "web" }));
  t.is(web[0]?.status?.state, S.TASK_STATE_PENDING);
  t.is(web[0]?.status?.message, "no node runs container images (1 node runs process tasks only)");
});

// Goal: a GPU a task holds is recorded on it and given to no other task until that task ends.
test("scheduler records assigned generic resources and frees them when the task ends", async (t) => {
  const { store } = startLeader(t);
  const gpuNode = node("g1", 4 * GiB, "a");
  gpuNode.description!.resources!.generic = [
    { kind: "gpu", value: "UUID1" },
    { kind: "gpu", value: "UUID2" },
  ];
  await store.update((tx) => {
    tx.create("node", gpuNode);
    tx.create("node", node("n1", 4 * GiB, "a"));
  });
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name: "train" },
    task: {
      container: { image: "trainer" },
      resources: { reservations: { generic: [{ kind: "gpu", count: 1 }] } },
    },
    replicated: { replicas: 3 },
  };
  await store.update((tx) => tx.create("service", { id: "s1", spec }));
  await settle();
  const tasks = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  const assigned = tasks.filter((x) => x.status?.state === S.TASK_STATE_ASSIGNED);
  t.deepEqual(
    assigned.map((x) => x.nodeId),
    ["g1", "g1"],
  );
  t.deepEqual(assigned.map((x) => x.assignedGenericResources?.[0]?.value).sort(), ["UUID1", "UUID2"]);
  const waiting = tasks.find((x) => x.status?.state === S.TASK_STATE_PENDING);
  t.is(waiting?.status?.message, "no suitable node (2 nodes have too few gpu)");
  // The first task fails: its GPU goes to the waiting task (or to its replacement).
  const first = assigned[0]!;
  await store.update((tx) => tx.update("task", { ...first, status: { ...first.status, state: S.TASK_STATE_FAILED } }));
  await settle();
  const now = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  const holding = now.filter(
    (x) => x.id !== first.id && x.assignedGenericResources?.[0]?.value === first.assignedGenericResources?.[0]?.value,
  );
  t.is(holding.length, 1, "another task was given the freed GPU");
});
