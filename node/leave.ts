// `swarmd leave`: the node stops being part of its cluster. A manager first leaves the raft group
// (through any other manager), so the remaining managers' quorum no longer counts it; then the
// node's tasks are removed from its runtime, every task's secret and config tmpfs is unmounted and
// deleted (an agent stopped cleanly did that already; one killed did not), and its state directory
// is deleted, as Docker's `swarm leave` does. Leaving a manager needs `force`, because it can cost the cluster its quorum.
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { realClock, SwarmError } from "../common/index.js";
import { RaftMembershipClient } from "../proto/index.js";
import { removeTaskFilesRoot, taskFilesRoot } from "../worker/index.js";
import { createExecutor } from "./executor-choice.js";
import { createNetworkAgent, wireguardKeyFile } from "./network-choice.js";
import { NoNodeStateError, readNodeState } from "./node-state.js";

/** A manager may only leave with force. */
export class ManagerLeaveRefusedError extends SwarmError {
  constructor() {
    super(
      "MANAGER_LEAVE_REFUSED",
      "this node is a manager: leaving can cost the cluster its quorum. Demote it first (`swarmctl node demote`), or use --force to leave anyway",
    );
  }
}

/** Deadline of the Leave call to another manager. */
export const leaveCallMsMax = 10_000;

/**
 * Leaves the cluster and deletes the node's state (the node must not be running). Returns warnings:
 * a forced leave goes on when no other manager can take the member out of the raft group. `keep`
 * names entries of the state directory a daemon that runs on needs (its pid file, its sockets):
 * then the directory stays, holding only those.
 */
export async function leaveCluster(
  stateDir: string,
  options: { force: boolean; keep?: readonly string[] },
): Promise<string[]> {
  const warnings: string[] = [];
  const state = await readNodeState(stateDir);
  if (!state) throw new NoNodeStateError(stateDir);
  if (state.role === "manager") {
    if (!options.force) throw new ManagerLeaveRefusedError();
    const raftId = Number((await readFile(join(stateDir, "manager", "raft-id"), "utf8").catch(() => "0")).trim());
    const others = state.managers.filter((m) => m !== state.advertiseAddr);
    if (raftId && others.length > 0) {
      try {
        await leaveRaft(others, raftId);
      } catch (error) {
        warnings.push(
          `${(error as Error).message}; the other managers still count this one until it is removed (\`swarmctl node rm --force\`)`,
        );
      }
    }
  }
  const executor = await createExecutor(state.executor, stateDir);
  for (const owned of await executor.list()) {
    if (owned.nodeId !== undefined && owned.nodeId !== state.nodeId) continue;
    await executor.removeOwned(owned.containerId);
  }
  // Both placements: the agent mounts as root and falls back to /dev/shm otherwise.
  for (const placement of ["mount", "shm"] as const) await removeTaskFilesRoot(taskFilesRoot(state.nodeId, placement));
  // The node's bridges, VXLAN devices, rules and Docker networks go with it; its tasks are gone.
  const network = createNetworkAgent({
    choice: state.networkAgent ?? "off",
    prefix: state.networkPrefix ?? "",
    host: state.advertiseAddr.slice(0, state.advertiseAddr.lastIndexOf(":")),
    publishAddr: state.publishAddr ?? "0.0.0.0",
    docker: executor.kind === "docker",
    nodeId: state.nodeId,
    wireguardKeyFile: wireguardKeyFile(stateDir),
    ...(state.wireguardGo ? { wireguardGo: state.wireguardGo } : {}),
    log: () => undefined,
  });
  if (network) {
    try {
      await network.teardown();
    } catch (error) {
      warnings.push(`the node's overlay networks could not all be removed: ${(error as Error).message}`);
    }
  }
  if (options.keep === undefined) await rm(stateDir, { recursive: true, force: true });
  else
    for (const entry of await readdir(stateDir))
      if (!options.keep.includes(entry)) await rm(join(stateDir, entry), { recursive: true, force: true });
  return warnings;
}

/** Asks the managers, one after the other, to remove the member; the first answer wins. */
async function leaveRaft(managers: readonly string[], raftId: number): Promise<void> {
  let lastError: unknown = null;
  for (const addr of managers) {
    const client = new RaftMembershipClient(addr, grpc.credentials.createInsecure());
    try {
      await new Promise<void>((resolve, reject) =>
        client.leave(
          { node: { raftId } },
          new grpc.Metadata(),
          { deadline: realClock.now() + leaveCallMsMax },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      return;
    } catch (error) {
      lastError = error;
    } finally {
      client.close();
    }
  }
  throw new SwarmError(
    "LEAVE_FAILED",
    `no manager removed this node from the raft group: ${String((lastError as Error | null)?.message ?? lastError)}`,
  );
}
