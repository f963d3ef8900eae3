// Goal: a root rotation away from a root whose key only an operator's CA service holds. The
// cluster update goes through the real Control API over gRPC to a real store; the CA service is
// the loopback cfssl stand-in, which signs cross-signing requests with openssl. The managers' CSR
// is cross-signed and the answer chains both ways in real TLS handshakes (old-root nodes accept
// new-root certificates, new-root nodes accept old ones while they trust both); a wrong answer or
// an unreachable CA fails the update with UNAVAILABLE and leaves the cluster as it was; a move
// between two external roots, or a spec that drops the current root's CA, is refused by field.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import {
  createCertificateRequest,
  createControlApi,
  createRootCa,
  generateKeyPair,
  issueNodeCertificate,
  joinCertificates,
  ManagerRole,
  MemoryStore,
  prepareCaChange,
  type RootCa,
  sameCertificate,
  signedByCa,
  WorkerRole,
} from "../../manager/index.js";
import { callUnary, ControlClient, controlService, type swarm } from "../../proto/index.js";
import { type CrossSignBehaviour, startFakeCfssl } from "./fake-cfssl.js";

const encode = (pem: string): Uint8Array => new TextEncoder().encode(pem);
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString("utf8");

/**
 * A store whose cluster's root is `external`, its key held by the external CA at `url` only, served
 * over gRPC on `host`; the managers' requests to the CA present `client` when given.
 */
async function clusterOnExternalRoot(
  t: ExecutionContext,
  external: RootCa,
  url: string,
  host: string,
  client?: { certPem: string; keyPem: string },
) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) =>
    tx.create("cluster", {
      id: "cluster-1",
      spec: {
        annotations: { name: "default" },
        caConfig: {
          signingCaCertPem: encode(external.certPem),
          externalCas: [{ url, caCertPem: encode(external.certPem) }],
        },
      },
      rootCaCertPem: encode(external.certPem),
      rootCaKeyPem: new Uint8Array(),
    }),
  );
  const server = new grpc.Server();
  const handlers = createControlApi({
    store,
    caChange: (current, spec, nodeCount) =>
      prepareCaChange(current, spec, {
        now: Date.now(),
        nodeCount,
        ...(client ? { externalTls: (caPem: string) => ({ caPem, ...client }) } : {}),
      }),
  });
  server.addService(controlService, handlers as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const control = new ControlClient(`${host}:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    control.close();
    server.forceShutdown();
  });
  const cluster = (): swarm.v1.Cluster.$Properties => store.view((tx) => tx.get("cluster", "cluster-1")!);
  /** Updates the cluster's CA config from the stored cluster, as `swarmctl cluster ca --rotate` does. */
  const updateCa = async (caConfig: swarm.v1.CaConfig.$Properties): Promise<void> => {
    const current = cluster();
    await callUnary(control, controlService, "updateCluster", {
      clusterId: "cluster-1",
      clusterVersion: current.meta?.version ?? {},
      spec: { ...current.spec, caConfig: { ...current.spec?.caConfig, ...caConfig } },
    });
  };
  return { cluster, updateCa };
}

async function leafOf(ca: RootCa, nodeId: string, role: typeof WorkerRole | typeof ManagerRole = WorkerRole) {
  const key = await generateKeyPair();
  const certPem = await issueNodeCertificate(ca, await createCertificateRequest(key), {
    nodeId,
    role,
    clusterId: "cluster-1",
  });
  return { certPem, keyPem: key.keyPem };
}

/** Whether a TLS server and client, each with its chain and trusted roots, accept each other (on `host`). */
async function handshake(
  host: string,
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
  tlsServer.listen(0, host);
  await once(tlsServer, "listening");
  const port = (tlsServer.address() as AddressInfo).port;
  try {
    return await new Promise<boolean>((resolve) => {
      const socket = connect({
        host,
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

/** The gRPC status code of a rejected call. */
async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as grpc.ServiceError).code;
  }
}

async function withBlock(owner: string, body: (block: LoopbackBlock) => Promise<void>): Promise<void> {
  const block = await claimLoopbackBlock(owner);
  try {
    await body(block);
  } finally {
    block.release();
  }
}

test("external cross-signing rotates away from an external root, and the cross-signed root chains both ways", async (t) => {
  t.timeout(60_000);
  await withBlock("external-cross-sign-test", async (block) => {
    const external = await createRootCa("external-root");
    const cfssl = await startFakeCfssl(external, block.addr(1));
    try {
      const manager = await leafOf(external, "manager-1", ManagerRole);
      const { cluster, updateCa } = await clusterOnExternalRoot(t, external, cfssl.url, block.addr(2), manager);
      // A root the managers make: the external CA cross-signs it, asked by a manager that shows its certificate.
      await updateCa({ forceRotate: 1 });
      t.deepEqual(cfssl.clients, ["manager-1"]);
      const rotation = cluster().rootRotation!;
      const newRoot = { certPem: text(rotation.caCertPem), keyPem: text(rotation.caKeyPem) };
      const cross = text(rotation.crossSignedCaCertPem);
      t.deepEqual(cfssl.signed, ["swarm-ca"]);
      t.true(sameCertificate(text(cluster().rootCaCertPem), external.certPem), "the current root stays until the end");
      t.true(signedByCa(cross, external.certPem), "the cross-signed root is issued by the current root");

      const moved = await leafOf(newRoot, "node-new", ManagerRole);
      const chain = joinCertificates(moved.certPem, cross);
      const stayed = await leafOf(external, "node-old");
      t.true(signedByCa(chain, external.certPem), "old root through the cross-signed intermediate");
      t.true(signedByCa(chain, newRoot.certPem), "new root directly");
      const both = joinCertificates(external.certPem, newRoot.certPem);
      const host = block.addr(3);
      // New-root server, a client still trusting only the old root; an old-root client, a server trusting both.
      t.true(await handshake(host, { ...moved, certPem: chain, caPem: both }, { ...stayed, caPem: external.certPem }));
      t.true(await handshake(host, { ...stayed, caPem: both }, { ...moved, certPem: chain, caPem: both }));
      t.true(await handshake(host, { ...stayed, caPem: newRoot.certPem }, { ...moved, certPem: chain, caPem: both }));

      // A root the operator brings with its key replaces the rotation under way, cross-signed the same way.
      const own = await createRootCa("operator-root");
      await updateCa({ signingCaCertPem: encode(own.certPem), signingCaKeyPem: encode(own.keyPem) });
      const replaced = cluster().rootRotation!;
      t.true(sameCertificate(text(replaced.caCertPem), own.certPem));
      t.true(
        signedByCa(
          joinCertificates((await leafOf(own, "node-3")).certPem, text(replaced.crossSignedCaCertPem)),
          external.certPem,
        ),
      );
      t.is(cfssl.signed.length, 2);
    } finally {
      await cfssl.close();
    }
  });
});

test("external cross-signing refuses a wrong answer and an unreachable CA, and changes nothing", async (t) => {
  t.timeout(90_000);
  await withBlock("external-cross-sign-test", async (block) => {
    const external = await createRootCa("external-root");
    const wrongs: CrossSignBehaviour[] = ["another-key", "not-a-ca", "another-issuer", "beyond-root"];
    for (const [i, behaviour] of wrongs.entries()) {
      const cfssl = await startFakeCfssl(external, block.addr(10 + i), { crossSign: behaviour });
      try {
        const { cluster, updateCa } = await clusterOnExternalRoot(t, external, cfssl.url, block.addr(20 + i));
        const before = cluster();
        t.is(await statusOf(updateCa({ forceRotate: 1 })), grpc.status.UNAVAILABLE, behaviour);
        t.is(cfssl.signed.length, 1, `${behaviour}: the CA answered`);
        t.deepEqual(cluster(), before, `${behaviour}: the cluster is as it was`);
      } finally {
        await cfssl.close();
      }
    }
    // Nothing listens on this claimed address: the connection is refused at once.
    const { cluster, updateCa } = await clusterOnExternalRoot(
      t,
      external,
      `https://${block.addr(30)}:1/api/v1/cfssl/sign`,
      block.addr(31),
    );
    const before = cluster();
    t.is(await statusOf(updateCa({ forceRotate: 1 })), grpc.status.UNAVAILABLE);
    t.deepEqual(cluster(), before);
  });
});

test("external cross-signing is refused by field without the new root's key or a CA of the current root", async (t) => {
  t.timeout(60_000);
  await withBlock("external-cross-sign-test", async (block) => {
    const external = await createRootCa("external-root");
    const url = `https://${block.addr(1)}:1/api/v1/cfssl/sign`;
    const { cluster, updateCa } = await clusterOnExternalRoot(t, external, url, block.addr(2));
    const before = cluster();
    // Another operator's root whose key its own external CA holds: one external root to another.
    const other = await createRootCa("other-external-root");
    const otherCa = { url, caCertPem: encode(other.certPem) };
    const toOther = updateCa({ signingCaCertPem: encode(other.certPem), externalCas: [otherCa] });
    const error = await t.throwsAsync<grpc.ServiceError>(toOther);
    t.is(error?.code, grpc.status.INVALID_ARGUMENT);
    t.regex(error?.details ?? "", /spec\.caConfig\.signingCaKeyPem/);
    // A spec that no longer lists an external CA of the current root cannot have the new root cross-signed.
    const dropped = await t.throwsAsync<grpc.ServiceError>(updateCa({ forceRotate: 1, externalCas: [] }));
    t.is(dropped?.code, grpc.status.INVALID_ARGUMENT);
    t.regex(dropped?.details ?? "", /spec\.caConfig\.externalCas/);
    t.deepEqual(cluster(), before);
  });
});
