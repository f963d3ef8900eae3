// The cluster object: one per cluster, named "default" as Docker's, created by the first leader.
// It holds the settings operators change with `swarmctl cluster update` (with Docker's defaults),
// the join tokens and, when autolock is on, the key that unlocks managers' state at rest.
import { randomBytes } from "node:crypto";
import { newJoinToken, randomId } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import {
  dataPathPortDefault,
  defaultAddrPoolsDefault,
  subnetSizeDefault,
  vniFirstDefault,
} from "../allocator/index.js";
import { taskHistoryLimitDefault } from "../orchestrator/index.js";
import type { MemoryStore, ObjectsByKind } from "../store/index.js";

type Cluster = ObjectsByKind["cluster"];

/** Name of the one cluster object. */
export const clusterName = "default";
/** Docker's default lifetime of node certificates: 90 days, in nanoseconds. */
export const nodeCertExpiryNsDefault = 90 * 24 * 3600 * 1e9;
/** Shortest node certificate lifetime an operator may set (Docker's: 1 hour), in nanoseconds. */
export const nodeCertExpiryNsMin = 3600 * 1e9;
/** Bytes of a manager unlock key. */
export const unlockKeyBytes = 32;

/**
 * The settings of a new cluster; `network` overrides the overlay defaults it names
 * (`swarmd init --default-addr-pool ... --default-addr-pool-mask-length ... --data-path-port ...`).
 */
export function defaultClusterSpec(network: swarm.v1.INetworkConfig = {}): swarm.v1.ClusterSpec.$Properties {
  return {
    annotations: { name: clusterName },
    orchestration: { taskHistoryRetentionLimit: taskHistoryLimitDefault },
    caConfig: { nodeCertExpiryNs: nodeCertExpiryNsDefault },
    encryptionConfig: { autoLockManagers: false },
    publishedPortRange: { start: 30000, end: 32767 },
    network: {
      defaultAddrPools:
        (network.defaultAddrPools ?? []).length > 0 ? [...network.defaultAddrPools!] : [...defaultAddrPoolsDefault],
      subnetSize: Number(network.subnetSize ?? 0) || subnetSizeDefault,
      dataPathPort: Number(network.dataPathPort ?? 0) || dataPathPortDefault,
      vniFirst: Number(network.vniFirst ?? 0) || vniFirstDefault,
    },
  };
}

/** The root CA a founding manager creates: certificate and private key, as PEM text. */
export interface RootCaPems {
  /** PEM of the self-signed root certificate. */
  readonly certPem: string;
  /** PEM (PKCS#8) of its private key. */
  readonly keyPem: string;
}

/**
 * A new cluster object with fresh join tokens for the root CA. Given only the certificate (as
 * older callers and tests do) the cluster has no CA key and cannot sign node certificates.
 */
export function newCluster(
  rootCa: Uint8Array | RootCaPems,
  spec: swarm.v1.ClusterSpec.$Properties = defaultClusterSpec(),
  id: string = randomId(),
): Cluster {
  const rootCaCertPem = rootCa instanceof Uint8Array ? rootCa : new TextEncoder().encode(rootCa.certPem);
  return {
    id,
    spec,
    joinTokens: { worker: newJoinToken(rootCaCertPem), manager: newJoinToken(rootCaCertPem) },
    rootCaCertPem,
    ...(rootCa instanceof Uint8Array ? {} : { rootCaKeyPem: new TextEncoder().encode(rootCa.keyPem) }),
    ...(spec.encryptionConfig?.autoLockManagers ? { unlockKey: randomBytes(unlockKeyBytes) } : {}),
  };
}

/**
 * Creates the cluster object unless it exists (called by every new leader; only the first writes).
 * `id` is the cluster id the founder's certificates already carry (their O); random otherwise.
 * `network` is the founder's overlay settings (`swarmd init` flags).
 */
export async function ensureCluster(
  store: MemoryStore,
  rootCa: Uint8Array | RootCaPems,
  id?: string,
  network?: swarm.v1.INetworkConfig,
): Promise<void> {
  if (store.view((tx) => tx.count("cluster")) > 0) return;
  await store.update((tx) => {
    if (tx.count("cluster") === 0) tx.create("cluster", newCluster(rootCa, defaultClusterSpec(network), id));
  });
}

/** The unlock key as operators see and type it, `SWMKEY-1-<base64>`; empty without autolock. */
export function humanUnlockKey(key: Uint8Array | null | undefined): string {
  return key && key.length > 0 ? `SWMKEY-1-${Buffer.from(key).toString("base64url")}` : "";
}
