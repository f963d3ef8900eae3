// Goal: invariants of planTasks hold on many seeded random workloads, tight and loose.
import test from "ava";
import { matchConstraint, parseConstraint } from "./constraint.js";
import { platformMatches } from "./filters.js";
import { planTasks } from "./plan-tasks.js";
import { makeNode, makeTasks } from "./test-helpers.js";
import type { NodeView, PendingTask, Plan, SchedulingView } from "./types.js";
import { generateSchedulingWorkload, mulberry32 } from "./workload.js";

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

function checkInvariants(view: SchedulingView, pending: readonly PendingTask[], plan: Plan): string | undefined {
  const seen = new Map<string, number>();
  for (const a of plan.assignments) seen.set(a.taskId, (seen.get(a.taskId) ?? 0) + 1);
  for (const u of plan.unplaced) {
    seen.set(u.taskId, (seen.get(u.taskId) ?? 0) + 1);
    if (!u.reason.startsWith("no suitable node (")) return `bad reason ${u.reason}`;
  }
  if (seen.size !== pending.length) return `${seen.size} distinct tasks in the plan, ${pending.length} pending`;
  for (const task of pending)
    if (seen.get(task.id) !== 1) return `task ${task.id} appears ${seen.get(task.id) ?? 0} times`;

  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const taskById = new Map(pending.map((p) => [p.id, p]));
  const cpu = new Map<string, number>();
  const memory = new Map<string, number>();
  const perService = new Map<string, number>();
  const ports = new Set<string>();
  for (const node of view.nodes) {
    for (const t of node.tasks) {
      cpu.set(node.id, (cpu.get(node.id) ?? 0) + t.reservations.nanoCpus);
      memory.set(node.id, (memory.get(node.id) ?? 0) + t.reservations.memoryBytes);
      perService.set(`${t.serviceId}/${node.id}`, (perService.get(`${t.serviceId}/${node.id}`) ?? 0) + 1);
      for (const p of t.hostPorts) ports.add(`${node.id}/${p.protocol}/${p.port}`);
    }
  }
  for (const a of plan.assignments) {
    const node = byId.get(a.nodeId) as NodeView;
    const task = taskById.get(a.taskId) as PendingTask;
    if (node.state !== "ready" || node.availability !== "active") return `${a.taskId} on unavailable ${node.id}`;
    if (!platformMatches(node.platform, task.placement.platforms)) return `${a.taskId} on wrong platform`;
    if (!task.placement.constraints.every((c) => matchConstraint(node, parseConstraint(c))))
      return `${a.taskId} breaks a constraint`;
    const c = (cpu.get(node.id) ?? 0) + task.reservations.nanoCpus;
    const m = (memory.get(node.id) ?? 0) + task.reservations.memoryBytes;
    if (c > node.resources.nanoCpus || m > node.resources.memoryBytes) return `${node.id} over capacity`;
    cpu.set(node.id, c);
    memory.set(node.id, m);
    const key = `${task.serviceId}/${node.id}`;
    const count = (perService.get(key) ?? 0) + 1;
    if (task.placement.maxReplicas > 0 && count > task.placement.maxReplicas) return `${key} exceeds max replicas`;
    perService.set(key, count);
    for (const p of task.hostPorts) {
      const port = `${node.id}/${p.protocol}/${p.port}`;
      if (ports.has(port)) return `${port} used twice`;
      ports.add(port);
    }
  }
  return undefined;
}

test("planTasks keeps every invariant on generated workloads", (t) => {
  t.timeout(30_000);
  for (const seed of seeds) {
    for (const size of [
      { nodes: 60, services: 8, tasks: 1500 },
      { nodes: 300, services: 20, tasks: 3000 },
      { nodes: 5, services: 3, tasks: 200 },
    ]) {
      const { view, pending } = generateSchedulingWorkload({ ...size, seed });
      const plan = planTasks(view, pending);
      t.is(checkInvariants(view, pending, plan), undefined, `seed ${seed} ${JSON.stringify(size)}`);
      t.true(plan.assignments.length > 0);
    }
  }
});

test("planTasks keeps every invariant on small random clusters with tight capacity", (t) => {
  for (const seed of seeds) {
    const random = mulberry32(seed * 31);
    const nodes: NodeView[] = Array.from({ length: 3 + Math.floor(random() * 10) }, (_, i) =>
      makeNode(`n${i}`, {
        state: random() < 0.1 ? "down" : "ready",
        labels: random() < 0.8 ? { zone: `z${Math.floor(random() * 3)}` } : {},
        resources: { nanoCpus: Math.floor(random() * 8) * 1e9, memoryBytes: Math.floor(random() * 8) * 2 ** 30 },
      }),
    );
    const pending: PendingTask[] = [];
    for (let s = 0; s < 4; s++) {
      pending.push(
        ...makeTasks(`s${s}`, Math.floor(random() * 30), {
          reservations: { nanoCpus: Math.floor(random() * 3) * 1e9, memoryBytes: Math.floor(random() * 3) * 2 ** 30 },
          hostPorts: random() < 0.3 ? [{ protocol: "tcp", port: 80 }] : [],
          placement: {
            maxReplicas: Math.floor(random() * 3),
            preferences: random() < 0.5 ? ["node.labels.zone"] : [],
            constraints: random() < 0.3 ? ["node.labels.zone!=z0"] : [],
          },
        }),
      );
    }
    const plan = planTasks({ nodes }, pending);
    t.is(checkInvariants({ nodes }, pending, plan), undefined, `seed ${seed}`);
  }
});

test("planTasks spreads n tasks over k label values within one task of each other when capacity allows", (t) => {
  for (const seed of seeds) {
    const random = mulberry32(seed);
    const k = 2 + Math.floor(random() * 5);
    const nodes = Array.from({ length: k + Math.floor(random() * 40) }, (_, i) =>
      makeNode(`n${String(i).padStart(3, "0")}`, { labels: { zone: `z${i % k}` } }),
    );
    const n = 1 + Math.floor(random() * 200);
    const plan = planTasks({ nodes }, makeTasks("s", n, { placement: { preferences: ["node.labels.zone"] } }));
    t.is(plan.assignments.length, n);
    const zoneOf = new Map(nodes.map((node) => [node.id, node.labels["zone"] ?? ""]));
    const counts = new Map<string, number>();
    for (const a of plan.assignments)
      counts.set(zoneOf.get(a.nodeId) ?? "", (counts.get(zoneOf.get(a.nodeId) ?? "") ?? 0) + 1);
    const values = Array.from({ length: k }, (_, i) => counts.get(`z${i}`) ?? 0);
    t.true(Math.max(...values) - Math.min(...values) <= 1, `seed ${seed}: ${values.join(",")}`);
  }
});

test("planTasks gives the same plan for the same input", (t) => {
  for (const seed of seeds.slice(0, 3)) {
    const first = generateSchedulingWorkload({ nodes: 200, services: 10, tasks: 2000, seed });
    const second = generateSchedulingWorkload({ nodes: 200, services: 10, tasks: 2000, seed });
    t.deepEqual(planTasks(first.view, first.pending), planTasks(second.view, second.pending));
    t.deepEqual(planTasks(first.view, first.pending), planTasks(first.view, first.pending));
  }
});

test("generateSchedulingWorkload builds the requested sizes", (t) => {
  const { view, pending } = generateSchedulingWorkload({ nodes: 50, services: 7, tasks: 1000, seed: 3 });
  t.is(view.nodes.length, 50);
  t.is(pending.length, 1000);
  t.is(new Set(pending.map((p) => p.serviceId)).size, 7);
  t.is(new Set(pending.map((p) => p.id)).size, 1000);
});
