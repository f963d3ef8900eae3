// Goal: what a root rotation rests on. A certificate the new root signs, sent with the new root
// cross-signed by the old one, is accepted by a peer that trusts only the old root, by one that
// trusts only the new root, and by one that trusts both — checked by real TLS handshakes, not just
// by our own chain walk; the issuer a node reports is the new root's either way; a root an
// operator brings is checked before a rotation starts.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";
import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { createCertificateRequest, generateKeyPair } from "./crypto-keys.js";
import { crossSignRoot, validateNewRoot } from "./cross-sign.js";
import { type CallerRole, issueNodeCertificate, ManagerRole, signedByCa, WorkerRole } from "./node-certificate.js";
import { joinCertificates, splitCertificates } from "./pem.js";
import { createRootCa } from "./root-ca.js";
import { issuerOfCa, issuerOfLeaf, sameIssuer } from "./tls-info.js";

async function leafOf(ca: { certPem: string; keyPem: string }, nodeId: string, role: CallerRole = WorkerRole) {
  const key = await generateKeyPair();
  const certPem = await issueNodeCertificate(ca, await createCertificateRequest(key), {
    nodeId,
    role,
    clusterId: "cluster-1",
  });
  return { certPem, keyPem: key.keyPem };
}

/** Whether a TLS client trusting `clientCa` and a server trusting `serverCa` accept each other's chains. */
async function handshake(
  server: { certPem: string; keyPem: string; caPem: string },
  client: { certPem: string; keyPem: string; caPem: string },
): Promise<boolean> {
  const tlsServer = createServer({
    cert: server.certPem,
    key: server.keyPem,
    ca: server.caPem,
    requestCert: true,
    rejectUnauthorized: true,
  });
  tlsServer.on("secureConnection", (socket: TLSSocket) => socket.end("ok"));
  tlsServer.on("tlsClientError", () => undefined);
  tlsServer.listen(0, "127.0.0.1");
  await once(tlsServer, "listening");
  const port = (tlsServer.address() as AddressInfo).port;
  try {
    return await new Promise<boolean>((resolve) => {
      const socket = connect({
        host: "127.0.0.1",
        port,
        cert: client.certPem,
        key: client.keyPem,
        ca: client.caPem,
        checkServerIdentity: () => undefined,
      });
      socket.on("data", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
      socket.on("close", () => resolve(false));
    });
  } finally {
    tlsServer.close();
  }
}

test("cross-signed chain is trusted by nodes of the old root, the new root and both", async (t) => {
  t.timeout(60_000);
  const oldRoot = await createRootCa("cluster-1");
  const newRoot = await createRootCa("cluster-1");
  const cross = await crossSignRoot(oldRoot, newRoot.certPem);
  const moved = await leafOf(newRoot, "node-new", ManagerRole);
  const chain = joinCertificates(moved.certPem, cross);
  const stayed = await leafOf(oldRoot, "node-old");
  t.true(signedByCa(chain, oldRoot.certPem), "old root through the cross-signed intermediate");
  t.true(signedByCa(chain, newRoot.certPem), "new root directly");
  t.false(signedByCa(moved.certPem, oldRoot.certPem), "without the intermediate the old root cannot verify it");
  const both = joinCertificates(oldRoot.certPem, newRoot.certPem);
  // A moved server, clients of every trust; and a client still on the old root, to a server trusting both.
  const server = { ...moved, certPem: chain, caPem: both };
  t.true(await handshake(server, { ...stayed, caPem: oldRoot.certPem }));
  t.true(await handshake(server, { ...stayed, caPem: both }));
  t.true(await handshake({ ...stayed, caPem: newRoot.certPem }, { ...moved, certPem: chain, caPem: both }));
  // Once the old root is retired, a node still holding an old certificate is refused.
  t.false(await handshake({ ...moved, certPem: chain, caPem: newRoot.certPem }, { ...stayed, caPem: both }));
});

test("cross-signed issuer counts as the new root for the reported issuer", async (t) => {
  const oldRoot = await createRootCa("cluster-1");
  const newRoot = await createRootCa("cluster-1");
  const cross = await crossSignRoot(oldRoot, newRoot.certPem);
  const moved = await leafOf(newRoot, "node-1");
  const newIssuer = issuerOfCa(newRoot.certPem);
  t.true(sameIssuer(issuerOfLeaf(joinCertificates(moved.certPem, cross), oldRoot.certPem), newIssuer));
  t.true(sameIssuer(issuerOfLeaf(moved.certPem, joinCertificates(oldRoot.certPem, newRoot.certPem)), newIssuer));
  const stayed = await leafOf(oldRoot, "node-2");
  t.false(sameIssuer(issuerOfLeaf(stayed.certPem, joinCertificates(oldRoot.certPem, newRoot.certPem)), newIssuer));
  // Every root is called swarm-ca: the subject alone must not make an old certificate count as moved.
  t.deepEqual(issuerOfCa(oldRoot.certPem).subject, newIssuer.subject);
  t.is(splitCertificates(joinCertificates(moved.certPem, cross, cross)).length, 2);
});

test("validateNewRoot refuses a non-root, a mismatched key and the current root's key", async (t) => {
  const now = Date.now();
  const current = await createRootCa("cluster-1");
  const next = await createRootCa("cluster-1");
  t.is(
    (await validateNewRoot(next.certPem, next.keyPem, { now, currentRootPem: current.certPem })).trim(),
    next.certPem.trim(),
  );
  const leaf = await leafOf(current, "node-1");
  const notRoot = await t.throwsAsync(validateNewRoot(leaf.certPem, "", { now, currentRootPem: current.certPem }), {
    instanceOf: InvalidArgumentError,
  });
  t.is(notRoot?.field, "spec.caConfig.signingCaCertPem");
  const wrongKey = await t.throwsAsync(
    validateNewRoot(next.certPem, current.keyPem, { now, currentRootPem: current.certPem }),
    { instanceOf: InvalidArgumentError },
  );
  t.is(wrongKey?.field, "spec.caConfig.signingCaKeyPem");
  await t.throwsAsync(validateNewRoot(current.certPem, current.keyPem, { now, currentRootPem: current.certPem }), {
    instanceOf: InvalidArgumentError,
  });
  await t.throwsAsync(validateNewRoot("not pem", "", { now, currentRootPem: current.certPem }), {
    instanceOf: InvalidArgumentError,
  });
});
