// Goal: UpdateNode refuses a demotion whose removal from raft would lose the quorum (Docker's
// CanRemoveMember), naming the node, and lets it through when the remaining managers are reachable.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { updateNodeSpec } from "./node-methods.js";
import { FailedPreconditionError } from "./resolve.js";

const Role = swarm.v1.NodeSpec.Role;

async function threeManagers(): Promise<MemoryStore> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) => {
    for (const [id, raftId] of [
      ["m1", 1],
      ["m2", 2],
      ["m3", 3],
    ] as const)
      tx.create("node", {
        id,
        role: Role.ROLE_MANAGER,
        spec: { desiredRole: Role.ROLE_MANAGER },
        managerStatus: { raftId, addr: `${id}:4242` },
      });
  });
  return store;
}

function demote(store: MemoryStore, nodeId: string, reachable: number[]): Promise<unknown> {
  const node = store.view((tx) => tx.get("node", nodeId))!;
  return updateNodeSpec(
    store,
    { nodeId, nodeVersion: node.meta?.version ?? { index: 0 }, spec: { ...node.spec, desiredRole: Role.ROLE_WORKER } },
    () => ({ voters: [1, 2, 3], reachable }),
  );
}

test("updateNodeSpec refuses to demote a reachable manager while another manager is down", async (t) => {
  const store = await threeManagers();
  const error = await t.throwsAsync(demote(store, "m2", [1, 2]), { instanceOf: FailedPreconditionError });
  t.is(error?.code, "FAILED_PRECONDITION");
  t.regex(
    error?.message ?? "",
    /node m2 cannot be demoted: can't remove member from the raft: this would result in a loss of quorum/,
  );
  t.is(Number(store.view((tx) => tx.get("node", "m2"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_MANAGER));
});

test("updateNodeSpec demotes the manager that is down, or any manager while all are reachable", async (t) => {
  const store = await threeManagers();
  await demote(store, "m3", [1, 2]);
  t.is(Number(store.view((tx) => tx.get("node", "m3"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_WORKER));
  const healthy = await threeManagers();
  await demote(healthy, "m2", [1, 2, 3]);
  t.is(Number(healthy.view((tx) => tx.get("node", "m2"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_WORKER));
});
