// Goal: the agent's copy of the endpoint set follows complete sets, replacements and removals, and
// speaks the mesh's types (protocols by name, task ports keyed by target).
import test from "ava";
import { swarm } from "../../proto/index.js";
import { EndpointSet, toMeshService } from "./mesh-endpoints.js";

const { PROTOCOL_TCP: TCP, PROTOCOL_UDP: UDP } = swarm.v1.PortConfig.Protocol;

const web: swarm.v1.IServiceEndpoints = {
  serviceId: "s1",
  name: "web",
  ports: [
    { protocol: TCP, targetPort: 8080, publishedPort: 30080 },
    { protocol: UDP, targetPort: 53, publishedPort: 30053 },
  ],
  endpoints: [
    {
      taskId: "t1",
      addr: "192.0.2.3",
      ports: [
        { protocol: UDP, targetPort: 53, publishedPort: 41002 },
        { protocol: TCP, targetPort: 8080, publishedPort: 41001 },
      ],
    },
    {
      taskId: "t2",
      addr: "192.0.2.4",
      ports: [{ protocol: TCP, targetPort: 8080, publishedPort: 41003 }],
      draining: true,
    },
  ],
};

test("toMeshService maps the wire format onto the mesh's types", (t) => {
  t.deepEqual(toMeshService(web), {
    serviceId: "s1",
    name: "web",
    balancing: "round-robin",
    ports: [
      { protocol: "tcp", publishedPort: 30080, targetPort: 8080 },
      { protocol: "udp", publishedPort: 30053, targetPort: 53 },
    ],
    endpoints: [
      { taskId: "t1", addr: "192.0.2.3", ports: { 53: 41002, 8080: 41001 }, draining: false },
      { taskId: "t2", addr: "192.0.2.4", ports: { 8080: 41003 }, draining: true },
    ],
  });
});

test("EndpointSet applies complete sets, replacements and removals", (t) => {
  const set = new EndpointSet();
  set.apply({ complete: true, services: [web, { serviceId: "s0", name: "api" }] });
  t.deepEqual(
    set.list().map((s) => s.serviceId),
    ["s0", "s1"],
  );
  set.apply({ services: [{ ...web, endpoints: [] }], removedServiceIds: ["s0"] });
  t.deepEqual(
    set.list().map((s) => [s.serviceId, s.endpoints.length]),
    [["s1", 0]],
  );
  set.apply({ complete: true, services: [{ serviceId: "s2", name: "other" }] });
  t.deepEqual(
    set.list().map((s) => s.serviceId),
    ["s2"],
  );
});

test("toMeshService carries the PROXY protocol version of each port and least-connections balancing", (t) => {
  const mapped = toMeshService({
    ...web,
    balancing: swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS,
    ports: [
      {
        protocol: TCP,
        targetPort: 8080,
        publishedPort: 30080,
        proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2,
      },
      {
        protocol: TCP,
        targetPort: 8081,
        publishedPort: 30081,
        proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V1,
      },
      { protocol: UDP, targetPort: 53, publishedPort: 30053 },
    ],
  });
  t.is(mapped.balancing, "least-connections");
  t.deepEqual(mapped.ports, [
    { protocol: "tcp", publishedPort: 30080, targetPort: 8080, proxyProtocol: "v2" },
    { protocol: "tcp", publishedPort: 30081, targetPort: 8081, proxyProtocol: "v1" },
    { protocol: "udp", publishedPort: 30053, targetPort: 53 },
  ]);
});
