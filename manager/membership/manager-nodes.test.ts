// Goal: a new leader names itself the leader and clears every other manager's leader flag in one
// transaction, tried again when the write fails, so the store never names two leaders; recording a
// manager as it already is writes nothing.
import test from "ava";
import { waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { ProposalDroppedError } from "../../raft/index.js";
import { MemoryStore } from "../store/index.js";
import { LeaderRecorder, recordManagerNode } from "./manager-nodes.js";

const Role = swarm.v1.NodeSpec.Role;

/** Runs m2's LeaderRecorder over a store whose proposals number `lost` (1, 2, …) are dropped. */
async function recordWithLostProposals(
  t: { teardown: (fn: () => void) => void },
  lost: ReadonlySet<number>,
): Promise<string[]> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  // The previous leader, m1, is still flagged when m2 takes office.
  await store.update((tx) => {
    for (const [id, raftId, leader] of [
      ["m1", 1, true],
      ["m2", 2, false],
    ] as const)
      tx.create("node", {
        id,
        role: Role.ROLE_MANAGER,
        spec: { desiredRole: Role.ROLE_MANAGER },
        managerStatus: { raftId, addr: `127.0.0.1:${raftId}`, leader },
      });
  });
  let proposals = 0;
  store.setProposer({
    propose: (data) => {
      if (lost.has(++proposals))
        return Promise.reject(new ProposalDroppedError("leadership changed before the entry committed"));
      return Promise.resolve(store.apply(data, ++index));
    },
  });
  const leadership = new AbortController();
  t.teardown(() => leadership.abort());
  const leaders = (): string[] =>
    store
      .view((tx) => tx.all("node"))
      .filter((n) => n.managerStatus?.leader)
      .map((n) => n.id ?? "");
  const recorded = new LeaderRecorder(store, { nodeId: "m2", raftId: 2, addr: "127.0.0.1:2" }).run(leadership.signal);
  await waitFor("m2 recorded as the leader", () => (leaders().includes("m2") ? true : undefined));
  await recorded;
  return leaders();
}

// Setup's own write is not counted: proposal 1 is the recorder's first.
test("a new leader records itself as the only leader even when a later write is lost", async (t) => {
  t.deepEqual(await recordWithLostProposals(t, new Set([2])), ["m2"]);
});

test("a new leader retries recording itself until the write commits", async (t) => {
  t.deepEqual(await recordWithLostProposals(t, new Set([1, 2])), ["m2"]);
});

test("a manager recorded again as it is, or a leader re-elected, leaves its node's version alone", async (t) => {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const self = { nodeId: "m1", raftId: 1, addr: "127.0.0.1:1" };
  const version = (): number => Number(store.view((tx) => tx.get("node", "m1"))?.meta?.version?.index ?? 0);
  await recordManagerNode(store, self);
  const joined = version();
  await recordManagerNode(store, self);
  t.is(version(), joined, "a retried join writes nothing");
  const leadership = new AbortController();
  t.teardown(() => leadership.abort());
  await new LeaderRecorder(store, self).run(leadership.signal);
  const led = version();
  t.true(led > joined, "becoming the leader is written");
  await new LeaderRecorder(store, self).run(leadership.signal);
  t.is(version(), led, "a re-election of the flagged leader writes nothing");
  t.true(store.view((tx) => tx.get("node", "m1"))?.managerStatus?.leader ?? false);
});
