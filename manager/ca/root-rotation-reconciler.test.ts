// Goal: the leader's side of a root rotation on a real store with a fake clock. A cluster update
// starts a rotation (a new root cross-signed by the current one, the signing key kept out of the
// spec); the reconciler tells the nodes still on the old root to renew, at most so many at a time,
// tells again those that do not report within the grace, lets a down node hold the rotation open,
// and once every node reports the new issuer makes the new root the cluster's root with join
// tokens that carry its digest and the same secrets.
import test from "ava";
import { caDigest, FakeClock, InvalidArgumentError, parseJoinToken } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { ensureCluster } from "../cluster/index.js";
import { MemoryStore, type ObjectsByKind } from "../store/index.js";
import { createCertificateRequest, generateKeyPair } from "./crypto-keys.js";
import { WorkerRole } from "./node-certificate.js";
import { createRootCa } from "./root-ca.js";
import { prepareCaChange } from "./root-rotation.js";
import { RootRotationReconciler } from "./root-rotation-reconciler.js";
import { planRootRotation, rotationInFlightMax, rotationReportGraceMs } from "./rotation-plan.js";
import { signedByCa } from "./node-certificate.js";
import { signNodeChain, trustBundleOf } from "./signing-root.js";
import { issuerOfCa, tlsInfoOf } from "./tls-info.js";

const Status = swarm.v1.Certificate.Status;
const State = swarm.v1.NodeStatus.State;
type Node = ObjectsByKind["node"];

async function storeWithNodes(count: number) {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const root = await createRootCa("cluster-1");
  await ensureCluster(store, root, "cluster-1");
  await store.update((tx) => {
    for (let i = 0; i < count; i++)
      tx.create("node", {
        id: `node-${i}`,
        status: { state: State.STATE_READY },
        description: { tlsInfo: tlsInfoOf(issuerOfCa(root.certPem)) },
        certificate: { status: Status.STATUS_ISSUED },
      });
  });
  return { store, root };
}

const cluster = (store: MemoryStore) => store.view((tx) => tx.all("cluster")[0]!);
const nodes = (store: MemoryStore) => store.view((tx) => tx.all("node"));

async function startRotation(store: MemoryStore): Promise<void> {
  const current = cluster(store);
  const spec = { ...current.spec, caConfig: { ...current.spec?.caConfig, forceRotate: 1 } };
  const change = await prepareCaChange(current, spec, { now: Date.now(), nodeCount: nodes(store).length });
  await store.update((tx) =>
    tx.update("cluster", {
      ...tx.get("cluster", current.id ?? "")!,
      spec: change.spec,
      rootRotation: change.rootRotation!,
    }),
  );
}

/** What a node does when told: renews through the CA (the new root signs) and reports the issuer. */
async function renewAndReport(store: MemoryStore, nodeId: string): Promise<void> {
  const key = await generateKeyPair();
  const chain = await signNodeChain(cluster(store), await createCertificateRequest(key), {
    nodeId,
    role: WorkerRole,
    clusterId: "cluster-1",
  });
  // The chain verifies against the old root alone, through the cross-signed new root.
  if (!signedByCa(chain, Buffer.from(cluster(store).rootCaCertPem!).toString("utf8"))) throw new Error("no chain");
  const issuer = tlsInfoOf(issuerOfCa(Buffer.from(cluster(store).rootRotation!.caCertPem!)));
  await store.update((tx) => {
    const node = tx.get("node", nodeId)!;
    tx.update("node", {
      ...node,
      certificate: { status: Status.STATUS_ISSUED, certificatePem: new TextEncoder().encode(chain) },
      description: { tlsInfo: issuer },
    });
  });
}

test("root rotation reconciler tells every node, then retires the old root once all report the new one", async (t) => {
  t.timeout(60_000);
  const { store, root } = await storeWithNodes(3);
  const tokensBefore = cluster(store).joinTokens!;
  await startRotation(store);
  const started = cluster(store);
  t.truthy(started.rootRotation?.crossSignedCaCertPem?.length);
  t.is(started.spec?.caConfig?.signingCaKeyPem, undefined, "the key never stays in the spec");
  t.is(trustBundleOf(started).match(/BEGIN CERTIFICATE/g)?.length, 2);
  const clock = new FakeClock();
  const reconciler = new RootRotationReconciler(store, { clock });
  await reconciler.reconcile();
  t.deepEqual(
    nodes(store).map((n) => n.certificate?.status),
    [Status.STATUS_ROTATE, Status.STATUS_ROTATE, Status.STATUS_ROTATE],
  );
  t.is(reconciler.lastPlan?.rotated, 0);
  await renewAndReport(store, "node-0");
  await renewAndReport(store, "node-1");
  await reconciler.reconcile();
  t.is(reconciler.lastPlan?.rotated, 2);
  t.truthy(cluster(store).rootRotation, "one node still on the old root keeps the rotation open");
  // node-2 never reported: after the grace it is told again (a new message, so its session hears it).
  const toldBefore = nodes(store).find((n) => n.id === "node-2")!.certificate?.message;
  clock.advance(rotationReportGraceMs + 1);
  await reconciler.reconcile();
  t.not(nodes(store).find((n) => n.id === "node-2")!.certificate?.message, toldBefore);
  await renewAndReport(store, "node-2");
  await reconciler.reconcile();
  const done = cluster(store);
  t.is(done.rootRotation, undefined);
  t.deepEqual(Buffer.from(done.rootCaCertPem!), Buffer.from(started.rootRotation!.caCertPem!));
  t.deepEqual(Buffer.from(done.rootCaKeyPem!), Buffer.from(started.rootRotation!.caKeyPem!));
  t.false(Buffer.from(done.rootCaCertPem!).toString().includes(root.certPem.trim()));
  for (const role of ["worker", "manager"] as const) {
    const before = parseJoinToken(tokensBefore[role]!);
    const after = parseJoinToken(done.joinTokens![role]!);
    t.is(after.secret, before.secret);
    t.is(after.digest, caDigest(done.rootCaCertPem!));
  }
});

test("root rotation planner bounds renewals in flight and waits for down nodes", (t) => {
  const newIssuer = { subject: new Uint8Array([1]), publicKey: new Uint8Array([2]) };
  const moved = { certIssuerSubject: newIssuer.subject, certIssuerPublicKey: newIssuer.publicKey };
  const many: Node[] = Array.from({ length: rotationInFlightMax + 10 }, (_, i) => ({
    id: `n${i}`,
    status: { state: State.STATE_READY },
  }));
  const first = planRootRotation({ nodes: many, newIssuer, now: 0, toldAt: new Map(), issuedByNewRoot: () => false });
  t.is(first.markRotate.length, rotationInFlightMax);
  t.false(first.complete);
  // Those told are in flight: nothing more until they report or the grace passes.
  const told = new Map(first.markRotate.map((id) => [id, 0]));
  const marked = many.map((n) => (told.has(n.id!) ? { ...n, certificate: { status: Status.STATUS_ROTATE } } : n));
  t.is(
    planRootRotation({ nodes: marked, newIssuer, now: 1, toldAt: told, issuedByNewRoot: () => false }).markRotate
      .length,
    0,
  );
  const late = planRootRotation({
    nodes: marked,
    newIssuer,
    now: rotationReportGraceMs + 1,
    toldAt: told,
    issuedByNewRoot: () => false,
  });
  t.is(late.markRotate.length, rotationInFlightMax);
  // Every node moved but one that is down: not complete, and the down one is not told.
  const allButOne: Node[] = [
    { id: "a", description: { tlsInfo: moved } },
    { id: "b", status: { state: State.STATE_DOWN } },
  ];
  const waiting = planRootRotation({
    nodes: allButOne,
    newIssuer,
    now: 0,
    toldAt: new Map(),
    issuedByNewRoot: () => false,
  });
  t.false(waiting.complete);
  t.deepEqual(waiting.markRotate, []);
  t.is(waiting.states.get("b"), "down");
  t.true(
    planRootRotation({
      nodes: [allButOne[0]!],
      newIssuer,
      now: 0,
      toldAt: new Map(),
      issuedByNewRoot: () => false,
    }).complete,
  );
});

test("prepareCaChange starts a rotation only for a new counter or another root, and wants its key or an external CA", async (t) => {
  const { store } = await storeWithNodes(1);
  const current = cluster(store);
  const now = Date.now();
  t.is((await prepareCaChange(current, current.spec!, { now, nodeCount: 1 })).rootRotation, undefined);
  const other = await createRootCa("cluster-1");
  const certOnly = { ...current.spec, caConfig: { signingCaCertPem: new TextEncoder().encode(other.certPem) } };
  const refused = await t.throwsAsync(prepareCaChange(current, certOnly, { now, nodeCount: 1 }), {
    instanceOf: InvalidArgumentError,
  });
  t.is(refused?.field, "spec.caConfig.signingCaKeyPem");
  const withKey = await prepareCaChange(
    current,
    { ...current.spec, caConfig: { ...certOnly.caConfig, signingCaKeyPem: new TextEncoder().encode(other.keyPem) } },
    { now, nodeCount: 1 },
  );
  t.is(Buffer.from(withKey.rootRotation!.caKeyPem!).toString(), other.keyPem);
  t.is(withKey.spec.caConfig?.signingCaKeyPem, undefined);
  // An external CA that signs under the new root stands in for its key.
  const external = await prepareCaChange(
    current,
    {
      ...current.spec,
      caConfig: {
        ...certOnly.caConfig,
        externalCas: [
          { url: "https://127.0.0.1:1/api/v1/cfssl/sign", caCertPem: new TextEncoder().encode(other.certPem) },
        ],
      },
    },
    { now, nodeCount: 1 },
  );
  t.is(external.rootRotation?.caKeyPem?.length, 0);
  await t.throwsAsync(
    prepareCaChange(
      current,
      { ...current.spec, caConfig: { externalCas: [{ url: "http://plain.example/sign" }] } },
      { now, nodeCount: 1 },
    ),
    { instanceOf: InvalidArgumentError },
  );
});
