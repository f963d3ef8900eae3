// Manager nodes in the store: a node whose manager part is a raft member says so in its node object
// (role manager, its raft id and address, whether it leads), which `node ls` shows and demotion needs
// (the role reconciler finds the raft member to remove through `managerStatus.raftId`). A joining
// manager is recorded by the leader that admits it; a leader records itself when it takes office.
import { swarm } from "../../proto/index.js";
import type { RaftId } from "../../raft/index.js";
import type { LeaderComponent } from "../component.js";
import type { MemoryStore } from "../store/index.js";

const Role = swarm.v1.NodeSpec.Role;
const Reachability = swarm.v1.ManagerStatus.Reachability;

/** A manager as the node object records it. */
export interface ManagerNodeRecord {
  /** Node id (the CN of its certificate once mutual TLS lands). */
  readonly nodeId: string;
  /** Its raft member id. */
  readonly raftId: RaftId;
  /** Address other managers reach it at. */
  readonly addr: string;
}

/**
 * Creates or updates the node object of a manager: role and desired role manager, manager status
 * with raft id and address. Availability, labels and the description the node reported are kept.
 */
export async function recordManagerNode(store: MemoryStore, record: ManagerNodeRecord, leader = false): Promise<void> {
  await store.update((tx) => {
    const existing = tx.get("node", record.nodeId);
    const managerStatus = {
      raftId: record.raftId,
      addr: record.addr,
      leader,
      reachability: Reachability.REACHABILITY_REACHABLE,
    };
    if (existing) {
      tx.update("node", {
        ...existing,
        role: Role.ROLE_MANAGER,
        spec: { ...existing.spec, desiredRole: Role.ROLE_MANAGER },
        managerStatus,
      });
      return;
    }
    tx.create("node", {
      id: record.nodeId,
      role: Role.ROLE_MANAGER,
      spec: { desiredRole: Role.ROLE_MANAGER, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
      status: { state: swarm.v1.NodeStatus.State.STATE_UNKNOWN, message: "manager joined; no session yet" },
      managerStatus,
    });
  });
}

/** On taking office, marks this manager's node as the leader and every other manager node as not. */
export class LeaderRecorder implements LeaderComponent {
  constructor(
    private readonly store: MemoryStore,
    private readonly self: ManagerNodeRecord,
  ) {}

  /** Records once; a lost write is retried by the next leader's own record. */
  async run(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    try {
      await recordManagerNode(this.store, this.self, true);
      await this.store.update((tx) => {
        for (const node of tx.all("node")) {
          if (node.id === this.self.nodeId || !node.managerStatus?.leader) continue;
          tx.update("node", { ...node, managerStatus: { ...node.managerStatus, leader: false } });
        }
      });
    } catch {
      // Leadership lost mid-write: the next leader records itself.
    }
  }
}
