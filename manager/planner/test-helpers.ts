// Small builders shared by the scheduler's tests, so each test states only what it varies.
import type { NodeView, PendingTask, PlacementView } from "./types.js";

/** One GiB in bytes. */
export const gibBytes = 1024 * 1024 * 1024;
/** One CPU in nanoCPUs. */
export const cpuNanos = 1_000_000_000;

/** A ready, active linux/amd64 worker with 4 CPUs and 8 GiB and nothing on it, with `overrides`. */
export function makeNode(id: string, overrides: Partial<NodeView> = {}): NodeView {
  return {
    id,
    hostname: `host-${id}`,
    role: "worker",
    availability: "active",
    state: "ready",
    platform: { os: "linux", architecture: "x86_64" },
    resources: { nanoCpus: 4 * cpuNanos, memoryBytes: 8 * gibBytes },
    labels: {},
    engineLabels: {},
    tasks: [],
    ...overrides,
  };
}

/** `count` tasks of `serviceId` with no reservations and `placement` merged over an open one. */
export function makeTasks(
  serviceId: string,
  count: number,
  overrides: Partial<Omit<PendingTask, "placement">> & { placement?: Partial<PlacementView> } = {},
): PendingTask[] {
  const placement: PlacementView = {
    constraints: [],
    preferences: [],
    maxReplicas: 0,
    platforms: [],
    ...overrides.placement,
  };
  const reservations = overrides.reservations ?? { nanoCpus: 0, memoryBytes: 0 };
  const hostPorts = overrides.hostPorts ?? [];
  return Array.from({ length: count }, (_, i) => ({
    id: `${serviceId}-t${i}`,
    serviceId,
    reservations,
    placement,
    hostPorts,
    ...(overrides.runtime === undefined ? {} : { runtime: overrides.runtime }),
    ...(overrides.overlay === undefined ? {} : { overlay: overrides.overlay }),
    ...(overrides.genericReservations === undefined ? {} : { genericReservations: overrides.genericReservations }),
    ...(overrides.encrypted === undefined ? {} : { encrypted: overrides.encrypted }),
  }));
}
