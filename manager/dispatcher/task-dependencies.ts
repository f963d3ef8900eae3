// Which secrets and configs one node may hold, as Docker Swarm's dispatcher decides it: a node gets
// a secret or config only while one of its assigned tasks references it and has not finished
// (state RUNNING or earlier, desired state REMOVE or earlier), always before the task itself; when
// the last such task finishes, leaves the node or is deleted, the node is told to forget the item.
// One tracker lives per assignments stream and remembers what that stream has sent.
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";

type Task = ObjectsByKind["task"];
type Change = swarm.v1.AssignmentChange.$Properties;

const State = swarm.v1.TaskState;
const Action = swarm.v1.AssignmentChange.Action;

/** What the tracker reads: a store transaction satisfies it. */
export interface DependencyView {
  /** One secret by id. */
  get(kind: "secret", id: string): ObjectsByKind["secret"] | undefined;
  /** One config by id. */
  get(kind: "config", id: string): ObjectsByKind["config"] | undefined;
}

/** A dependency's key: kind and id, e.g. "secret:abc". */
type DependencyKey = `${"secret" | "config"}:${string}`;

/** The changes one task update makes to the dependencies: items to send before the task, items to drop after it. */
export interface DependencyChanges {
  /** ACTION_UPDATE of items newly needed; they precede the task's own change. */
  readonly before: Change[];
  /** ACTION_REMOVE of items no longer needed by any task; they follow the task's change. */
  readonly after: Change[];
}

/** Whether a task's references count: it may still start or run on the node. */
export function holdsDependencies(task: Task): boolean {
  return (
    Number(task.status?.state ?? 0) <= Number(State.TASK_STATE_RUNNING) &&
    Number(task.desiredState ?? 0) <= Number(State.TASK_STATE_REMOVE)
  );
}

/** The secrets and configs a task references, as keys. */
export function dependencyKeys(task: Task): Set<DependencyKey> {
  const keys = new Set<DependencyKey>();
  for (const ref of task.spec?.container?.secrets ?? []) if (ref.secretId) keys.add(`secret:${ref.secretId}`);
  for (const ref of task.spec?.container?.configs ?? []) if (ref.configId) keys.add(`config:${ref.configId}`);
  return keys;
}

/** The secrets and configs one node holds, counted by the tasks that need them. */
export class TaskDependencies {
  /** Task id → the keys it holds. */
  private readonly byTask = new Map<string, Set<DependencyKey>>();
  /** Key → number of tasks holding it; present exactly while the node holds the item. */
  private readonly holders = new Map<DependencyKey, number>();

  /** Keys the node holds now. */
  held(): DependencyKey[] {
    return [...this.holders.keys()];
  }

  /**
   * Records a new version of a task on the node. References of a task that still counts are added
   * (items the node lacks are sent); a task that finished releases its references. An item missing
   * from the store is skipped: the worker fails the task with "secret not found".
   */
  track(view: DependencyView, task: Task): DependencyChanges {
    const taskId = task.id ?? "";
    const wanted = holdsDependencies(task) ? dependencyKeys(task) : new Set<DependencyKey>();
    const before: Change[] = [];
    const mine = new Set<DependencyKey>();
    for (const key of wanted) {
      if (this.byTask.get(taskId)?.has(key) === true) {
        mine.add(key);
        continue;
      }
      if (!this.holders.has(key)) {
        const assignment = assignmentOf(view, key);
        if (assignment === null) continue;
        before.push({ assignment, action: Action.ACTION_UPDATE });
      }
      this.holders.set(key, (this.holders.get(key) ?? 0) + 1);
      mine.add(key);
    }
    const after = this.releaseExcept(taskId, mine);
    if (mine.size > 0) this.byTask.set(taskId, mine);
    return { before, after };
  }

  /** The task left the node (deleted or moved): returns the removals of what no other task holds. */
  release(taskId: string): Change[] {
    return this.releaseExcept(taskId, new Set());
  }

  /** Drops the task's keys not in `keep`; returns the removals of keys no task holds any more. */
  private releaseExcept(taskId: string, keep: ReadonlySet<DependencyKey>): Change[] {
    const removals: Change[] = [];
    for (const key of this.byTask.get(taskId) ?? []) {
      if (keep.has(key)) continue;
      const count = (this.holders.get(key) ?? 1) - 1;
      if (count > 0) {
        this.holders.set(key, count);
        continue;
      }
      this.holders.delete(key);
      const [kind, id] = splitKey(key);
      removals.push({
        assignment: kind === "secret" ? { secret: { id } } : { config: { id } },
        action: Action.ACTION_REMOVE,
      });
    }
    this.byTask.delete(taskId);
    return removals;
  }
}

function splitKey(key: DependencyKey): ["secret" | "config", string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon) as "secret" | "config", key.slice(colon + 1)];
}

/** The assignment carrying the item, with its data, or null when the store no longer has it. */
function assignmentOf(view: DependencyView, key: DependencyKey): swarm.v1.Assignment.$Properties | null {
  const [kind, id] = splitKey(key);
  if (kind === "secret") {
    const secret = view.get("secret", id);
    return secret ? { secret } : null;
  }
  const config = view.get("config", id);
  return config ? { config } : null;
}
