// Goal: the object converters give the docker CLI what it reads: task states and slots, task
// counts for `service ls`, `_up-to-date` for the progress bars, node and swarm shapes (TLSInfo
// from the real root certificate), events with moby's attributes, networks in the engine and swarm
// forms and network creation (overlay options passed on, what swarm-ts cannot do refused).
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { HttpError, UnsupportedFieldError } from "../http-error.js";
import { dockerEventOf, eventJson, eventMatches } from "./events.js";
import { parseFilters } from "./filters.js";
import { JsonObject } from "./json-reader.js";
import { taskFilterKeys, taskMatches } from "./list-filters.js";
import {
  engineNetworkOut,
  networkCreateIn,
  networkMatches,
  predefinedNetworkOut,
  swarmNetworkOut,
  vxlanIdOption,
} from "./network.js";
import { nodeMatches, nodeOut, nodeSpecIn } from "./node.js";
import { isTaskUpToDate, serviceStatusOf } from "./service-status.js";
import { swarmOut, swarmSpecIn } from "./swarm.js";
import { taskOut } from "./task-out.js";
import { canonicalPem, clusterTlsInfo, nodeTlsInfo, subjectDer, tlsInfoOf } from "./tls-info.js";

const State = swarm.v1.TaskState;
/** A cluster root certificate made by swarm-ts's CA (manager/ca createRootCa). */
const rootCaPem = readFileSync(join(import.meta.dirname, "test-fixtures", "root-ca.pem"), "utf8");
/** Another root, made with openssl, to rotate to. */
const rootCaPem2 = readFileSync(join(import.meta.dirname, "test-fixtures", "root-ca-2.pem"), "utf8");
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const service: swarm.v1.Service.$Properties = {
  id: "svc1",
  spec: {
    annotations: { name: "web", labels: { tier: "front" } },
    task: { container: { image: "process://sleep", args: ["100"] } },
    replicated: { replicas: 3 },
  },
};

function task(id: string, state: number, desired: number, spec = service.spec?.task): swarm.v1.Task.$Properties {
  return {
    id,
    serviceId: "svc1",
    slot: 1,
    nodeId: "node1",
    spec: spec ?? {},
    status: { state, timestamp: { seconds: 1_700_000_000 } },
    desiredState: desired,
    serviceAnnotations: { name: "web", labels: { tier: "front" } },
  };
}

test("task out: Docker's state names, slot and a container spec", (t) => {
  const out = clone(taskOut(task("t1", State.TASK_STATE_RUNNING, State.TASK_STATE_RUNNING), () => null)) as {
    Status: { State: string };
    DesiredState: string;
    Slot: number;
    Spec: { ContainerSpec: { Image: string } };
  };
  t.is(out.Status.State, "running");
  t.is(out.DesiredState, "running");
  t.is(out.Slot, 1);
  t.is(out.Spec.ContainerSpec.Image, "process://sleep");
  t.is(
    (
      clone(taskOut(task("t2", State.TASK_STATE_REMOVE, State.TASK_STATE_REMOVE), () => null)) as {
        Status: { State: string };
      }
    ).Status.State,
    "remove",
  );
});

test("service status counts running tasks against the replicas, and completed job tasks", (t) => {
  const tasks = [
    task("a", State.TASK_STATE_RUNNING, State.TASK_STATE_RUNNING),
    task("b", State.TASK_STATE_RUNNING, State.TASK_STATE_SHUTDOWN),
    task("c", State.TASK_STATE_PREPARING, State.TASK_STATE_RUNNING),
  ];
  t.deepEqual(serviceStatusOf(service, tasks), { RunningTasks: 1, DesiredTasks: 3, CompletedTasks: 0 });
  const global = { ...service, spec: { ...service.spec, replicated: null, global: {} } };
  t.is(serviceStatusOf(global, tasks).DesiredTasks, 2);
});

test("_up-to-date tells tasks of the current spec from older ones; label filters read the service's labels", (t) => {
  const current = task("a", State.TASK_STATE_RUNNING, State.TASK_STATE_RUNNING);
  const older = task("b", State.TASK_STATE_RUNNING, State.TASK_STATE_RUNNING, {
    container: { image: "process://sleep", args: ["1"] },
  });
  t.true(isTaskUpToDate(current, service));
  t.false(isTaskUpToDate(older, service));
  const context = { service: () => service, serviceIds: () => ["svc1"], nodeIds: () => ["node1"] };
  const filters = parseFilters('{"_up-to-date":{"true":true},"label":{"tier=front":true}}', taskFilterKeys);
  t.true(taskMatches(filters, current, context));
  t.false(taskMatches(filters, older, context));
  t.false(taskMatches(parseFilters('{"label":{"tier=back":true}}', taskFilterKeys), current, context));
  t.true(taskMatches(parseFilters('{"desired-state":{"running":true}}', taskFilterKeys), current, context));
});

test("node out and filters: spec role, manager status, engine labels apart from node labels", (t) => {
  const node: swarm.v1.Node.$Properties = {
    id: "node1",
    spec: { annotations: { labels: { zone: "a" } }, desiredRole: swarm.v1.NodeSpec.Role.ROLE_MANAGER },
    role: swarm.v1.NodeSpec.Role.ROLE_MANAGER,
    description: { hostname: "host1", engine: { engineVersion: "process", labels: { disk: "ssd" } } },
    status: { state: swarm.v1.NodeStatus.State.STATE_READY, addr: "10.0.0.1" },
    managerStatus: {
      leader: true,
      addr: "10.0.0.1:4242",
      reachability: swarm.v1.ManagerStatus.Reachability.REACHABILITY_REACHABLE,
    },
  };
  const out = clone(nodeOut(node, tlsInfoOf(rootCaPem))) as Record<string, Record<string, unknown>>;
  t.is(out.Spec!.Role, "manager");
  t.deepEqual(out.ManagerStatus, { Leader: true, Reachability: "reachable", Addr: "10.0.0.1:4242" });
  t.is(out.Status!.State, "ready");
  const filter = (text: string): boolean =>
    nodeMatches(parseFilters(text, ["id", "label", "name", "node.label", "membership", "role"]), node);
  t.true(filter('{"label":{"disk=ssd":true}}'));
  t.false(filter('{"label":{"zone=a":true}}'));
  t.true(filter('{"node.label":{"zone=a":true}}'));
  t.true(filter('{"role":{"manager":true},"name":{"host":true}}'));
  const spec = nodeSpecIn(JsonObject.orEmpty("", { Labels: { a: "b" }, Role: "worker", Availability: "drain" }));
  t.is(spec.availability, swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN);
});

test("TLSInfo carries the root's PEM, subject and key as DER", (t) => {
  const info = tlsInfoOf(rootCaPem);
  const cert = new X509Certificate(rootCaPem);
  t.is(info.TrustRoot.trim(), rootCaPem.trim());
  t.is(info.CertIssuerPublicKey, cert.publicKey.export({ type: "spki", format: "der" }).toString("base64"));
  // The subject DER is a SEQUENCE that holds the CN text.
  const subject = subjectDer(new Uint8Array(cert.raw));
  t.is(subject[0], 0x30);
  t.true(Buffer.from(subject).includes(Buffer.from("swarm-ca")));
});

test("swarm spec update starts from the stored spec and keeps swarm-ts's settings", (t) => {
  const stored: swarm.v1.ClusterSpec.$Properties = {
    annotations: { name: "default" },
    orchestration: { taskHistoryRetentionLimit: 5 },
    publishedPortRange: { start: 30000, end: 32767 },
  };
  const shown = clone(swarmOut({ id: "c1", spec: stored }, tlsInfoOf("")) as { Spec: Record<string, unknown> }).Spec;
  (shown.Orchestration as Record<string, unknown>).TaskHistoryRetentionLimit = 10;
  const next = swarmSpecIn(JsonObject.orEmpty("", shown), stored);
  t.is(next.orchestration?.taskHistoryRetentionLimit, 10);
  t.deepEqual(clone(next.publishedPortRange), { start: 30000, end: 32767 });
  t.false("raft" in next);
  t.is(Number(next.caConfig?.forceRotate ?? 0), 0);
  t.is(next.caConfig?.signingCaCertPem?.length ?? 0, 0);
});

test("swarm CAConfig: rotation counter, signing root and external CAs go in; the signing root never comes out", (t) => {
  const external = { protocol: swarm.v1.ExternalCa.Protocol.PROTOCOL_CFSSL, url: "https://ca.example:8888/sign" };
  const stored: swarm.v1.ClusterSpec.$Properties = {
    annotations: { name: "default" },
    caConfig: {
      forceRotate: 2,
      signingCaCertPem: Buffer.from(rootCaPem),
      externalCas: [{ ...external, options: { profile: "node" }, caCertPem: Buffer.from(rootCaPem) }],
    },
  };
  const shown = clone(swarmOut({ id: "c1", spec: stored }, tlsInfoOf("")) as { Spec: { CAConfig: object } }).Spec;
  // What `docker swarm ca` reads back: the counter and the external CAs, never the signing root or key.
  t.deepEqual(shown.CAConfig, {
    ExternalCAs: [{ Protocol: "cfssl", URL: external.url, Options: { profile: "node" }, CACert: rootCaPem }],
    ForceRotate: 2,
  });
  // The CLI's read-modify-write sends it back unchanged: the same counter, no signing root.
  const same = swarmSpecIn(JsonObject.orEmpty("", shown), stored);
  t.is(Number(same.caConfig?.forceRotate), 2);
  t.is(same.caConfig?.signingCaCertPem?.length, 0);
  t.is(Buffer.from(same.caConfig?.externalCas?.[0]?.caCertPem ?? []).toString(), rootCaPem);
  t.deepEqual(same.caConfig?.externalCas?.[0]?.options, { profile: "node" });
  // `docker swarm ca --rotate`: the counter goes up; with --ca-cert/--ca-key the root and key come along.
  const rotate = { ...shown, CAConfig: { ...shown.CAConfig, ForceRotate: 3 } };
  t.is(Number(swarmSpecIn(JsonObject.orEmpty("", rotate), stored).caConfig?.forceRotate), 3);
  const given = { ...shown, CAConfig: { ForceRotate: 2, SigningCACert: rootCaPem2, SigningCAKey: "KEY PEM" } };
  const ca = swarmSpecIn(JsonObject.orEmpty("", given), stored).caConfig;
  t.is(Buffer.from(ca?.signingCaCertPem ?? []).toString(), rootCaPem2);
  t.is(Buffer.from(ca?.signingCaKeyPem ?? []).toString(), "KEY PEM");
  t.deepEqual(ca?.externalCas, []);
  const bad = { ...shown, CAConfig: { ExternalCAs: [{ Protocol: "acme", URL: "https://x" }] } };
  t.throws(() => swarmSpecIn(JsonObject.orEmpty("", bad), stored), {
    message: /^CAConfig\.ExternalCAs\[0\]\.Protocol/,
  });
  const unknown = { ...shown, CAConfig: { ExternalCAs: [{ Protocol: "cfssl", URL: "https://x", Token: "t" }] } };
  t.throws(() => swarmSpecIn(JsonObject.orEmpty("", unknown), stored), {
    instanceOf: UnsupportedFieldError,
    message: /^CAConfig\.ExternalCAs\[0\]\.Token/,
  });
});

test("TLSInfo during a root rotation: the cluster's issuer is the new root, its trust root the old one", (t) => {
  const rotating = clone(
    swarmOut(
      { id: "c1", rootCaCertPem: Buffer.from(rootCaPem), rootRotation: { caCertPem: Buffer.from(rootCaPem2) } },
      clusterTlsInfo({ rootCaCertPem: Buffer.from(rootCaPem), rootRotation: { caCertPem: Buffer.from(rootCaPem2) } }),
    ),
  ) as { TLSInfo: Record<string, string>; RootRotationInProgress: boolean };
  t.true(rotating.RootRotationInProgress);
  t.is(rotating.TLSInfo.TrustRoot, canonicalPem(rootCaPem));
  t.is(rotating.TLSInfo.CertIssuerPublicKey, tlsInfoOf(rootCaPem2).CertIssuerPublicKey);
  t.is(rotating.TLSInfo.CertIssuerSubject, tlsInfoOf(rootCaPem2).CertIssuerSubject);
  const done = clusterTlsInfo({ rootCaCertPem: Buffer.from(rootCaPem2) });
  t.deepEqual(done, tlsInfoOf(rootCaPem2));
  t.false((swarmOut({ id: "c1" }, done) as { RootRotationInProgress: boolean }).RootRotationInProgress);
  // A node reports its own trust root (a bundle while it trusts both) in any PEM layout; shown canonical.
  const der = new X509Certificate(rootCaPem2).publicKey.export({ type: "spki", format: "der" });
  const reported = nodeTlsInfo({
    trustRootPem: Buffer.from(`${rootCaPem2.replace(/\n/g, "\r\n")}\n\n`),
    certIssuerSubject: subjectDer(new Uint8Array(new X509Certificate(rootCaPem2).raw)),
    certIssuerPublicKey: der,
  });
  t.deepEqual(reported, done);
  t.is(canonicalPem(`${rootCaPem}\n${rootCaPem2}`), `${rootCaPem}\n${rootCaPem2}`);
  t.is(nodeTlsInfo({}), null);
});

test("events carry moby's attributes and filters", (t) => {
  const before = { ...service, meta: { updatedAt: { seconds: 1 } } };
  const after = {
    ...service,
    meta: { updatedAt: { seconds: 1_700_000_000, nanos: 5 } },
    spec: { ...service.spec, replicated: { replicas: 4 } },
  };
  const converted = dockerEventOf(
    { action: swarm.v1.WatchAction.WATCH_ACTION_UPDATE, object: { service: after }, oldObject: { service: before } },
    0,
  );
  t.truthy(converted);
  const { event, labels } = converted!;
  t.is(event.Type, "service");
  t.is(event.Action, "update");
  t.deepEqual(event.Actor.Attributes, { name: "web", "replicas.old": "3", "replicas.new": "4" });
  t.is(event.time, 1_700_000_000);
  t.is(event.timeNano, 1_700_000_000_000_000_005n);
  t.regex(eventJson(event), /,"timeNano":1700000000000000005}$/);
  const filter = (text: string): boolean =>
    eventMatches(parseFilters(text, ["type", "service", "node", "event", "label", "container"]), event, labels);
  t.true(filter('{"type":{"service":true},"service":{"web":true}}'));
  t.false(filter('{"node":{"web":true}}'));
  t.false(filter('{"container":{"x":true}}'));
  t.true(filter('{"label":{"tier=front":true},"event":{"update":true}}'));
  t.is(dockerEventOf({ action: swarm.v1.WatchAction.WATCH_ACTION_CREATE, object: { task: {} } }, 0), null);
});

test("networks: engine and swarm forms, predefined ones, filters, and creation passing overlay options", (t) => {
  const network: swarm.v1.Network.$Properties = {
    id: "net1",
    spec: {
      annotations: { name: "front", labels: { "com.docker.stack.namespace": "st" } },
      driver: "overlay",
      attachable: true,
      internal: true,
      driverOpts: { encrypted: "" },
    },
    ipam: [{ subnet: "10.0.1.0/24", gateway: "10.0.1.1" }],
    vni: 4097,
  };
  const out = clone(engineNetworkOut(network)) as Record<string, unknown>;
  t.is(out.Scope, "swarm");
  t.is(out.Id, "net1");
  t.true(out.Internal);
  t.deepEqual(out.Containers, {});
  t.deepEqual(out.Options, { encrypted: "", [vxlanIdOption]: "4097" });
  t.deepEqual(out.IPAM, { Driver: "default", Options: {}, Config: [{ Subnet: "10.0.1.0/24", Gateway: "10.0.1.1" }] });
  const swarmForm = clone(swarmNetworkOut(network)) as {
    Spec: { Internal: boolean; DriverConfiguration: { Options: Record<string, string> } };
    DriverState: { Options: Record<string, string> };
  };
  t.true(swarmForm.Spec.Internal);
  t.deepEqual(swarmForm.Spec.DriverConfiguration.Options, { encrypted: "" });
  t.is(swarmForm.DriverState.Options[vxlanIdOption], "4097");
  t.is((clone(predefinedNetworkOut("host")) as Record<string, unknown>).Scope, "local");
  const filters = parseFilters('{"label":{"com.docker.stack.namespace=st":true},"name":{"fro":true}}', [
    "label",
    "name",
  ]);
  t.true(networkMatches(filters, engineNetworkOut(network), false));
  const spec = networkCreateIn(
    JsonObject.orEmpty("", {
      Name: "n",
      CheckDuplicate: true,
      Driver: "overlay",
      IPAM: { Driver: "default", Config: [{ Subnet: "10.9.0.0/24" }] },
      Attachable: true,
      Internal: true,
      Options: { encrypted: "", "com.docker.network.driver.mtu": "1400" },
      EnableIPv4: true,
    }),
  );
  t.deepEqual(clone(spec.ipam), [{ subnet: "10.9.0.0/24", gateway: "", range: "" }]);
  t.true(spec.internal);
  t.deepEqual(clone(spec.driverOpts), { encrypted: "", "com.docker.network.driver.mtu": "1400" });
  t.throws(() => networkCreateIn(JsonObject.orEmpty("", { Name: "n", Driver: "bridge" })), {
    instanceOf: UnsupportedFieldError,
    message: /^Driver/,
  });
  t.throws(() => networkCreateIn(JsonObject.orEmpty("", { Name: "n", EnableIPv6: true })), { message: /^EnableIPv6/ });
  t.throws(() => networkCreateIn(JsonObject.orEmpty("", { Name: "n", EnableIPv4: false })), { message: /^EnableIPv4/ });
  t.throws(() => networkCreateIn(JsonObject.orEmpty("", { Name: "n", IPAM: { Driver: "dhcp" } })), {
    message: /^IPAM\.Driver/,
  });
  t.is(
    t.throws(() => networkCreateIn(JsonObject.orEmpty("", { Name: "host" })), { instanceOf: HttpError })?.status,
    403,
  );
});
