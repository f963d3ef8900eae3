// A store for tests of manager membership: three manager nodes (m1, m2, m3 with raft ids 1, 2, 3),
// and writes applied at once, as a leader alone in its raft group would.
import type { Clock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";

const Role = swarm.v1.NodeSpec.Role;

/** Options of {@link threeManagerStore}. */
export interface ThreeManagerOptions {
  /** The store's clock (default: the real one). */
  readonly clock?: Clock;
  /** Node ids whose spec already asks for the worker role (a demotion under way). */
  readonly demoting?: readonly string[];
}

/** A store that applies each proposal at once, holding managers m1–m3 with raft ids 1–3. */
export async function threeManagerStore(options: ThreeManagerOptions = {}): Promise<MemoryStore> {
  const store = new MemoryStore(options.clock ? { clock: options.clock } : {});
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
        spec: { desiredRole: options.demoting?.includes(id) ? Role.ROLE_WORKER : Role.ROLE_MANAGER },
        managerStatus: { raftId, addr: `${id}:4242` },
      });
  });
  return store;
}
