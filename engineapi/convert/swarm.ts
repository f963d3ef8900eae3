// The cluster object as Docker's Swarm JSON (`GET /swarm`; without join tokens it is the
// `ClusterInfo` of `GET /info`), and Docker's swarm Spec back to a proto ClusterSpec for
// `POST /swarm/update`. The CLI sends the whole Spec it read with one setting changed, so the
// conversion starts from the stored spec: swarm-ts's own settings (raft tick, published port
// range) stay as they are, and settings Docker has but swarm-ts does not are accepted only with
// the value a read showed.
import type { swarm } from "../../proto/index.js";
import { externalCaProtocols } from "./enums.js";
import { type JsonOut, labelsOut, omitEmpty, omitEmptyMap } from "./go-json.js";
import type { JsonObject } from "./json-reader.js";
import type { TlsInfo } from "./node.js";
import { metaOut } from "./service-out.js";

type Cluster = swarm.v1.Cluster.$Properties;
type Spec = swarm.v1.ClusterSpec.$Properties;
type CaConfig = swarm.v1.CaConfig.$Properties;

/** The address pool of a cluster initialised without `--default-addr-pool`, as Docker's. */
export const defaultAddrPool = ["10.0.0.0/8"];
/** Size of each network's subnet carved from the pool without `--default-addr-pool-mask-length`, in prefix bits. */
export const subnetSizeBits = 24;
/** The VXLAN port of a cluster initialised without `--data-path-port`. */
export const dataPathPort = 4789;

/** Docker's swarm Spec for a proto ClusterSpec. */
export function swarmSpecOut(spec: Spec | null | undefined): JsonOut {
  const raft = spec?.raft;
  return {
    Name: spec?.annotations?.name ?? "",
    Labels: labelsOut(spec?.annotations?.labels),
    Orchestration: { TaskHistoryRetentionLimit: Number(spec?.orchestration?.taskHistoryRetentionLimit ?? 0) },
    Raft: {
      SnapshotInterval: omitEmpty(Number(raft?.snapshotInterval ?? 0)),
      KeepOldSnapshots: 0,
      LogEntriesForSlowFollowers: omitEmpty(Number(raft?.logEntriesForSlowFollowers ?? 0)),
      ElectionTick: Number(raft?.electionTick ?? 0),
      HeartbeatTick: Number(raft?.heartbeatTick ?? 0),
    },
    Dispatcher: { HeartbeatPeriod: omitEmpty(Number(spec?.dispatcher?.heartbeatPeriodNs ?? 0)) },
    CAConfig: caConfigOut(spec?.caConfig),
    TaskDefaults: {},
    EncryptionConfig: { AutoLockManagers: spec?.encryptionConfig?.autoLockManagers ?? false },
  };
}

/**
 * Docker's CAConfig. The signing certificate and key are never shown, as Docker never shows them:
 * the key is secret, and a client's read-modify-write would send back a certificate without its
 * key. The rotation counter and the external CAs are shown, so such a write starts nothing.
 */
function caConfigOut(ca: CaConfig | null | undefined): JsonOut {
  return {
    NodeCertExpiry: omitEmpty(Number(ca?.nodeCertExpiryNs ?? 0)),
    ExternalCAs: omitEmpty(
      (ca?.externalCas ?? []).map((external) => ({
        Protocol: externalCaProtocols.format(external.protocol),
        URL: external.url ?? "",
        Options: omitEmptyMap(external.options),
        CACert: Buffer.from(external.caCertPem ?? []).toString("utf8"),
      })),
    ),
    ForceRotate: omitEmpty(Number(ca?.forceRotate ?? 0)),
  };
}

/** Converts Docker's CAConfig onto the stored one: a changed ForceRotate or a new SigningCACert starts a root rotation. */
function caConfigIn(ca: JsonObject, stored: CaConfig | null | undefined): CaConfig {
  const externalCas = ca.objects("ExternalCAs").map((external): swarm.v1.ExternalCa.$Properties => {
    const protocol = externalCaProtocols.parse(external.field("Protocol"), external.string("Protocol"));
    const value = {
      protocol,
      url: external.string("URL"),
      options: external.stringMap("Options"),
      caCertPem: new TextEncoder().encode(external.string("CACert")),
    };
    external.finish();
    return value;
  });
  const config: CaConfig = {
    ...stored,
    nodeCertExpiryNs: ca.int("NodeCertExpiry", { min: 0 }),
    externalCas,
    signingCaCertPem: new TextEncoder().encode(ca.string("SigningCACert")),
    signingCaKeyPem: new TextEncoder().encode(ca.string("SigningCAKey")),
    forceRotate: ca.int("ForceRotate", { min: 0 }),
  };
  ca.finish();
  return config;
}

/** Docker's ClusterInfo (the Swarm without join tokens). */
export function clusterInfoOut(cluster: Cluster, tlsInfo: TlsInfo): JsonOut {
  const network = cluster.spec?.network;
  return {
    ID: cluster.id ?? "",
    ...metaOut(cluster.meta),
    Spec: swarmSpecOut(cluster.spec),
    TLSInfo: tlsInfo,
    RootRotationInProgress: (cluster.rootRotation?.caCertPem?.length ?? 0) > 0,
    // The overlay settings the cluster was initialised with; zero values mean Docker's defaults.
    DefaultAddrPool: network?.defaultAddrPools?.length ? [...network.defaultAddrPools] : defaultAddrPool,
    SubnetSize: network?.subnetSize || subnetSizeBits,
    DataPathPort: network?.dataPathPort || dataPathPort,
  };
}

/** Docker's Swarm: the cluster info and the join tokens. */
export function swarmOut(cluster: Cluster, tlsInfo: TlsInfo): JsonOut {
  return {
    ...clusterInfoOut(cluster, tlsInfo),
    JoinTokens: { Worker: cluster.joinTokens?.worker ?? "", Manager: cluster.joinTokens?.manager ?? "" },
  };
}

/** Converts the Spec of `POST /swarm/update`, starting from the stored spec. */
export function swarmSpecIn(o: JsonObject, stored: Spec | null | undefined): Spec {
  const spec: Spec = { ...stored, annotations: { name: o.string("Name"), labels: o.stringMap("Labels") } };
  const orchestration = o.object("Orchestration");
  if (orchestration) {
    const limit = orchestration.intOrNull("TaskHistoryRetentionLimit", { min: 0 });
    if (limit !== null) spec.orchestration = { ...stored?.orchestration, taskHistoryRetentionLimit: limit };
    orchestration.finish();
  }
  const raft = o.object("Raft");
  if (raft) {
    const values = {
      snapshotInterval: raft.int("SnapshotInterval", { min: 0 }),
      logEntriesForSlowFollowers: raft.int("LogEntriesForSlowFollowers", { min: 0 }),
      electionTick: raft.int("ElectionTick", { min: 0, max: 2 ** 31 - 1 }),
      heartbeatTick: raft.int("HeartbeatTick", { min: 0, max: 2 ** 31 - 1 }),
    };
    raft.refuse("KeepOldSnapshots", "swarm-ts keeps no old snapshots");
    raft.finish();
    // All zero is how a cluster without raft settings reads: leave it without them.
    if (stored?.raft || Object.values(values).some((v) => v !== 0)) spec.raft = { ...stored?.raft, ...values };
  }
  const dispatcher = o.object("Dispatcher");
  if (dispatcher) {
    spec.dispatcher = { ...stored?.dispatcher, heartbeatPeriodNs: dispatcher.int("HeartbeatPeriod", { min: 0 }) };
    dispatcher.finish();
  }
  const ca = o.object("CAConfig");
  if (ca) spec.caConfig = caConfigIn(ca, stored?.caConfig);
  const defaults = o.object("TaskDefaults");
  if (defaults) {
    defaults.refuse("LogDriver", "a cluster-wide default log driver");
    defaults.finish();
  }
  const encryption = o.object("EncryptionConfig");
  if (encryption) {
    spec.encryptionConfig = { ...stored?.encryptionConfig, autoLockManagers: encryption.bool("AutoLockManagers") };
    encryption.finish();
  }
  o.finish();
  return spec;
}
