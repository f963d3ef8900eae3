// Goal: a node's key, CSR and certificate files: round trip through the state dir with the right
// modes, and recovery of a save interrupted between the key's and the certificate's renames.
import { mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { issueNodeCertificate, parseNodeIdentity, WorkerRole } from "../../manager/index.js";
import { CertificateKeyMismatchError, NodeCertStore } from "./cert-store.js";
import { createCsr, generateNodeKey, loadNodeKey } from "./node-key.js";
import { testPki } from "./test-pki.js";

async function stateDir(t: { teardown: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swarm-certs-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("node cert store keeps key, certificate and CA with private modes and reads them back", async (t) => {
  const dir = await stateDir(t);
  const pki = await testPki();
  const key = await generateNodeKey();
  const certPem = await issueNodeCertificate(pki.ca, await createCsr(key), {
    nodeId: "node-1",
    role: WorkerRole,
    clusterId: pki.clusterId,
  });
  const store = new NodeCertStore(dir);
  t.is(await store.load(), undefined, "nothing before the first save");
  await store.save({ keyPem: key.keyPem, certPem, caPem: pki.ca.certPem });

  t.deepEqual(await store.load(), { keyPem: key.keyPem, certPem, caPem: pki.ca.certPem });
  t.is((await stat(store.dir)).mode & 0o777, 0o700);
  t.is((await stat(store.path("key"))).mode & 0o777, 0o600);
  t.is((await stat(store.path("cert"))).mode & 0o777, 0o644);
  t.is(store.path("key"), join(dir, "certificates", "node.key"));

  // The stored key signs a CSR again (for renewal) and the identity survives the round trip.
  const reloaded = await loadNodeKey((await store.load())!.keyPem);
  t.regex(await createCsr(reloaded), /BEGIN CERTIFICATE REQUEST/);
  t.is(parseNodeIdentity((await store.load())!.certPem).nodeId, "node-1");
});

test("node cert store finishes a save interrupted after the key's rename, and refuses an unexplained mismatch", async (t) => {
  const dir = await stateDir(t);
  const pki = await testPki();
  const store = new NodeCertStore(dir);
  const first = await pki.issue("node-1", WorkerRole);
  await store.save(first);
  // Simulate the crash: the renewed key is in place, its certificate still in the temporary file.
  const renewed = await pki.issue("node-1", WorkerRole);
  await writeFile(store.path("cert") + ".tmp", renewed.certPem);
  await writeFile(store.path("key") + ".tmp", renewed.keyPem);
  await rename(store.path("key") + ".tmp", store.path("key"));
  t.deepEqual(await store.load(), { keyPem: renewed.keyPem, certPem: renewed.certPem, caPem: pki.ca.certPem });

  // A key that matches neither certificate cannot be explained by a crash.
  await writeFile(store.path("key"), (await generateNodeKey()).keyPem);
  await t.throwsAsync(store.load(), { instanceOf: CertificateKeyMismatchError });
});
