// Goal: a decoded batch shares equal task specs, endpoints and annotations as one object, keeps
// different ones apart, and decodes every value as before.
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
  // Sharing lasts one batch: a second decode makes its own objects, and plain decodes outside are untouched.
  const [again] = decodeStoreBatch(data);
  t.not((again!.changes[0]!.object as swarm.v1.Task.$Properties).spec, t1!.spec);
  const a = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode({ container: { image: "x" } }).finish());
  const b = swarm.v1.TaskSpec.decode(swarm.v1.TaskSpec.encode({ container: { image: "x" } }).finish());
  t.not(a, b);
});
