// Goal: on a port that serves mutual TLS without requiring a client certificate (a manager's), every
// call is admitted before its request is read. A request over its service's size is refused at its
// length prefix; a caller without the right certificate is refused before any of its body is read;
// calls without a certificate are bounded in number and in time. Raw HTTP/2 streams that announce
// a 50 MB message and then send nothing more show that no refusal waits for the body.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { connect, type ClientHttp2Session } from "node:http2";
import { TLSSocket } from "node:tls";
import { newJoinToken, waitFor } from "../common/index.js";
import { CAClient, caService, ControlClient, controlService, swarm } from "../proto/index.js";
import {
  createCertificateRequest,
  createRootCa,
  generateKeyPair,
  issueNodeCertificate,
  ManagerRole,
  OperatorRole,
  type CallerRole,
  type RootCa,
  WorkerRole,
  createCaService,
} from "./ca/index.js";
import { CallAdmission } from "./call-admission.js";
import { configBytesMax, createControlApi, labelsBytesMax, labelsMax } from "./controlapi/index.js";
import { caRequestBytesMax, controlRequestBytesMax, managerPortPolicies } from "./port-policies.js";
import { ServiceGuards } from "./service-guards.js";
import { MemoryStore } from "./store/index.js";

const clusterId = "cluster-admission";
/** Few, so the bound shows within the test. */
const anonymousCallsMax = 4;

interface Identity {
  readonly keyPem: string;
  readonly certPem: string;
}

/** A certificate provider that never changes, for a server that requests (not requires) client certificates. */
function staticProvider(caPem: string, identity: Identity): grpc.experimental.CertificateProvider {
  return {
    addCaCertificateListener: (listener) => process.nextTick(listener, { caCertificate: Buffer.from(caPem) }),
    removeCaCertificateListener: () => undefined,
    addIdentityCertificateListener: (listener) =>
      process.nextTick(listener, {
        certificate: Buffer.from(identity.certPem),
        privateKey: Buffer.from(identity.keyPem),
      }),
    removeIdentityCertificateListener: () => undefined,
  };
}

async function issue(ca: RootCa, nodeId: string, role: CallerRole): Promise<Identity> {
  const key = await generateKeyPair();
  const certPem = await issueNodeCertificate(ca, await createCertificateRequest(key), { nodeId, role, clusterId });
  return { keyPem: key.keyPem, certPem };
}

/** `anonymousCallMsMax` short, so the time bound of anonymous calls shows within the test. */
async function setup(t: { teardown: (fn: () => void) => void }, anonymousCallMsMax = 30_000) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const ca = await createRootCa(clusterId);
  const caBytes = new TextEncoder().encode(ca.certPem);
  await store.update((tx) => {
    tx.create("cluster", {
      id: clusterId,
      spec: { annotations: { name: "default" } },
      joinTokens: { worker: newJoinToken(caBytes), manager: newJoinToken(caBytes) },
      rootCaCertPem: caBytes,
      rootCaKeyPem: new TextEncoder().encode(ca.keyPem),
    });
    for (const [id, role] of [
      ["manager-1", swarm.v1.NodeSpec.Role.ROLE_MANAGER],
      ["worker-1", swarm.v1.NodeSpec.Role.ROLE_WORKER],
    ] as const)
      tx.create("node", { id, role, spec: { desiredRole: role } });
  });
  const own = await issue(ca, "manager-1", ManagerRole);
  const guards = new ServiceGuards({ store, clusterId });
  const admission = new CallAdmission({
    services: managerPortPolicies(),
    refusal: (call, audience) => guards.refusal(call, audience),
    identified: (call) => guards.identified(call),
    anonymousCallsMax,
    anonymousCallMsMax,
  });
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 64 * 1024 * 1024,
    interceptors: [admission.interceptor],
  });
  server.addService(caService, createCaService({ store }));
  server.addService(
    controlService,
    guards.guard(createControlApi({ store }) as grpc.UntypedServiceImplementation, "operators"),
  );
  const credentials = grpc.experimental.createCertificateProviderServerCredentials(
    staticProvider(ca.certPem, own),
    staticProvider(ca.certPem, own),
    false,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
  t.teardown(() => server.forceShutdown());
  const addr = `127.0.0.1:${port}`;
  const channel = (identity?: Identity): grpc.ChannelCredentials =>
    grpc.credentials.createSsl(
      Buffer.from(ca.certPem),
      identity ? Buffer.from(identity.keyPem) : null,
      identity ? Buffer.from(identity.certPem) : null,
      { checkServerIdentity: () => undefined },
    );
  /** A raw HTTP/2 session, to send frames a gRPC client never would. */
  const raw = (identity?: Identity): ClientHttp2Session => {
    const session = connect(`https://${addr}`, {
      ca: ca.certPem,
      ...(identity ? { key: identity.keyPem, cert: identity.certPem } : {}),
      checkServerIdentity: () => undefined,
    });
    session.on("error", () => undefined);
    t.teardown(() => session.destroy());
    return session;
  };
  return { store, ca, addr, channel, raw, admission };
}

/**
 * Opens a call that announces a message of `announcedBytes` and sends only its first bytes; resolves
 * with the grpc-status the server answers (without the rest ever being sent), or "none" if it has
 * not answered within `waitMs`.
 */
function announce(session: ClientHttp2Session, path: string, announcedBytes: number, waitMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      te: "trailers",
    });
    const header = Buffer.alloc(5);
    header.writeUInt32BE(announcedBytes, 1);
    stream.write(Buffer.concat([header, Buffer.alloc(16)]));
    let status = "none";
    const timer = setTimeout(() => {
      stream.close();
      resolve(status);
    }, waitMs);
    const done = (headers: Record<string, unknown>): void => {
      const code = headers["grpc-status"];
      if (typeof code !== "string") return;
      status = grpc.status[Number(code)] ?? code;
      clearTimeout(timer);
      stream.close();
      resolve(status);
    };
    stream.on("response", done);
    stream.on("trailers", done);
    stream.on("error", () => undefined);
  });
}

test("a caller without a certificate is refused before the body of its Control call is read", async (t) => {
  const { raw, ca } = await setup(t);
  // 50 MB announced, 16 bytes sent: the refusal cannot have waited for the body.
  t.is(await announce(raw(), "/swarm.v1.Control/CreateService", 50_000_000), "PERMISSION_DENIED");
  // A worker's certificate is no better for Control.
  t.is(
    await announce(raw(await issue(ca, "worker-1", WorkerRole)), "/swarm.v1.Control/CreateService", 50_000_000),
    "PERMISSION_DENIED",
  );
});

test("a request over its service's size is refused at its length prefix, whoever sends it", async (t) => {
  const { raw, ca, admission } = await setup(t);
  t.is(await announce(raw(), "/swarm.v1.CA/IssueNodeCertificate", caRequestBytesMax + 1), "RESOURCE_EXHAUSTED");
  const operator = await issue(ca, "alice", OperatorRole);
  t.is(
    await announce(raw(operator), "/swarm.v1.Control/CreateConfig", controlRequestBytesMax + 1),
    "RESOURCE_EXHAUSTED",
  );
  // Within the bound, the server waits for the rest of the message.
  t.is(await announce(raw(operator), "/swarm.v1.Control/CreateConfig", controlRequestBytesMax - 1, 500), "none");
  // grpc-js still keeps its limits where grpc-receive-limit.ts lowers them (an upgrade could move them).
  t.is(admission.stats().unlimited, 0);
});

test("calls without a certificate are bounded in number and in time", async (t) => {
  const { raw, admission } = await setup(t, 3_000);
  const session = raw();
  // These never finish sending: each holds an anonymous slot until the time bound ends it.
  const held = Array.from({ length: anonymousCallsMax }, () =>
    announce(session, "/swarm.v1.CA/IssueNodeCertificate", 1_000, 20_000),
  );
  await waitFor("every anonymous slot held", () =>
    admission.stats().anonymousInFlight === anonymousCallsMax ? true : undefined,
  );
  t.is(await announce(raw(), "/swarm.v1.CA/IssueNodeCertificate", 1_000), "RESOURCE_EXHAUSTED");
  t.deepEqual(
    await Promise.all(held),
    Array.from({ length: anonymousCallsMax }, () => "DEADLINE_EXCEEDED"),
  );
  t.is(admission.stats().anonymousInFlight, 0);
});

test("the callers the services are for get through: a joiner reaches the CA, an operator Control", async (t) => {
  const { addr, channel, ca, store } = await setup(t);
  const joiner = new CAClient(addr, channel());
  t.teardown(() => joiner.close());
  const root = await new Promise<swarm.v1.GetRootCACertificateResponse>((resolve, reject) =>
    joiner.getRootCACertificate({}, (e, r) => (e ? reject(e) : resolve(r!))),
  );
  t.is(Buffer.from(root.certificatePem).toString(), ca.certPem);
  const csrPem = Buffer.from(await createCertificateRequest(await generateKeyPair()));
  const token = store.view((tx) => tx.all("cluster")[0]!.joinTokens!.worker!);
  const joined = await new Promise<swarm.v1.IssueNodeCertificateResponse>((resolve, reject) =>
    joiner.issueNodeCertificate({ token, csrPem }, (e, r) => (e ? reject(e) : resolve(r!))),
  );
  t.is(joined.status, swarm.v1.Certificate.Status.STATUS_ISSUED);
  const operator = new ControlClient(addr, channel(await issue(ca, "alice", OperatorRole)));
  t.teardown(() => operator.close());
  const nodes = await new Promise<swarm.v1.ListNodesResponse>((resolve, reject) =>
    operator.listNodes({}, (e, r) => (e ? reject(e) : resolve(r!))),
  );
  t.is(nodes.nodes.length, 3, "the two nodes and the one that joined");
  // The largest valid Control request, a config at its bound with labels at theirs, fits Control's limit.
  const labels = Object.fromEntries(
    Array.from({ length: labelsMax }, (_, i) => [
      `k${String(i).padStart(3, "0")}`,
      "v".repeat(labelsBytesMax / labelsMax - 4),
    ]),
  );
  const config = await new Promise<swarm.v1.CreateConfigResponse>((resolve, reject) =>
    operator.createConfig(
      { spec: { annotations: { name: "largest", labels }, data: Buffer.alloc(configBytesMax, 0x41) } },
      (e, r) => (e ? reject(e) : resolve(r!)),
    ),
  );
  t.is(config.config.spec?.data?.length, configBytesMax);
});

test.serial("a connection's peer certificate is read once, however many calls it carries", async (t) => {
  const { addr, channel, ca, admission } = await setup(t);
  // Counts every read of a peer certificate in this process (serial: no other test's connections).
  const prototype = TLSSocket.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, "getPeerCertificate")!;
  let reads = 0;
  const read = original.value as (this: TLSSocket, detailed?: boolean) => unknown;
  Object.defineProperty(prototype, "getPeerCertificate", {
    ...original,
    value: function (this: TLSSocket, detailed?: boolean): unknown {
      reads++;
      return read.call(this, detailed);
    },
  });
  t.teardown(() => Object.defineProperty(prototype, "getPeerCertificate", original));
  const operator = new ControlClient(addr, channel(await issue(ca, "alice", OperatorRole)));
  t.teardown(() => operator.close());
  const listNodes = () =>
    new Promise<swarm.v1.ListNodesResponse>((resolve, reject) =>
      operator.listNodes({}, (e, r) => (e ? reject(e) : resolve(r!))),
    );
  await listNodes();
  const afterFirstCall = reads;
  t.true(afterFirstCall > 0);
  for (let i = 0; i < 5; i++) await listNodes();
  t.is(reads, afterFirstCall, "later calls on the connection read no certificate");
  // grpc-js still keeps each call's HTTP/2 session where connection-auth.ts finds it (an upgrade could move it).
  t.is(admission.stats().authPerCall, 0);
});
