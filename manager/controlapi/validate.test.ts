// Goal: each malformed request an outside review found accepted (unknown enum values, negative
// counts, NaN, unknown signals, counts up to 2^53 and 2^60, secret targets climbing out of their
// directory, non-numeric owners, setuid modes) and every size bound (labels, images, hostnames,
// node names, lists, a whole spec) is refused with INVALID_ARGUMENT naming the field, before the
// store changes; and values at the bounds are still accepted.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import type { swarm } from "../../proto/index.js";
import { fullRequests, startControlHarness } from "./control-harness.js";
import {
  hostnameBytesMax,
  imageBytesMax,
  labelKeyBytesMax,
  labelsBytesMax,
  labelsMax,
  labelValueBytesMax,
  nodeNameBytesMax,
  serviceSpecBytesMax,
  specDurationNsMax,
} from "./limits.js";
import { type PathStep, withValueAt } from "./proto-walk.js";
import type { ControlMethod } from "./validate-requests.js";

/** "spec.task.mounts[0].type" as path steps. */
function steps(path: string): PathStep[] {
  const out: PathStep[] = [];
  for (const part of path.split(".")) {
    const [name, ...indexes] = part.split(/[[\]]+/).filter((s) => s !== "");
    out.push({ field: name! });
    for (const index of indexes) out.push({ index: Number(index) });
  }
  return out;
}

const big = (bytes: number, fill = "a"): string => fill.repeat(bytes);
const labels = (count: number, valueBytes: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, big(valueBytes)]));

/** [method, path in the request, value set there, field the refusal must name (default: the path)]. */
type Case = readonly [ControlMethod, string, unknown, string?];

const cases: Case[] = [
  // Unknown enum values.
  ["createService", "spec.task.restart.condition", 99],
  ["createService", "spec.update.failureAction", 3],
  ["createService", "spec.update.order", 2],
  ["createService", "spec.rollback.failureAction", -1],
  ["createService", "spec.endpoint.ports[0].protocol", 2],
  ["createService", "spec.endpoint.ports[0].publishMode", 2],
  ["createService", "spec.endpoint.mode", 2],
  ["createService", "spec.task.container.mounts[0].type", 3],
  ["updateService", "rollback", 2],
  ["updateNode", "spec.availability", 3],
  ["updateNode", "spec.desiredRole", 2],
  ["listNodes", "filters.roles", [7], "filters.roles[0]"],
  ["listTasks", "filters.states", [1], "filters.states[0]"],
  // Negative, NaN, out of range.
  ["createService", "spec.task.container.healthcheck.retries", -1],
  ["createService", "spec.task.container.pidsLimit", -5],
  ["createService", "spec.update.maxFailureRatio", Number.NaN],
  ["createService", "spec.update.maxFailureRatio", 1.5],
  ["createService", "spec.task.container.stopGracePeriodNs", -1],
  ["createService", "spec.task.restart.delayNs", specDurationNsMax + 1e6],
  ["createService", "spec.update.monitorNs", 30 * 24 * 3600e9],
  ["createService", "spec.task.container.healthcheck.intervalNs", -1e9],
  ["createService", "spec.replicated.replicas", 2_000_000],
  ["createService", "spec.task.placement.maxReplicas", 2 ** 60],
  ["createService", "spec.task.restart.maxAttempts", 2 ** 53],
  ["createService", "spec.task.resources.limits.memoryBytes", -1],
  ["createService", "spec.task.resources.limits.nanoCpus", 2 ** 62],
  ["createService", "spec.endpoint.ports[0].publishedPort", 70000],
  ["createService", "spec.endpoint.ports[0].targetPort", 0],
  ["createService", "spec.task.container.mounts[0].tmpfsSizeBytes", 1024],
  ["listTasks", "filters.slots", [2 ** 60], "filters.slots[0]"],
  // Words the worker would have refused only later.
  ["createService", "spec.task.container.stopSignal", "SIGFOO"],
  ["createService", "spec.task.container.stopSignal", "99"],
  ["createService", "spec.task.container.secrets[0].file.name", "../../etc/x"],
  ["createService", "spec.task.container.configs[0].file.name", "/etc/../../x"],
  ["createService", "spec.task.container.secrets[0].file.uid", "root"],
  ["createService", "spec.task.container.secrets[0].file.gid", "-1"],
  ["createService", "spec.task.container.secrets[0].file.mode", 0o177777],
  ["createService", "spec.task.container.configs[0].file.mode", 0o4755],
  ["createService", "spec.task.container.dir", "relative/dir"],
  ["createService", "spec.task.container.mounts[0].bindPropagation", "sideways"],
  ["createService", "spec.task.container.healthcheck.test", ["BOGUS", "x"], "spec.task.container.healthcheck.test[0]"],
  ["createService", "spec.task.container.capabilityAdd", ["NET ADMIN"], "spec.task.container.capabilityAdd[0]"],
  ["createService", "spec.task.container.env", ["A=1\u0000B=2"], "spec.task.container.env[0]"],
  ["createService", "spec.task.container.ulimits[0].name", "files"],
  ["createService", "spec.task.container.ulimits[0].soft", 4096],
  ["createService", "spec.task.container.ulimits[0].hard", -2],
  [
    "createService",
    "spec.task.container.ulimits",
    [
      { name: "nofile", soft: 1, hard: 1 },
      { name: "nofile", soft: 2, hard: 2 },
    ],
    "spec.task.container.ulimits[1].name",
  ],
  ["createService", "spec.task.container.isolation", 1],
  ["createService", "spec.task.container.isolation", 2],
  ["createService", "spec.task.container.oomScoreAdj", 1001],
  ["createService", "spec.task.container.oomScoreAdj", -1001],
  ["createService", "spec.task.container.mounts[0].volumeDriver", "local"],
  ["createService", "spec.task.container.mounts[0].volumeDriverOptions", { type: "nfs" }],
  ["createService", "spec.task.container.mounts[1].volumeDriver", "bad driver"],
  ["createService", "spec.task.container.mounts[1].source", ""],
  ["listServices", "filters.modes", ["sideways"], "filters.modes[0]"],
  ["createNetwork", "spec.ipam[0].subnet", "300.1.1.1/24"],
  ["createNetwork", "spec.ipam[0].gateway", "gateway"],
  // Sizes.
  [
    "createService",
    "spec.annotations.labels",
    { tier: big(labelValueBytesMax + 1) },
    'spec.annotations.labels["tier"]',
  ],
  ["createService", "spec.annotations.labels", { [big(labelKeyBytesMax + 1)]: "v" }],
  ["createService", "spec.annotations.labels", labels(labelsMax + 1, 1)],
  ["createService", "spec.annotations.labels", labels(20, 4000)],
  ["createService", "spec.task.container.labels", labels(20, 4000)],
  ["createService", "spec.task.container.image", `redis:${big(imageBytesMax)}`],
  ["createService", "spec.task.container.hostname", big(hostnameBytesMax + 1)],
  ["createService", "spec.task.container.env", Array.from({ length: 1025 }, (_, i) => `K${i}=v`)],
  ["createService", "spec.task.container.args", [big(64 * 1024 + 1)], "spec.task.container.args[0]"],
  ["createService", "spec.task.container.mounts", Array.from({ length: 257 }, () => ({ target: "/x" }))],
  ["createService", "spec.task.placement.constraints", Array.from({ length: 257 }, () => "node.role==worker")],
  ["createService", "spec.task.container.env", Array.from({ length: 300 }, (_, i) => `K${i}=${big(1000)}`), "spec"],
  ["updateNode", "spec.annotations.name", big(nodeNameBytesMax + 1)],
  ["updateNode", "spec.annotations.labels", { zone: big(labelValueBytesMax + 1) }, 'spec.annotations.labels["zone"]'],
  ["createSecret", "spec.data", Buffer.alloc(500 * 1024 + 1)],
  ["createConfig", "spec.data", Buffer.alloc(1000 * 1024 + 1)],
  ["createConfig", "spec.annotations.labels", labels(20, 4000)],
  ["getService", "serviceId", big(257)],
  ["listNodes", "filters.names", Array.from({ length: 1025 }, () => "n")],
];

test("Control refuses each malformed request with INVALID_ARGUMENT naming the field, and the store is unchanged", async (t) => {
  const h = await startControlHarness();
  for (const [method, path, value, field] of cases) {
    const name = method === "createService" && path === "spec.annotations.name" ? "x" : "probe";
    const request = withValueAt(fullRequests(h, name)[method], steps(path), value);
    const before = Buffer.from(h.store.snapshot());
    const proposals = h.proposals();
    const answer = await h.call(method, request);
    const what = `${method} ${path}`;
    t.is(grpc.status[answer.code], "INVALID_ARGUMENT", `${what}: ${answer.details}`);
    t.is(answer.field, field ?? path, `${what}: ${answer.details}`);
    t.is(h.proposals(), proposals, `${what} proposed a write`);
    t.true(before.equals(Buffer.from(h.store.snapshot())), `${what} changed the store`);
  }
});

test("Control accepts values at the bounds", async (t) => {
  const h = await startControlHarness();
  const full = fullRequests(h, "at-bounds").createService as { spec: swarm.v1.ServiceSpec.$Properties };
  const spec = full.spec;
  const at = (path: string, value: unknown): swarm.v1.ServiceSpec.$Properties =>
    (withValueAt({ spec }, steps(path), value) as { spec: swarm.v1.ServiceSpec.$Properties }).spec;
  const accepted: [string, swarm.v1.ServiceSpec.$Properties][] = [
    ["a label value at its bound", at("spec.annotations.labels", { tier: big(labelValueBytesMax) })],
    ["labels adding up to their bound", at("spec.annotations.labels", labels(16, labelsBytesMax / 16 - 3))],
    ["a hostname at its bound", at("spec.task.container.hostname", big(hostnameBytesMax))],
    ["the longest duration", at("spec.task.restart.delayNs", specDurationNsMax)],
    ["a realtime stop signal", at("spec.task.container.stopSignal", "rtmin+3")],
    ["a numeric stop signal", at("spec.task.container.stopSignal", "15")],
    ["a nested secret target", at("spec.task.container.secrets[0].file.name", "app/db/password")],
    [
      "a tmpfs with the sticky bit",
      at("spec.task.container.mounts[0]", { type: 2, target: "/tmp", tmpfsMode: 0o1777 }),
    ],
    ["unlimited ulimits", at("spec.task.container.ulimits", [{ name: "memlock", soft: -1, hard: -1 }])],
    ["the lowest OOM score adjustment", at("spec.task.container.oomScoreAdj", -1000)],
    ["a volume driver plugin reference", at("spec.task.container.mounts[1].volumeDriver", "vendor/nfs-driver:1.2")],
    ["a global job", { ...at("spec.replicated", null), globalJob: {} }],
    [
      "a replicated job at its bounds",
      { ...at("spec.replicated", null), replicatedJob: { maxConcurrent: 1e6, totalCompletions: 1e6 } },
    ],
  ];
  for (const [i, [what, s]] of accepted.entries()) {
    const answer = await h.call("createService", { spec: { ...s, annotations: { ...s.annotations, name: `ok${i}` } } });
    t.is(grpc.status[answer.code], "OK", `${what}: ${answer.details}`);
  }
  // A spec just under the whole-spec bound is accepted; its tasks carry it.
  const filler = Math.floor((serviceSpecBytesMax - 8 * 1024) / 1000);
  const large = at(
    "spec.task.container.env",
    Array.from({ length: filler }, (_, i) => `K${i}=${big(990)}`),
  );
  const answer = await h.call("createService", { spec: { ...large, annotations: { name: "large" } } });
  t.is(grpc.status[answer.code], "OK", answer.details);
});
