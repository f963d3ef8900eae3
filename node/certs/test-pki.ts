// For tests only: a cluster's root CA and node certificates made on the spot, and a manager-like
// gRPC server on 127.0.0.1 with a real store, the CA service and a guarded Control service.
import * as grpc from "@grpc/grpc-js";
import { newJoinToken } from "../../common/index.js";
import {
  type CertificateRole,
  createCaService,
  createControlApi,
  createRootCa,
  guardService,
  issueNodeCertificate,
  ManagerRole,
  MemoryStore,
  protoRole,
  type RootCa,
  storeIdentityResolver,
} from "../../manager/index.js";
import { caService, controlService } from "../../proto/index.js";
import { createCsr, generateNodeKey } from "./node-key.js";
import { type ClientCertificatePolicy, type TlsMaterial, tlsCredentials } from "./tls-credentials.js";

/** A root CA and a way to issue node certificates of one cluster. */
export interface TestPki {
  /** The root CA. */
  readonly ca: RootCa;
  /** The cluster id (the O of every certificate). */
  readonly clusterId: string;
  /** A fresh key and a certificate for it. */
  issue(nodeId: string, role: CertificateRole): Promise<TlsMaterial>;
}

/** A new root CA for cluster `clusterId`. */
export async function testPki(clusterId = "cluster-test"): Promise<TestPki> {
  const ca = await createRootCa(clusterId);
  return {
    ca,
    clusterId,
    issue: async (nodeId, role) => {
      const key = await generateNodeKey();
      const certPem = await issueNodeCertificate(ca, await createCsr(key), { nodeId, role, clusterId });
      return { caPem: ca.certPem, certPem, keyPem: key.keyPem };
    },
  };
}

/**
 * An in-memory store that commits at once, holding `pki`'s cluster (its root CA and key, new join
 * tokens) and a manager node object for each of `managerIds`.
 */
export async function testClusterStore(
  pki: TestPki,
  managerIds: readonly string[] = ["manager-1"],
): Promise<{ store: MemoryStore; tokens: { worker: string; manager: string } }> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const caBytes = new TextEncoder().encode(pki.ca.certPem);
  const tokens = { worker: newJoinToken(caBytes), manager: newJoinToken(caBytes) };
  await store.update((tx) => {
    tx.create("cluster", {
      id: pki.clusterId,
      spec: { annotations: { name: "default" } },
      joinTokens: tokens,
      rootCaCertPem: caBytes,
      rootCaKeyPem: new TextEncoder().encode(pki.ca.keyPem),
    });
    for (const id of managerIds)
      tx.create("node", { id, role: protoRole(ManagerRole), spec: { desiredRole: protoRole(ManagerRole) } });
  });
  return { store, tokens };
}

/** A running test manager. */
export interface TestManager {
  /** Its store, with the cluster object and its own node object. */
  readonly store: MemoryStore;
  /** Its PKI. */
  readonly pki: TestPki;
  /** host:port of its server. */
  readonly addr: string;
  /** The cluster's join tokens. */
  readonly tokens: { readonly worker: string; readonly manager: string };
  /** Stops the server. */
  stop(): void;
}

/**
 * Starts a server on 127.0.0.1 with the manager's TLS credentials, serving the CA service
 * unwrapped and the Control service guarded for managers, over a store holding the cluster.
 */
export async function startTestManager(policy: ClientCertificatePolicy = "request"): Promise<TestManager> {
  const pki = await testPki();
  const { store, tokens } = await testClusterStore(pki);
  const own = await pki.issue("manager-1", ManagerRole);
  const server = new grpc.Server();
  server.addService(caService, createCaService({ store }));
  server.addService(
    controlService,
    guardService(
      createControlApi({ store }) as grpc.UntypedServiceImplementation,
      [ManagerRole],
      storeIdentityResolver(store),
    ),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", tlsCredentials(own, { clientCertificate: policy }).server, (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { store, pki, addr: `127.0.0.1:${port}`, tokens, stop: () => server.forceShutdown() };
}
