// A store as a buggy component would see it, for the simulator's injected bugs: every object a
// read (or a transaction) returns passes through a lens that may change it; writes pass through
// unchanged, so whatever the component writes back from a changed object lands in the real store.
import type { MemoryStore, ReadTx, WriteTx } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";

/** Changes an object of one kind as the buggy component sees it (returns it unchanged otherwise). */
export type StoreLens = (kind: string, object: object) => object;

/** A read (or write) transaction whose returned objects pass through the lens. */
function txSeenAs<T extends ReadTx>(tx: T, lens: StoreLens): T {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "get")
        return (kind: string, id: string) => {
          const object = target.get(kind as "node", id);
          return object ? lens(kind, object) : object;
        };
      if (prop === "all") return (kind: string) => target.all(kind as "node").map((o) => lens(kind, o));
      if (prop === "tasks")
        return (query: Parameters<ReadTx["tasks"]>[0]) => target.tasks(query).map((o) => lens("task", o));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The store as a component seeing it through the lens: its reads and its transactions' reads. */
export function storeSeenAs(store: MemoryStore, lens: StoreLens): MemoryStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "view") return <T>(fn: (tx: ReadTx) => T): T => target.view((tx) => fn(txSeenAs(tx, lens)));
      if (prop === "update")
        return <T>(fn: (tx: WriteTx) => T): Promise<T> => target.update((tx) => fn(txSeenAs(tx, lens)));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

type Node = swarm.v1.Node.$Properties;
type Service = swarm.v1.Service.$Properties;
type Task = swarm.v1.Task.$Properties;

/** Applies the lenses in order. */
export function composeLenses(lenses: readonly StoreLens[]): StoreLens | null {
  if (lenses.length === 0) return null;
  return (kind, object) => lenses.reduce((o, lens) => lens(kind, o), object);
}

/** Every node reads as active, drained ones too (a component blind to drain). */
export const drainBlind: StoreLens = (kind, object) => {
  if (kind !== "node") return object;
  const node = object as Node;
  return { ...node, spec: { ...node.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE } };
};

/** Paused nodes read as active (a component blind to pause). */
export const pauseBlind: StoreLens = (kind, object) => {
  if (kind !== "node") return object;
  const node = object as Node;
  const Availability = swarm.v1.NodeSpec.Availability;
  if (Number(node.spec?.availability ?? 0) !== Number(Availability.AVAILABILITY_PAUSE)) return node;
  return { ...node, spec: { ...node.spec, availability: Availability.AVAILABILITY_ACTIVE } };
};

/** Services read without placement constraints (a component blind to them). */
export const constraintsBlind: StoreLens = (kind, object) => {
  if (kind !== "service") return object;
  const service = object as Service;
  if (!service.spec?.task?.placement) return object;
  const { placement: _placement, ...task } = service.spec.task;
  return { ...service, spec: { ...service.spec, task } };
};

/** A job's completed task reads as failed (an orchestrator that retries it). */
export const completedSeenFailed: StoreLens = (kind, object) => {
  if (kind !== "task") return object;
  const task = object as Task;
  if (task.jobIteration == null || Number(task.status?.state ?? 0) !== Number(swarm.v1.TaskState.TASK_STATE_COMPLETE))
    return object;
  return { ...task, status: { ...task.status, state: swarm.v1.TaskState.TASK_STATE_FAILED } };
};

/** Replicated jobs read without their maxConcurrent. */
export const maxConcurrentBlind: StoreLens = (kind, object) => {
  const service = object as Service;
  if (kind !== "service" || !service.spec?.replicatedJob) return object;
  return { ...service, spec: { ...service.spec, replicatedJob: { ...service.spec.replicatedJob, maxConcurrent: 0 } } };
};

/** Jobs read with restart condition none (an orchestrator that never retries a failed job task). */
export const jobRetriesBlind: StoreLens = (kind, object) => {
  const service = object as Service;
  if (kind !== "service" || !(service.spec?.replicatedJob || service.spec?.globalJob)) return object;
  const restart = { ...service.spec.task?.restart, condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE };
  return { ...service, spec: { ...service.spec, task: { ...service.spec.task, restart } } };
};
