// Goal: over real gRPC, creating an overlay network allocates its subnet (from the cluster's pools,
// avoiding other networks and nodes' own subnets), gateway, VXLAN id and MTU, even for creates
// that arrive at once; a clashing subnet is refused naming the field; services attach by name and
// are stored by id, keeping their VIPs across updates that keep the network; a network in use stays.
/* eslint-disable @typescript-eslint/unbound-method -- call() below invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, controlService, swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { createControlApi } from "./control-api.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

async function setup(t: { teardown: (fn: () => void) => void }): Promise<{
  client: ControlClient;
  store: MemoryStore;
  call: <Req, Res>(fn: Call<Req, Res>, req: Req) => Promise<Res>;
}> {
  const store = new MemoryStore();
  let index = 0;
  // Proposals apply one turn later, as raft's do, so creates sent together share a batch.
  store.setProposer({
    propose: (data) => new Promise((resolve) => setImmediate(() => resolve(store.apply(data, ++index)))),
  });
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

const named = (name: string, extra: Partial<swarm.v1.INetworkSpec> = {}): { spec: swarm.v1.INetworkSpec } => ({
  spec: { annotations: { name }, ...extra },
});

test("network create allocates a subnet, gateway, VXLAN id and MTU, avoiding nodes' own subnets", async (t) => {
  const { client, store, call } = await setup(t);
  await store.update((tx) => {
    tx.create("cluster", {
      id: "c",
      spec: { annotations: { name: "default" }, network: { defaultAddrPools: ["10.20.0.0/16"], subnetSize: 26 } },
    });
    tx.create("node", { id: "x", description: { hostname: "box", localSubnets: ["10.20.0.0/25"] } });
  });
  const a = (await call(client.createNetwork, named("a"))).network;
  t.is(a.spec?.driver, "overlay");
  t.deepEqual(
    a.ipam.map((c) => [c.subnet, c.gateway]),
    [["10.20.0.128/26", "10.20.0.129"]],
  );
  t.is(a.vni, 4096);
  t.is(a.mtu, 1450);
  const b = (await call(client.createNetwork, named("b", { driverOpts: { encrypted: "" } }))).network;
  t.is(b.ipam[0]?.subnet, "10.20.0.192/26");
  t.is(b.vni, 4097);
  t.is(b.mtu, 1370, "WireGuard's overhead comes off too");
  const c = (
    await call(
      client.createNetwork,
      named("c", {
        ipam: [{ subnet: "172.30.0.0/16", range: "172.30.8.0/24", gateway: "172.30.0.254" }],
        driverOpts: { "com.docker.network.driver.mtu": "8950" },
        internal: true,
      }),
    )
  ).network;
  t.deepEqual(
    c.ipam.map((x) => [x.subnet, x.range, x.gateway]),
    [["172.30.0.0/16", "172.30.8.0/24", "172.30.0.254"]],
  );
  t.is(c.mtu, 8950);
  t.true(c.spec?.internal);
});

test("network creates sent at once get distinct subnets and VXLAN ids", async (t) => {
  const { client, call } = await setup(t);
  const created = await Promise.all(
    ["n0", "n1", "n2", "n3", "n4", "n5"].map((name) => call(client.createNetwork, named(name))),
  );
  const subnets = created.map((r) => r.network.ipam[0]?.subnet);
  t.is(new Set(subnets).size, 6, subnets.join(" "));
  t.is(new Set(created.map((r) => r.network.vni)).size, 6);
});

test("network create refuses a subnet overlapping another network, naming the field", async (t) => {
  const { client, call } = await setup(t);
  await call(client.createNetwork, named("front", { ipam: [{ subnet: "10.5.0.0/16" }] }));
  const clash = await t.throwsAsync<grpc.ServiceError>(
    call(client.createNetwork, named("back", { ipam: [{ subnet: "10.5.3.0/24" }] })),
  );
  t.is(clash.code, grpc.status.INVALID_ARGUMENT);
  t.deepEqual(clash.metadata.get("swarm-error-field"), ["spec.ipam[0].subnet"]);
  t.regex(clash.details, /overlaps 10\.5\.0\.0\/16 of network front/);
  const auto = (await call(client.createNetwork, named("auto"))).network;
  t.is(auto.ipam[0]?.subnet, "10.0.0.0/24", "the default pool skips nothing it need not");
});

test("a service attaches to a network by name, is stored by id and keeps its VIP while it stays attached", async (t) => {
  const { client, store, call } = await setup(t);
  const net = (await call(client.createNetwork, named("backend"))).network;
  const other = (await call(client.createNetwork, named("other"))).network;
  const service = (networks: string[], mode = swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_VIP) => ({
    annotations: { name: "api" },
    task: { container: { image: "redis" }, networks: networks.map((target) => ({ target, aliases: ["db"] })) },
    endpoint: { mode },
  });
  const created = (await call(client.createService, { spec: service(["backend"]) })).service;
  t.deepEqual(
    created.spec?.task?.networks?.map((n) => [n.target, n.aliases]),
    [[net.id, ["db"]]],
  );
  // The allocator gives VIPs; here one is written as it would.
  await store.update((tx) => {
    const s = tx.get("service", created.id)!;
    tx.update("service", {
      ...s,
      endpoint: { ...s.endpoint, virtualIps: [{ networkId: net.id, addr: "10.0.0.2/24" }] },
    });
  });
  const version = () => store.view((tx) => tx.get("service", created.id)!.meta!.version!);
  const kept = (
    await call(client.updateService, {
      serviceId: "api",
      serviceVersion: version(),
      spec: service([net.id, "other"]),
    })
  ).service;
  t.deepEqual(
    kept.endpoint?.virtualIps?.map((v) => [v.networkId, v.addr]),
    [[net.id, "10.0.0.2/24"]],
  );
  const moved = (
    await call(client.updateService, { serviceId: "api", serviceVersion: version(), spec: service(["other"]) })
  ).service;
  t.deepEqual(moved.endpoint?.virtualIps ?? [], [], "the detached network's VIP is dropped");
  t.deepEqual(
    moved.spec?.task?.networks?.map((n) => n.target),
    [other.id],
  );
  const unknown = await t.throwsAsync<grpc.ServiceError>(
    call(client.updateService, { serviceId: "api", serviceVersion: version(), spec: service(["nowhere"]) }),
  );
  t.deepEqual(unknown.metadata.get("swarm-error-field"), ["spec.task.networks[0].target"]);
});

test("a network cannot be removed while a service attaches it or a task still holds an address on it", async (t) => {
  const { client, store, call } = await setup(t);
  const net = (await call(client.createNetwork, named("backend"))).network;
  await call(client.createService, {
    spec: { annotations: { name: "api" }, task: { container: { image: "redis" }, networks: [{ target: "backend" }] } },
  });
  const bySpec = await t.throwsAsync<grpc.ServiceError>(call(client.removeNetwork, { networkId: "backend" }));
  t.regex(bySpec.details, /in use by service api/);
  await call(client.removeService, { serviceId: "api" });
  await store.update((tx) =>
    tx.create("task", {
      id: "t1",
      annotations: { name: "api.1.t1" },
      status: { state: swarm.v1.TaskState.TASK_STATE_RUNNING },
      networks: [{ networkId: net.id, addresses: ["10.0.0.3/24"] }],
    }),
  );
  const byTask = await t.throwsAsync<grpc.ServiceError>(call(client.removeNetwork, { networkId: "backend" }));
  t.regex(byTask.details, /in use by task api\.1\.t1 \(still stopping\)/);
  await store.update((tx) => {
    const task = tx.get("task", "t1")!;
    tx.update("task", { ...task, status: { state: swarm.v1.TaskState.TASK_STATE_SHUTDOWN } });
  });
  await call(client.removeNetwork, { networkId: "backend" });
  t.is(
    store.view((tx) => tx.count("network")),
    0,
  );
});
