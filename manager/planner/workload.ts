// A seeded generator of realistic scheduling inputs, for benchmarks and property tests. It is pure:
// the same options give the same view and tasks, from the shared mulberry32 PRNG (common/).
import { mulberry32 } from "../../common/index.js";
import type { HostPort, NodeView, PendingTask, PlacementView, SchedulingView } from "./types.js";

/** Options of generateSchedulingWorkload. */
export interface WorkloadOptions {
  /** Number of nodes. */
  readonly nodes: number;
  /** Number of services the tasks are spread over. */
  readonly services: number;
  /** Number of pending tasks. */
  readonly tasks: number;
  /** PRNG seed; the same seed gives the same workload. */
  readonly seed: number;
}

/** A generated view and the pending tasks to place on it. */
export interface SchedulingWorkload {
  /** The cluster view. */
  readonly view: SchedulingView;
  /** The tasks to place, service after service. */
  readonly pending: readonly PendingTask[];
}

/** Zones the generated nodes are labelled with (node.labels.zone). */
export const workloadZones: readonly string[] = ["eu-1", "eu-2", "us-1", "us-2", "ap-1"];

const gibBytes = 1024 * 1024 * 1024;
const nanoCpusPerCpu = 1_000_000_000;

export { mulberry32 };

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Builds a cluster of `nodes` nodes (mostly ready and active workers, a few managers, drained or
 * down nodes, labels zone/rack/disk, 8–64 CPUs, 32–256 GiB) and `tasks` pending tasks of `services`
 * services, some with constraints, zone spread, max replicas per node or a host-mode port, sized so
 * that nearly all of them fit. About a tenth of the capacity is already in use by assigned tasks.
 */
export function generateSchedulingWorkload(options: WorkloadOptions): SchedulingWorkload {
  const random = mulberry32(options.seed);
  const width = String(Math.max(options.nodes, options.services, options.tasks)).length;
  const pad = (n: number): string => String(n).padStart(width, "0");
  const nodes: NodeView[] = [];
  for (let i = 0; i < options.nodes; i++) {
    const cpus = pick(random, [8, 16, 32, 64]);
    const r = random();
    nodes.push({
      id: `node-${pad(i)}`,
      hostname: `host-${pad(i)}`,
      role: i % 50 === 0 ? "manager" : "worker",
      availability: r < 0.01 ? "drain" : r < 0.02 ? "pause" : "active",
      state: random() < 0.02 ? "down" : "ready",
      platform: { os: "linux", architecture: random() < 0.1 ? "aarch64" : "x86_64" },
      resources: { nanoCpus: cpus * nanoCpusPerCpu, memoryBytes: cpus * 4 * gibBytes },
      labels: {
        zone: pick(random, workloadZones),
        rack: `r${Math.floor(random() * 40)}`,
        ...(random() < 0.3 ? { disk: "ssd" } : {}),
      },
      engineLabels: { storage: random() < 0.5 ? "overlay2" : "btrfs" },
      tasks: [
        {
          serviceId: "existing",
          reservations: { nanoCpus: (cpus * nanoCpusPerCpu) / 10, memoryBytes: (cpus * 4 * gibBytes) / 10 },
          hostPorts: [],
        },
      ],
    });
  }
  const services = Math.max(1, options.services);
  const pending: PendingTask[] = [];
  const base = Math.floor(options.tasks / services);
  for (let s = 0; s < services; s++) {
    const serviceId = `service-${pad(s)}`;
    const constraints: string[] = [];
    const r = random();
    if (r < 0.3) constraints.push("node.role==worker");
    else if (r < 0.4) constraints.push(`node.labels.zone!=${pick(random, workloadZones)}`);
    else if (r < 0.45) constraints.push("node.labels.disk==ssd");
    else if (r < 0.5) constraints.push("engine.labels.storage==overlay2");
    const placement: PlacementView = {
      constraints,
      preferences: random() < 0.5 ? ["node.labels.zone"] : [],
      maxReplicas: random() < 0.2 ? 2 : 0,
      platforms: random() < 0.7 ? [{ os: "linux", architecture: "amd64" }] : [],
    };
    const hostPorts: HostPort[] = random() < 0.05 ? [{ protocol: "tcp", port: 9000 + s }] : [];
    const reservations = {
      nanoCpus: pick(random, [0, 0.1, 0.25, 0.5]) * nanoCpusPerCpu,
      memoryBytes: pick(random, [0, 64, 256, 512]) * 1024 * 1024,
    };
    const count = s === services - 1 ? options.tasks - base * (services - 1) : base;
    for (let t = 0; t < count; t++)
      pending.push({ id: `task-${pad(s)}-${pad(t)}`, serviceId, reservations, placement, hostPorts });
  }
  return { view: { nodes }, pending };
}
