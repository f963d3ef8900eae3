// Goal: the role reconciler removes a demoted manager from raft only while the remaining reachable
// voters form a quorum (Docker's role manager asks CanRemoveMember), and finishes the demotion once
// they do.
import test from "ava";
import { FakeClock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { RaftId } from "../../raft/index.js";
import { threeManagerStore } from "../testing/index.js";
import { demotionRetryMs, type DemotionRaft, RoleReconciler } from "./role-reconciler.js";

const Role = swarm.v1.NodeSpec.Role;

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
}

test("role reconciler waits to remove a demoted manager while another manager is down", async (t) => {
  const clock = new FakeClock();
  const store = await threeManagerStore({ clock, demoting: ["m2"] });
  let reachable: RaftId[] = [1, 2];
  const removed: RaftId[] = [];
  let voters: RaftId[] = [1, 2, 3];
  const raft: DemotionRaft = {
    id: 1,
    status: () => ({
      role: "leader",
      leaderAddr: "m1:4242",
      members: voters.map((v): [RaftId, string] => [v, `m${v}:4242`]),
      voters,
      learners: [],
    }),
    addMember: () => Promise.resolve(),
    removeMember: (id) => {
      removed.push(id);
      voters = voters.filter((v) => v !== id);
      return Promise.resolve();
    },
    reachableMembers: () => reachable,
    transferLeadership: () => undefined,
  };
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  void new RoleReconciler(store, raft, { clock }).run(abort.signal);
  await settle();
  t.deepEqual(removed, [], "m3 is down: removing m2 would leave 1 of 2 reachable");
  t.is(Number(store.view((tx) => tx.get("node", "m2"))?.role ?? 0), Number(Role.ROLE_MANAGER));
  reachable = [1, 2, 3];
  clock.advance(demotionRetryMs);
  await settle();
  t.deepEqual(removed, [2]);
  t.is(Number(store.view((tx) => tx.get("node", "m2"))?.role ?? 0), Number(Role.ROLE_WORKER));
});
