// The Control methods on the cluster object: get, list, update (settings and credential rotation)
// and the unlock key. Join tokens are shown (as `docker swarm join-token` does); the unlock key only
// through GetUnlockKey, never in the cluster object.
import { randomBytes } from "node:crypto";
import { InvalidArgumentError, newJoinToken } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { clusterName, humanUnlockKey, nodeCertExpiryNsMin, unlockKeyBytes } from "../cluster/index.js";
import type { MemoryStore, ObjectsByKind } from "../store/index.js";
import { matchesFilters } from "./filters.js";
import { FailedPreconditionError, requireVersion, resolve } from "./resolve.js";
import { validateNetworkConfig } from "./validate-network.js";

type Cluster = ObjectsByKind["cluster"];

/** Shortest dispatcher heartbeat period an operator may set, in nanoseconds. */
export const heartbeatPeriodNsMin = 100_000_000;

/** The cluster as the API shows it: without the unlock key and the root CA's private key. */
function redactCluster(cluster: Cluster): Cluster {
  const { unlockKey: _key, rootCaKeyPem: _caKey, ...rest } = cluster;
  return rest;
}

/** Checks a cluster spec; every error names its field. */
export function validateClusterSpec(
  spec: swarm.v1.ClusterSpec.$Properties | null | undefined,
): asserts spec is swarm.v1.ClusterSpec.$Properties {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  if ((spec.annotations?.name ?? "") !== clusterName)
    throw new InvalidArgumentError("spec.annotations.name", `must be "${clusterName}"; the cluster cannot be renamed`);
  const history = Number(spec.orchestration?.taskHistoryRetentionLimit ?? 0);
  if (history < 0) throw new InvalidArgumentError("spec.orchestration.taskHistoryRetentionLimit", "must be 0 or more");
  const heartbeat = Number(spec.dispatcher?.heartbeatPeriodNs ?? 0);
  if (heartbeat !== 0 && heartbeat < heartbeatPeriodNsMin)
    throw new InvalidArgumentError(
      "spec.dispatcher.heartbeatPeriodNs",
      `must be at least ${heartbeatPeriodNsMin / 1e6} ms`,
    );
  const expiry = Number(spec.caConfig?.nodeCertExpiryNs ?? 0);
  if (expiry !== 0 && expiry < nodeCertExpiryNsMin)
    throw new InvalidArgumentError("spec.caConfig.nodeCertExpiryNs", "must be at least 1 hour");
  const raft = spec.raft;
  if (raft && (raft.electionTick ?? 0) !== 0 && (raft.electionTick ?? 0) <= (raft.heartbeatTick ?? 1))
    throw new InvalidArgumentError("spec.raft.electionTick", "must be greater than spec.raft.heartbeatTick");
  const range = spec.publishedPortRange;
  if (range && ((range.start ?? 0) < 1 || (range.end ?? 0) > 65535 || (range.start ?? 0) > (range.end ?? 0))) {
    throw new InvalidArgumentError("spec.publishedPortRange", "must satisfy 1 <= start <= end <= 65535");
  }
  validateNetworkConfig("spec.network", spec.network);
}

/** The cluster methods as plain async functions of their request. */
export function clusterMethods(store: MemoryStore): Record<string, (request: never) => Promise<unknown>> {
  return {
    getCluster: (req: swarm.v1.GetClusterRequest) =>
      Promise.resolve({
        cluster: redactCluster(store.view((tx) => resolve(tx, "cluster", req.clusterId, "clusterId"))),
      }),
    listClusters: (req: swarm.v1.ListClustersRequest) =>
      Promise.resolve({
        clusters: store
          .view((tx) => tx.all("cluster"))
          .filter((c) =>
            matchesFilters(req.filters, c.id ?? "", c.spec?.annotations?.name ?? "", c.spec?.annotations?.labels),
          )
          .map(redactCluster),
      }),
    updateCluster: async (req: swarm.v1.UpdateClusterRequest) => {
      const version = requireVersion("clusterVersion.index", req.clusterVersion);
      validateClusterSpec(req.spec);
      const spec = req.spec;
      let id = "";
      await store.update((tx) => {
        const current = resolve(tx, "cluster", req.clusterId, "clusterId");
        id = current.id ?? "";
        const ca = current.rootCaCertPem ?? new Uint8Array();
        const rotation = req.rotation;
        const joinTokens = {
          worker: rotation?.workerJoinToken ? newJoinToken(ca) : (current.joinTokens?.worker ?? newJoinToken(ca)),
          manager: rotation?.managerJoinToken ? newJoinToken(ca) : (current.joinTokens?.manager ?? newJoinToken(ca)),
        };
        // Autolock on needs a key (a fresh one on rotation); autolock off drops it.
        const autolock = spec.encryptionConfig?.autoLockManagers ?? false;
        if (!autolock && rotation?.managerUnlockKey)
          throw new InvalidArgumentError(
            "rotation.managerUnlockKey",
            "autolock is off: there is no unlock key to rotate",
          );
        const keep = current.unlockKey && current.unlockKey.length > 0 && !rotation?.managerUnlockKey;
        const unlockKey = autolock ? (keep ? current.unlockKey! : randomBytes(unlockKeyBytes)) : new Uint8Array();
        tx.update("cluster", {
          ...current,
          meta: { ...current.meta, version: { index: version } },
          spec,
          joinTokens,
          unlockKey,
        });
      });
      return { cluster: redactCluster(store.view((tx) => tx.get("cluster", id))!) };
    },
    getUnlockKey: () => {
      const cluster = store.view((tx) => tx.all("cluster")[0]);
      if (!cluster) return Promise.reject(new FailedPreconditionError("the cluster is not initialised yet"));
      return Promise.resolve({ unlockKey: humanUnlockKey(cluster.unlockKey), version: cluster.meta?.version ?? {} });
    },
    // A manager serving this API has its raft state open already; only a locked one (node/) unlocks.
    unlock: () => Promise.reject(new FailedPreconditionError("this manager is not locked")),
  };
}
