// The generic resources the scheduler assigned to a task, as SwarmKit hands them to it: one
// environment variable per kind, DOCKER_RESOURCE_<KIND>=unit1,unit2 (named units by name, counted
// ones as their count), the kind upper-cased. Both executors add them over the spec's own entries.
import type { swarm } from "../../proto/index.js";

/** Prefix of the variables, as SwarmKit's genericresource.EnvFormat names them. */
export const genericResourceEnvPrefix = "DOCKER_RESOURCE";

/** The variables for a task's assigned generic resources, kinds in first-seen order; empty when none. */
export function genericResourceEnv(task: swarm.v1.ITask): Record<string, string> {
  const values = new Map<string, string[]>();
  for (const g of task.assignedGenericResources ?? []) {
    if (!g.kind) continue;
    const name = `${genericResourceEnvPrefix}_${g.kind}`.toUpperCase();
    const unit = g.value ? g.value : String(Number(g.count ?? 0));
    const list = values.get(name);
    if (list === undefined) values.set(name, [unit]);
    else list.push(unit);
  }
  return Object.fromEntries([...values].map(([name, units]) => [name, units.join(",")]));
}
