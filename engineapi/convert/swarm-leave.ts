// Docker's answers to `docker swarm leave` (moby daemon/cluster Leave), which swarm-ts gives
// word for word where it refuses as Docker does: a locked manager, and a manager asked to leave
// without --force (the last one, one whose leaving costs the quorum, any other). A front end
// whose daemon cannot change its node points a forced leave, or a worker's, at `swarmd leave`.
import { swarm } from "../../proto/index.js";

/** Docker's answer to leave without --force on a locked manager. */
export const leaveLockedMessage =
  "Swarm is encrypted and locked. Please unlock it first or use `--force` to ignore this message.";

/** What a node that may leave is told when its daemon cannot leave for it. */
export const leaveWithSwarmdMessage =
  "a swarm-ts node leaves with `swarmd leave` on that node: stop swarmd, then run `swarmd leave` (`--force` for a manager); the Engine API cannot stop the daemon that serves it";

/** Docker's answer when the node is in no swarm. */
export const noSwarmMessage = "This node is not part of a swarm";

const Reachability = swarm.v1.ManagerStatus.Reachability;

/**
 * Docker's refusal of leave without --force on a manager, from the nodes as the Control API lists
 * them (moby's managerStats: reachable and unreachable managers, and whether this one is reachable);
 * null when this manager could not list them (not an active manager).
 */
export function managerLeaveRefusal(nodes: readonly swarm.v1.INode[] | null, selfId: string): string {
  const prefix = "You are attempting to leave the swarm on a node that is participating as a manager. ";
  const suffix =
    "The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";
  if (nodes === null) return `${prefix}Doing so may lose the consensus of your cluster. ${suffix}`;
  let reachable = 0;
  let unreachable = 0;
  let active = false;
  for (const node of nodes) {
    const reachability = Number(node.managerStatus?.reachability ?? -1);
    if (!node.managerStatus) continue;
    if (reachability === Number(Reachability.REACHABILITY_REACHABLE)) {
      reachable++;
      if (node.id === selfId) active = true;
    }
    if (reachability === Number(Reachability.REACHABILITY_UNREACHABLE)) unreachable++;
  }
  let message = prefix;
  if (active && reachable - 2 <= unreachable) {
    if (reachable === 1 && unreachable === 0)
      return `${message}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `;
    message += `Removing this node leaves ${reachable - 1} managers out of ${reachable + unreachable}. Without a Raft quorum your swarm will be inaccessible. `;
  }
  return `${message}${suffix}`;
}
