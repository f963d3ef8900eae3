// `GET /version` and `GET /info`. `/info` works on every node:
// a manager describes the cluster (and says "locked" while its raft state waits for the unlock
// key, which is what `docker swarm unlock` checks first); a worker says it is active without
// control; the serving node's id is what `node ls` marks and `node inspect self` reads.
import { swarm } from "../../proto/index.js";
import { clusterInfoOut } from "../convert/swarm.js";
import { infoOut, type SwarmInfo, versionOut } from "../convert/system.js";
import { httpErrorOf, isGrpcError, lockedErrorCode, swarmErrorCode } from "../convert/grpc-errors.js";
import { clusterTlsInfo } from "../convert/tls-info.js";
import { ok, route, type EngineDeps, type Route } from "./route.js";

/** The host part of a host:port address. */
function hostOf(addr: string): string {
  const at = addr.lastIndexOf(":");
  return (at === -1 ? addr : addr.slice(0, at)).replace(/^\[|\]$/g, "");
}

/** The `Swarm` section of `/info` for this node. */
export async function swarmInfoOf(deps: EngineDeps): Promise<SwarmInfo> {
  const { local, cluster } = deps;
  const base = {
    NodeID: local.nodeId(),
    NodeAddr: hostOf(local.advertiseAddr()),
    Error: "",
    RemoteManagers: [] as { NodeID: string; Addr: string }[],
  };
  const role = local.role();
  if (role === "none") return { ...base, LocalNodeState: "inactive", ControlAvailable: false };
  if (role === "worker")
    return {
      ...base,
      LocalNodeState: "active",
      ControlAvailable: false,
      RemoteManagers: local.managers().map((addr) => ({ NodeID: "", Addr: addr })),
    };
  try {
    const [{ cluster: object }, { nodes }] = await Promise.all([
      cluster.control("getCluster", { clusterId: "default" }),
      cluster.control("listNodes", {}),
    ]);
    const managers = nodes.filter((n) => Number(n.role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER));
    return {
      ...base,
      LocalNodeState: "active",
      ControlAvailable: true,
      RemoteManagers: managers.map((n) => ({ NodeID: n.id ?? "", Addr: n.managerStatus?.addr ?? "" })),
      Nodes: nodes.length,
      Managers: managers.length,
      Cluster: clusterInfoOut(object, clusterTlsInfo(object)),
    };
  } catch (error) {
    if (isGrpcError(error) && swarmErrorCode(error) === lockedErrorCode)
      return { ...base, LocalNodeState: "locked", ControlAvailable: false };
    return { ...base, LocalNodeState: "pending", ControlAvailable: false, Error: httpErrorOf(error).message };
  }
}

/** The system routes (besides `/_ping` and `/events`). */
export const systemRoutes: readonly Route[] = [
  route("GET", /^\/version$/, false, (_context, deps) => Promise.resolve(ok(versionOut(deps.host())))),
  route("GET", /^\/info$/, false, async (_context, deps) => ok(infoOut(deps.host(), await swarmInfoOf(deps), []))),
];
