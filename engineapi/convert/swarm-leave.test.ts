// Goal: `docker swarm leave` without --force on a manager is refused in Docker's words for each
// of moby's cases: the last manager, a manager whose leaving costs the quorum, any other manager,
// and a manager that cannot list the nodes.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { managerLeaveRefusal } from "./swarm-leave.js";

const { REACHABILITY_REACHABLE: up, REACHABILITY_UNREACHABLE: down } = swarm.v1.ManagerStatus.Reachability;
const managers = (...states: swarm.v1.ManagerStatus.Reachability[]): swarm.v1.INode[] => [
  ...states.map((reachability, i) => ({ id: `m${i}`, managerStatus: { reachability } })),
  { id: "w0" },
];
const prefix = "You are attempting to leave the swarm on a node that is participating as a manager. ";
const suffix =
  "The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";

test("swarm leave refusals match Docker's for every manager count", (t) => {
  t.is(
    managerLeaveRefusal(managers(up), "m0"),
    `${prefix}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `,
  );
  t.is(
    managerLeaveRefusal(managers(up, up, down), "m0"),
    `${prefix}Removing this node leaves 1 managers out of 3. Without a Raft quorum your swarm will be inaccessible. ${suffix}`,
  );
  t.is(managerLeaveRefusal(managers(up, up, up), "m0"), `${prefix}${suffix}`);
  t.is(managerLeaveRefusal(null, "m0"), `${prefix}Doing so may lose the consensus of your cluster. ${suffix}`);
});
