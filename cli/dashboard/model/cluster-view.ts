// The cluster as a whole: its managers, the leader, raft health, a few settings, and the join
// commands. Raft health comes from the managers' node records: a manager is reachable while its
// node is not down (the store records reachability when a manager joins, and the dispatcher marks
// a node down when its heartbeats stop), and writes need a quorum of the managers.
import { msFromTimestamp } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import { spanText } from "../shared/format.js";
import type { ClusterView, ManagerView, NodeView } from "../shared/view-models.js";
import type { StoreMirror } from "./store-mirror.js";

const S = swarm.v1.TaskState;

/** The cluster view, or null before the cluster object is known. */
export function clusterView(mirror: StoreMirror, nodes: readonly NodeView[]): ClusterView | null {
  const cluster = mirror.cluster;
  if (!cluster) return null;
  const managers: ManagerView[] = nodes
    .filter((n) => n.manager)
    .map((n) => ({
      nodeId: n.id,
      hostname: n.hostname,
      addr: n.manager!.addr,
      raftId: n.manager!.raftId,
      leader: n.manager!.leader && n.state !== "down",
      reachability: n.manager!.reachability,
      state: n.state,
    }))
    .sort((a, b) => Number(b.leader) - Number(a.leader) || a.hostname.localeCompare(b.hostname));
  const reachable = managers.filter((m) => m.reachability === "reachable").length;
  const quorum = Math.floor(managers.length / 2) + 1;
  let tasks = 0;
  let running = 0;
  for (const t of mirror.all("task").values()) {
    if (Number(t.desiredState ?? 0) > Number(S.TASK_STATE_RUNNING)) continue;
    tasks++;
    if (Number(t.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING)) running++;
  }
  return {
    id: cluster.id ?? "",
    name: cluster.spec?.annotations?.name ?? "",
    createdMs: msFromTimestamp(cluster.meta?.createdAt),
    managers,
    leader: managers.find((m) => m.leader) ?? null,
    raft: {
      managers: managers.length,
      reachable,
      quorum,
      faultTolerance: reachable - quorum,
      healthy: managers.length > 0 && reachable >= quorum,
    },
    settings: clusterSettings(cluster.spec),
    counts: {
      nodes: nodes.length,
      readyNodes: nodes.filter((n) => n.state === "ready").length,
      services: mirror.all("service").size,
      tasks,
      runningTasks: running,
    },
  };
}

/** The settings the cluster view lists, in words. */
export function clusterSettings(spec: swarm.v1.IClusterSpec | null | undefined): { name: string; value: string }[] {
  const ns = (x: number | null | undefined): string => (Number(x ?? 0) > 0 ? spanText(Number(x) / 1e6) : "default");
  return [
    {
      name: "Task history per slot",
      value: String(Number(spec?.orchestration?.taskHistoryRetentionLimit ?? 0) || "default"),
    },
    { name: "Heartbeat period", value: ns(spec?.dispatcher?.heartbeatPeriodNs) },
    { name: "Snapshot interval", value: String(Number(spec?.raft?.snapshotInterval ?? 0) || "default") },
    { name: "Node certificate expiry", value: ns(spec?.caConfig?.nodeCertExpiryNs) },
    { name: "Autolock", value: spec?.encryptionConfig?.autoLockManagers ? "on" : "off" },
  ];
}

/**
 * The command that joins a node in `role`, as `swarmctl cluster join-token` prints it: the token
 * and the address of the leader (else any manager). Null before the cluster object is known.
 */
export function joinCommandOf(mirror: StoreMirror, role: "worker" | "manager"): string | null {
  const cluster = mirror.cluster;
  if (!cluster) return null;
  const token = role === "worker" ? cluster.joinTokens?.worker : cluster.joinTokens?.manager;
  const managers = [...mirror.all("node").values()].filter((n) => n.managerStatus?.addr);
  const addr =
    managers.find((n) => n.managerStatus?.leader)?.managerStatus?.addr ??
    managers[0]?.managerStatus?.addr ??
    "MANAGER_ADDR";
  return `swarmd join --token ${token ?? ""} ${addr}`;
}
