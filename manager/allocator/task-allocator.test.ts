// Goal: the allocator gives services VIPs, tasks addresses and nodes their own address on the
// overlays their tasks use, all distinct and next-fit; a task finding its network exhausted stays
// NEW with a reason naming the network and proceeds once an address is freed; finished tasks and
// emptied nodes free theirs; a new leader's allocator continues after the stored cursor.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { ServiceOrchestrator } from "../orchestrator/index.js";
import { TaskScheduler } from "../scheduler/index.js";
import { MemoryStore } from "../store/index.js";
import { addressOf, formatIpv4 } from "./ipv4.js";
import { TaskAllocator } from "./task-allocator.js";

const S = swarm.v1.TaskState;
const DNSRR = swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR;

async function settle(): Promise<void> {
  for (let i = 0; i < 60; i++) await new Promise((r) => setImmediate(r));
}

function newStore(): MemoryStore {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  return store;
}

function start(t: { teardown: (fn: () => void) => void }, store: MemoryStore, pipeline: boolean): AbortController {
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  const components = pipeline
    ? [new ServiceOrchestrator(store), new TaskAllocator(store), new TaskScheduler(store, { debounce: null })]
    : [new TaskAllocator(store)];
  for (const c of components) void c.run(abort.signal);
  return abort;
}

const readyNode = (id: string): swarm.v1.Node.$Properties => ({
  id,
  role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
  spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
  description: { hostname: id, platform: { os: "linux", architecture: "x86_64" }, resources: { nanoCpus: 4e9 } },
  status: { state: swarm.v1.NodeStatus.State.STATE_READY },
});

const overlay = (id: string, subnet: string, gateway: string): swarm.v1.Network.$Properties => ({
  id,
  spec: { annotations: { name: id }, driver: "overlay" },
  ipam: [{ subnet, gateway }],
  vni: 4096,
  mtu: 1450,
});

const addr = (text: string | null | undefined): string => formatIpv4(addressOf(text ?? "") ?? 0);

test("services get VIPs, tasks addresses and nodes their own address on the overlays they use", async (t) => {
  const store = newStore();
  start(t, store, true);
  await store.update((tx) => {
    tx.create("node", readyNode("n1"));
    tx.create("node", readyNode("n2"));
    tx.create("network", overlay("back", "10.1.0.0/24", "10.1.0.1"));
  });
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name: "db" },
    task: { container: { image: "redis" }, networks: [{ target: "back", aliases: ["database"] }] },
    replicated: { replicas: 4 },
  };
  await store.update((tx) => tx.create("service", { id: "s1", spec, endpoint: { spec: {} } }));
  await settle();
  const service = store.view((tx) => tx.get("service", "s1")!);
  const vip = service.endpoint?.virtualIps?.[0];
  t.is(vip?.networkId, "back");
  t.regex(vip?.addr ?? "", /^10\.1\.0\.\d+\/24$/);
  const tasks = store.view((tx) => tx.tasks({ serviceId: "s1" }));
  t.is(tasks.length, 4);
  t.true(tasks.every((x) => x.status?.state === S.TASK_STATE_ASSIGNED));
  t.true(tasks.every((x) => x.networks?.[0]?.networkId === "back" && x.networks[0].aliases?.[0] === "database"));
  t.true(
    tasks.every((x) => x.endpoint?.virtualIps?.[0]?.addr === vip?.addr),
    "tasks carry the service's endpoint",
  );
  const nodes = store.view((tx) => tx.all("node"));
  t.true(nodes.every((n) => n.attachments?.length === 1 && n.attachments[0]?.networkId === "back"));
  const all = [
    vip?.addr,
    ...tasks.map((x) => x.networks?.[0]?.addresses?.[0]),
    ...nodes.map((n) => n.attachments?.[0]?.addresses?.[0]),
  ];
  t.is(new Set(all).size, 7, "every address is distinct");
  t.false(all.includes("10.1.0.1/24"), "the gateway is never handed out");
  const cursor = store.view((tx) => tx.get("network", "back")!.lastAllocated);
  t.true(all.map(addr).includes(cursor ?? ""), "the cursor is stored on the network");
});

test("a dnsrr service gets no VIP and its tasks still get addresses", async (t) => {
  const store = newStore();
  start(t, store, true);
  await store.update((tx) => {
    tx.create("node", readyNode("n1"));
    tx.create("network", overlay("back", "10.1.0.0/24", "10.1.0.1"));
  });
  await store.update((tx) =>
    tx.create("service", {
      id: "s1",
      spec: {
        annotations: { name: "db" },
        task: { container: { image: "redis" }, networks: [{ target: "back" }] },
        replicated: { replicas: 2 },
        endpoint: { mode: DNSRR },
      },
      endpoint: { spec: { mode: DNSRR } },
    }),
  );
  await settle();
  t.deepEqual(
    store.view((tx) => tx.get("service", "s1")!.endpoint?.virtualIps ?? []),
    [],
  );
  t.true(store.view((tx) => tx.tasks({ serviceId: "s1" })).every((x) => x.networks?.[0]?.addresses?.length === 1));
});

const newTask = (id: string, network: string, nodeId = ""): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "s1",
  ...(nodeId ? { nodeId } : {}),
  spec: { container: { image: "x" }, networks: [{ target: network }] },
  desiredState: S.TASK_STATE_RUNNING,
  status: { state: S.TASK_STATE_NEW },
});

test("an exhausted network leaves tasks NEW with a reason naming it until an address is freed", async (t) => {
  const store = newStore();
  start(t, store, false);
  await store.update((tx) => {
    // A /29 with its gateway holds five addresses. The tasks are on no node yet, so no node needs one.
    tx.create("network", overlay("small", "10.9.0.0/29", "10.9.0.1"));
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "s" }, task: { networks: [{ target: "small" }] }, endpoint: { mode: DNSRR } },
    });
    for (const id of ["t1", "t2", "t3", "t4", "t5", "t6"]) tx.create("task", newTask(id, "small"));
  });
  await settle();
  const states = (): Record<string, string> =>
    Object.fromEntries(
      store
        .view((tx) => tx.all("task"))
        .map((x): [string, string] => [x.id ?? "", `${x.status?.state ?? 0} ${x.status?.message ?? ""}`]),
    );
  const waiting = Object.entries(states()).filter(([, s]) => s.startsWith(`${S.TASK_STATE_NEW} `));
  t.is(waiting.length, 1, JSON.stringify(states()));
  t.regex(waiting[0]![1], /no free address on network small \(10\.9\.0\.0\/29\) for the task: all 5 are in use/);
  const t1 = store.view((tx) => tx.get("task", "t1")!);
  const freedAddr = t1.networks?.[0]?.addresses?.[0];
  await store.update((tx) => tx.update("task", { ...t1, status: { state: S.TASK_STATE_FAILED } }));
  await settle();
  const now = store.view((tx) => tx.get("task", waiting[0]![0])!);
  t.is(now.status?.state, S.TASK_STATE_PENDING, "the freed address let the waiting task through");
  t.is(now.networks?.[0]?.addresses?.[0], freedAddr, "the only free address, after the range wrapped");
});

test("a finished task frees its address and a node with no task left on a network frees its own", async (t) => {
  const store = newStore();
  start(t, store, false);
  await store.update((tx) => {
    tx.create("node", readyNode("n1"));
    tx.create("network", overlay("back", "10.1.0.0/24", "10.1.0.1"));
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "s" }, task: { networks: [{ target: "back" }] }, endpoint: { mode: DNSRR } },
    });
    tx.create("task", newTask("t1", "back", "n1"));
  });
  await settle();
  t.is(
    store.view((tx) => tx.get("node", "n1")!.attachments?.length),
    1,
  );
  const t1 = store.view((tx) => tx.get("task", "t1")!);
  await store.update((tx) => tx.update("task", { ...t1, status: { state: S.TASK_STATE_SHUTDOWN } }));
  await settle();
  t.deepEqual(
    store.view((tx) => tx.get("node", "n1")!.attachments ?? []),
    [],
  );
  t.deepEqual(
    store.view((tx) => tx.get("task", "t1")!.networks?.map((n) => n.networkId)),
    ["back"],
    "a finished task keeps its attachment as history",
  );
});

test("a service detached from a network loses its VIP there and a new leader continues after the cursor", async (t) => {
  const store = newStore();
  const first = start(t, store, false);
  await store.update((tx) => {
    tx.create("network", overlay("a", "10.1.0.0/24", "10.1.0.1"));
    tx.create("network", overlay("b", "10.2.0.0/24", "10.2.0.1"));
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "s" }, task: { networks: [{ target: "a" }, { target: "b" }] } },
    });
  });
  await settle();
  const both = store.view((tx) => tx.get("service", "s1")!);
  t.deepEqual(
    both.endpoint?.virtualIps?.map((v) => [v.networkId, v.addr]),
    [
      ["a", "10.1.0.2/24"],
      ["b", "10.2.0.2/24"],
    ],
  );
  await store.update((tx) => {
    const s = tx.get("service", "s1")!;
    tx.update("service", { ...s, spec: { ...s.spec, task: { networks: [{ target: "b" }] } } });
  });
  await settle();
  t.deepEqual(
    store.view((tx) => tx.get("service", "s1")!.endpoint?.virtualIps?.map((v) => v.networkId)),
    ["b"],
  );
  // Leadership moves: a new allocator rebuilds its table from the store and the stored cursor.
  first.abort();
  start(t, store, false);
  await store.update((tx) => {
    const s = tx.get("service", "s1")!;
    tx.update("service", { ...s, spec: { ...s.spec, task: { networks: [{ target: "a" }, { target: "b" }] } } });
  });
  await settle();
  t.deepEqual(
    store.view((tx) => tx.get("service", "s1")!.endpoint?.virtualIps?.map((v) => [v.networkId, v.addr])),
    [
      ["a", "10.1.0.3/24"],
      ["b", "10.2.0.2/24"],
    ],
    "the freed 10.1.0.2 is not handed out again before the range wraps",
  );
});
