// Goal: the Control API over real gRPC validates every write (INVALID_ARGUMENT naming the field,
// store unchanged), keeps the previous spec for rollback, enforces optimistic concurrency, never
// returns secret data, and refuses writes that the cluster's state forbids.
/* eslint-disable @typescript-eslint/unbound-method -- call() below invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, controlService, swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { createControlApi } from "./control-api.js";
import { specDurationNsMax } from "./validate.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

async function setup(t: { teardown: (fn: () => void) => void }): Promise<{
  client: ControlClient;
  store: MemoryStore;
  call: <Req, Res>(fn: Call<Req, Res>, req: Req) => Promise<Res>;
}> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const server = new grpc.Server();
  server.addService(controlService, createControlApi({ store }) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  return { client, store, call };
}

const spec = (name: string, replicas = 1): swarm.v1.ServiceSpec.$Properties => ({
  annotations: { name, labels: { tier: "cache" } },
  task: { container: { image: "redis:7" }, placement: { constraints: ["node.role==worker"] } },
  replicated: { replicas },
  endpoint: { ports: [{ targetPort: 6379, publishedPort: 30001 }] },
});

test("Control creates, lists, updates with its version, rolls back and removes a service", async (t) => {
  const { client, call } = await setup(t);
  const created = await call(client.createService, { spec: spec("cache") });
  const id = created.service.id;
  const got = await call(client.getService, { serviceId: "cache" });
  t.is(got.service?.id, id);
  const listed = await call(client.listServices, { filters: { labels: { tier: "" }, modes: ["replicated"] } });
  t.deepEqual(
    listed.services.map((s) => s.spec?.annotations?.name),
    ["cache"],
  );
  const v1 = got.service.meta.version;
  const updated = await call(client.updateService, { serviceId: id, serviceVersion: v1, spec: spec("cache", 5) });
  t.is(updated.service?.spec?.replicated?.replicas, 5);
  t.is(updated.service?.previousSpec?.replicated?.replicas, 1);
  const stale = await t.throwsAsync(
    call(client.updateService, { serviceId: id, serviceVersion: v1, spec: spec("cache", 7) }),
  );
  t.is((stale as grpc.ServiceError).code, grpc.status.FAILED_PRECONDITION);
  const rolledBack = await call(client.updateService, {
    serviceId: id,
    serviceVersion: updated.service.meta.version,
    rollback: swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS,
  });
  t.is(rolledBack.service?.spec?.replicated?.replicas, 1);
  t.is(rolledBack.service?.endpoint?.ports?.[0]?.publishedPort, 30001);
  const clash = await t.throwsAsync<grpc.ServiceError>(call(client.createService, { spec: { ...spec("other") } }));
  t.is(clash.code, grpc.status.FAILED_PRECONDITION, "port 30001 is taken by cache");
  const dynamic = await call(client.createService, {
    spec: { ...spec("dyn"), endpoint: { ports: [{ targetPort: 80 }] } },
  });
  t.is(dynamic.service?.endpoint?.ports?.[0]?.publishedPort, 30000);
  await call(client.removeService, { serviceId: id });
  const gone = await t.throwsAsync(call(client.getService, { serviceId: id }));
  t.is((gone as grpc.ServiceError).code, grpc.status.NOT_FOUND);
});

test("Control runs a job again as a new iteration on an update and on a rollback, which reports no rolling update", async (t) => {
  const { client, call } = await setup(t);
  const job = (image: string): swarm.v1.ServiceSpec.$Properties => ({
    annotations: { name: "migrate" },
    task: { container: { image } },
    replicatedJob: { totalCompletions: 2, maxConcurrent: 1 },
  });
  const created = await call(client.createService, { spec: job("process://migrate-v1") });
  t.is(created.service?.jobStatus?.jobIteration?.index ?? 0, 0);
  const updated = await call(client.updateService, {
    serviceId: created.service.id,
    serviceVersion: created.service.meta.version,
    spec: job("process://migrate-v2"),
  });
  t.is(updated.service?.jobStatus?.jobIteration?.index, 1);
  const rolledBack = await call(client.updateService, {
    serviceId: created.service.id,
    serviceVersion: updated.service.meta.version,
    rollback: swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS,
  });
  t.is(rolledBack.service?.spec?.task?.container?.image, "process://migrate-v1");
  t.is(rolledBack.service?.jobStatus?.jobIteration?.index, 2);
  t.falsy(rolledBack.service?.updateStatus, "no update left marked as under way");
});

test("Control rejects bad service specs with INVALID_ARGUMENT naming the field and changes nothing", async (t) => {
  const { client, call, store } = await setup(t);
  const cases: [swarm.v1.ServiceSpec.$Properties, string][] = [
    [{ ...spec("a"), task: { container: { image: "" } } }, "spec.task.container.image"],
    [{ ...spec("a"), task: { container: { image: "Not A Ref!" } } }, "spec.task.container.image"],
    [{ ...spec("-bad") }, "spec.annotations.name"],
    [{ ...spec("a"), endpoint: { ports: [{ targetPort: 70000 }] } }, "spec.endpoint.ports[0].targetPort"],
    [
      {
        ...spec("a"),
        endpoint: {
          ports: [
            { targetPort: 80, publishedPort: 8080 },
            { targetPort: 81, publishedPort: 8080 },
          ],
        },
      },
      "spec.endpoint.ports[1].publishedPort",
    ],
    [
      { ...spec("a"), task: { container: { image: "redis" }, placement: { constraints: ["node.role="] } } },
      "spec.task.placement.constraints[0]",
    ],
    [{ ...spec("a"), task: { container: { image: "redis", env: ["NOEQUALS"] } } }, "spec.task.container.env[0]"],
    [
      {
        ...spec("a"),
        task: { container: { image: "redis" }, placement: { preferences: [{ spreadDescriptor: "zone" }] } },
      },
      "spec.task.placement.preferences[0].spreadDescriptor",
    ],
    // The PROXY header comes from the routing mesh, on TCP streams only.
    [
      {
        ...spec("a"),
        endpoint: {
          ports: [
            {
              targetPort: 80,
              publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST,
              proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2,
            },
          ],
        },
      },
      "spec.endpoint.ports[0].proxyProtocol",
    ],
    [
      {
        ...spec("a"),
        endpoint: {
          ports: [
            {
              targetPort: 53,
              protocol: swarm.v1.PortConfig.Protocol.PROTOCOL_UDP,
              proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V1,
            },
          ],
        },
      },
      "spec.endpoint.ports[0].proxyProtocol",
    ],
    [
      {
        ...spec("a"),
        endpoint: { ports: [{ targetPort: 80, proxyProtocol: 7 as swarm.v1.PortConfig.ProxyProtocol }] },
      },
      "spec.endpoint.ports[0].proxyProtocol",
    ],
    [{ ...spec("a"), endpoint: { balancing: 9 as swarm.v1.EndpointSpec.Balancing } }, "spec.endpoint.balancing"],
    // Networks: a predefined one stands alone; none cannot be reached; a named one must exist.
    [
      { ...spec("a"), task: { container: { image: "redis" }, networks: [{ target: "host" }, { target: "backend" }] } },
      "spec.task.networks[0].target",
    ],
    [
      {
        ...spec("a"),
        task: { container: { image: "redis" }, networks: [{ target: "none" }] },
        endpoint: { ports: [{ targetPort: 80 }] },
      },
      "spec.task.networks[0].target",
    ],
    [
      { ...spec("a"), task: { container: { image: "redis" }, networks: [{ target: "" }] } },
      "spec.task.networks[0].target",
    ],
    [
      { ...spec("a"), task: { container: { image: "redis" }, networks: [{ target: "no-such-net" }] } },
      "spec.task.networks[0].target",
    ],
  ];
  for (const [bad, field] of cases) {
    const error = await t.throwsAsync<grpc.ServiceError>(call(client.createService, { spec: bad }));
    t.is(error.code, grpc.status.INVALID_ARGUMENT, field);
    t.deepEqual(error.metadata.get("swarm-error-field"), [field]);
  }
  t.is(store.view((tx) => tx.all("service")).length, 0);
  // A mode change on update is refused too.
  const created = await call(client.createService, { spec: spec("b") });
  const error = await t.throwsAsync<grpc.ServiceError>(
    call(client.updateService, {
      serviceId: created.service.id,
      serviceVersion: created.service.meta.version,
      spec: { ...spec("b"), replicated: null, global: {} },
    }),
  );
  t.deepEqual(error.metadata.get("swarm-error-field"), ["spec.mode"]);
});

test("Control never returns secret data and refuses to remove a secret in use", async (t) => {
  const { client, call } = await setup(t);
  const secret = (
    await call(client.createSecret, { spec: { annotations: { name: "pw" }, data: Buffer.from("hunter2") } })
  ).secret;
  t.is(secret.spec?.data?.length ?? 0, 0);
  t.is((await call(client.getSecret, { secretId: "pw" })).secret?.spec?.data?.length ?? 0, 0);
  const dup = await t.throwsAsync<grpc.ServiceError>(
    call(client.createSecret, { spec: { annotations: { name: "pw" }, data: Buffer.from("x") } }),
  );
  t.is(dup.code, grpc.status.ALREADY_EXISTS);
  const withSecret = {
    ...spec("app"),
    task: {
      container: { image: "redis:7", secrets: [{ secretId: secret.id, secretName: "pw", file: { name: "pw" } }] },
    },
  };
  await call(client.createService, { spec: withSecret });
  const inUse = await t.throwsAsync<grpc.ServiceError>(call(client.removeSecret, { secretId: secret.id }));
  t.is(inUse.code, grpc.status.FAILED_PRECONDITION);
  const missing = await t.throwsAsync<grpc.ServiceError>(
    call(client.createService, {
      spec: {
        ...withSecret,
        annotations: { name: "other" },
        task: { container: { image: "redis:7", secrets: [{ secretId: "nope" }] } },
      },
    }),
  );
  t.deepEqual(missing.metadata.get("swarm-error-field"), ["spec.task.container.secrets[0].secretId"]);
});

test("Control refuses to demote the last manager and to remove a live node without force", async (t) => {
  const { client, call, store } = await setup(t);
  const Role = swarm.v1.NodeSpec.Role;
  await store.update((tx) => {
    tx.create("node", {
      id: "m1",
      role: Role.ROLE_MANAGER,
      spec: { desiredRole: Role.ROLE_MANAGER },
      status: { state: swarm.v1.NodeStatus.State.STATE_READY },
    });
    tx.create("node", {
      id: "w1",
      role: Role.ROLE_WORKER,
      spec: { desiredRole: Role.ROLE_WORKER },
      status: { state: swarm.v1.NodeStatus.State.STATE_READY },
    });
  });
  const m1 = (await call(client.getNode, { nodeId: "m1" })).node;
  const demote = await t.throwsAsync<grpc.ServiceError>(
    call(client.updateNode, { nodeId: "m1", nodeVersion: m1.meta.version, spec: { desiredRole: Role.ROLE_WORKER } }),
  );
  t.is(demote.code, grpc.status.FAILED_PRECONDITION);
  const live = await t.throwsAsync<grpc.ServiceError>(call(client.removeNode, { nodeId: "w1" }));
  t.is(live.code, grpc.status.FAILED_PRECONDITION);
  await call(client.removeNode, { nodeId: "w1", force: true });
  t.deepEqual(
    (await call(client.listNodes, {})).nodes.map((n) => n.id),
    ["m1"],
  );
  const drained = await call(client.updateNode, {
    nodeId: "m1",
    nodeVersion: m1.meta.version,
    spec: { desiredRole: Role.ROLE_MANAGER, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
  });
  t.is(drained.node?.spec?.availability, swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN);
});

test("Control creates networks, allows one ingress network, and refuses to remove a network in use", async (t) => {
  const { client, call } = await setup(t);
  const ingress = await call(client.createNetwork, { spec: { annotations: { name: "ingress" }, ingress: true } });
  t.is(ingress.network?.spec?.driver, "overlay");
  const second = await t.throwsAsync<grpc.ServiceError>(
    call(client.createNetwork, { spec: { annotations: { name: "mesh2" }, ingress: true } }),
  );
  t.is(second.code, grpc.status.FAILED_PRECONDITION);
  const badDriver = await t.throwsAsync<grpc.ServiceError>(
    call(client.createNetwork, { spec: { annotations: { name: "x" }, driver: "macvlan" } }),
  );
  t.deepEqual(badDriver.metadata.get("swarm-error-field"), ["spec.driver"]);
  const predefined = await t.throwsAsync<grpc.ServiceError>(
    call(client.createNetwork, { spec: { annotations: { name: "host" } } }),
  );
  t.deepEqual(predefined.metadata.get("swarm-error-field"), ["spec.annotations.name"]);
  await call(client.createNetwork, { spec: { annotations: { name: "backend" } } });
  await call(client.createService, { spec: { ...spec("api"), endpoint: {}, networks: [{ target: "backend" }] } });
  const inUse = await t.throwsAsync<grpc.ServiceError>(call(client.removeNetwork, { networkId: "backend" }));
  t.is(inUse.code, grpc.status.FAILED_PRECONDITION);
  // Tasks attach through the task spec, to a network by name or to the predefined host network.
  await call(client.createNetwork, { spec: { annotations: { name: "front" } } });
  await call(client.createService, {
    spec: {
      ...spec("web"),
      endpoint: {},
      task: { container: { image: "redis" }, networks: [{ target: "front", aliases: ["www"] }] },
    },
  });
  await call(client.createService, {
    spec: { ...spec("edge"), task: { container: { image: "redis" }, networks: [{ target: "host" }] } },
  });
  const frontInUse = await t.throwsAsync<grpc.ServiceError>(call(client.removeNetwork, { networkId: "front" }));
  t.regex(frontInUse.message, /in use by service web/);
  t.deepEqual(
    (await call(client.listNetworks, { filters: { names: ["backend"] } })).networks.map(
      (n) => n.spec?.annotations?.name,
    ),
    ["backend"],
  );
});

test("Control updates only the labels of secrets and configs, whose data never changes", async (t) => {
  const { client, call } = await setup(t);
  const config = (
    await call(client.createConfig, { spec: { annotations: { name: "conf" }, data: Buffer.from("a=1") } })
  ).config;
  const relabelled = await call(client.updateConfig, {
    configId: "conf",
    configVersion: config.meta.version,
    spec: { annotations: { name: "conf", labels: { env: "prod" } }, data: Buffer.from("a=1") },
  });
  t.deepEqual(relabelled.config?.spec?.annotations?.labels, { env: "prod" });
  t.is(Buffer.from(relabelled.config?.spec?.data ?? []).toString(), "a=1");
  const changed = await t.throwsAsync<grpc.ServiceError>(
    call(client.updateConfig, {
      configId: "conf",
      configVersion: relabelled.config.meta.version,
      spec: { annotations: { name: "conf" }, data: Buffer.from("a=2") },
    }),
  );
  t.deepEqual(changed.metadata.get("swarm-error-field"), ["spec.data"]);
  const secret = (await call(client.createSecret, { spec: { annotations: { name: "pw" }, data: Buffer.from("s") } }))
    .secret;
  const renamed = await t.throwsAsync<grpc.ServiceError>(
    call(client.updateSecret, {
      secretId: secret.id,
      secretVersion: secret.meta.version,
      spec: { annotations: { name: "other" } },
    }),
  );
  t.deepEqual(renamed.metadata.get("swarm-error-field"), ["spec.annotations.name"]);
  const updated = await call(client.updateSecret, {
    secretId: secret.id,
    secretVersion: secret.meta.version,
    spec: { annotations: { name: "pw", labels: { a: "b" } } },
  });
  t.deepEqual(updated.secret?.spec?.annotations?.labels, { a: "b" });
  t.is(updated.secret?.spec?.data?.length ?? 0, 0);
});

test("Control refuses a service duration longer than a timer holds, naming the field, and takes the longest one", async (t) => {
  const { client, call, store } = await setup(t);
  const container = (extra: swarm.v1.ContainerSpec.$Properties): swarm.v1.ContainerSpec.$Properties => ({
    image: "redis",
    ...extra,
  });
  const withDurations = (ns: number): [swarm.v1.ServiceSpec.$Properties, string][] => [
    [
      { ...spec("a"), task: { container: container({ stopGracePeriodNs: ns }) } },
      "spec.task.container.stopGracePeriodNs",
    ],
    [
      { ...spec("a"), task: { container: container({ healthcheck: { test: ["CMD", "true"], intervalNs: ns } }) } },
      "spec.task.container.healthcheck.intervalNs",
    ],
    [{ ...spec("a"), task: { container: container({}), restart: { delayNs: ns } } }, "spec.task.restart.delayNs"],
    [{ ...spec("a"), task: { container: container({}), restart: { windowNs: ns } } }, "spec.task.restart.windowNs"],
    [{ ...spec("a"), update: { delayNs: ns } }, "spec.update.delayNs"],
    [{ ...spec("a"), rollback: { monitorNs: ns } }, "spec.rollback.monitorNs"],
  ];
  // The longest duration a timer holds (about 24.8 days) passes; one nanosecond more does not.
  for (const [bad, field] of withDurations(specDurationNsMax + 1)) {
    const error = await t.throwsAsync<grpc.ServiceError>(call(client.createService, { spec: bad }));
    t.is(error.code, grpc.status.INVALID_ARGUMENT, field);
    t.deepEqual(error.metadata.get("swarm-error-field"), [field]);
  }
  t.is(store.view((tx) => tx.all("service")).length, 0);
  for (const [[good, field], i] of withDurations(specDurationNsMax).map((c, i) => [c, i] as const)) {
    const created = await call(client.createService, {
      spec: { ...good, annotations: { name: `ok${i}` }, endpoint: {} },
    });
    t.truthy(created.service?.id, field);
  }
});

test("Control lists the tasks of services and nodes through the store's indexes, with every other filter applied", async (t) => {
  const { client, store, call } = await setup(t);
  const running = swarm.v1.TaskState.TASK_STATE_RUNNING;
  const shutdown = swarm.v1.TaskState.TASK_STATE_SHUTDOWN;
  await store.update((tx) => {
    for (const [id, serviceId, nodeId, desiredState] of [
      ["t4", "s1", "n1", running],
      ["t1", "s1", "n2", running],
      ["t3", "s2", "n1", shutdown],
      ["t2", "s2", "n2", running],
      ["t5", "s3", "n1", running],
    ] as const)
      tx.create("task", { id, serviceId, nodeId, desiredState, status: { state: running } });
  });
  const ids = async (filters: swarm.v1.ListTasksRequest.IFilters): Promise<string[]> =>
    (await call(client.listTasks, { filters })).tasks.map((task) => task.id);
  t.deepEqual(await ids({ serviceIds: ["s2", "s1", "s1"] }), ["t1", "t2", "t3", "t4"], "in id order, each once");
  t.deepEqual(await ids({ nodeIds: ["n1"] }), ["t3", "t4", "t5"]);
  t.deepEqual(await ids({ serviceIds: ["s1", "s2"], nodeIds: ["n1"] }), ["t3", "t4"], "both lists apply");
  t.deepEqual(await ids({ serviceIds: ["s2"], upOnly: true }), ["t2"]);
  t.deepEqual(await ids({ serviceIds: ["unknown"] }), []);
  t.deepEqual(await ids({}), ["t1", "t2", "t3", "t4", "t5"]);
});
