import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { matchConstraint, parseConstraint, parseSpreadDescriptor } from "./constraint.js";
import { makeNode } from "./test-helpers.js";

test("parseConstraint reads every supported key and both operators", (t) => {
  t.like(parseConstraint("node.role==manager"), { attribute: { kind: "role" }, operator: "==", value: "manager" });
  t.like(parseConstraint(" node.hostname != web-1 "), {
    attribute: { kind: "hostname" },
    operator: "!=",
    value: "web-1",
  });
  t.like(parseConstraint("node.id==abc"), { attribute: { kind: "id" } });
  t.like(parseConstraint("node.platform.os==linux"), { attribute: { kind: "os" } });
  t.like(parseConstraint("node.platform.arch==amd64"), { attribute: { kind: "arch" } });
  t.like(parseConstraint("node.labels.Zone==EU-1"), { attribute: { kind: "nodeLabel", key: "Zone" }, value: "eu-1" });
  t.like(parseConstraint("engine.labels.storage==overlay2"), { attribute: { kind: "engineLabel", key: "storage" } });
  t.like(parseConstraint("NODE.LABELS.zone==a"), { attribute: { kind: "nodeLabel", key: "zone" } });
});

test("parseConstraint rejects malformed constraints with an error naming the constraint and field", (t) => {
  for (const bad of [
    "node.role",
    "node.role=manager",
    "node.role==a==b",
    "node.role==a!=b",
    "==x",
    "node.role==",
    "node.labels.==x",
    "node.ip==1.2.3.4",
    "foo==bar",
    "node.role==a,b",
    "9key==x",
    "x".repeat(2000),
  ]) {
    const error = t.throws(
      () => parseConstraint(bad, { field: "spec.placement.constraints[0]" }),
      { instanceOf: InvalidArgumentError },
      bad,
    );
    t.is(error?.field, "spec.placement.constraints[0]");
  }
  const error = t.throws(() => parseConstraint("node.colour==red"), { instanceOf: InvalidArgumentError });
  t.true(error?.message.includes("node.colour==red"));
});

test("parseSpreadDescriptor accepts labels and node attributes and rejects unknown keys", (t) => {
  t.deepEqual(parseSpreadDescriptor("node.labels.zone"), { kind: "nodeLabel", key: "zone" });
  t.deepEqual(parseSpreadDescriptor("engine.labels.rack"), { kind: "engineLabel", key: "rack" });
  t.deepEqual(parseSpreadDescriptor("node.hostname"), { kind: "hostname" });
  t.throws(() => parseSpreadDescriptor("zone"), { instanceOf: InvalidArgumentError });
  t.throws(() => parseSpreadDescriptor("node.labels."), { instanceOf: InvalidArgumentError });
});

test("matchConstraint follows Docker: a missing label fails == and matches !=, values ignore case", (t) => {
  const node = makeNode("n1", { role: "manager", labels: { zone: "EU-1" }, engineLabels: { storage: "btrfs" } });
  t.true(matchConstraint(node, parseConstraint("node.labels.zone==eu-1")));
  t.false(matchConstraint(node, parseConstraint("node.labels.zone!=eu-1")));
  t.false(matchConstraint(node, parseConstraint("node.labels.rack==r1")));
  t.true(matchConstraint(node, parseConstraint("node.labels.rack!=r1")));
  t.false(matchConstraint(node, parseConstraint("node.labels.ZONE==eu-1")), "label names are case-sensitive");
  t.true(matchConstraint(node, parseConstraint("node.role==Manager")));
  t.true(matchConstraint(node, parseConstraint("engine.labels.storage==btrfs")));
  t.true(matchConstraint(node, parseConstraint("node.id==n1")));
  t.true(matchConstraint(node, parseConstraint("node.hostname==host-n1")));
  t.true(matchConstraint(node, parseConstraint("node.platform.os==LINUX")));
  t.true(matchConstraint(node, parseConstraint("node.platform.arch!=aarch64")));
});
