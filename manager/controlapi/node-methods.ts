// The Control API's node writes (`node update`, `node promote/demote`, `node rm`) as functions of the
// store and their request, so the cluster simulator drives the very refusals operators meet: the
// last manager is never demoted, a manager is demoted before it is removed, and a node that is not
// down is removed only when forced.
import { swarm } from "../../proto/index.js";
import type { MemoryStore } from "../store/index.js";
import { type QuorumView, quorumLossOnRemoval } from "../membership/index.js";
import { FailedPreconditionError, requireVersion, resolve } from "./resolve.js";

const NodeRole = swarm.v1.NodeSpec.Role;
const NodeState = swarm.v1.NodeStatus.State;

/**
 * UpdateNode: writes a node's spec at the version the caller read; refuses demoting the last
 * manager, and (given `quorum`, the leader's view of raft: null on a follower, whose write goes to
 * the leader) a manager whose removal from raft would lose the quorum, as Docker refuses it.
 */
export async function updateNodeSpec(
  store: MemoryStore,
  req: swarm.v1.UpdateNodeRequest.$Properties,
  quorum: () => QuorumView | null = () => null,
): Promise<swarm.v1.UpdateNodeResponse.$Properties> {
  const version = requireVersion("nodeVersion.index", req.nodeVersion);
  const spec = req.spec ?? {};
  let id = "";
  await store.update((tx) => {
    const node = resolve(tx, "node", req.nodeId ?? "", "nodeId");
    id = node.id ?? "";
    const demoting =
      (node.spec?.desiredRole ?? NodeRole.ROLE_WORKER) === NodeRole.ROLE_MANAGER &&
      (spec.desiredRole ?? NodeRole.ROLE_WORKER) === NodeRole.ROLE_WORKER;
    if (demoting) {
      const managers = tx.all("node").filter((n) => (n.spec?.desiredRole ?? 0) === NodeRole.ROLE_MANAGER);
      if (managers.length <= 1)
        throw new FailedPreconditionError("the last manager of the cluster cannot be demoted", { node: id });
      const raftId = Number(node.managerStatus?.raftId ?? 0);
      const view = raftId && (node.role ?? NodeRole.ROLE_WORKER) === NodeRole.ROLE_MANAGER ? quorum() : null;
      const loss = view ? quorumLossOnRemoval(view, raftId) : null;
      if (loss)
        throw new FailedPreconditionError(`node ${id} cannot be demoted: can't remove member from the raft: ${loss}`, {
          node: id,
        });
    }
    tx.update("node", { ...node, meta: { ...node.meta, version: { index: version } }, spec });
  });
  return { node: store.view((tx) => tx.get("node", id))! };
}

/** RemoveNode: refuses a manager (demote it first) and, unless forced, a node that is not down. */
export async function removeNodeObject(
  store: MemoryStore,
  req: swarm.v1.RemoveNodeRequest.$Properties,
): Promise<swarm.v1.RemoveNodeResponse.$Properties> {
  await store.update((tx) => {
    const node = resolve(tx, "node", req.nodeId ?? "", "nodeId");
    if ((node.role ?? 0) === NodeRole.ROLE_MANAGER) {
      throw new FailedPreconditionError(`node ${node.id ?? ""} is a manager; demote it before removing it`, {
        node: node.id,
      });
    }
    const state = node.status?.state ?? NodeState.STATE_UNKNOWN;
    if (!req.force && state !== NodeState.STATE_DOWN && state !== NodeState.STATE_UNKNOWN) {
      throw new FailedPreconditionError(`node ${node.id ?? ""} is not down; use force to remove it anyway`, {
        node: node.id,
      });
    }
    tx.remove("node", node.id ?? "");
  });
  return {};
}
