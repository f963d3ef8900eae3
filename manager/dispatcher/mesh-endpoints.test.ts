// Goal: the routing mesh's endpoint set lists exactly the running tasks with reachable ingress
// ports (draining ones marked), follows every relevant commit with per-service replacements, and
// drops services that are removed or stop publishing.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { MeshEndpoints, nodeHost, serviceEndpoints } from "./mesh-endpoints.js";

const S = swarm.v1.TaskState;
const { PROTOCOL_TCP: TCP, PROTOCOL_UDP: UDP } = swarm.v1.PortConfig.Protocol;
const { PUBLISH_MODE_INGRESS: INGRESS, PUBLISH_MODE_HOST: HOST } = swarm.v1.PortConfig.PublishMode;

function newStore(): MemoryStore {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  return store;
}

const service = (id: string, ports: swarm.v1.PortConfig.$Properties[]): swarm.v1.Service.$Properties => ({
  id,
  spec: { annotations: { name: `svc-${id}` } },
  endpoint: { ports },
});
const node = (id: string, addr: string, state = swarm.v1.NodeStatus.State.STATE_READY): swarm.v1.Node.$Properties => ({
  id,
  status: { state, addr },
});
const task = (
  id: string,
  nodeId: string,
  state: swarm.v1.TaskState,
  ports: swarm.v1.PortConfig.$Properties[],
  desiredState = S.TASK_STATE_RUNNING,
): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "s1",
  nodeId,
  desiredState,
  status: { state, portStatus: { ports } },
});
const bound = (targetPort: number, publishedPort: number, protocol = TCP): swarm.v1.PortConfig.$Properties => ({
  targetPort,
  publishedPort,
  protocol,
  publishMode: INGRESS,
});

async function cluster(): Promise<MemoryStore> {
  const store = newStore();
  await store.update((tx) => {
    tx.create("node", node("n1", "192.0.2.3"));
    tx.create("node", node("n2", "ipv4:192.0.2.4:51234"));
    tx.create("node", node("n3", "192.0.2.5", swarm.v1.NodeStatus.State.STATE_DOWN));
    tx.create(
      "service",
      service("s1", [
        bound(8080, 30080),
        bound(53, 30053, UDP),
        { targetPort: 9000, publishedPort: 9000, publishMode: HOST },
      ]),
    );
  });
  return store;
}

test("nodeHost strips prefixes and ports but keeps bare IPv6 addresses", (t) => {
  t.is(nodeHost("192.0.2.3"), "192.0.2.3");
  t.is(nodeHost("ipv4:192.0.2.3:4000"), "192.0.2.3");
  t.is(nodeHost("[::1]:4000"), "::1");
  t.is(nodeHost("fe80::1"), "fe80::1");
});

test("serviceEndpoints lists only running tasks with ingress port status on live nodes", async (t) => {
  const store = await cluster();
  await store.update((tx) => {
    tx.create(
      "task",
      task("t1", "n1", S.TASK_STATE_RUNNING, [
        bound(8080, 41001),
        bound(53, 41002, UDP),
        { targetPort: 9000, publishedPort: 9000, publishMode: HOST },
      ]),
    );
    tx.create("task", task("t2", "n2", S.TASK_STATE_RUNNING, [bound(8080, 41003)]));
    tx.create("task", task("t3", "n1", S.TASK_STATE_STARTING, [bound(8080, 41004)]));
    tx.create("task", task("t4", "n3", S.TASK_STATE_RUNNING, [bound(8080, 41005)]));
    tx.create("task", task("t5", "n1", S.TASK_STATE_RUNNING, []));
    tx.create("task", task("t6", "n2", S.TASK_STATE_RUNNING, [bound(8080, 41006)], S.TASK_STATE_SHUTDOWN));
    tx.create("task", task("t7", "n2", S.TASK_STATE_FAILED, [bound(8080, 41007)]));
  });
  const value = store.view((tx) => serviceEndpoints(tx, "s1"));
  t.deepEqual(
    value?.ports?.map((p) => [p.targetPort, p.publishedPort, p.protocol]),
    [
      [8080, 30080, TCP],
      [53, 30053, UDP],
    ],
  );
  t.deepEqual(
    value?.endpoints?.map((e) => [
      e.taskId,
      e.addr,
      e.draining,
      e.ports?.map((p) => `${p.targetPort}/${p.protocol}->${p.publishedPort}`),
    ]),
    [
      ["t1", "192.0.2.3", false, [`53/${UDP}->41002`, `8080/${TCP}->41001`]],
      ["t2", "192.0.2.4", false, [`8080/${TCP}->41003`]],
      ["t6", "192.0.2.4", true, [`8080/${TCP}->41006`]],
    ],
  );
});

test("serviceEndpoints is null for a service without ingress ports or a missing one", async (t) => {
  const store = await cluster();
  await store.update((tx) =>
    tx.create("service", service("s2", [{ targetPort: 80, publishedPort: 8000, publishMode: HOST }])),
  );
  t.is(
    store.view((tx) => serviceEndpoints(tx, "s2")),
    null,
  );
  t.is(
    store.view((tx) => serviceEndpoints(tx, "nope")),
    null,
  );
});

test("MeshEndpoints sends the complete set, then only services that changed, then removals", async (t) => {
  const store = await cluster();
  await store.update((tx) => tx.create("service", service("quiet", [bound(80, 30001)])));
  const mesh = new MeshEndpoints(store);
  t.teardown(() => mesh.close());
  const updates: swarm.v1.EndpointsUpdate.$Properties[] = [];
  const unsubscribe = mesh.subscribe((u) => updates.push(u));
  t.true(updates[0]?.complete);
  t.deepEqual(
    updates[0]?.services?.map((s) => [s.serviceId, s.endpoints?.length]),
    [
      ["quiet", 0],
      ["s1", 0],
    ],
  );

  // A task starting is not a change for the mesh; running with its ports is.
  await store.update((tx) => tx.create("task", task("t1", "n1", S.TASK_STATE_STARTING, [])));
  t.is(updates.length, 1);
  await store.update((tx) =>
    tx.update("task", {
      ...tx.get("task", "t1")!,
      status: { state: S.TASK_STATE_RUNNING, portStatus: { ports: [bound(8080, 41001)] } },
    }),
  );
  t.is(updates.length, 2);
  t.false(updates[1]?.complete);
  t.deepEqual(
    updates[1]?.services?.map((s) => [s.serviceId, s.endpoints?.map((e) => e.taskId)]),
    [["s1", ["t1"]]],
  );

  // Shutdown asked: draining while it still runs, gone once it stopped.
  await store.update((tx) => tx.update("task", { ...tx.get("task", "t1")!, desiredState: S.TASK_STATE_SHUTDOWN }));
  t.true(updates[2]?.services?.[0]?.endpoints?.[0]?.draining);
  await store.update((tx) => tx.update("task", { ...tx.get("task", "t1")!, status: { state: S.TASK_STATE_SHUTDOWN } }));
  t.deepEqual(updates[3]?.services?.[0]?.endpoints, []);

  // The node going down takes its endpoints with it.
  await store.update((tx) => tx.create("task", task("t2", "n1", S.TASK_STATE_RUNNING, [bound(8080, 41002)])));
  t.deepEqual(
    updates[4]?.services?.[0]?.endpoints?.map((e) => e.taskId),
    ["t2"],
  );
  await store.update((tx) =>
    tx.update("node", {
      ...tx.get("node", "n1")!,
      status: { state: swarm.v1.NodeStatus.State.STATE_DOWN, addr: "192.0.2.3" },
    }),
  );
  t.deepEqual(updates[5]?.services?.[0]?.endpoints, []);

  // Removing the service, or its ingress ports, drops it.
  await store.update((tx) => tx.remove("service", "s1"));
  t.deepEqual(updates[6]?.removedServiceIds, ["s1"]);
  await store.update((tx) => tx.update("service", { ...tx.get("service", "quiet")!, endpoint: { ports: [] } }));
  t.deepEqual(updates[7]?.removedServiceIds, ["quiet"]);
  t.is(updates.length, 8);

  // A later subscriber gets the set as it is now.
  unsubscribe();
  const late: swarm.v1.EndpointsUpdate.$Properties[] = [];
  mesh.subscribe((u) => late.push(u));
  t.deepEqual(late, [{ complete: true, services: [], removedServiceIds: [] }]);
});

test("serviceEndpoints carries the service's balancing and each port's PROXY protocol", async (t) => {
  const store = await cluster();
  await store.update((tx) => {
    const s1 = tx.get("service", "s1")!;
    tx.update("service", {
      ...s1,
      spec: { ...s1.spec, endpoint: { balancing: swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS } },
      endpoint: {
        ports: [
          { ...bound(8080, 30080), proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2 },
          bound(53, 30053, UDP),
        ],
      },
    });
  });
  const value = store.view((tx) => serviceEndpoints(tx, "s1"));
  t.is(value?.balancing, swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS);
  t.deepEqual(
    value?.ports?.map((p) => [p.targetPort, Number(p.proxyProtocol ?? 0)]),
    [
      [8080, swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2],
      [53, 0],
    ],
  );
});
