// Goal: `--generic-resource gpu=1` reserves counts per kind; update adds, replaces and removes by kind.
import test from "ava";
import type { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import { applySpecFlags } from "./apply-flags.js";
import { parseGenericResource } from "./generic-resource-flags.js";

const resolver = { resolve: () => Promise.reject(new Error("unused")) };

test("--generic-resource takes KIND=COUNT and refuses names and zero", (t) => {
  t.deepEqual(parseGenericResource("gpu=2"), { kind: "gpu", count: 2 });
  for (const bad of ["gpu", "gpu=0", "gpu=UUID1", "=1", "gpu=-1"])
    t.is(t.throws(() => parseGenericResource(bad), { instanceOf: UsageError })?.flag, "--generic-resource", bad);
});

test("--generic-resource reserves on create and is edited by kind on update", async (t) => {
  const spec: swarm.v1.ServiceSpec.$Properties = { task: { resources: { reservations: { nanoCpus: 5e8 } } } };
  await applySpecFlags(spec, { "generic-resource": ["gpu=1", "ssd=2"] }, resolver);
  t.deepEqual(spec.task?.resources?.reservations, {
    nanoCpus: 5e8,
    generic: [
      { kind: "gpu", count: 1 },
      { kind: "ssd", count: 2 },
    ],
  });
  await applySpecFlags(spec, { "generic-resource": ["gpu=2"], "generic-resource-rm": ["ssd"] }, resolver);
  t.deepEqual(spec.task?.resources?.reservations?.generic, [{ kind: "gpu", count: 2 }]);
  await applySpecFlags(spec, { "reserve-cpu": "1" }, resolver);
  t.deepEqual(spec.task?.resources?.reservations?.generic, [{ kind: "gpu", count: 2 }], "kept when not named");
});
