// The BackupCluster handler: a consistent copy of the whole store streamed to the operator. The
// store's snapshot is taken synchronously, so it is the store at exactly one raft index; before
// taking it the manager asks the leader for a read point (as linearizable reads do), so the copy
// holds every write acknowledged before the backup started. Without a quorum the copy is still
// made, from this manager's store, and marked unconfirmed, because a backup is most wanted when the
// cluster is in trouble.
import * as grpc from "@grpc/grpc-js";
import type { ControlServer, swarm } from "../../proto/index.js";
import type { MemoryStore } from "../store/index.js";
import { encodeBackup } from "./backup-file.js";
import { toServiceError } from "../../common/index.js";

/** Bytes per streamed chunk: well under gRPC's default 4 MiB message limit. */
export const backupChunkBytes = 1024 * 1024;

/** What the handler needs of its manager. */
export interface BackupServiceOptions {
  /** The manager's store. */
  readonly store: MemoryStore;
  /** Resolves once the store holds every write committed before the call (raft's read index). */
  readonly readBarrier: () => Promise<void>;
}

/** The Control API's BackupCluster handler. */
export function backupHandler(options: BackupServiceOptions): Pick<ControlServer, "backupCluster"> {
  return {
    backupCluster: (call) => {
      void streamBackup(options, call).catch((error: unknown) => {
        const status = toServiceError(error);
        call.emit(
          "error",
          Object.assign(new Error(status.details), { ...status, metadata: status.metadata ?? new grpc.Metadata() }),
        );
      });
    },
  };
}

async function streamBackup(
  options: BackupServiceOptions,
  call: grpc.ServerWritableStream<swarm.v1.BackupClusterRequest, swarm.v1.BackupClusterChunk.$Properties>,
): Promise<void> {
  let unconfirmed = false;
  try {
    await options.readBarrier();
  } catch {
    unconfirmed = true;
  }
  const { store } = options;
  // Snapshot, index and cluster are read in one turn: nothing applies in between.
  const raftIndex = store.version;
  const snapshot = store.snapshot();
  const cluster = store.view((tx) => tx.all("cluster")[0]);
  const autolock = cluster?.spec?.encryptionConfig?.autoLockManagers === true;
  const file = encodeBackup(snapshot, {
    raftIndex,
    clusterId: cluster?.id ?? "",
    ...(autolock && cluster?.unlockKey?.length ? { unlockKey: cluster.unlockKey } : {}),
  });
  const encrypted = autolock && (cluster?.unlockKey?.length ?? 0) > 0;
  for (let offset = 0; offset < file.length || offset === 0; offset += backupChunkBytes) {
    if (call.cancelled) return;
    const chunk = { data: file.subarray(offset, offset + backupChunkBytes), raftIndex, encrypted, unconfirmed };
    // Waits for the client to take what was sent, so a slow reader holds one chunk, not the store twice over.
    if (!call.write(chunk)) await new Promise<void>((resolve) => call.once("drain", () => resolve()));
    if (file.length === 0) break;
  }
  call.end();
}
