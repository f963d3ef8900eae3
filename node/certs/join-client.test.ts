// Goal: a joining node over real gRPC and TLS: it pins the root CA by the token's digest (a
// manager serving another CA is refused, as a man in the middle would be), joins with a token,
// stores its files, and renews with its certificate, getting its new role after a promotion.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ManagerRole, parseNodeIdentity, protoRole, WorkerRole } from "../../manager/index.js";
import { NodeCertStore } from "./cert-store.js";
import { caService } from "../../proto/index.js";
import { CaChannels, CaDigestMismatchError, fetchRootCa, redirectOf, requestNodeCertificate } from "./join-client.js";
import { createCsr, generateNodeKey } from "./node-key.js";
import { startTestManager } from "./test-pki.js";
import { tlsCredentials } from "./tls-credentials.js";

test("fetchRootCa returns the CA the token names and refuses a server with another CA", async (t) => {
  const manager = await startTestManager();
  const impostor = await startTestManager();
  t.teardown(() => {
    manager.stop();
    impostor.stop();
  });
  t.is(await fetchRootCa(manager.addr, manager.tokens.worker), manager.pki.ca.certPem);
  // The impostor answers with its own CA, whose digest is not the one in the token.
  await t.throwsAsync(fetchRootCa(impostor.addr, manager.tokens.worker), { instanceOf: CaDigestMismatchError });
});

test("requestNodeCertificate joins with a token, and renews with the certificate taking the current role", async (t) => {
  const manager = await startTestManager();
  t.teardown(() => manager.stop());
  const dir = await mkdtemp(join(tmpdir(), "swarm-join-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));

  const caPem = await fetchRootCa(manager.addr, manager.tokens.worker);
  const key = await generateNodeKey();
  const joined = await requestNodeCertificate(manager.addr, {
    token: manager.tokens.worker,
    csr: await createCsr(key),
    caPem,
  });
  t.deepEqual(parseNodeIdentity(joined.certPem), {
    nodeId: joined.nodeId,
    role: WorkerRole,
    clusterId: manager.pki.clusterId,
  });
  const files = new NodeCertStore(dir);
  await files.save({ keyPem: key.keyPem, certPem: joined.certPem, caPem: joined.caPem });

  await manager.store.update((tx) => {
    const node = tx.get("node", joined.nodeId)!;
    tx.update("node", { ...node, spec: { ...node.spec, desiredRole: protoRole(ManagerRole) } });
  });
  const current = (await files.load())!;
  const next = await generateNodeKey();
  const renewed = await requestNodeCertificate(manager.addr, {
    csr: await createCsr(next),
    caPem: current.caPem,
    identity: current,
  });
  t.deepEqual(parseNodeIdentity(renewed.certPem), {
    nodeId: joined.nodeId,
    role: ManagerRole,
    clusterId: manager.pki.clusterId,
  });
});

test("requestNodeCertificate refuses a manager not certified by the pinned CA", async (t) => {
  const manager = await startTestManager();
  const other = await startTestManager();
  t.teardown(() => {
    manager.stop();
    other.stop();
  });
  const key = await generateNodeKey();
  const error = await t.throwsAsync(
    requestNodeCertificate(other.addr, {
      token: other.tokens.worker,
      csr: await createCsr(key),
      caPem: manager.pki.ca.certPem,
    }),
  );
  // TLS refuses the impostor before any call: to the operator, a manager that cannot be reached.
  t.is((error as { code?: unknown }).code, "MANAGER_UNREACHABLE");
  t.is(((error as { cause?: grpc.ServiceError }).cause ?? ({} as grpc.ServiceError)).code, grpc.status.UNAVAILABLE);
  t.is(
    other.store.view((tx) => tx.all("node").length),
    1,
    "the token never reached the other manager",
  );
});

// Goal: only the leader signs certificates; a joining node that asked a follower (the leader may
// have changed since the join command was printed, e.g. while managers join one after another)
// follows the follower's answer to the leader instead of failing the join.
test("requestNodeCertificate follows a follower's answer to the leader", async (t) => {
  const leader = await startTestManager();
  t.teardown(() => leader.stop());
  // A follower of the same cluster: a manager certificate of the same CA, refusing as raft does.
  const follower = new grpc.Server();
  let refused = 0;
  follower.addService(caService, {
    issueNodeCertificate: (_call: unknown, callback: grpc.sendUnaryData<never>) => {
      refused++;
      callback({
        code: grpc.status.UNAVAILABLE,
        details: `not the leader; the leader is 17 at ${leader.addr}`,
      });
    },
  });
  const own = await leader.pki.issue("manager-2", ManagerRole);
  const port = await new Promise<number>((resolve, reject) =>
    follower.bindAsync("127.0.0.1:0", tlsCredentials(own, { clientCertificate: "request" }).server, (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  t.teardown(() => follower.forceShutdown());
  const caPem = await fetchRootCa(leader.addr, leader.tokens.worker);
  const key = await generateNodeKey();
  const joined = await requestNodeCertificate(`127.0.0.1:${port}`, {
    token: leader.tokens.worker,
    csr: await createCsr(key),
    caPem,
  });
  t.is(refused, 1);
  t.like(parseNodeIdentity(joined.certPem), { nodeId: joined.nodeId, role: WorkerRole });
  t.is(
    redirectOf({ code: grpc.status.UNAVAILABLE, details: "not the leader; the leader is at 10.0.0.2:4242" }),
    "10.0.0.2:4242",
  );
  t.is(redirectOf({ code: grpc.status.UNAVAILABLE, details: "no leader is known yet; retry shortly" }), null);
  t.is(
    redirectOf({ code: grpc.status.PERMISSION_DENIED, details: "not the leader; the leader is at 10.0.0.2:4242" }),
    undefined,
  );
});

test("requestNodeCertificate lets many joins share one CA connection, and a join asked again keeps its node", async (t) => {
  const manager = await startTestManager();
  t.teardown(() => manager.stop());
  const caPem = await fetchRootCa(manager.addr, manager.tokens.worker);
  const channels = new CaChannels(caPem);
  t.teardown(() => channels.close());
  const keys = await Promise.all([generateNodeKey(), generateNodeKey(), generateNodeKey()]);
  const csrs = await Promise.all(keys.map((key) => createCsr(key)));
  const join = (csr: string) =>
    requestNodeCertificate(manager.addr, { token: manager.tokens.worker, csr, caPem }, { channels });
  const joined = await Promise.all(csrs.map(join));
  t.is(new Set(joined.map((j) => j.nodeId)).size, 3);
  // The channel stays open for the next joins, on the same client.
  t.is(channels.client(manager.addr), channels.client(manager.addr));
  const nodes = manager.store.view((tx) => tx.all("node").length);
  const again = await join(csrs[0]!);
  t.is(again.nodeId, joined[0]!.nodeId);
  t.is(
    manager.store.view((tx) => tx.all("node").length),
    nodes,
  );
});
