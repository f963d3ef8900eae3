// Goal: a decoded batch shares equal task specs, endpoints and annotations as one object, keeps
// different ones apart, and decodes every value as before; task specs stay shared with later
// batches, and a shared part encodes to the same bytes as a copy of it.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { decodeStoreBatch, encodeStoreBatch } from "./store-codec.js";

const task = (id: string, image: string): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "s1",
  slot: 1,
  spec: { container: { image, env: ["A=1"] } },
  serviceAnnotations: { name: "web", labels: { tier: "front" } },
});

test("decodeStoreBatch shares equal task specs and annotations and keeps different ones apart", (t) => {
  const data = encodeStoreBatch([
    {
      id: "tx",
      changes: [
        { action: "create", kind: "task", object: task("t1", "busybox"), expectedVersion: 0 },
        { action: "create", kind: "task", object: task("t2", "busybox"), expectedVersion: 0 },
        { action: "create", kind: "task", object: task("t3", "nginx"), expectedVersion: 0 },
      ],
    },
  ]);
  const [tx] = decodeStoreBatch(data);
  const [t1, t2, t3] = tx!.changes.map((c) => c.object as swarm.v1.Task.$Properties);
  t.is(t1!.spec, t2!.spec);
  t.is(t1!.serviceAnnotations, t3!.serviceAnnotations);
  t.not(t1!.spec, t3!.spec);
  t.is(t3!.spec?.container?.image, "nginx");
  t.deepEqual(t1!.spec, { container: { image: "busybox", env: ["A=1"] } });
  t.deepEqual(t2!.serviceAnnotations, { name: "web", labels: { tier: "front" } });
  // Task specs stay shared with later batches; annotations are shared within one batch only; plain
  // decodes outside a batch are untouched.
  const [again] = decodeStoreBatch(data);
  t.is((again!.changes[0]!.object as swarm.v1.Task.$Properties).spec, t1!.spec);
  t.not((again!.changes[0]!.object as swarm.v1.Task.$Properties).serviceAnnotations, t1!.serviceAnnotations);
  const a = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode({ container: { image: "x" } }).finish());
  const b = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode({ container: { image: "x" } }).finish());
  t.not(a, b);
});

test("a shared part encodes as a fresh copy of it does", (t) => {
  const spec: swarm.v1.TaskSpec.$Properties = {
    container: { image: "redis:7", env: ["B=2"], labels: { z: "1", a: "2" } },
    restart: { delayNs: 5 },
  };
  const data = encodeStoreBatch([
    {
      id: "tx",
      changes: [{ action: "create", kind: "task", object: { id: "t9", serviceId: "s9", spec }, expectedVersion: 0 }],
    },
  ]);
  const shared = (decodeStoreBatch(data)[0]!.changes[0]!.object as swarm.v1.Task.$Properties).spec!;
  const copy = structuredClone(shared);
  t.deepEqual(swarm.v1.TaskSpec.encode(shared).finish(), swarm.v1.TaskSpec.encode(copy).finish());
  const task = { id: "t9", spec: shared };
  t.deepEqual(swarm.v1.Task.encode(task).finish(), swarm.v1.Task.encode({ ...task, spec: copy }).finish());
  // A changed copy (spread) is encoded from its fields, not from the bytes of the part it came from.
  const changed = { ...shared, container: { ...shared.container, image: "redis:8" } };
  t.is(swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode(changed).finish()).container?.image, "redis:8");
});

test("decodeStoreBatch shares a task spec that comes back after another, and never one of a different length or content", (t) => {
  const specs = ["busybox", "nginx", "busybox", "busybox", "nginy", "nginx:1"];
  const data = encodeStoreBatch([
    {
      id: "tx",
      changes: specs.map((image, i) => ({
        action: "create" as const,
        kind: "task" as const,
        object: task(`t${i}`, image),
        expectedVersion: 0,
      })),
    },
  ]);
  const decoded = decodeStoreBatch(data)[0]!.changes.map((c) => (c.object as swarm.v1.Task.$Properties).spec!);
  t.deepEqual(
    decoded.map((s) => s.container?.image),
    specs,
  );
  for (const [i, a] of decoded.entries())
    for (const [j, b] of decoded.entries())
      t.is(a === b, specs[i] === specs[j], `tasks ${i} and ${j}: ${specs[i]} and ${specs[j]}`);
});
