// Goal: the CA service over real gRPC and real TLS: join tokens decide the role, wrong and rotated
// tokens are refused with nothing written, bad CSRs are refused naming csr_pem, and a member
// renewing with its certificate gets the role its node object wants now.
/* eslint-disable @typescript-eslint/unbound-method -- call() below invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { caDigest, newJoinToken, parseJoinToken } from "../../common/index.js";
import { CAClient, caService, swarm } from "../../proto/index.js";
import { ensureCluster } from "../cluster/index.js";
import { MemoryStore } from "../store/index.js";
import { createCaService } from "./ca-service.js";
import { createCertificateRequest, generateKeyPair } from "./crypto-keys.js";
import { issueNodeCertificate, ManagerRole, parseNodeIdentity, signedByCa, WorkerRole } from "./node-certificate.js";
import { createRootCa } from "./root-ca.js";

const Role = swarm.v1.NodeSpec.Role;
type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

function call<Req, Res>(client: CAClient, fn: Call<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
}

async function serve(
  t: { teardown: (fn: () => void) => void },
  credentials: grpc.ServerCredentials,
  service: grpc.UntypedServiceImplementation,
): Promise<number> {
  const server = new grpc.Server();
  server.addService(caService, service);
  t.teardown(() => server.forceShutdown());
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
}

async function setup(t: { teardown: (fn: () => void) => void }) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const ca = await createRootCa();
  await ensureCluster(store, ca);
  const cluster = store.view((tx) => tx.all("cluster")[0]!);
  // The serving manager's own certificate, signed directly as a founding manager's is.
  const managerKey = await generateKeyPair();
  const managerCert = await issueNodeCertificate(ca, await createCertificateRequest(managerKey), {
    nodeId: "manager-1",
    role: ManagerRole,
    clusterId: cluster.id ?? "",
  });
  await store.update((tx) =>
    tx.create("node", { id: "manager-1", role: Role.ROLE_MANAGER, spec: { desiredRole: Role.ROLE_MANAGER } }),
  );
  const service = createCaService({ store }) as grpc.UntypedServiceImplementation;
  const caPem = Buffer.from(ca.certPem);
  const pair = [{ cert_chain: Buffer.from(managerCert), private_key: Buffer.from(managerKey.keyPem) }];
  // One port without client certificates (joiners) and one that requires them (members).
  const openPort = await serve(t, grpc.ServerCredentials.createSsl(caPem, pair, false), service);
  const mutualPort = await serve(t, grpc.ServerCredentials.createSsl(caPem, pair, true), service);
  const client = (port: number, identity?: { keyPem: string; certPem: string }) => {
    const credentials = grpc.credentials.createSsl(
      caPem,
      identity ? Buffer.from(identity.keyPem) : null,
      identity ? Buffer.from(identity.certPem) : null,
    );
    // The server's certificate names "swarm-manager" (not 127.0.0.1), as every manager's does.
    const c = new CAClient(`127.0.0.1:${port}`, credentials, { "grpc.ssl_target_name_override": ManagerRole });
    t.teardown(() => c.close());
    return c;
  };
  const joiner = client(openPort);
  const join = async (token: string) => {
    const key = await generateKeyPair();
    const response = await call(joiner, joiner.issueNodeCertificate, {
      csrPem: Buffer.from(await createCertificateRequest(key)),
      token,
    });
    const status = await call(joiner, joiner.nodeCertificateStatus, { nodeId: response.nodeId });
    return {
      nodeId: response.nodeId,
      keyPem: key.keyPem,
      certPem: Buffer.from(status.certificate?.certificatePem ?? []).toString("utf8"),
      rootCaPem: Buffer.from(status.rootCaPem).toString("utf8"),
    };
  };
  return { store, ca, cluster, joiner, client, mutualPort, join };
}

test("CA service gives the root certificate whose digest the join tokens carry", async (t) => {
  const { joiner, cluster } = await setup(t);
  const { certificatePem } = await call(joiner, joiner.getRootCACertificate, {});
  t.is(caDigest(certificatePem), parseJoinToken(cluster.joinTokens?.worker ?? "").digest);
  t.is(caDigest(certificatePem), parseJoinToken(cluster.joinTokens?.manager ?? "").digest);
});

test("CA service joins a node with the worker token as a worker and with the manager token as a manager", async (t) => {
  const { store, ca, cluster, join } = await setup(t);
  const worker = await join(cluster.joinTokens?.worker ?? "");
  t.deepEqual(parseNodeIdentity(worker.certPem), {
    nodeId: worker.nodeId,
    role: WorkerRole,
    clusterId: cluster.id ?? "",
  });
  t.true(signedByCa(worker.certPem, ca.certPem));
  t.is(worker.rootCaPem, ca.certPem);
  const node = store.view((tx) => tx.get("node", worker.nodeId))!;
  t.is(Number(node.spec?.desiredRole ?? 0), Role.ROLE_WORKER);
  t.is(Number(node.certificate?.status), swarm.v1.Certificate.Status.STATUS_ISSUED);
  t.is(Buffer.from(node.certificate?.certificatePem ?? []).toString("utf8"), worker.certPem);

  const manager = await join(cluster.joinTokens?.manager ?? "");
  t.is(parseNodeIdentity(manager.certPem).role, ManagerRole);
  t.is(Number(store.view((tx) => tx.get("node", manager.nodeId))?.spec?.desiredRole), Role.ROLE_MANAGER);
  t.not(manager.nodeId, worker.nodeId);
});

test("CA service refuses a wrong token with PERMISSION_DENIED and writes nothing", async (t) => {
  const { store, ca, join } = await setup(t);
  const before = store.view((tx) => tx.all("node").length);
  const error = await t.throwsAsync(join(newJoinToken(Buffer.from(ca.certPem))));
  t.is((error as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
  t.regex((error as grpc.ServiceError).details, /invalid join token/);
  const malformed = await t.throwsAsync(join("SWMTKN-1-nonsense"));
  t.is((malformed as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
  t.is(
    store.view((tx) => tx.all("node").length),
    before,
  );
});

test("CA service refuses a rotated token and accepts its replacement", async (t) => {
  const { store, ca, cluster, join } = await setup(t);
  const old = cluster.joinTokens?.worker ?? "";
  await store.update((tx) => {
    const current = tx.get("cluster", cluster.id ?? "")!;
    tx.update("cluster", {
      ...current,
      joinTokens: { ...current.joinTokens, worker: newJoinToken(Buffer.from(ca.certPem)) },
    });
  });
  const refused = await t.throwsAsync(join(old));
  t.is((refused as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
  const rotated = store.view((tx) => tx.get("cluster", cluster.id ?? ""))?.joinTokens?.worker ?? "";
  t.is(parseNodeIdentity((await join(rotated)).certPem).role, WorkerRole);
});

test("CA service refuses a bad CSR with INVALID_ARGUMENT naming csr_pem", async (t) => {
  const { store, cluster, joiner } = await setup(t);
  const before = store.view((tx) => tx.all("node").length);
  const error = await t.throwsAsync(
    call(joiner, joiner.issueNodeCertificate, {
      csrPem: Buffer.from("not a csr"),
      token: cluster.joinTokens?.worker ?? "",
    }),
  );
  t.is((error as grpc.ServiceError).code, grpc.status.INVALID_ARGUMENT);
  t.deepEqual((error as grpc.ServiceError).metadata.get("swarm-error-field"), ["csr_pem"]);
  t.is(
    store.view((tx) => tx.all("node").length),
    before,
  );
});

test("CA service renews a member's certificate with its current role, and refuses strangers and removed nodes", async (t) => {
  const { store, cluster, client, joiner, mutualPort, join } = await setup(t);
  const worker = await join(cluster.joinTokens?.worker ?? "");
  const member = client(mutualPort, worker);
  const renew = async () => {
    const key = await generateKeyPair();
    const { nodeId } = await call(member, member.issueNodeCertificate, {
      csrPem: Buffer.from(await createCertificateRequest(key)),
    });
    const status = await call(member, member.nodeCertificateStatus, { nodeId });
    return Buffer.from(status.certificate?.certificatePem ?? []).toString("utf8");
  };
  t.deepEqual(parseNodeIdentity(await renew()), {
    nodeId: worker.nodeId,
    role: WorkerRole,
    clusterId: cluster.id ?? "",
  });

  // Promotion: the node object's desired role changes; the next renewal carries it.
  await store.update((tx) => {
    const node = tx.get("node", worker.nodeId)!;
    tx.update("node", { ...node, spec: { ...node.spec, desiredRole: Role.ROLE_MANAGER } });
  });
  const promoted = await renew();
  t.is(parseNodeIdentity(promoted).role, ManagerRole);
  t.is(
    Buffer.from(store.view((tx) => tx.get("node", worker.nodeId))?.certificate?.certificatePem ?? []).toString("utf8"),
    promoted,
  );

  // Without a token and without a certificate there is nothing to renew.
  const key = await generateKeyPair();
  const stranger = await t.throwsAsync(
    call(joiner, joiner.issueNodeCertificate, { csrPem: Buffer.from(await createCertificateRequest(key)) }),
  );
  t.is((stranger as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);

  await store.update((tx) => tx.remove("node", worker.nodeId));
  const removed = await t.throwsAsync(renew());
  t.is((removed as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
});

test("CA service answers a join asked again with the same key with the node the first one made", async (t) => {
  const { store, cluster, joiner } = await setup(t);
  const key = await generateKeyPair();
  const ask = async (token: string) =>
    call(joiner, joiner.issueNodeCertificate, { csrPem: Buffer.from(await createCertificateRequest(key)), token });
  const nodes = () => store.view((tx) => tx.all("node").length);
  const before = nodes();
  const first = await ask(cluster.joinTokens?.worker ?? "");
  // A new CSR for the same key, as a retry after a deadline may send: the same node, nothing more written.
  const again = await ask(cluster.joinTokens?.worker ?? "");
  t.is(again.nodeId, first.nodeId);
  t.is(nodes(), before + 1);
  // The same key with the other token does not change the node's role.
  const manager = await t.throwsAsync(ask(cluster.joinTokens?.manager ?? ""));
  t.is((manager as grpc.ServiceError).code, grpc.status.PERMISSION_DENIED);
  t.is(nodes(), before + 1);
});

test("CA service's certificate status waits for a pending certificate instead of answering pending", async (t) => {
  const { store, joiner } = await setup(t);
  await store.update((tx) =>
    tx.create("node", {
      id: "pending-1",
      spec: { desiredRole: Role.ROLE_WORKER },
      certificate: { status: swarm.v1.Certificate.Status.STATUS_PENDING },
    }),
  );
  const status = call(joiner, joiner.nodeCertificateStatus, { nodeId: "pending-1" });
  let answered = false;
  void status.then(() => (answered = true));
  // Another write first: the call keeps waiting through commits that leave the certificate pending.
  await store.update((tx) => tx.update("node", { ...tx.get("node", "pending-1")!, description: { hostname: "h" } }));
  t.false(answered);
  await store.update((tx) => {
    const node = tx.get("node", "pending-1")!;
    tx.update("node", {
      ...node,
      certificate: { ...node.certificate, status: swarm.v1.Certificate.Status.STATUS_ISSUED },
    });
  });
  t.is(Number((await status).certificate?.status), swarm.v1.Certificate.Status.STATUS_ISSUED);
});
