// Goal: mutual TLS over real gRPC on 127.0.0.1: a server requiring client certificates admits only
// certificates of its CA; on the port that admits joiners, the per-RPC guard refuses a worker on a
// manager-only method, strangers and removed nodes; clients accept only a manager of their cluster;
// a provider-backed server presents a renewed certificate without a restart.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { issueNodeCertificate, ManagerRole, parseNodeIdentity, protoRole, WorkerRole } from "../../manager/index.js";
import { CAClient, caService, ControlClient, type swarm } from "../../proto/index.js";
import { createCsr, generateNodeKey } from "./node-key.js";
import { startTestManager, testPki } from "./test-pki.js";
import {
  clientCredentials,
  managerChannelOptions,
  managerServerCheck,
  NodeCertificateProvider,
  pinnedCaCredentials,
  providerClientCredentials,
  providerServerCredentials,
  tlsCredentials,
} from "./tls-credentials.js";

type Teardown = { teardown: (fn: () => void) => void };

function rootCa(t: Teardown, addr: string, credentials: grpc.ChannelCredentials): Promise<string> {
  const client = new CAClient(addr, credentials, managerChannelOptions);
  t.teardown(() => client.close());
  return new Promise((resolve, reject) =>
    client.getRootCACertificate({}, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (e, r) =>
      e ? reject(e) : resolve(Buffer.from(r!.certificatePem).toString("utf8")),
    ),
  );
}

function getCluster(t: Teardown, addr: string, credentials: grpc.ChannelCredentials) {
  const client = new ControlClient(addr, credentials, managerChannelOptions);
  t.teardown(() => client.close());
  return new Promise<swarm.v1.GetClusterResponse>((resolve, reject) =>
    client.getCluster({ clusterId: "default" }, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (e, r) =>
      e ? reject(e) : resolve(r!),
    ),
  );
}

test("mTLS server requiring client certificates accepts this CA's and refuses another CA's and none", async (t) => {
  const manager = await startTestManager("require");
  t.teardown(() => manager.stop());
  const worker = await manager.pki.issue("worker-1", WorkerRole);
  t.is(await rootCa(t, manager.addr, tlsCredentials(worker).channel), manager.pki.ca.certPem);

  // Same cluster id, but signed by a CA the server does not trust.
  const foreign = await (await testPki(manager.pki.clusterId)).issue("worker-2", WorkerRole);
  const impostor = grpc.credentials.createSsl(
    Buffer.from(manager.pki.ca.certPem),
    Buffer.from(foreign.keyPem),
    Buffer.from(foreign.certPem),
    { checkServerIdentity: managerServerCheck() },
  );
  const refused = await t.throwsAsync(rootCa(t, manager.addr, impostor));
  t.is((refused as grpc.ServiceError).code, grpc.status.UNAVAILABLE);

  const anonymous = await t.throwsAsync(rootCa(t, manager.addr, pinnedCaCredentials(manager.pki.ca.certPem)));
  t.is((anonymous as grpc.ServiceError).code, grpc.status.UNAVAILABLE);
});

test("authorize lets a manager call Control and refuses a worker, a stranger, another CA's node and a removed node", async (t) => {
  const manager = await startTestManager("request");
  t.teardown(() => manager.stop());
  await manager.store.update((tx) =>
    tx.create("node", { id: "worker-1", spec: { desiredRole: protoRole(WorkerRole) } }),
  );
  const admin = await manager.pki.issue("manager-1", ManagerRole);
  const { cluster } = await getCluster(t, manager.addr, clientCredentials(admin));
  t.is(cluster?.id, manager.pki.clusterId);
  t.is(cluster?.rootCaKeyPem.length, 0, "the CA key never leaves through the API");

  const worker = await manager.pki.issue("worker-1", WorkerRole);
  const denied = await t.throwsAsync(getCluster(t, manager.addr, clientCredentials(worker)));
  t.is((denied as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
  t.regex((denied as grpc.ServiceError).details, /swarm-worker may not call/);

  const stranger = await t.throwsAsync(getCluster(t, manager.addr, pinnedCaCredentials(manager.pki.ca.certPem)));
  t.is((stranger as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);

  const foreign = await (await testPki(manager.pki.clusterId)).issue("manager-1", ManagerRole);
  const impostor = grpc.credentials.createSsl(
    Buffer.from(manager.pki.ca.certPem),
    Buffer.from(foreign.keyPem),
    Buffer.from(foreign.certPem),
    { checkServerIdentity: managerServerCheck() },
  );
  const forged = await t.throwsAsync(getCluster(t, manager.addr, impostor));
  t.is((forged as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);

  // A second manager certificate works until its node is removed.
  await manager.store.update((tx) =>
    tx.create("node", { id: "manager-2", spec: { desiredRole: protoRole(ManagerRole) } }),
  );
  const second = await manager.pki.issue("manager-2", ManagerRole);
  await getCluster(t, manager.addr, clientCredentials(second));
  await manager.store.update((tx) => tx.remove("node", "manager-2"));
  const removed = await t.throwsAsync(getCluster(t, manager.addr, clientCredentials(second)));
  t.is((removed as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
});

async function serveCa(t: Teardown, credentials: grpc.ServerCredentials): Promise<string> {
  const server = new grpc.Server();
  // Any service will do: the point is the certificate the server presents.
  server.addService(caService, {
    getRootCACertificate: (_call: unknown, cb: grpc.sendUnaryData<{ certificatePem: Uint8Array }>) =>
      cb(null, { certificatePem: Buffer.from("ok") }),
  });
  t.teardown(() => server.forceShutdown());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
  return `127.0.0.1:${port}`;
}

test("a channel accepts a manager of its cluster and refuses a worker, another cluster's manager and another CA's", async (t) => {
  const pki = await testPki();
  const client = await pki.issue("worker-9", WorkerRole);
  const manager = await serveCa(t, tlsCredentials(await pki.issue("manager-1", ManagerRole)).server);
  t.is(await rootCa(t, manager, clientCredentials(client)), "ok");

  const asWorker = await serveCa(t, tlsCredentials(await pki.issue("worker-1", WorkerRole)).server);
  const notManager = await t.throwsAsync(rootCa(t, asWorker, clientCredentials(client)));
  t.is((notManager as grpc.ServiceError).code, grpc.status.UNAVAILABLE);

  // Signed by the same CA, but for another cluster id (the O).
  const key = await generateNodeKey();
  const otherClusterCert = await issueNodeCertificate(pki.ca, await createCsr(key), {
    nodeId: "manager-1",
    role: ManagerRole,
    clusterId: "cluster-other",
  });
  const elsewhere = await serveCa(
    t,
    tlsCredentials({ caPem: pki.ca.certPem, certPem: otherClusterCert, keyPem: key.keyPem }).server,
  );
  const otherCluster = await t.throwsAsync(rootCa(t, elsewhere, clientCredentials(client)));
  t.is((otherCluster as grpc.ServiceError).code, grpc.status.UNAVAILABLE);

  const strangerPki = await testPki(pki.clusterId);
  const stranger = await serveCa(
    t,
    tlsCredentials({ ...(await strangerPki.issue("manager-1", ManagerRole)), caPem: pki.ca.certPem }).server,
  );
  const wrongCa = await t.throwsAsync(rootCa(t, stranger, clientCredentials(client)));
  t.is((wrongCa as grpc.ServiceError).code, grpc.status.UNAVAILABLE);
});

test("a provider-backed server presents its renewed certificate to new connections", async (t) => {
  const pki = await testPki();
  const provider = new NodeCertificateProvider(await pki.issue("manager-1", ManagerRole));
  const addr = await serveCa(t, providerServerCredentials(provider, "require"));
  const client = await pki.issue("worker-1", WorkerRole);
  const seen: string[] = [];
  const check = managerServerCheck(pki.clusterId);
  const watching = () =>
    grpc.credentials.createSsl(Buffer.from(pki.ca.certPem), Buffer.from(client.keyPem), Buffer.from(client.certPem), {
      checkServerIdentity: (host, cert) => {
        seen.push(parseNodeIdentity(cert).nodeId);
        return check(host, cert);
      },
    });
  t.is(await rootCa(t, addr, watching()), "ok");
  provider.update(await pki.issue("manager-2", ManagerRole));
  await new Promise((resolve) => setImmediate(resolve));
  t.is(await rootCa(t, addr, watching()), "ok");
  t.deepEqual(seen, ["manager-1", "manager-2"]);
});

test("a provider-backed channel presents its renewed certificate on its next connection", async (t) => {
  // A manager's channels to its peers live for years and reconnect: each connection must present
  // the certificate of the moment, not the one the channel was made with.
  const pki = await testPki();
  const seen: string[] = [];
  const server = new grpc.Server();
  server.addService(caService, {
    getRootCACertificate: (
      call: grpc.ServerUnaryCall<unknown, unknown>,
      cb: grpc.sendUnaryData<{ certificatePem: Uint8Array }>,
    ) => {
      const raw = call.getAuthContext()?.sslPeerCertificate?.raw;
      seen.push(raw ? parseNodeIdentity(new Uint8Array(raw)).nodeId : "none");
      cb(null, { certificatePem: Buffer.from("ok") });
    },
  });
  t.teardown(() => server.forceShutdown());
  const serverCredentials = tlsCredentials(await pki.issue("manager-0", ManagerRole)).server;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", serverCredentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
  const provider = new NodeCertificateProvider(await pki.issue("manager-1", ManagerRole));
  const credentials = providerClientCredentials(provider, pki.clusterId);
  // Each call on a connection of its own (a local subchannel pool), as after a reconnect.
  const call = (): Promise<unknown> => {
    const client = new CAClient(`127.0.0.1:${port}`, credentials, {
      ...managerChannelOptions,
      "grpc.use_local_subchannel_pool": 1,
    });
    t.teardown(() => client.close());
    return new Promise((resolve, reject) =>
      client.getRootCACertificate({}, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (e, r) =>
        e ? reject(e) : resolve(r),
      ),
    );
  };
  await call();
  provider.update(await pki.issue("manager-1-renewed", ManagerRole));
  await new Promise((resolve) => setImmediate(resolve));
  await call();
  t.deepEqual(seen, ["manager-1", "manager-1-renewed"]);
});

/** Counts the TLS contexts this process builds while `t` runs (serial tests only: others build theirs too). */
function countTlsContexts(t: Teardown): { readonly count: number } {
  const original = tls.createSecureContext;
  const counter = { count: 0 };
  tls.createSecureContext = (options) => {
    counter.count++;
    return original(options);
  };
  t.teardown(() => {
    tls.createSecureContext = original;
  });
  return counter;
}

/** GetRootCACertificate's answer on a connection of its own (a local subchannel pool), as after a reconnect. */
function rootCaOnNewConnection(t: Teardown, addr: string, credentials: grpc.ChannelCredentials): Promise<string> {
  const client = new CAClient(addr, credentials, { ...managerChannelOptions, "grpc.use_local_subchannel_pool": 1 });
  t.teardown(() => client.close());
  return new Promise((resolve, reject) =>
    client.getRootCACertificate({}, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (e, r) => {
      client.close();
      if (e) reject(e);
      else resolve(Buffer.from(r!.certificatePem).toString());
    }),
  );
}

test.serial("a provider-backed channel builds one TLS context per certificate, not one per connection", async (t) => {
  const pki = await testPki();
  const addr = await serveCa(t, tlsCredentials(await pki.issue("manager-0", ManagerRole)).server);
  const provider = new NodeCertificateProvider(await pki.issue("manager-1", ManagerRole));
  const credentials = providerClientCredentials(provider, pki.clusterId);
  const contexts = countTlsContexts(t);
  for (let i = 0; i < 3; i++) t.is(await rootCaOnNewConnection(t, addr, credentials), "ok");
  t.is(contexts.count, 1, "one context for three connections");
  provider.update(await pki.issue("manager-1-renewed", ManagerRole));
  for (let i = 0; i < 3; i++) t.is(await rootCaOnNewConnection(t, addr, credentials), "ok");
  t.is(contexts.count, 2, "one more for the renewed certificate");
});

test.serial("a provider-backed server builds no TLS context per connection it accepts", async (t) => {
  const pki = await testPki();
  const provider = new NodeCertificateProvider(await pki.issue("manager-1", ManagerRole));
  const addr = await serveCa(t, providerServerCredentials(provider));
  const credentials = clientCredentials(await pki.issue("worker-1", WorkerRole));
  const contexts = countTlsContexts(t);
  for (let i = 0; i < 3; i++) t.is(await rootCaOnNewConnection(t, addr, credentials), "ok");
  t.is(contexts.count, 0);
});

test("a node's credentials are built once per certificate: a reconnect reuses them", async (t) => {
  const pki = await testPki();
  const material = await pki.issue("worker-1", WorkerRole);
  t.is(clientCredentials(material), clientCredentials(material));
  t.not(clientCredentials({ ...material }), clientCredentials(material), "new material, new credentials");
});

test("manager server check judges each certificate by its own identity, parsed once and remembered", async (t) => {
  const pki = await testPki("cluster-a");
  const peer = (certPem: string): tls.PeerCertificate => {
    const x509 = new X509Certificate(certPem);
    return { raw: x509.raw, fingerprint256: x509.fingerprint256 } as tls.PeerCertificate;
  };
  const manager = peer((await pki.issue("manager-1", ManagerRole)).certPem);
  const worker = peer((await pki.issue("worker-1", WorkerRole)).certPem);
  const sameCluster = managerServerCheck("cluster-a");
  const otherCluster = managerServerCheck("cluster-b");
  for (let i = 0; i < 3; i++) {
    t.is(sameCluster("swarm-manager", manager), undefined);
    t.regex(otherCluster("swarm-manager", manager)?.message ?? "", /another cluster/);
    t.regex(sameCluster("swarm-manager", worker)?.message ?? "", /not a manager/);
  }
  // A certificate that does not parse is refused every time, never remembered as anything.
  const garbage = { raw: Buffer.from("not a certificate"), fingerprint256: "AA:BB" } as tls.PeerCertificate;
  t.true(sameCluster("swarm-manager", garbage) instanceof Error);
  t.true(sameCluster("swarm-manager", garbage) instanceof Error);
});
