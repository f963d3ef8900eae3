import test from "ava";
import { planTasks } from "./plan-tasks.js";
import { cpuNanos, gibBytes, makeNode, makeTasks } from "./test-helpers.js";
import type { NodeView, Plan } from "./types.js";

function nodesOf(plan: Plan): string[] {
  return plan.assignments.map((a) => a.nodeId);
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

test("planTasks skips nodes that are not ready", (t) => {
  const plan = planTasks(
    { nodes: [makeNode("a", { state: "down" }), makeNode("b", { state: "disconnected" }), makeNode("c")] },
    makeTasks("s", 2),
  );
  t.deepEqual(nodesOf(plan), ["c", "c"]);
});

test("planTasks skips paused and drained nodes", (t) => {
  const plan = planTasks(
    { nodes: [makeNode("a", { availability: "pause" }), makeNode("b", { availability: "drain" }), makeNode("c")] },
    makeTasks("s", 1),
  );
  t.deepEqual(nodesOf(plan), ["c"]);
});

test("planTasks places a task only on a node of one of its platforms", (t) => {
  const nodes = [makeNode("a"), makeNode("b", { platform: { os: "linux", architecture: "aarch64" } })];
  const plan = planTasks(
    { nodes },
    makeTasks("s", 2, { placement: { platforms: [{ os: "linux", architecture: "arm64" }] } }),
  );
  t.deepEqual(nodesOf(plan), ["b", "b"]);
});

// Goal: a container image never goes to a node that runs only host processes, nor a process task to
// a node that runs only containers; the reason names what no node runs.
test("planTasks places a task only on a node offering its runtime and says when none does", (t) => {
  const nodes = [
    makeNode("docker", { runtimes: ["container"] }),
    makeNode("proc", { runtimes: ["process"] }),
    makeNode("any"),
  ];
  const containers = planTasks({ nodes }, makeTasks("c", 4, { runtime: "container" }));
  t.deepEqual(countBy(nodesOf(containers)), { docker: 2, any: 2 });
  const processes = planTasks({ nodes }, makeTasks("p", 4, { runtime: "process" }));
  t.deepEqual(countBy(nodesOf(processes)), { proc: 2, any: 2 });
  const onlyProcesses = planTasks(
    { nodes: [makeNode("p1", { runtimes: ["process"] }), makeNode("p2", { runtimes: ["process"] })] },
    makeTasks("c", 1, { runtime: "container" }),
  );
  t.is(onlyProcesses.unplaced[0]?.reason, "no node runs container images (2 nodes run process tasks only)");
  const mixed = planTasks(
    { nodes: [makeNode("d1", { runtimes: ["container"] }), makeNode("p1", { runtimes: ["process"], state: "down" })] },
    makeTasks("p", 1, { runtime: "process" }),
  );
  t.is(mixed.unplaced[0]?.reason, "no suitable node (1 node not ready, 1 node runs container images only)");
});

// Goal: a task on an overlay network goes only to nodes that can join overlay networks (those that
// report they cannot are skipped; nodes that report nothing are trusted), and the reason says so.
test("planTasks places an overlay task only on nodes that can join overlay networks", (t) => {
  const nodes = [makeNode("net", { overlay: true }), makeNode("plain", { overlay: false }), makeNode("old")];
  const overlay = planTasks({ nodes }, makeTasks("o", 4, { overlay: true }));
  t.deepEqual(countBy(nodesOf(overlay)), { net: 2, old: 2 });
  const plain = planTasks({ nodes }, makeTasks("h", 3));
  t.deepEqual(countBy(nodesOf(plain)), { net: 1, plain: 1, old: 1 });
  const none = planTasks(
    { nodes: [makeNode("p1", { overlay: false }), makeNode("p2", { overlay: false, state: "down" })] },
    makeTasks("o", 1, { overlay: true }),
  );
  t.is(none.unplaced[0]?.reason, "no suitable node (1 node not ready, 1 node cannot join overlay networks)");
});

// Goal: a task on an encrypted overlay network goes only to nodes that can encrypt (a WireGuard
// tunnel), and a task nobody can take says how many nodes cannot encrypt.
test("planTasks places an encrypted-network task only on nodes that can encrypt and says when none can", (t) => {
  const nodes = [
    makeNode("wg", { overlay: true, encrypted: true }),
    makeNode("nowg", { overlay: true, encrypted: false }),
    makeNode("old"),
  ];
  const encrypted = planTasks({ nodes }, makeTasks("e", 4, { overlay: true, encrypted: true }));
  t.deepEqual(countBy(nodesOf(encrypted)), { wg: 2, old: 2 });
  const plain = planTasks({ nodes }, makeTasks("o", 3, { overlay: true }));
  t.deepEqual(countBy(nodesOf(plain)), { wg: 1, nowg: 1, old: 1 });
  const none = planTasks(
    {
      nodes: [
        makeNode("n1", { overlay: true, encrypted: false }),
        makeNode("n2", { overlay: true, encrypted: false }),
        makeNode("n3", { overlay: false, encrypted: false }),
      ],
    },
    makeTasks("e", 1, { overlay: true, encrypted: true }),
  );
  t.is(
    none.unplaced[0]?.reason,
    "no suitable node (1 node cannot join overlay networks, 2 nodes cannot encrypt overlay traffic)",
  );
});

test("planTasks never reserves more than a node offers, counting assigned and newly placed tasks", (t) => {
  const existing = { serviceId: "old", reservations: { nanoCpus: 3 * cpuNanos, memoryBytes: 0 }, hostPorts: [] };
  const nodes = [makeNode("a", { tasks: [existing] }), makeNode("b")];
  const plan = planTasks({ nodes }, makeTasks("s", 6, { reservations: { nanoCpus: cpuNanos, memoryBytes: gibBytes } }));
  t.deepEqual(countBy(nodesOf(plan)), { a: 1, b: 4 });
  t.is(plan.unplaced.length, 1);
  t.is(plan.unplaced[0]?.reason, "no suitable node (insufficient CPU on 2 nodes)");
  const memory = planTasks(
    { nodes: [makeNode("a")] },
    makeTasks("m", 2, { reservations: { nanoCpus: 0, memoryBytes: 5 * gibBytes } }),
  );
  t.is(memory.assignments.length, 1);
  t.is(memory.unplaced[0]?.reason, "no suitable node (insufficient memory on 1 node)");
});

test("planTasks applies constraints on role, hostname, id and labels", (t) => {
  const nodes = [
    makeNode("a", { role: "manager", labels: { zone: "eu" } }),
    makeNode("b", { labels: { zone: "us" }, engineLabels: { gpu: "yes" } }),
    makeNode("c"),
  ];
  const place = (constraints: string[]): string[] =>
    nodesOf(planTasks({ nodes }, makeTasks("s", 1, { placement: { constraints } })));
  t.deepEqual(place(["node.role==manager"]), ["a"]);
  t.deepEqual(place(["node.labels.zone!=eu", "node.role==worker", "node.id!=b"]), ["c"]);
  t.deepEqual(place(["node.labels.zone==us"]), ["b"]);
  t.deepEqual(place(["engine.labels.gpu==yes"]), ["b"]);
  t.deepEqual(place(["node.hostname==host-c"]), ["c"]);
  const none = planTasks({ nodes }, makeTasks("s", 1, { placement: { constraints: ["node.labels.zone==ap"] } }));
  t.is(none.unplaced[0]?.reason, "no suitable node (scheduling constraints not satisfied on 3 nodes)");
});

test("planTasks keeps a host-mode port to one task per node and protocol", (t) => {
  const busy = {
    serviceId: "other",
    reservations: { nanoCpus: 0, memoryBytes: 0 },
    hostPorts: [{ protocol: "tcp" as const, port: 80 }],
  };
  const nodes = [makeNode("a", { tasks: [busy] }), makeNode("b"), makeNode("c")];
  const plan = planTasks({ nodes }, makeTasks("s", 3, { hostPorts: [{ protocol: "tcp", port: 80 }] }));
  t.deepEqual(nodesOf(plan).sort(), ["b", "c"]);
  t.is(plan.unplaced[0]?.reason, "no suitable node (host-mode port already in use on 3 nodes)");
  const udp = planTasks(
    { nodes: nodes.slice(0, 1) },
    makeTasks("u", 1, { hostPorts: [{ protocol: "udp", port: 80 }] }),
  );
  t.deepEqual(nodesOf(udp), ["a"], "udp/80 is free where tcp/80 is taken");
});

test("planTasks puts at most maxReplicas tasks of a service on one node", (t) => {
  const existing = { serviceId: "s", reservations: { nanoCpus: 0, memoryBytes: 0 }, hostPorts: [] };
  const nodes = [makeNode("a", { tasks: [existing] }), makeNode("b")];
  const plan = planTasks({ nodes }, makeTasks("s", 4, { placement: { maxReplicas: 2 } }));
  t.deepEqual(countBy(nodesOf(plan)), { a: 1, b: 2 });
  t.is(plan.unplaced[0]?.reason, "no suitable node (max replicas per node reached on 2 nodes)");
});

test("planTasks counts each node once, under the first filter it fails", (t) => {
  const nodes = [
    makeNode("a", { state: "down", availability: "drain" }),
    makeNode("b", { availability: "drain" }),
    makeNode("c", { resources: { nanoCpus: 4 * cpuNanos, memoryBytes: gibBytes } }),
    makeNode("d", { role: "manager" }),
    makeNode("e", { platform: { os: "windows", architecture: "amd64" } }),
    makeNode("f", { role: "manager", resources: { nanoCpus: 4 * cpuNanos, memoryBytes: gibBytes } }),
  ];
  const plan = planTasks(
    { nodes },
    makeTasks("s", 1, {
      reservations: { nanoCpus: 0, memoryBytes: 2 * gibBytes },
      placement: { constraints: ["node.role==worker"], platforms: [{ os: "linux", architecture: "" }] },
    }),
  );
  t.is(
    plan.unplaced[0]?.reason,
    "no suitable node (1 node not ready, 1 node not available for new tasks, unsupported platform on 1 node, insufficient memory on 2 nodes, scheduling constraints not satisfied on 1 node)",
  );
  t.is(planTasks({ nodes: [] }, makeTasks("s", 1)).unplaced[0]?.reason, "no suitable node (no nodes in the cluster)");
});

test("planTasks explains an invalid constraint instead of throwing", (t) => {
  const plan = planTasks(
    { nodes: [makeNode("a")] },
    makeTasks("s", 2, { placement: { constraints: ["node.colour==red"] } }),
  );
  t.is(plan.unplaced.length, 2);
  t.regex(plan.unplaced[0]?.reason ?? "", /invalid placement: placement\.constraints\[0\]: .*node\.colour==red/);
});

test("planTasks prefers nodes with fewer tasks of the service, then fewer tasks, then the lower id", (t) => {
  const task = (serviceId: string) => ({ serviceId, reservations: { nanoCpus: 0, memoryBytes: 0 }, hostPorts: [] });
  const nodes = [
    makeNode("d", { tasks: [task("s")] }),
    makeNode("c", { tasks: [task("x"), task("x")] }),
    makeNode("b", { tasks: [task("x")] }),
    makeNode("a", { tasks: [task("x")] }),
  ];
  // a and b tie on both counts (a wins by id); c has more tasks overall; d already runs s.
  t.deepEqual(nodesOf(planTasks({ nodes }, makeTasks("s", 3))), ["a", "b", "c"]);
});

test("planTasks pushes nodes where the service failed recently after the others", (t) => {
  const nodes = [
    makeNode("a", { recentFailures: new Map([["s", 5]]) }),
    makeNode("b", { recentFailures: new Map([["s", 6]]), tasks: [] }),
    makeNode("c", {
      tasks: [{ serviceId: "s", reservations: { nanoCpus: 0, memoryBytes: 0 }, hostPorts: [] }],
      recentFailures: new Map([["s", 4]]),
    }),
    makeNode("d", { recentFailures: new Map([["other", 9]]) }),
  ];
  // d is clean and c below the threshold, so they take every task although they already run more.
  t.deepEqual(nodesOf(planTasks({ nodes }, makeTasks("s", 4))), ["d", "c", "d", "c"]);
  // Among avoided nodes the one with fewer failures comes first, even with more tasks of the service.
  const avoided = [makeNode("a", { recentFailures: new Map([["s", 7]]) }), nodes[1] as NodeView];
  t.deepEqual(nodesOf(planTasks({ nodes: avoided }, makeTasks("s", 3))), ["b", "b", "b"]);
  t.deepEqual(nodesOf(planTasks({ nodes }, makeTasks("s", 2), { recentFailuresAvoidMin: 100 })), ["a", "b"]);
});

test("planTasks spreads over a label, with nodes missing it as their own group", (t) => {
  const nodes = [
    makeNode("a1", { labels: { zone: "a" } }),
    makeNode("a2", { labels: { zone: "a" } }),
    makeNode("a3", { labels: { zone: "a" } }),
    makeNode("b1", { labels: { zone: "b" } }),
    makeNode("x1"),
  ];
  const plan = planTasks({ nodes }, makeTasks("s", 6, { placement: { preferences: ["node.labels.zone"] } }));
  const zones = nodesOf(plan).map((id) => id.slice(0, 1));
  t.deepEqual(countBy(zones), { a: 2, b: 2, x: 2 });
  t.deepEqual(countBy(nodesOf(plan).filter((id) => id.startsWith("a"))), { a1: 1, a2: 1 });
});

test("planTasks applies nested spread preferences within the chosen group", (t) => {
  const nodes: NodeView[] = [];
  for (const zone of ["z1", "z2"])
    for (const rack of ["r1", "r2"])
      for (const i of [1, 2]) nodes.push(makeNode(`${zone}-${rack}-${i}`, { labels: { zone, rack } }));
  // One existing task in z1/r1 makes z2 take the first new task and r2 the first of z1's.
  nodes[0] = makeNode("z1-r1-1", {
    labels: { zone: "z1", rack: "r1" },
    tasks: [{ serviceId: "s", reservations: { nanoCpus: 0, memoryBytes: 0 }, hostPorts: [] }],
  });
  const plan = planTasks(
    { nodes },
    makeTasks("s", 7, { placement: { preferences: ["node.labels.zone", "node.labels.rack"] } }),
  );
  const placed = nodesOf(plan);
  t.true(placed[0]?.startsWith("z2"));
  const all = [...placed, "z1-r1-1"];
  t.deepEqual(countBy(all.map((id) => id.slice(0, 2))), { z1: 4, z2: 4 });
  t.deepEqual(countBy(all.map((id) => id.slice(0, 5))), { "z1-r1": 2, "z1-r2": 2, "z2-r1": 2, "z2-r2": 2 });
  t.is(new Set(all).size, 8, "within a rack, the node without the service is chosen");
});

test("planTasks moves on to the next group when a spread group fills up", (t) => {
  const small = { nanoCpus: cpuNanos, memoryBytes: gibBytes };
  const nodes = [
    makeNode("a1", { labels: { zone: "a" }, resources: { nanoCpus: cpuNanos, memoryBytes: 8 * gibBytes } }),
    makeNode("b1", { labels: { zone: "b" } }),
  ];
  const plan = planTasks(
    { nodes },
    makeTasks("s", 4, { reservations: small, placement: { preferences: ["node.labels.zone"] } }),
  );
  t.deepEqual(countBy(nodesOf(plan)), { a1: 1, b1: 3 });
});

test("planTasks counts tasks placed earlier in the plan, across services", (t) => {
  const nodes = [makeNode("a"), makeNode("b")];
  const pending = [
    ...makeTasks("s", 1, { reservations: { nanoCpus: 3 * cpuNanos, memoryBytes: 0 } }),
    ...makeTasks("t", 1, { reservations: { nanoCpus: 2 * cpuNanos, memoryBytes: 0 } }),
    ...makeTasks("u", 1),
  ];
  const plan = planTasks({ nodes }, pending);
  // s takes a; t no longer fits on a; u goes to the node with fewer tasks, which ties, so a by id.
  t.deepEqual(nodesOf(plan), ["a", "b", "a"]);
  t.deepEqual(
    nodesOf(planTasks({ nodes }, [...makeTasks("s", 1), ...makeTasks("u", 1)])),
    ["a", "b"],
    "u avoids the node s just took",
  );
});

test("planTasks groups tasks of one service with different specs separately", (t) => {
  const nodes = [makeNode("a", { role: "manager" }), makeNode("b")];
  const pending = [
    ...makeTasks("s", 1, { placement: { constraints: ["node.role==worker"] } }),
    { ...makeTasks("s", 1, { placement: { constraints: ["node.role==manager"] } })[0]!, id: "s-new" },
  ];
  const plan = planTasks({ nodes }, pending);
  t.deepEqual(plan.assignments, [
    { taskId: "s-t0", nodeId: "b" },
    { taskId: "s-new", nodeId: "a" },
  ]);
});

test("planTasks does not modify its view", (t) => {
  const nodes = [makeNode("a")];
  const before = JSON.stringify(nodes);
  planTasks({ nodes }, makeTasks("s", 3, { reservations: { nanoCpus: cpuNanos, memoryBytes: gibBytes } }));
  t.is(JSON.stringify(nodes), before);
});

// Goal: tasks reserving GPUs land only where enough unassigned ones remain, each gets specific
// units (named ones by name, counted ones as a count), and a task beyond the supply stays pending
// with a reason naming the kind.
test("planTasks assigns generic resources and explains when too few remain", (t) => {
  const gpuNode = makeNode("gpu", {
    genericResources: [
      { kind: "gpu", value: "UUID1" },
      { kind: "gpu", value: "UUID2" },
      { kind: "ssd", count: 3 },
    ],
  });
  const plain = makeNode("plain");
  const tasks = makeTasks("s", 3, { genericReservations: [{ kind: "gpu", count: 1 }] });
  const plan = planTasks({ nodes: [gpuNode, plain] }, tasks);
  t.deepEqual(
    plan.assignments.map((a) => [a.nodeId, a.genericResources]),
    [
      ["gpu", [{ kind: "gpu", value: "UUID1" }]],
      ["gpu", [{ kind: "gpu", value: "UUID2" }]],
    ],
  );
  t.deepEqual(plan.unplaced, [{ taskId: "s-t2", reason: "no suitable node (2 nodes have too few gpu)" }]);
  const ssd = planTasks({ nodes: [gpuNode] }, makeTasks("d", 2, { genericReservations: [{ kind: "ssd", count: 2 }] }));
  t.deepEqual(ssd.assignments[0]?.genericResources, [{ kind: "ssd", count: 2 }]);
  t.is(ssd.unplaced[0]?.reason, "no suitable node (1 node has too few ssd)");
});

test("planTasks counts generic resources held by assigned tasks as taken", (t) => {
  const node = makeNode("gpu", {
    genericResources: [
      { kind: "gpu", value: "UUID1" },
      { kind: "gpu", value: "UUID2" },
    ],
    tasks: [
      {
        serviceId: "other",
        reservations: { nanoCpus: 0, memoryBytes: 0 },
        hostPorts: [],
        genericResources: [{ kind: "gpu", value: "UUID1" }],
      },
    ],
  });
  const plan = planTasks({ nodes: [node] }, makeTasks("s", 2, { genericReservations: [{ kind: "gpu", count: 1 }] }));
  t.deepEqual(plan.assignments[0]?.genericResources, [{ kind: "gpu", value: "UUID2" }]);
  t.is(plan.unplaced.length, 1);
});

test("planTasks assigns pinned tasks generic resources on their own node first", (t) => {
  const node = makeNode("gpu", { genericResources: [{ kind: "gpu", value: "UUID1" }] });
  const plan = planTasks(
    { nodes: [node, makeNode("other")] },
    makeTasks("s", 1, { genericReservations: [{ kind: "gpu", count: 1 }] }),
    {
      pinned: [
        { id: "g1", nodeId: "gpu", genericReservations: [{ kind: "gpu", count: 1 }] },
        { id: "g2", nodeId: "other", genericReservations: [{ kind: "gpu", count: 1 }] },
      ],
    },
  );
  t.deepEqual(plan.assignments, [{ taskId: "g1", nodeId: "gpu", genericResources: [{ kind: "gpu", value: "UUID1" }] }]);
  t.deepEqual(
    plan.unplaced.map((u) => u.taskId),
    ["g2", "s-t0"],
  );
  t.is(plan.unplaced[0]?.reason, "no suitable node (1 node has too few gpu)");
});
