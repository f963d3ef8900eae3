import test from "ava";
import * as grpc from "@grpc/grpc-js";
import { encodeRegistryAuth, type RegistryCredentials } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { startControlHarness } from "./control-harness.js";
import { ImagePinner, imageResolvesInFlightMax } from "./pin-image.js";

const digestA = `sha256:${"a".repeat(64)}`;
const digestB = `sha256:${"b".repeat(64)}`;

function spec(image: string, registryAuth = ""): swarm.v1.ServiceSpec.$Properties {
  return {
    annotations: { name: "web" },
    task: { container: { image, ...(registryAuth ? { pullOptions: { registryAuth } } : {}) } },
    replicated: { replicas: 1 },
  };
}

test("ImagePinner pins a tag to the resolver's digest and leaves digests and process images alone", async (t) => {
  const asked: string[] = [];
  const pinner = new ImagePinner((image) => {
    asked.push(image);
    return Promise.resolve(digestA);
  });
  t.is(
    (await pinner.pin(spec("registry.example.com:5000/team/app:1.2"))).spec.task?.container?.image,
    `registry.example.com:5000/team/app:1.2@${digestA}`,
  );
  t.is((await pinner.pin(spec("redis"))).spec.task?.container?.image, `redis@${digestA}`);
  t.is((await pinner.pin(spec(`redis:7@${digestB}`))).spec.task?.container?.image, `redis:7@${digestB}`);
  t.is((await pinner.pin(spec("process://sh"))).spec.task?.container?.image, "process://sh");
  t.deepEqual(asked, ["registry.example.com:5000/team/app:1.2", "redis"]);
});

test("ImagePinner leaves the tag with Docker's warning when the registry cannot tell, and when too many resolves run", async (t) => {
  const failing = new ImagePinner(() =>
    Promise.reject(new Error("the registry 10.0.0.1:5000 cannot be reached: ECONNREFUSED")),
  );
  const failed = await failing.pin(spec("10.0.0.1:5000/app:1"));
  t.is(failed.spec.task?.container?.image, "10.0.0.1:5000/app:1");
  t.deepEqual(failed.warnings, [
    "image 10.0.0.1:5000/app:1 could not be accessed on a registry to record its digest (the registry 10.0.0.1:5000 cannot be reached: ECONNREFUSED); each node will access 10.0.0.1:5000/app:1 independently, possibly leading to different nodes running different versions of the image",
  ]);
  let release = (): void => undefined;
  const held = new Promise<string>((resolve) => (release = () => resolve(digestA)));
  const slow = new ImagePinner(() => held);
  const pending = Array.from({ length: imageResolvesInFlightMax }, () => slow.pin(spec("app:1")));
  const extra = await slow.pin(spec("app:1"));
  t.regex(extra.warnings[0] ?? "", /too many image resolves in flight/);
  release();
  for (const p of await Promise.all(pending)) t.is(p.spec.task?.container?.image, `app:1@${digestA}`);
});

test("ImagePinner hands the service's registry credentials to the resolver", async (t) => {
  let seen: RegistryCredentials | undefined;
  const pinner = new ImagePinner((_image, credentials) => {
    seen = credentials;
    return Promise.resolve(digestA);
  });
  await pinner.pin(
    spec("r.example.com/app:1", encodeRegistryAuth({ username: "u", password: "p", serveraddress: "r.example.com" })),
  );
  t.deepEqual(seen, { username: "u", password: "p", serveraddress: "r.example.com" });
});

test("Control createService and updateService pin on request, answer warnings, and never return registry credentials", async (t) => {
  let digest = digestA;
  const harness = await startControlHarness({ imageResolver: () => Promise.resolve(digest) });
  const registryAuth = encodeRegistryAuth({ username: "u", password: "s3cret", serveraddress: "r.example.com" });
  const created = await harness.call("createService", {
    spec: spec("r.example.com/app:1", registryAuth),
    queryRegistry: true,
  });
  t.is(created.code, grpc.status.OK, created.details);
  const service = (created.response as swarm.v1.CreateServiceResponse).service;
  t.is(service.spec?.task?.container?.image, `r.example.com/app:1@${digestA}`);
  t.is(service.spec?.task?.container?.pullOptions, undefined);
  // The store keeps them, for the nodes' pulls.
  const stored = harness.store.view((tx) => tx.get("service", service.id ?? ""));
  t.is(stored?.spec?.task?.container?.pullOptions?.registryAuth, registryAuth);

  // Not asked: stored as given.
  const plain = await harness.call("createService", {
    spec: { ...spec("r.example.com/app:1"), annotations: { name: "plain" } },
  });
  t.is((plain.response as swarm.v1.CreateServiceResponse).service.spec?.task?.container?.image, "r.example.com/app:1");

  // An update without credentials keeps the stored ones; asked to pin again, it follows the moved tag.
  digest = digestB;
  const updated = await harness.call("updateService", {
    serviceId: service.id,
    serviceVersion: service.meta?.version,
    spec: spec("r.example.com/app:1"),
    queryRegistry: true,
  });
  t.is(updated.code, grpc.status.OK, updated.details);
  const after = harness.store.view((tx) => tx.get("service", service.id ?? ""));
  t.is(after?.spec?.task?.container?.image, `r.example.com/app:1@${digestB}`);
  t.is(after?.spec?.task?.container?.pullOptions?.registryAuth, registryAuth);

  for (const [method, request] of [
    ["getService", { serviceId: service.id }],
    ["listServices", {}],
    ["listTasks", {}],
  ] as const) {
    const answer = await harness.call(method, request);
    t.false(JSON.stringify(answer.response).includes(registryAuth), method);
    t.false(JSON.stringify(answer.response).includes("s3cret"), method);
  }
});

test("Control refuses registry credentials that are not base64 JSON, naming the field", async (t) => {
  const harness = await startControlHarness();
  const answer = await harness.call("createService", { spec: spec("app:1", "not json at all") });
  t.is(answer.code, grpc.status.INVALID_ARGUMENT);
  t.is(answer.field, "spec.task.container.pullOptions.registryAuth");
});
