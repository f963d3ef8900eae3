// `--filter` of `service ps` and `node ps`, as Docker's: desired-state, id, name, node (and label
// for node ps), turned into the API's ListTasks filters.
import { swarm } from "../../../proto/index.js";
import { UsageError } from "../../client/usage-error.js";
import { commonFilters, type FilterValues } from "../filters.js";

/** The API task state for a `desired-state=` filter word. */
export function desiredStateOf(word: string): swarm.v1.TaskState {
  const S = swarm.v1.TaskState;
  const states: Record<string, swarm.v1.TaskState> = {
    running: S.TASK_STATE_RUNNING,
    shutdown: S.TASK_STATE_SHUTDOWN,
    accepted: S.TASK_STATE_ACCEPTED,
    complete: S.TASK_STATE_COMPLETE,
    remove: S.TASK_STATE_REMOVE,
  };
  const state = states[word];
  if (state === undefined)
    throw new UsageError("--filter", `desired-state=${word}: expected one of ${Object.keys(states).join(", ")}`);
  return state;
}

/** The filter keys `service ps` takes. */
export const servicePsFilterKeys = ["desired-state", "id", "name", "node"] as const;

/** The filter keys `node ps` takes. */
export const nodePsFilterKeys = ["desired-state", "id", "name", "label"] as const;

/** The node id a `node=` filter names: an id, a hostname or a node name; unknown ones stay as given. */
function nodeIdOf(nodes: readonly swarm.v1.Node.$Properties[], ref: string): string {
  return (
    nodes.find((x) => x.id === ref || x.description?.hostname === ref || x.spec?.annotations?.name === ref)?.id ?? ref
  );
}

/** The ListTasks filters of parsed `--filter` values. */
export function taskListFilters(
  filters: FilterValues,
  nodes: readonly swarm.v1.Node.$Properties[],
): swarm.v1.ListTasksRequest.IFilters {
  const nodeIds = (filters.get("node") ?? []).map((ref) => nodeIdOf(nodes, ref));
  return {
    ...commonFilters(filters),
    ...(filters.has("desired-state") ? { desiredStates: filters.get("desired-state")!.map(desiredStateOf) } : {}),
    ...(nodeIds.length ? { nodeIds } : {}),
  };
}
