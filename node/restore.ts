// `swarmd init --restore FILE`: a new cluster from a backup (`swarmctl cluster backup`). The
// backup's store becomes the first raft snapshot of a new single-manager raft group, so every
// service, secret, config, network, node record and the cluster object (root CA and its key, join
// tokens, autolock) come back as they were at the backup's raft index. The restoring node is a new
// node of that cluster: it gets a new node id and a manager certificate from the restored root CA,
// so nodes of the old cluster still trust it and can rejoin with the old tokens. The old nodes'
// records stay, marked down, for the operator to remove or to see come back.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { controlSocketPath, SwarmError } from "../common/index.js";
import {
  backupBytesMax,
  decodeBackup,
  type Manager,
  MemoryStore,
  type RootCaPems,
  type BackupHeader,
  SequenceConflictError,
} from "../manager/index.js";
import { swarm } from "../proto/index.js";
import { encodeMembers, noRaftId, openWal } from "../raft/index.js";
import { parseUnlockKey } from "./dek-store.js";
import { loadManagerKeys } from "./manager-keys.js";

/** The backup cannot found a cluster (no cluster object, or no CA key to sign with). */
export class UnrestorableBackupError extends SwarmError {
  constructor(message: string) {
    super("UNRESTORABLE_BACKUP", message);
  }
}

/** What a backup file holds, opened and checked. */
export interface OpenedBackup {
  /** The file's header. */
  readonly header: BackupHeader;
  /** The store's snapshot bytes. */
  readonly snapshot: Uint8Array;
  /** The store's raft index. */
  readonly raftIndex: number;
  /** The cluster's id (the O of every certificate). */
  readonly clusterId: string;
  /** The cluster's root CA, with its key. */
  readonly rootCa: RootCaPems;
  /** How many objects of each kind it holds, for the log. */
  readonly counts: Readonly<Record<string, number>>;
}

/** Reads and checks a backup file; `unlockKey` (SWMKEY-1-…) opens a sealed one. */
export async function openBackup(path: string, unlockKey?: string): Promise<OpenedBackup> {
  const size = (await stat(path)).size;
  if (size > backupBytesMax) throw new UnrestorableBackupError(`${path} is larger than ${backupBytesMax} bytes`);
  const { header, snapshot } = decodeBackup(
    await readFile(path),
    unlockKey === undefined ? undefined : parseUnlockKey(unlockKey),
  );
  const raftIndex = Math.max(1, Number(header.raftIndex) || 0);
  const store = new MemoryStore();
  store.restore(snapshot, raftIndex);
  const cluster = store.view((tx) => tx.all("cluster")[0]);
  if (!cluster?.id) throw new UnrestorableBackupError(`${path} holds no cluster object`);
  const certPem = Buffer.from(cluster.rootCaCertPem ?? []).toString("utf8");
  const keyPem = Buffer.from(cluster.rootCaKeyPem ?? []).toString("utf8");
  if (!certPem || !keyPem)
    throw new UnrestorableBackupError(`${path} holds no root CA key: the restored manager could not sign certificates`);
  const kinds = ["service", "task", "secret", "config", "network", "node"] as const;
  const counts = Object.fromEntries(kinds.map((kind) => [kind, store.view((tx) => tx.count(kind))]));
  return { header, snapshot, raftIndex, clusterId: cluster.id, rootCa: { certPem, keyPem }, counts };
}

/**
 * Writes the backup's store as the first raft snapshot of a new raft group whose only member is
 * `self`, in the (new) manager directory of `stateDir`, encrypted with its data key.
 */
export async function seedRaftFromBackup(
  stateDir: string,
  backup: OpenedBackup,
  self: { readonly raftId: number; readonly addr: string },
  log: (level: "info" | "warn", event: string, fields: Record<string, unknown>) => void,
): Promise<void> {
  const managerDir = join(stateDir, "manager");
  const keys = await loadManagerKeys(managerDir, { socketPath: controlSocketPath(stateDir), log });
  const { wal } = await openWal(managerDir, { encryption: { key: keys.dek } });
  try {
    await wal.saveSnapshot({
      meta: { index: backup.raftIndex, term: 1, conf: { voters: [self.raftId], learners: [] } },
      data: encodeMembers(new Map([[self.raftId, self.addr]]), backup.snapshot),
    });
    // A term above the snapshot's, no vote: the member elects itself in a term of its own.
    await wal.save({ hardState: { term: 2, vote: noRaftId, commit: backup.raftIndex }, entries: [] });
  } finally {
    await wal.close();
  }
}

/**
 * Marks every node of the backup but `selfNodeId` down: none has a session with the new cluster
 * yet, and its managers are no raft members of it. A node that comes back (same root CA, so its
 * certificate is still good) turns ready again with its first session.
 */
export async function markBackupNodesDown(manager: Manager, selfNodeId: string): Promise<number> {
  // The new leader writes nodes too (it records itself and clears the others' leader flag) while
  // this transaction is in flight: one that lost that race is made again on the newer versions.
  for (let attempt = 1; ; attempt++) {
    try {
      return await markDownOnce(manager, selfNodeId);
    } catch (error) {
      if (!(error instanceof SequenceConflictError) || attempt >= markDownAttemptsMax) throw error;
    }
  }
}

/** Attempts at marking the backup's nodes down before the restore gives up. */
export const markDownAttemptsMax = 10;

async function markDownOnce(manager: Manager, selfNodeId: string): Promise<number> {
  let marked = 0;
  await manager.store.update((tx) => {
    for (const node of tx.all("node")) {
      if (node.id === selfNodeId) continue;
      const wasManager = Number(node.role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER);
      tx.update("node", {
        ...node,
        status: {
          ...node.status,
          state: swarm.v1.NodeStatus.State.STATE_DOWN,
          message: "restored from a backup; no session with this cluster yet",
        },
        ...(wasManager
          ? {
              managerStatus: {
                ...node.managerStatus,
                leader: false,
                reachability: swarm.v1.ManagerStatus.Reachability.REACHABILITY_UNREACHABLE,
              },
            }
          : {}),
      });
      marked++;
    }
  });
  return marked;
}
