// Registry credentials travel in a service's task template (ContainerSpec.pull_options) from the
// API to the raft store and, inside tasks, to the nodes that pull the image. Nothing else may see
// them: every API answer and event and every record a node writes to disk goes through these.
import type { swarm } from "../../proto/index.js";

type TaskSpec = swarm.v1.ITaskSpec;

/** Whether a task template carries registry credentials. */
export function hasRegistryAuth(spec: TaskSpec | null | undefined): boolean {
  return (spec?.container?.pullOptions?.registryAuth ?? "") !== "";
}

/** A task template without registry credentials (the same object when it has none). */
export function taskSpecWithoutRegistryAuth<T extends TaskSpec | null | undefined>(spec: T): T {
  if (!spec || !spec.container?.pullOptions) return spec;
  const { pullOptions: _credentials, ...container } = spec.container;
  return { ...spec, container };
}

/** A service as APIs show it: its spec and previous spec without registry credentials. */
export function serviceWithoutRegistryAuth<T extends swarm.v1.IService>(service: T): T {
  if (!service.spec?.task?.container?.pullOptions && !service.previousSpec?.task?.container?.pullOptions)
    return service;
  return {
    ...service,
    ...(service.spec ? { spec: { ...service.spec, task: taskSpecWithoutRegistryAuth(service.spec.task) } } : {}),
    ...(service.previousSpec
      ? { previousSpec: { ...service.previousSpec, task: taskSpecWithoutRegistryAuth(service.previousSpec.task) } }
      : {}),
  };
}

/** A task as APIs show it and nodes store it: its spec without registry credentials. */
export function taskWithoutRegistryAuth<T extends swarm.v1.ITask>(task: T): T {
  if (!task.spec?.container?.pullOptions) return task;
  return { ...task, spec: taskSpecWithoutRegistryAuth(task.spec) };
}
