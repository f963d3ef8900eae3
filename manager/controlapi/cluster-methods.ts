// The Control methods on the cluster object: get, list, update (settings and credential rotation)
// and the unlock key. Join tokens are shown (as `docker swarm join-token` does); the unlock key only
// through GetUnlockKey, never in the cluster object.
import { randomBytes } from "node:crypto";
import { InvalidArgumentError, newJoinToken } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { electionTicksDefault, heartbeatTicksDefault, tickMsDefault } from "../../raft/index.js";
import {
  clusterName,
  electionTicksMax,
  electionTimeoutMsMax,
  electionTimeoutMsMin,
  heartbeatPeriodNsMax,
  heartbeatPeriodNsMin,
  humanUnlockKey,
  nodeCertExpiryNsMax,
  nodeCertExpiryNsMin,
  publishedPortMax,
  publishedPortMin,
  raftTickNsMax,
  raftTickNsMin,
  snapshotIntervalEntriesMax,
  snapshotIntervalEntriesMin,
  taskHistoryLimitMax,
  trailingEntriesMax,
  unlockKeyBytes,
} from "../cluster/index.js";
import type { MemoryStore, ObjectsByKind } from "../store/index.js";
import { matchesFilters } from "./filters.js";
import { FailedPreconditionError, requireVersion, resolve } from "./resolve.js";
import { validateLabels } from "./validate.js";
import { checkEnum, checkList, checkString, checkStringMap } from "./validate-fields.js";
import { validateNetworkConfig } from "./validate-network.js";

type Cluster = ObjectsByKind["cluster"];

/** The cluster as the API shows it: without the unlock key and the root CA's private key. */
function redactCluster(cluster: Cluster): Cluster {
  const { unlockKey: _key, rootCaKeyPem: _caKey, ...rest } = cluster;
  return rest;
}

/** Bounds of one number: an integer in [min, max], or 0 (the built-in default) when zeroAllowed. */
interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly zeroAllowed: boolean;
}

/** Refuses `value` unless it lies in `range`; `unit` formats the numbers in the message. */
function checkRange(field: string, value: number, range: NumberRange, unit: (n: number) => string = String): void {
  if (value === 0 && range.zeroAllowed) return;
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return;
  const zero = range.zeroAllowed ? "0 (the default) or " : "";
  throw new InvalidArgumentError(
    field,
    `must be ${zero}between ${unit(range.min)} and ${unit(range.max)}, got ${unit(value)}`,
  );
}

/** A duration in nanoseconds as operators write it (ms, s, min, h). */
function durationText(ns: number): string {
  const ms = ns / 1e6;
  if (Math.abs(ms) < 1_000) return `${ms} ms`;
  if (Math.abs(ms) < 60_000) return `${ms / 1_000} s`;
  if (Math.abs(ms) < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/**
 * Checks a cluster spec; every error names its field. Every number must lie in its range of
 * cluster/cluster-limits.ts, so that no setting can stop the cluster and every timer holds its
 * duration.
 */
export function validateClusterSpec(
  spec: swarm.v1.ClusterSpec.$Properties | null | undefined,
): asserts spec is swarm.v1.ClusterSpec.$Properties {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  if ((spec.annotations?.name ?? "") !== clusterName)
    throw new InvalidArgumentError("spec.annotations.name", `must be "${clusterName}"; the cluster cannot be renamed`);
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  const history = Number(spec.orchestration?.taskHistoryRetentionLimit ?? 0);
  checkRange("spec.orchestration.taskHistoryRetentionLimit", history, {
    min: 0,
    max: taskHistoryLimitMax,
    zeroAllowed: true,
  });
  const heartbeatNs = Number(spec.dispatcher?.heartbeatPeriodNs ?? 0);
  const heartbeat = { min: heartbeatPeriodNsMin, max: heartbeatPeriodNsMax, zeroAllowed: true };
  checkRange("spec.dispatcher.heartbeatPeriodNs", heartbeatNs, heartbeat, durationText);
  const expiryNs = Number(spec.caConfig?.nodeCertExpiryNs ?? 0);
  const expiry = { min: nodeCertExpiryNsMin, max: nodeCertExpiryNsMax, zeroAllowed: true };
  checkRange("spec.caConfig.nodeCertExpiryNs", expiryNs, expiry, durationText);
  validateCaSizes(spec.caConfig);
  validateRaftConfig(spec.raft ?? {});
  const range = spec.publishedPortRange;
  if (range) {
    const start = Number(range.start ?? 0);
    const end = Number(range.end ?? 0);
    const ports = { min: publishedPortMin, max: publishedPortMax, zeroAllowed: false };
    checkRange("spec.publishedPortRange.start", start, ports);
    checkRange("spec.publishedPortRange.end", end, ports);
    if (start > end)
      throw new InvalidArgumentError("spec.publishedPortRange", `start (${start}) must not be above end (${end})`);
  }
  validateNetworkConfig("spec.network", spec.network);
}

/** Bytes of a PEM certificate or key in the CA settings. */
export const caPemBytesMax = 16 * 1024;
/** External CAs a cluster may list. */
export const externalCasMax = 8;
/** Bytes of an external CA's URL. */
export const externalCaUrlBytesMax = 2048;
/** Options of one external CA. */
export const externalCaOptionsMax = 16;

/** Bounds the CA settings' sizes (the CA checks what they mean when a rotation starts). */
function validateCaSizes(ca: swarm.v1.CaConfig.$Properties | null | undefined): void {
  if (!ca) return;
  const pem = (field: string, bytes: Uint8Array | null | undefined): void => {
    if ((bytes?.length ?? 0) > caPemBytesMax) throw new InvalidArgumentError(field, `at most ${caPemBytesMax} bytes`);
  };
  pem("spec.caConfig.signingCaCertPem", ca.signingCaCertPem);
  pem("spec.caConfig.signingCaKeyPem", ca.signingCaKeyPem);
  for (const [i, external] of checkList("spec.caConfig.externalCas", ca.externalCas, externalCasMax).entries()) {
    checkString(`spec.caConfig.externalCas[${i}].url`, external.url, externalCaUrlBytesMax);
    checkEnum(`spec.caConfig.externalCas[${i}].protocol`, swarm.v1.ExternalCa.Protocol, external.protocol);
    pem(`spec.caConfig.externalCas[${i}].caCertPem`, external.caCertPem);
    checkStringMap(`spec.caConfig.externalCas[${i}].options`, external.options, {
      entriesMax: externalCaOptionsMax,
      keyBytesMax: 256,
      valueBytesMax: 1024,
    });
  }
}

/** Checks the raft settings, each alone and together: the heartbeat inside a sane election timeout. */
function validateRaftConfig(raft: swarm.v1.RaftConfig.$Properties): void {
  const snapshot = { min: snapshotIntervalEntriesMin, max: snapshotIntervalEntriesMax, zeroAllowed: true };
  checkRange("spec.raft.snapshotInterval", Number(raft.snapshotInterval ?? 0), snapshot);
  const trailing = { min: 0, max: trailingEntriesMax, zeroAllowed: true };
  checkRange("spec.raft.logEntriesForSlowFollowers", Number(raft.logEntriesForSlowFollowers ?? 0), trailing);
  const tickNs = Number(raft.tickNs ?? 0);
  checkRange("spec.raft.tickNs", tickNs, { min: raftTickNsMin, max: raftTickNsMax, zeroAllowed: true }, durationText);
  const election = Number(raft.electionTick ?? 0);
  checkRange("spec.raft.electionTick", election, { min: 2, max: electionTicksMax, zeroAllowed: true });
  const heartbeat = Number(raft.heartbeatTick ?? 0);
  checkRange("spec.raft.heartbeatTick", heartbeat, { min: 1, max: electionTicksMax - 1, zeroAllowed: true });
  const electionTicks = election || electionTicksDefault;
  const heartbeatTicks = heartbeat || heartbeatTicksDefault;
  if (electionTicks <= heartbeatTicks)
    throw new InvalidArgumentError(
      "spec.raft.electionTick",
      `must be greater than spec.raft.heartbeatTick (${heartbeatTicks}), got ${electionTicks}`,
    );
  const timeoutMs = ((tickNs || tickMsDefault * 1e6) / 1e6) * electionTicks;
  if (timeoutMs < electionTimeoutMsMin || timeoutMs > electionTimeoutMsMax)
    throw new InvalidArgumentError(
      "spec.raft.electionTick",
      `the election timeout (tick × election ticks) must be between ${electionTimeoutMsMin} ms and ${electionTimeoutMsMax / 1_000} s, got ${timeoutMs} ms`,
    );
}

/**
 * What a cluster update does to the CA (the CA's own code, given by the manager: a root rotation
 * to start, the signing key kept out of the spec). Absent, the spec's CA fields are stored as given
 * and no rotation starts.
 */
export type CaChangeHook = (
  current: Cluster,
  spec: swarm.v1.ClusterSpec.$Properties,
  nodeCount: number,
) => Promise<{ spec: swarm.v1.ClusterSpec.$Properties; rootRotation?: swarm.v1.RootRotation.$Properties }>;

/** The cluster as the API shows it: keys taken out of the rotation and the spec too. */
function redactForApi(cluster: Cluster): Cluster {
  const rest = redactCluster(cluster);
  const { signingCaKeyPem: _signingKey, ...caConfig } = rest.spec?.caConfig ?? {};
  const rotation = rest.rootRotation;
  return {
    ...rest,
    ...(rest.spec ? { spec: { ...rest.spec, caConfig } } : {}),
    ...(rotation ? { rootRotation: { ...rotation, caKeyPem: new Uint8Array() } } : {}),
  };
}

/** The cluster methods as plain async functions of their request. */
export function clusterMethods(
  store: MemoryStore,
  caChange?: CaChangeHook,
): Record<string, (request: never) => Promise<unknown>> {
  return {
    getCluster: (req: swarm.v1.GetClusterRequest) =>
      Promise.resolve({
        cluster: redactForApi(store.view((tx) => resolve(tx, "cluster", req.clusterId, "clusterId"))),
      }),
    listClusters: (req: swarm.v1.ListClustersRequest) =>
      Promise.resolve({
        clusters: store
          .view((tx) => tx.all("cluster"))
          .filter((c) =>
            matchesFilters(req.filters, c.id ?? "", c.spec?.annotations?.name ?? "", c.spec?.annotations?.labels),
          )
          .map(redactForApi),
      }),
    updateCluster: async (req: swarm.v1.UpdateClusterRequest) => {
      const version = requireVersion("clusterVersion.index", req.clusterVersion);
      validateClusterSpec(req.spec);
      let spec: swarm.v1.ClusterSpec.$Properties = req.spec;
      let rootRotation: swarm.v1.RootRotation.$Properties | undefined;
      if (caChange) {
        // Key generation and cross-signing are slow and async: done before the transaction, whose
        // version check refuses the write if the cluster changed meanwhile.
        const { current, nodeCount } = store.view((tx) => ({
          current: resolve(tx, "cluster", req.clusterId, "clusterId"),
          nodeCount: tx.count("node"),
        }));
        ({ spec, rootRotation } = await caChange(current, spec, nodeCount));
      }
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
          ...(rootRotation ? { rootRotation } : {}),
        });
      });
      return { cluster: redactForApi(store.view((tx) => tx.get("cluster", id))!) };
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
