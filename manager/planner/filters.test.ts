import test from "ava";
import { explainRejections, platformMatches } from "./filters.js";

test("explainRejections lists filters in order with singular and plural nodes", (t) => {
  t.is(
    explainRejections({ constraints: 1, memory: 2, notActive: 1 }),
    "no suitable node (1 node not available for new tasks, insufficient memory on 2 nodes, scheduling constraints not satisfied on 1 node)",
  );
  t.is(
    explainRejections({ notReady: 3, platform: 1, cpu: 1, hostPort: 2, maxReplicas: 1 }),
    "no suitable node (3 nodes not ready, unsupported platform on 1 node, insufficient CPU on 1 node, host-mode port already in use on 2 nodes, max replicas per node reached on 1 node)",
  );
});

test("explainRejections names the runtime no node offers", (t) => {
  t.is(
    explainRejections({ runtime: 1 }, { runtime: "process" }),
    "no node runs process tasks (1 node runs container images only)",
  );
  t.is(
    explainRejections({ runtime: 3, notReady: 1 }, { runtime: "container" }),
    "no suitable node (1 node not ready, 3 nodes run process tasks only)",
  );
});

test("explainRejections says when the cluster has no nodes", (t) => {
  t.is(explainRejections({}), "no suitable node (no nodes in the cluster)");
});

test("platformMatches treats empty lists and fields as any and knows architecture aliases", (t) => {
  const node = { os: "linux", architecture: "x86_64" };
  t.true(platformMatches(node, []));
  t.true(platformMatches(node, [{ os: "linux", architecture: "amd64" }]));
  t.true(platformMatches(node, [{ os: "", architecture: "" }]));
  t.true(
    platformMatches(node, [
      { os: "windows", architecture: "" },
      { os: "Linux", architecture: "" },
    ]),
  );
  t.false(platformMatches(node, [{ os: "linux", architecture: "arm64" }]));
  t.true(platformMatches({ os: "linux", architecture: "aarch64" }, [{ os: "linux", architecture: "arm64" }]));
  t.false(platformMatches(node, [{ os: "windows", architecture: "amd64" }]));
});
