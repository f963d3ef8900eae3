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
import { CaDigestMismatchError, fetchRootCa, requestNodeCertificate } from "./join-client.js";
import { createCsr, generateNodeKey } from "./node-key.js";
import { startTestManager } from "./test-pki.js";

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
  t.is((error as grpc.ServiceError).code, grpc.status.UNAVAILABLE);
  t.is(
    other.store.view((tx) => tx.all("node").length),
    1,
    "the token never reached the other manager",
  );
});
