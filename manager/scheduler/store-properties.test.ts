// Goal: the scheduler's invariants hold on the store after the real leader pipeline (orchestrator,
// allocator, scheduler) has run on seeded random clusters: no node holds more tasks of a service
// than its max replicas per node, reservations never exceed a node's capacity, and a service
// without constraints or limits stays within one task per node of even.
import test from "ava";
import { mulberry32 } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { TaskAllocator } from "../allocator/index.js";
import { ServiceOrchestrator } from "../orchestrator/index.js";
import { MemoryStore } from "../store/index.js";
import { TaskScheduler } from "./task-scheduler.js";

const S = swarm.v1.TaskState;
const GiB = 1024 ** 3;

async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
}

for (const seed of [11, 12, 13, 14, 15, 16]) {
  test(`scheduler invariants hold through the store (seed ${seed})`, async (t) => {
    const random = mulberry32(seed);
    const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
    const store = new MemoryStore();
    let index = 0;
    store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
    const abort = new AbortController();
    t.teardown(() => abort.abort());
    for (const c of [
      new ServiceOrchestrator(store),
      new TaskAllocator(store),
      new TaskScheduler(store, { debounce: null }),
    ])
      void c.run(abort.signal);

    const nodeCount = int(3, 12);
    await store.update((tx) => {
      for (let i = 0; i < nodeCount; i++) {
        tx.create("node", {
          id: `n${i}`,
          role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
          spec: {
            annotations: { labels: { zone: `z${i % 3}` } },
            availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE,
          },
          description: {
            hostname: `n${i}`,
            platform: { os: "linux", architecture: "x86_64" },
            resources: { nanoCpus: int(1, 8) * 1e9, memoryBytes: int(1, 16) * GiB },
          },
          status: { state: swarm.v1.NodeStatus.State.STATE_READY },
        });
      }
    });
    const services = int(3, 8);
    const even: string[] = [];
    await store.update((tx) => {
      for (let i = 0; i < services; i++) {
        const kind = int(0, 2);
        const id = `s${i}`;
        const placement =
          kind === 1
            ? { maxReplicas: int(1, 3) }
            : kind === 2
              ? { constraints: [`node.labels.zone==z${int(0, 2)}`] }
              : {};
        if (kind === 0) even.push(id);
        const reservations = kind === 0 ? {} : { nanoCpus: int(1, 10) * 1e8, memoryBytes: int(1, 8) * 256 * 1024 ** 2 };
        tx.create("service", {
          id,
          spec: {
            annotations: { name: id },
            task: { container: { image: "app" }, placement, resources: { reservations } },
            replicated: { replicas: int(1, 3 * nodeCount) },
          },
        });
      }
    });
    await settle();

    const { nodes, tasks } = store.view((tx) => ({
      nodes: tx.all("node"),
      tasks: tx.all("task").filter((x) => Number(x.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING)),
    }));
    const assigned = tasks.filter((x) => Number(x.status?.state ?? 0) === Number(S.TASK_STATE_ASSIGNED));
    t.true(assigned.length > 0);
    for (const x of tasks)
      t.true(
        x.status?.state === S.TASK_STATE_ASSIGNED ||
          (x.status?.state === S.TASK_STATE_PENDING &&
            (x.status.err ?? x.status.message ?? "").includes("no suitable node")),
        `task ${x.id ?? ""} is assigned or pending with a reason`,
      );
    for (const node of nodes) {
      const here = assigned.filter((x) => x.nodeId === node.id);
      const cpu = here.reduce((sum, x) => sum + Number(x.spec?.resources?.reservations?.nanoCpus ?? 0), 0);
      const memory = here.reduce((sum, x) => sum + Number(x.spec?.resources?.reservations?.memoryBytes ?? 0), 0);
      t.true(cpu <= Number(node.description?.resources?.nanoCpus ?? 0), `cpu fits on ${node.id ?? ""}`);
      t.true(memory <= Number(node.description?.resources?.memoryBytes ?? 0), `memory fits on ${node.id ?? ""}`);
      for (let i = 0; i < services; i++) {
        const max = Number(store.view((tx) => tx.get("service", `s${i}`))?.spec?.task?.placement?.maxReplicas ?? 0);
        if (max > 0)
          t.true(
            here.filter((x) => x.serviceId === `s${i}`).length <= max,
            `max replicas of s${i} on ${node.id ?? ""}`,
          );
      }
    }
    for (const id of even) {
      const counts = nodes.map((n) => assigned.filter((x) => x.serviceId === id && x.nodeId === n.id).length);
      t.true(Math.max(...counts) - Math.min(...counts) <= 1, `${id} spread ${counts.join(",")}`);
    }
  });
}
