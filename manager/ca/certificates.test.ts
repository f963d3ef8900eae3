// Goal: the root CA and node certificates have the fields mutual TLS relies on: the identity comes
// from the CA and never from the CSR, certificates chain to the root (checked with node:crypto),
// and bad CSRs are refused naming csr_pem.
import { X509Certificate } from "node:crypto";
import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { generateKeyPair, signingAlgorithm } from "./crypto-keys.js";
import { InvalidCertificateError } from "./errors.js";
import {
  certificateValidity,
  issueNodeCertificate,
  ManagerRole,
  nodeCertExpiryMsDefault,
  parseNodeIdentity,
  signedByCa,
  WorkerRole,
} from "./node-certificate.js";
import { clockSkewMs, createRootCa, rootCaValidityMs } from "./root-ca.js";
import { x509 } from "./x509.js";

async function csrFor(subject = "CN=someone-else, OU=swarm-manager, O=another-cluster"): Promise<string> {
  const { keys } = await generateKeyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm });
  return csr.toString("pem");
}

test("root CA is self-signed, a CA for key signing, named swarm-ca and valid for 20 years", async (t) => {
  const now = Date.UTC(2030, 0, 1);
  const ca = await createRootCa("cluster-1", { now });
  const cert = new X509Certificate(ca.certPem);
  t.true(cert.ca);
  t.true(cert.checkIssued(cert));
  t.true(cert.verify(cert.publicKey));
  t.regex(cert.subject, /CN=swarm-ca/);
  t.regex(cert.subject, /O=cluster-1/);
  t.is(cert.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
  t.is(certificateValidity(ca.certPem).notAfterMs, now + rootCaValidityMs);
  const usages = new x509.X509Certificate(ca.certPem).getExtension(x509.KeyUsagesExtension);
  t.truthy(usages && usages.usages & x509.KeyUsageFlags.keyCertSign && usages.usages & x509.KeyUsageFlags.cRLSign);
  t.regex(ca.keyPem, /BEGIN PRIVATE KEY/);
});

test("node certificate takes CN, OU and O from the CA, not from the CSR", async (t) => {
  const ca = await createRootCa();
  const now = Date.now();
  const pem = await issueNodeCertificate(ca, await csrFor(), {
    nodeId: "node-a",
    role: WorkerRole,
    clusterId: "cluster-1",
    expiryMs: 3_600_000,
    now,
  });
  t.deepEqual(parseNodeIdentity(pem), { nodeId: "node-a", role: WorkerRole, clusterId: "cluster-1" });

  const cert = new X509Certificate(pem);
  t.false(cert.ca);
  t.true(cert.checkIssued(new X509Certificate(ca.certPem)), "issued by the root");
  t.true(cert.verify(new X509Certificate(ca.certPem).publicKey), "signed by the root's key");
  t.true(signedByCa(pem, ca.certPem));
  t.is(cert.subjectAltName, "DNS:node-a, DNS:swarm-worker");
  const eku = new x509.X509Certificate(pem).getExtension(x509.ExtendedKeyUsageExtension);
  t.deepEqual([...(eku?.usages ?? [])], [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]);
  const validity = certificateValidity(pem);
  // X.509 times have whole seconds.
  t.is(validity.notBeforeMs, Math.floor((now - clockSkewMs) / 1000) * 1000);
  t.is(validity.notAfterMs, Math.floor((now + 3_600_000) / 1000) * 1000);
});

test("node certificate lasts 90 days by default and is not signed by another CA", async (t) => {
  const ca = await createRootCa();
  const other = await createRootCa();
  const now = Date.now();
  const pem = await issueNodeCertificate(ca, await csrFor(), {
    nodeId: "node-b",
    role: ManagerRole,
    clusterId: "c",
    now,
  });
  t.is(certificateValidity(pem).notAfterMs, Math.floor((now + nodeCertExpiryMsDefault) / 1000) * 1000);
  t.is(parseNodeIdentity(pem).role, ManagerRole);
  t.false(signedByCa(pem, other.certPem));
});

test("node certificate issuing refuses a garbage CSR and one whose signature is broken, naming csr_pem", async (t) => {
  const ca = await createRootCa();
  const options = { nodeId: "n", role: WorkerRole, clusterId: "c" } as const;
  const garbage = await t.throwsAsync(
    issueNodeCertificate(ca, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", options),
    { instanceOf: InvalidArgumentError },
  );
  t.is(garbage.field, "csr_pem");
  const empty = await t.throwsAsync(issueNodeCertificate(ca, "", options), { instanceOf: InvalidArgumentError });
  t.is(empty.field, "csr_pem");

  // Flip one bit inside the signature (the last bytes of the DER).
  const der = new Uint8Array(x509.PemConverter.decodeFirst(await csrFor()));
  der[der.length - 3] = (der[der.length - 3] ?? 0) ^ 0x01;
  const broken = await t.throwsAsync(
    issueNodeCertificate(ca, x509.PemConverter.encode(der, "CERTIFICATE REQUEST"), options),
    { instanceOf: InvalidArgumentError },
  );
  t.is(broken.field, "csr_pem");
});

test("parseNodeIdentity refuses a certificate that is not a node's", async (t) => {
  const ca = await createRootCa();
  t.throws(() => parseNodeIdentity(ca.certPem), { instanceOf: InvalidCertificateError });
  t.throws(() => parseNodeIdentity(new Uint8Array([1, 2, 3])), { instanceOf: InvalidCertificateError });
});
