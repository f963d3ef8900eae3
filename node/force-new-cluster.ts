// `swarmd init --force-new-cluster`: quorum-loss recovery on a surviving manager's state dir. The
// store is kept whole; the raft log is folded into one snapshot whose membership is this manager
// alone (a new term, so it elects itself), and the former log is moved aside, never deleted, so
// an operator can still inspect it. The other managers' node records stay, marked down, so the
// operator sees them and can demote and remove them.
import { mkdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { controlSocketPath, realClock, SwarmError, waitFor } from "../common/index.js";
import { type Manager, MemoryStore } from "../manager/index.js";
import { swarm } from "../proto/index.js";
import { forceNewClusterState, openWal } from "../raft/index.js";
import { loadManagerKeys } from "./manager-keys.js";
import { NoNodeStateError, readNodeState, writeNodeState } from "./node-state.js";

/** Prefix of the directory (inside the manager's) that keeps the log as it was before the rewrite. */
export const forceNewClusterBackupPrefix = "before-force-new-cluster-";

/** How long the forced cluster's single member may take to lead. */
export const forcedLeaderMsMax = 30_000;

/** The state dir holds no manager to force a new cluster from. */
export class NotAManagerStateError extends SwarmError {
  constructor(stateDir: string) {
    super("NOT_A_MANAGER", `${stateDir} holds no manager: --force-new-cluster needs a manager's state dir`);
  }
}

/** Options of {@link rewriteAsNewCluster}. */
export interface RewriteOptions {
  /** The unlock key of an autolocked manager; absent, a locked one waits for `swarmctl cluster unlock`. */
  readonly unlockKey?: string;
  /** Reports the locked state and unlock attempts. */
  readonly log?: (level: "info" | "warn", event: string, fields: Record<string, unknown>) => void;
}

/**
 * Rewrites a stopped manager's raft state so that it alone forms the cluster; returns the
 * directory the former log was moved to. The raft state stays encrypted with the manager's data
 * key (raft-dek.json stays where it is).
 */
export async function rewriteAsNewCluster(stateDir: string, options: RewriteOptions = {}): Promise<string> {
  const state = await readNodeState(stateDir);
  if (!state) throw new NoNodeStateError(stateDir);
  if (state.role !== "manager") throw new NotAManagerStateError(stateDir);
  const managerDir = join(stateDir, "manager");
  const raftId = Number((await readFile(join(managerDir, "raft-id"), "utf8").catch(() => "")).trim());
  if (!raftId) throw new NotAManagerStateError(stateDir);
  const keys = await loadManagerKeys(managerDir, {
    socketPath: controlSocketPath(stateDir),
    log: options.log ?? (() => undefined),
    ...(options.unlockKey === undefined ? {} : { unlockKey: options.unlockKey }),
  });
  const walOptions = { encryption: { key: keys.dek } };
  const old = await openWal(managerDir, walOptions);
  await old.wal.close();
  const forced = forceNewClusterState(old.recovered, new MemoryStore(), { id: raftId, addr: state.advertiseAddr });
  const backupDir = join(
    managerDir,
    `${forceNewClusterBackupPrefix}${new Date(realClock.now()).toISOString().replace(/[:.]/g, "-")}`,
  );
  await mkdir(backupDir, { recursive: true });
  await rename(join(managerDir, "wal"), join(backupDir, "wal"));
  await rename(join(managerDir, "snap"), join(backupDir, "snap"));
  const fresh = await openWal(managerDir, walOptions);
  try {
    await fresh.wal.saveSnapshot(forced.snapshot);
    await fresh.wal.save({ hardState: forced.hardState, entries: [] });
  } finally {
    await fresh.wal.close();
  }
  // Workers and restarts must look for this manager only; the others are gone for good.
  await writeNodeState(stateDir, { ...state, managers: [state.advertiseAddr] });
  return backupDir;
}

/**
 * Once the forced manager leads, marks every other manager's node record down (they are no raft
 * members any more), so `node ls` tells the truth and the operator can demote and remove them.
 */
export async function markFormerManagersDown(manager: Manager, selfNodeId: string): Promise<number> {
  await waitFor("the forced cluster's leader", () => (manager.isLeading ? true : undefined), {
    timeoutMs: forcedLeaderMsMax,
  });
  const Role = swarm.v1.NodeSpec.Role;
  let marked = 0;
  await manager.store.update((tx) => {
    for (const node of tx.all("node")) {
      if (node.id === selfNodeId || Number(node.role ?? 0) !== Number(Role.ROLE_MANAGER)) continue;
      tx.update("node", {
        ...node,
        status: {
          ...node.status,
          state: swarm.v1.NodeStatus.State.STATE_DOWN,
          message: "removed from the raft group by --force-new-cluster",
        },
        managerStatus: {
          ...node.managerStatus,
          leader: false,
          reachability: swarm.v1.ManagerStatus.Reachability.REACHABILITY_UNREACHABLE,
        },
      });
      marked++;
    }
  });
  return marked;
}
