// Goal: UpdateNode refuses a demotion whose removal from raft would lose the quorum (Docker's
// CanRemoveMember), naming the node, and lets it through when the remaining managers are reachable.
import test from "ava";
import { swarm } from "../../proto/index.js";
import type { MemoryStore } from "../store/index.js";
import { threeManagerStore } from "../testing/index.js";
import { updateNodeSpec } from "./node-methods.js";
import { FailedPreconditionError } from "./resolve.js";

const Role = swarm.v1.NodeSpec.Role;

function demote(store: MemoryStore, nodeId: string, reachable: number[]): Promise<unknown> {
  const node = store.view((tx) => tx.get("node", nodeId))!;
  return updateNodeSpec(
    store,
    { nodeId, nodeVersion: node.meta?.version ?? { index: 0 }, spec: { ...node.spec, desiredRole: Role.ROLE_WORKER } },
    () => ({ voters: [1, 2, 3], reachable }),
  );
}

test("updateNodeSpec refuses to demote a reachable manager while another manager is down", async (t) => {
  const store = await threeManagerStore();
  const error = await t.throwsAsync(demote(store, "m2", [1, 2]), { instanceOf: FailedPreconditionError });
  t.is(error?.code, "FAILED_PRECONDITION");
  t.regex(
    error?.message ?? "",
    /node m2 cannot be demoted: can't remove member from the raft: this would result in a loss of quorum/,
  );
  t.is(Number(store.view((tx) => tx.get("node", "m2"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_MANAGER));
});

test("updateNodeSpec demotes the manager that is down, or any manager while all are reachable", async (t) => {
  const store = await threeManagerStore();
  await demote(store, "m3", [1, 2]);
  t.is(Number(store.view((tx) => tx.get("node", "m3"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_WORKER));
  const healthy = await threeManagerStore();
  await demote(healthy, "m2", [1, 2, 3]);
  t.is(Number(healthy.view((tx) => tx.get("node", "m2"))?.spec?.desiredRole ?? 0), Number(Role.ROLE_WORKER));
});
