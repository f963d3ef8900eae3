// Goal: the flag parsers turn Docker's notations into the API's units and shapes, and reject
// malformed values with a UsageError naming the flag.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import { applySpecFlags, modeOf } from "./apply-flags.js";
import { parseFileReference, parseMount, parsePublish } from "./parse-options.js";
import { formatDurationNs, parseBytes, parseDurationNs, parseNanoCpus } from "./units.js";

test("units parse Docker's durations, sizes and CPUs and reject the rest", (t) => {
  t.is(parseDurationNs("--x", "1m30s"), 90e9);
  t.is(parseDurationNs("--x", "500ms"), 5e8);
  t.is(parseDurationNs("--x", "0"), 0);
  t.is(parseBytes("--x", "64M"), 64 * 1024 ** 2);
  t.is(parseBytes("--x", "1g"), 1024 ** 3);
  t.is(parseNanoCpus("--x", "0.5"), 5e8);
  t.is(formatDurationNs(90e9), "1m30s");
  for (const bad of [
    () => parseDurationNs("--x", "10"),
    () => parseDurationNs("--x", "1m30"),
    () => parseBytes("--x", "12X"),
    () => parseNanoCpus("--x", "-1"),
  ]) {
    t.is(t.throws(bad, { instanceOf: UsageError })?.flag, "--x");
  }
});

test("publish, mount and reference values parse in short and long syntax", (t) => {
  const P = swarm.v1.PortConfig;
  t.deepEqual(parsePublish("8080:80"), { publishedPort: 8080, targetPort: 80 });
  t.deepEqual(parsePublish("53:53/udp"), { publishedPort: 53, targetPort: 53, protocol: P.Protocol.PROTOCOL_UDP });
  t.deepEqual(parsePublish("published=8080,target=80,mode=host"), {
    publishedPort: 8080,
    targetPort: 80,
    publishMode: P.PublishMode.PUBLISH_MODE_HOST,
  });
  t.throws(() => parsePublish("published=8080"), { instanceOf: UsageError });
  t.throws(() => parsePublish("80:x"), { instanceOf: UsageError });
  t.deepEqual(parsePublish("published=8080,target=80,proxy-protocol=v2"), {
    publishedPort: 8080,
    targetPort: 80,
    proxyProtocol: P.ProxyProtocol.PROXY_PROTOCOL_V2,
  });
  t.deepEqual(parsePublish("target=80,proxy-protocol=v1"), {
    targetPort: 80,
    proxyProtocol: P.ProxyProtocol.PROXY_PROTOCOL_V1,
  });
  t.throws(() => parsePublish("target=80,proxy-protocol=v3"), {
    instanceOf: UsageError,
    message: /--publish.*proxy-protocol "v3": expected v1, v2 or none/,
  });
  t.deepEqual(parseMount("type=bind,src=/a,dst=/b,readonly"), {
    type: swarm.v1.Mount.Type.TYPE_BIND,
    source: "/a",
    target: "/b",
    readOnly: true,
  });
  t.deepEqual(parseMount("type=tmpfs,target=/t,tmpfs-size=1M"), {
    type: swarm.v1.Mount.Type.TYPE_TMPFS,
    target: "/t",
    tmpfsSizeBytes: 1024 ** 2,
  });
  t.throws(() => parseMount("type=nfs,target=/x"), { instanceOf: UsageError });
  const targetOf = (s: string) => `/${s}`;
  t.deepEqual(parseFileReference("--config", "app", { modeDefault: 0o444, targetOf }), {
    source: "app",
    file: { name: "/app", uid: "0", gid: "0", mode: 0o444 },
  });
  t.deepEqual(
    parseFileReference("--secret", "source=pw,target=p,uid=1,mode=0400", { modeDefault: 0o444, targetOf }).file,
    { name: "p", uid: "1", gid: "0", mode: 0o400 },
  );
});

test("applySpecFlags removes before it adds and resolves references", async (t) => {
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name: "web", labels: { a: "1", b: "2" } },
    task: { container: { image: "x", env: ["A=1", "B=2"] } },
    endpoint: { ports: [{ targetPort: 80, publishedPort: 8080 }] },
    ...modeOf({ replicas: 2 }),
  };
  const resolver = {
    resolve: (kind: "secret" | "config", ref: string) => Promise.resolve({ id: `${kind}-id`, name: ref }),
  };
  await applySpecFlags(
    spec,
    {
      env: ["B=3", "C=4"],
      "env-rm": ["A"],
      "label-rm": ["a"],
      "publish-rm": ["80"],
      publish: ["9090:90"],
      secret: ["pw"],
      replicas: 5,
      "update-parallelism": 2,
    },
    resolver,
  );
  t.deepEqual(spec.task?.container?.env, ["B=3", "C=4"]);
  t.deepEqual(spec.annotations?.labels, { b: "2" });
  t.deepEqual(spec.endpoint?.ports, [{ publishedPort: 9090, targetPort: 90 }]);
  t.deepEqual(spec.task?.container?.secrets, [
    { secretId: "secret-id", secretName: "pw", file: { name: "pw", uid: "0", gid: "0", mode: 0o444 } },
  ]);
  t.deepEqual(spec.replicated, { replicas: 5 });
  t.is(spec.update?.parallelism, 2);
  await applySpecFlags(spec, { "endpoint-balancing": "least-connections" }, resolver);
  t.is(spec.endpoint?.balancing, swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS);
  await applySpecFlags(spec, { network: ["host", "name=backend,alias=api,alias=api2"] }, resolver);
  t.deepEqual(spec.task?.networks, [{ target: "host" }, { target: "backend", aliases: ["api", "api2"] }]);
  await applySpecFlags(spec, { "network-rm": ["host"] }, resolver);
  t.deepEqual(spec.task?.networks, [{ target: "backend", aliases: ["api", "api2"] }]);
  // The managers store attachments by id: removing by name matches the stored id.
  spec.task!.networks = [{ target: "net-id-1" }, { target: "host" }];
  const byId = { ...resolver, networkId: (ref: string) => Promise.resolve(ref === "backend" ? "net-id-1" : null) };
  await applySpecFlags(spec, { "network-rm": ["backend"] }, byId);
  t.deepEqual(spec.task?.networks, [{ target: "host" }]);
  await t.throwsAsync(applySpecFlags(spec, { network: ["name=x,driver=overlay"] }, resolver), {
    instanceOf: UsageError,
    message: /--network.*unknown option "driver"/,
  });
  await t.throwsAsync(applySpecFlags(spec, { network: ["alias=x"] }, resolver), {
    instanceOf: UsageError,
    message: /names no network/,
  });
  await t.throwsAsync(applySpecFlags(spec, { "update-max-failure-ratio": "2" }, resolver), { instanceOf: UsageError });
  t.throws(() => modeOf({ mode: "global", replicas: 2 }), { instanceOf: UsageError });
});
