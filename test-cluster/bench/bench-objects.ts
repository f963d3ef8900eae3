// Realistic store objects for the benchmarks (services, tasks, nodes) of the size and shape the
// Control API and the orchestrator produce, so encoded sizes, snapshots and apply costs are the ones
// a real cluster would see.
import { swarm } from "../../proto/index.js";
import type { NodeView, PendingTask } from "../../manager/index.js";

type ServiceSpec = swarm.v1.ServiceSpec.$Properties;
type Service = swarm.v1.Service.$Properties;
type Task = swarm.v1.Task.$Properties;
type Node = swarm.v1.Node.$Properties;

/** Placement and reservations a generated service asks for. */
export interface BenchPlacement {
  /** Constraints such as "node.role==worker". */
  readonly constraints?: readonly string[];
  /** Spread descriptors such as "node.labels.zone". */
  readonly preferences?: readonly string[];
  /** Most tasks of the service per node; 0 is unlimited. */
  readonly maxReplicas?: number;
  /** Platforms the image runs on. */
  readonly platforms?: readonly { os: string; architecture: string }[];
  /** Reserved CPU (1e-9 CPUs) and memory (bytes) per task. */
  readonly reservations?: { nanoCpus: number; memoryBytes: number };
}

/** A replicated service spec with a container of typical size: image, args, env, labels, limits. */
export function benchServiceSpec(
  name: string,
  replicas: number,
  placement: BenchPlacement = {},
  labels: Record<string, string> = {},
): ServiceSpec {
  return {
    annotations: { name, labels: { team: "payments", tier: "backend", ...labels } },
    task: {
      container: {
        image: `registry.example.com/payments/${name}:1.42.7@sha256:${"0123456789abcdef".repeat(4)}`,
        args: ["--port", "8080", "--log-level", "info"],
        env: ["NODE_ENV=production", "DB_HOST=db.internal", "CACHE_TTL_SECONDS=300", `SERVICE_NAME=${name}`],
        labels: { "com.example.owner": "payments" },
        stopGracePeriodNs: 10_000_000_000,
      },
      resources: {
        limits: { nanoCpus: 1_000_000_000, memoryBytes: 512 * 1024 * 1024 },
        reservations: placement.reservations ?? { nanoCpus: 250_000_000, memoryBytes: 128 * 1024 * 1024 },
      },
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: 5_000_000_000 },
      placement: {
        constraints: [...(placement.constraints ?? [])],
        preferences: (placement.preferences ?? []).map((spreadDescriptor) => ({ spreadDescriptor })),
        platforms: [...(placement.platforms ?? [])],
        maxReplicas: placement.maxReplicas ?? 0,
      },
    },
    replicated: { replicas },
  };
}

/** A task as the orchestrator creates it and the agent then reports it: running on a node. */
export function benchRunningTask(service: Service, id: string, slot: number, nodeId: string, nowMs: number): Task {
  const timestamp = { seconds: Math.floor(nowMs / 1000), nanos: 0 };
  return {
    id,
    serviceId: service.id ?? "",
    slot,
    nodeId,
    spec: service.spec?.task ?? {},
    specVersion: { index: service.meta?.version?.index ?? 0 },
    annotations: { name: `${service.spec?.annotations?.name ?? ""}.${slot}` },
    serviceAnnotations: service.spec?.annotations ?? {},
    desiredState: swarm.v1.TaskState.TASK_STATE_RUNNING,
    status: {
      state: swarm.v1.TaskState.TASK_STATE_RUNNING,
      timestamp,
      message: "started",
      container: { containerId: id.padEnd(64, "0").slice(0, 64), pid: 4000 + slot },
    },
  };
}

/** A ready worker node with the given resources and labels. */
export function benchNode(
  id: string,
  hostname: string,
  labels: Record<string, string>,
  resources = { nanoCpus: 16e9, memoryBytes: 64 * 1024 ** 3 },
): Node {
  return {
    id,
    role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
    spec: { annotations: { name: hostname, labels }, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
    description: {
      hostname,
      platform: { os: "linux", architecture: "x86_64" },
      resources,
      engine: { engineVersion: "26.1.5", labels: {} },
    },
    status: { state: swarm.v1.NodeStatus.State.STATE_READY, addr: "10.0.0.1" },
  };
}

/** The store form of a planner node view (ids, labels, state, availability, resources kept). */
export function nodeFromView(view: NodeView): Node {
  const Availability = swarm.v1.NodeSpec.Availability;
  const State = swarm.v1.NodeStatus.State;
  return {
    id: view.id,
    role: view.role === "manager" ? swarm.v1.NodeSpec.Role.ROLE_MANAGER : swarm.v1.NodeSpec.Role.ROLE_WORKER,
    spec: {
      annotations: { name: view.hostname, labels: { ...view.labels } },
      availability:
        view.availability === "drain"
          ? Availability.AVAILABILITY_DRAIN
          : view.availability === "pause"
            ? Availability.AVAILABILITY_PAUSE
            : Availability.AVAILABILITY_ACTIVE,
    },
    description: {
      hostname: view.hostname,
      platform: { ...view.platform },
      resources: { ...view.resources },
      engine: { engineVersion: "26.1.5", labels: { ...view.engineLabels } },
    },
    status: {
      state:
        view.state === "down" ? State.STATE_DOWN : view.state === "ready" ? State.STATE_READY : State.STATE_UNKNOWN,
    },
  };
}

/** The service whose template yields the planner's pending task `first`, with `replicas` replicas. */
export function serviceFromPending(first: PendingTask, replicas: number): Service {
  const spec = benchServiceSpec(first.serviceId, replicas, {
    constraints: first.placement.constraints,
    preferences: first.placement.preferences,
    maxReplicas: first.placement.maxReplicas,
    platforms: first.placement.platforms,
    reservations: { ...first.reservations },
  });
  const ports = first.hostPorts.map((p) => ({
    protocol:
      p.protocol === "udp" ? swarm.v1.PortConfig.Protocol.PROTOCOL_UDP : swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
    targetPort: 8080,
    publishedPort: p.port,
    publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST,
  }));
  if (ports.length === 0) return { id: first.serviceId, spec };
  return { id: first.serviceId, spec: { ...spec, endpoint: { ports } }, endpoint: { spec: { ports }, ports } };
}
