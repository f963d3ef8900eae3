// Goal: a write that restates an object as stored is not proposed (no version move, no event),
// whatever shape the restatement has; any real difference is written.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "./store.js";
import { sameContent, updateIfChanged } from "./update-if-changed.js";

test("updateIfChanged writes a node only when its content differs", async (t) => {
  const store = new MemoryStore();
  let proposals = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++proposals)) });
  await store.update((tx) => tx.create("node", { id: "n1", status: { state: swarm.v1.NodeStatus.State.STATE_READY } }));
  const events: string[] = [];
  store.watch((commit) => events.push(...commit.events.map((e) => e.action)));
  const written = await store.update((tx) => updateIfChanged(tx, "node", { ...tx.get("node", "n1")! }));
  t.false(written);
  t.is(proposals, 1, "nothing was proposed");
  t.deepEqual(events, []);
  const changed = await store.update((tx) => {
    const node = tx.get("node", "n1")!;
    return updateIfChanged(tx, "node", { ...node, status: { ...node.status, message: "down" } });
  });
  t.true(changed);
  t.is(proposals, 2);
  t.deepEqual(events, ["update"]);
});

test("sameContent treats absent fields and their defaults alike, and a changed field as different", (t) => {
  const plain = { id: "n1", spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE } };
  const decoded = swarm.v1.Node.decode(swarm.v1.Node.encode(plain).finish());
  t.true(sameContent("node", plain, decoded));
  t.true(
    sameContent("node", { id: "n1", meta: { version: { index: 3 } } }, { id: "n1", meta: { version: { index: 9 } } }),
  );
  t.false(
    sameContent("node", plain, { ...plain, spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN } }),
  );
});
