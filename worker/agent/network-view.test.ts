// Goal: the agent reports its data-path port, its own subnets and its network capabilities, keeps
// the network view the managers send (complete, then per-network changes) across a manager
// failover until the next complete view replaces it, and tells its listeners after every change.
import test from "ava";
import { waitFor } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { Agent } from "./agent.js";
import { FakeExecutor } from "./fake-executor.js";
import { localSubnets, subnetOfInterfaceAddress } from "./local-subnets.js";
import { type NodeNetworkView, NetworkViewSet } from "./network-view.js";
import { TestDispatcher } from "./test-dispatcher.js";
import { memoryLog, tempDir } from "./test-support.js";

const net = (id: string, selfAddr = ""): swarm.v1.INodeNetwork => ({
  networkId: id,
  name: id,
  subnet: "10.1.0.0/24",
  vni: 4096,
  mtu: 1450,
  ...(selfAddr ? { selfAddr } : {}),
});

test("NetworkViewSet follows complete views, replacements, removals and the data-path port", (t) => {
  const set = new NetworkViewSet();
  t.false(set.view().complete);
  set.apply({ complete: true, networks: [net("b"), net("a")], dataPathPort: 4789 });
  t.deepEqual(
    set.view().networks.map((n) => n.networkId),
    ["a", "b"],
  );
  set.apply({ networks: [net("a", "10.1.0.3")], removedNetworkIds: ["b"] });
  t.deepEqual(set.view(), { networks: [net("a", "10.1.0.3")], dataPathPort: 4789, complete: true });
  set.apply({ complete: true, networks: [net("c")], dataPathPort: 14790 });
  t.deepEqual(
    set.view().networks.map((n) => n.networkId),
    ["c"],
  );
  t.is(set.view().dataPathPort, 14790);
});

test("localSubnets lists the IPv4 subnets of the host's interfaces, without loopback and overlays", (t) => {
  t.is(subnetOfInterfaceAddress("192.168.1.77/24"), "192.168.1.0/24");
  t.is(subnetOfInterfaceAddress("fd00::2/64"), null);
  const iface = (cidr: string, internal = false) =>
    ({ address: cidr.split("/")[0]!, cidr, family: "IPv4", internal, mac: "", netmask: "" }) as const;
  t.deepEqual(
    localSubnets({
      lo: [iface("127.0.0.1/8", true)],
      eth0: [iface("192.0.2.2/24"), { ...iface("fd00::2/64"), family: "IPv6", scopeid: 0 }],
      docker0: [iface("172.17.0.1/16")],
      "sw-abcdef0123": [iface("10.0.0.2/24")],
      vip: [iface("10.9.9.9/32")],
    }),
    ["172.17.0.0/16", "192.0.2.0/24"],
  );
});

test("agent reports its network facts and keeps its network view across a manager failover", async (t) => {
  t.timeout(15_000);
  const d1 = await TestDispatcher.start({ periodMs: 100 });
  const d2 = await TestDispatcher.start({ periodMs: 100 });
  t.teardown(() => {
    d1.close();
    d2.close();
  });
  for (const d of [d1, d2])
    d.managers = [
      { peer: { nodeId: "m1", addr: d1.addr }, weight: 10 },
      { peer: { nodeId: "m2", addr: d2.addr }, weight: 5 },
    ];
  const { dir, cleanUp } = tempDir();
  t.teardown(cleanUp);
  const agent = await Agent.start({
    stateDir: dir,
    nodeId: "node1",
    managers: [d1.addr],
    executor: new FakeExecutor(),
    statusFlushMs: 20,
    reconnectBackoffMsMin: 20,
    reconnectBackoffMsMax: 200,
    log: memoryLog().log,
    dataPathPort: 14790,
    localSubnets: () => ["192.0.2.0/24"],
    networkCapabilities: () => ({ overlay: true }),
  });
  t.teardown(() => agent.stop());
  await agent.whenConnected();
  const description = d1.sessions[0]?.description;
  t.is(description?.dataPathPort, 14790);
  t.deepEqual(description?.localSubnets, ["192.0.2.0/24"]);
  t.true(description?.networkCapabilities?.overlay);

  const seen: NodeNetworkView[] = [];
  agent.onNetworkView((v) => seen.push(v));
  d1.sendNetworks({ complete: true, networks: [net("a", "10.1.0.3"), net("b")], dataPathPort: 14790 });
  await waitFor("the complete view", () => (agent.networkView().networks.length === 2 ? true : undefined));
  d1.sendNetworks({ networks: [], removedNetworkIds: ["b"], dataPathPort: 14790 });
  await waitFor("the removal", () => (agent.networkView().networks.length === 1 ? true : undefined));
  t.is(seen.length, 2);

  d1.close();
  await waitFor("a session with the second manager", () => d2.sessions[0]);
  t.deepEqual(
    agent.networkView().networks.map((n) => [n.networkId, n.selfAddr]),
    [["a", "10.1.0.3"]],
    "the last view stays in force between sessions",
  );
  d2.sendNetworks({ complete: true, networks: [net("c")], dataPathPort: 14790 });
  await waitFor("the new manager's complete view", () =>
    agent.networkView().networks[0]?.networkId === "c" ? true : undefined,
  );
  t.is(agent.networkView().networks.length, 1);
});
