// Goal: the tables keep their indexes (by service, slot, node, desired state, name) right when an
// object is replaced with only some of its indexed fields changed, whatever the sequence of writes.
import test from "ava";
import { mulberry32 } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { ObjectsByKind } from "../objects.js";
import { type TaskQuery, Tables } from "./tables.js";

type Task = ObjectsByKind["task"];
type Service = ObjectsByKind["service"];

const TaskState = swarm.v1.TaskState;
const desiredStates = [TaskState.TASK_STATE_NEW, TaskState.TASK_STATE_RUNNING, TaskState.TASK_STATE_SHUTDOWN];

const ids = (tasks: readonly Task[]): string[] => tasks.map((t) => t.id ?? "");

test("indexes and listings after any sequence of puts and deletes equal those rebuilt from the final objects", (t) => {
  for (let seed = 1; seed <= 50; seed++) {
    const random = mulberry32(seed);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const tables = new Tables();
    const tasks = new Map<string, Task>();
    const services = new Map<string, Service>();
    for (let step = 0; step < 400; step++) {
      const roll = random();
      if (roll < 0.7) {
        // A task written with some of its indexed fields changed (or none: a status report).
        const id = `t${Math.floor(random() * 30)}`;
        const old = tasks.get(id);
        const task: Task = {
          id,
          serviceId: random() < 0.8 && old ? (old.serviceId ?? "") : pick(["s1", "s2", "s3"]),
          slot: random() < 0.8 && old ? (old.slot ?? 0) : pick([0, 1, 2]),
          nodeId: random() < 0.7 && old ? (old.nodeId ?? "") : pick(["", "n1", "n2"]),
          desiredState: random() < 0.7 && old ? (old.desiredState ?? 0) : pick(desiredStates),
          status: { message: String(step) },
        };
        tasks.set(id, task);
        tables.put("task", task);
      } else if (roll < 0.85) {
        const id = `t${Math.floor(random() * 30)}`;
        tasks.delete(id);
        tables.delete("task", id);
      } else if (roll < 0.95) {
        // A service renamed, or written again under the same name.
        const id = pick(["a", "b", "c"]);
        const service: Service = { id, spec: { annotations: { name: pick([`name-${id}`, `other-${id}`]) } } };
        services.set(id, service);
        tables.put("service", service);
      } else {
        const id = pick(["a", "b", "c"]);
        services.delete(id);
        tables.delete("service", id);
      }
      // Listings in between: each merges the ids created and removed since the one before.
      if (random() < 0.1) tables.all(pick(["task", "service"] as const));
    }
    const rebuilt = new Tables();
    for (const task of tasks.values()) rebuilt.put("task", task);
    for (const service of services.values()) rebuilt.put("service", service);
    const queries: TaskQuery[] = [{}];
    for (const serviceId of ["s1", "s2", "s3"]) {
      queries.push({ serviceId });
      for (const slot of [0, 1, 2]) queries.push({ serviceId, slot });
    }
    for (const nodeId of ["", "n1", "n2"]) queries.push({ nodeId });
    for (const desiredState of desiredStates) queries.push({ desiredState });
    const sortedIds = (map: ReadonlyMap<string, unknown>): string[] => [...map.keys()].sort();
    t.deepEqual(ids(tables.all("task")), sortedIds(tasks), `seed ${seed}, all tasks`);
    t.deepEqual(
      tables.all("service").map((s) => s.id),
      sortedIds(services),
      `seed ${seed}, all services`,
    );
    t.deepEqual(tables.all("task"), rebuilt.all("task"), `seed ${seed}, all tasks again`);
    for (const query of queries)
      t.deepEqual(ids(tables.tasks(query)), ids(rebuilt.tasks(query)), `seed ${seed}, query ${JSON.stringify(query)}`);
    for (const id of ["a", "b", "c"]) {
      for (const name of [`name-${id}`, `other-${id}`])
        t.is(tables.byName("service", name)?.id, rebuilt.byName("service", name)?.id, `seed ${seed}, name ${name}`);
    }
  }
});
