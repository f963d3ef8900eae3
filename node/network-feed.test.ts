// Goal: the node hands its network agent the view the managers sent, in the agent's terms, only
// once it is complete, and leaves out networks the node cannot serve yet.
import test from "ava";
import { swarm } from "../proto/index.js";
import type { NetworkView, NodeNetworkView } from "../worker/index.js";
import { feedNetworkAgent, toNetworkView } from "./network-feed.js";

const wireNetwork = (id: string, selfAddr: string): swarm.v1.INodeNetwork => ({
  networkId: id,
  name: `net-${id.slice(0, 3)}`,
  subnet: "198.18.4.0/24",
  vni: 4097,
  mtu: 1400,
  internal: true,
  encrypted: false,
  selfAddr,
  peers: [{ addr: "198.18.4.9", nodeId: "n2", vtep: "127.0.0.3", port: 4790, taskId: "t9" }],
  services: [
    {
      serviceId: "s1",
      name: "web",
      aliases: ["www"],
      mode: swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_VIP,
      vip: "198.18.4.2",
      backends: [{ taskId: "t9", addr: "198.18.4.9", draining: true }],
    },
    {
      serviceId: "s2",
      name: "db",
      mode: swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR,
      backends: [],
    },
  ],
  tasks: [{ taskId: "t9", name: "web.1.t9", addr: "198.18.4.9", serviceId: "s1", aliases: ["a"], nodeId: "n2" }],
});

test("toNetworkView maps every field of the wire view and drops networks without a node address", (t) => {
  const view = toNetworkView({
    networks: [wireNetwork("aaaaaaaaaaaa", "198.18.4.3"), wireNetwork("bbbbbbbbbbbb", "")],
    dataPathPort: 4790,
    complete: true,
  });
  t.is(view.dataPathPort, 4790);
  t.deepEqual(view.networks, [
    {
      id: "aaaaaaaaaaaa",
      name: "net-aaa",
      subnet: "198.18.4.0/24",
      vni: 4097,
      mtu: 1400,
      internal: true,
      encrypted: false,
      self: { addr: "198.18.4.3" },
      peers: [{ addr: "198.18.4.9", vtep: "127.0.0.3", port: 4790 }],
      services: [
        {
          id: "s1",
          name: "web",
          aliases: ["www"],
          mode: "vip",
          vip: "198.18.4.2",
          backends: [{ taskId: "t9", addr: "198.18.4.9", healthy: true, draining: true }],
        },
        { id: "s2", name: "db", aliases: [], mode: "dnsrr", backends: [] },
      ],
      tasks: [{ taskId: "t9", name: "web.1.t9", addr: "198.18.4.9", serviceId: "s1", aliases: ["a"] }],
    },
  ]);
});

test("toNetworkView gives an encrypted network its tunnel and peers at their node's tunnel address, dropping peers without one", (t) => {
  const view = toNetworkView({
    networks: [
      {
        ...wireNetwork("cccccccccccc", "198.18.4.3"),
        encrypted: true,
        peers: [
          { addr: "198.18.4.9", nodeId: "n2", vtep: "127.0.0.3", port: 4789, taskId: "t9" },
          { addr: "198.18.4.10", nodeId: "n3", vtep: "127.0.0.4", port: 4789, taskId: "t10" },
        ],
        tunnelAddr: "169.254.128.1/17",
        tunnelPeers: [
          {
            nodeId: "n2",
            publicKey: "key2",
            endpointHost: "127.0.0.3",
            endpointPort: 51820,
            tunnelAddr: "169.254.128.2",
          },
        ],
      },
    ],
    dataPathPort: 0,
    complete: true,
  });
  t.like(view.networks[0], {
    encrypted: true,
    peers: [{ addr: "198.18.4.9", vtep: "169.254.128.2", port: 4789 }],
    tunnel: {
      addr: "169.254.128.1/17",
      peers: [{ publicKey: "key2", endpoint: "127.0.0.3:51820", addr: "169.254.128.2" }],
    },
  });
  t.is(view.networks[0]?.peers.length, 1, "n3 has no tunnel: its task is no peer");
});

test("toNetworkView leaves the port to the agent until the managers have named one", (t) => {
  t.false("dataPathPort" in toNetworkView({ networks: [], dataPathPort: 0, complete: true }));
});

test("feedNetworkAgent hands over complete views only, and closes the agent when stopped", async (t) => {
  let listener: ((view: NodeNetworkView) => void) | undefined;
  let current: NodeNetworkView = {
    networks: [wireNetwork("aaaaaaaaaaaa", "198.18.4.3")],
    dataPathPort: 0,
    complete: false,
  };
  const agent = {
    onNetworkView: (l: (view: NodeNetworkView) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
    networkView: () => current,
  };
  const applied: NetworkView[] = [];
  let closed = false;
  const stop = feedNetworkAgent(
    agent,
    {
      update: (view) => {
        applied.push(view);
        return Promise.reject(new Error("pass failed"));
      },
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    },
    () => undefined,
  );
  t.is(applied.length, 0, "a partial view at start is not applied");
  current = { ...current, complete: true };
  listener?.(current);
  t.is(applied.length, 1);
  t.is(applied[0]?.networks[0]?.id, "aaaaaaaaaaaa");
  await stop();
  t.true(closed);
  t.is(listener, undefined);
});
