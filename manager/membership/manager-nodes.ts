// Manager nodes in the store: a node whose manager part is a raft member says so in its node object
// (role manager, its raft id and address, whether it leads), which `node ls` shows and demotion needs
// (the role reconciler finds the raft member to remove through `managerStatus.raftId`). A joining
// manager is recorded by the leader that admits it; a leader records itself when it takes office,
// clearing every other manager's leader flag in the same transaction.
import { swarm } from "../../proto/index.js";
import type { RaftId } from "../../raft/index.js";
import { type Clock, realClock } from "../../common/index.js";
import type { ComponentOptions, LeaderComponent } from "../component.js";
import { type MemoryStore, updateIfChanged, type WriteTx } from "../store/index.js";
import { type Log, silentLog } from "../../common/index.js";
import { writeUntilDone } from "../write-failure.js";

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
  await store.update((tx) => writeManagerNode(tx, record, leader));
}

/** Writes a manager's node object in a transaction (see recordManagerNode). */
function writeManagerNode(tx: WriteTx, record: ManagerNodeRecord, leader: boolean): void {
  const existing = tx.get("node", record.nodeId);
  const managerStatus = {
    raftId: record.raftId,
    addr: record.addr,
    leader,
    reachability: Reachability.REACHABILITY_REACHABLE,
  };
  if (existing) {
    // A manager recorded again as it is (a retried join, a leader re-elected) writes nothing.
    updateIfChanged(tx, "node", {
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
}

/**
 * On taking office, marks this manager's node as the leader and every other manager node as not,
 * in one transaction, so the store never names two leaders; a write that fails (a conflict with a
 * concurrent write, a proposal dropped in an election) is tried again while this manager leads.
 */
export class LeaderRecorder implements LeaderComponent {
  private readonly clock: Clock;

  private readonly log: Log;
  constructor(
    private readonly store: MemoryStore,
    private readonly self: ManagerNodeRecord,
    options: ComponentOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? silentLog;
  }

  /** Records once, retrying until it has or leadership is lost (the next leader then records itself). */
  async run(signal: AbortSignal): Promise<void> {
    await writeUntilDone(
      signal,
      () =>
        this.store.update((tx) => {
          writeManagerNode(tx, this.self, true);
          for (const node of tx.all("node")) {
            if (node.id === this.self.nodeId || !node.managerStatus?.leader) continue;
            tx.update("node", { ...node, managerStatus: { ...node.managerStatus, leader: false } });
          }
        }),
      this.log,
      "leader-recorder.write-failed",
      {},
      this.clock,
    );
  }
}
