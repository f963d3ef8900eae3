// Kernel-state diffing: from the JSON iproute2 prints (fixtures captured from `ip -j -d link`,
// `ip -j addr`, `ip -j -4 neigh`, `bridge -j fdb` and `bridge -j -d link` on a node) to the batch
// lines that converge it. The plan must be empty for a converged node, and must delete exactly the
// entries nobody asked for.
import test from "ava";
import { KernelNames } from "./kernel-names.js";
import { parseAddrs, parseBridgePorts, parseFdb, parseLinks, parseNeighs } from "./kernel-state.js";
import type { KernelState } from "./kernel-state.js";
import { planLinks } from "./link-plan.js";
import type { DesiredLinks } from "./link-plan.js";

const names = new KernelNames("");
const options = { names, underlayAddr: "198.18.0.1", dataPathPort: 4789 };

/** `ip -j -d link show` of a node serving network abcdefghij (bridge, VXLAN port, one task veth). */
const linksJson = JSON.stringify([
  { ifindex: 1, ifname: "lo", flags: ["LOOPBACK", "UP", "LOWER_UP"], mtu: 65536, address: "00:00:00:00:00:00" },
  {
    ifindex: 2,
    ifname: "u0",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1500,
    address: "ee:cc:c8:af:3a:a4",
    linkinfo: { info_kind: "veth" },
  },
  {
    ifindex: 4,
    ifname: "sw-abcdefghij",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1450,
    address: "02:42:0a:00:01:fa",
    linkinfo: { info_kind: "bridge", info_data: { stp_state: 0 } },
  },
  {
    ifindex: 5,
    ifname: "vx-abcdefghij",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1450,
    master: "sw-abcdefghij",
    address: "b2:50:a7:e3:14:10",
    linkinfo: {
      info_kind: "vxlan",
      info_data: { id: 4097, local: "198.18.0.1", port: 4789, learning: false, proxy: true, ttl: 0 },
      info_slave_kind: "bridge",
    },
  },
  {
    ifindex: 7,
    link: "eth0",
    ifname: "ve7l3ovemm0gpyt",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1450,
    master: "sw-abcdefghij",
    address: "ae:9b:94:5f:57:d5",
    linkinfo: { info_kind: "veth", info_slave_kind: "bridge" },
  },
]);

const addrsJson = JSON.stringify([
  {
    ifindex: 2,
    ifname: "u0",
    addr_info: [{ family: "inet", local: "198.18.0.1", prefixlen: 24, scope: "global" }],
  },
  {
    ifindex: 4,
    ifname: "sw-abcdefghij",
    addr_info: [
      { family: "inet", local: "10.0.1.250", prefixlen: 24, scope: "global", label: "sw-abcdefghij" },
      { family: "inet", local: "10.0.1.100", prefixlen: 32, scope: "global", label: "sw-abcdefghij" },
      { family: "inet6", local: "fe80::42:aff:fe00:1fa", prefixlen: 64, scope: "link" },
    ],
  },
]);

const neighJson = JSON.stringify([
  { dst: "10.0.1.3", dev: "vx-abcdefghij", lladdr: "02:42:0a:00:01:03", state: ["PERMANENT"] },
  { dst: "10.0.1.251", dev: "vx-abcdefghij", lladdr: "02:42:0a:00:01:fb", state: ["PERMANENT"] },
  { dst: "198.18.0.2", dev: "u0", lladdr: "3a:11:22:33:44:55", state: ["REACHABLE"] },
]);

const fdbJson = JSON.stringify([
  { mac: "33:33:00:00:00:01", ifname: "sw-abcdefghij", flags: ["self"], state: "permanent" },
  { mac: "b2:50:a7:e3:14:10", ifname: "vx-abcdefghij", flags: [], master: "sw-abcdefghij", state: "permanent" },
  { mac: "02:42:0a:00:01:03", ifname: "vx-abcdefghij", dst: "198.18.0.2", flags: ["self"], state: "permanent" },
  { mac: "02:42:0a:00:01:fb", ifname: "vx-abcdefghij", dst: "198.18.0.2", flags: ["self"], state: "permanent" },
]);

const portsJson = JSON.stringify([
  { ifindex: 5, ifname: "vx-abcdefghij", mtu: 1450, master: "sw-abcdefghij", state: "forwarding", hairpin: false },
  { ifindex: 7, ifname: "ve7l3ovemm0gpyt", mtu: 1450, master: "sw-abcdefghij", state: "forwarding", hairpin: true },
]);

function state(overrides: Partial<Record<"links" | "addrs" | "neighs" | "fdb" | "ports", string>> = {}): KernelState {
  return {
    links: parseLinks(overrides.links ?? linksJson),
    addrs: parseAddrs(overrides.addrs ?? addrsJson),
    neighs: parseNeighs(overrides.neighs ?? neighJson),
    fdb: parseFdb(overrides.fdb ?? fdbJson),
    ports: parseBridgePorts(overrides.ports ?? portsJson),
  };
}

const network: DesiredLinks = {
  bridge: "sw-abcdefghij",
  vxlan: "vx-abcdefghij",
  vni: 4097,
  mtu: 1450,
  selfAddr: "10.0.1.250",
  prefixLen: 24,
  vips: ["10.0.1.100"],
  peers: [
    { addr: "10.0.1.3", vtep: "198.18.0.2", port: 4789 },
    { addr: "10.0.1.251", vtep: "198.18.0.2", port: 4789 },
  ],
  dockerBridge: false,
};

test("planLinks plans nothing for a node that matches its view", (t) => {
  const plan = planLinks([network], state(), options);
  t.deepEqual(plan, { ip: [], bridge: [] });
});

test("planLinks creates the bridge, the VXLAN port and every entry on an empty node", (t) => {
  const empty = state({ links: "[]", addrs: "[]", neighs: "[]", fdb: "[]", ports: "[]" });
  const plan = planLinks(
    [{ ...network, peers: [...network.peers, { addr: "10.0.1.9", vtep: "127.0.0.3", port: 14790 }] }],
    empty,
    options,
  );
  t.deepEqual(plan.ip, [
    "link add name sw-abcdefghij type bridge",
    "link set dev sw-abcdefghij address 02:42:0a:00:01:fa mtu 1450 up",
    "addr replace 10.0.1.250/24 dev sw-abcdefghij",
    "addr replace 10.0.1.100/32 dev sw-abcdefghij",
    "link add name vx-abcdefghij mtu 1450 type vxlan id 4097 dstport 4789 local 198.18.0.1 nolearning proxy",
    "link set dev vx-abcdefghij master sw-abcdefghij up",
    "neigh replace 10.0.1.251 lladdr 02:42:0a:00:01:fb dev vx-abcdefghij nud permanent",
    "neigh replace 10.0.1.3 lladdr 02:42:0a:00:01:03 dev vx-abcdefghij nud permanent",
    "neigh replace 10.0.1.9 lladdr 02:42:0a:00:01:09 dev vx-abcdefghij nud permanent",
  ]);
  t.deepEqual(plan.bridge, [
    "fdb replace 02:42:0a:00:01:fb dev vx-abcdefghij dst 198.18.0.2 self permanent",
    "fdb replace 02:42:0a:00:01:03 dev vx-abcdefghij dst 198.18.0.2 self permanent",
    // A peer on another data-path port (several nodes on one host) is named with its port.
    "fdb replace 02:42:0a:00:01:09 dev vx-abcdefghij dst 127.0.0.3 port 14790 self permanent",
  ]);
});

test("planLinks deletes stale neighbour and FDB entries and moves a peer to its new endpoint", (t) => {
  // 10.0.1.3 left the view; 10.0.1.251's node now answers on 198.18.0.5; 10.0.1.7 is new.
  const plan = planLinks(
    [
      {
        ...network,
        peers: [
          { addr: "10.0.1.251", vtep: "198.18.0.5", port: 4789 },
          { addr: "10.0.1.7", vtep: "198.18.0.2", port: 4789 },
        ],
      },
    ],
    state(),
    options,
  );
  t.deepEqual(plan.ip, [
    "neigh del 10.0.1.3 dev vx-abcdefghij",
    "neigh replace 10.0.1.7 lladdr 02:42:0a:00:01:07 dev vx-abcdefghij nud permanent",
  ]);
  t.deepEqual(plan.bridge, [
    "fdb replace 02:42:0a:00:01:fb dev vx-abcdefghij dst 198.18.0.5 self permanent",
    "fdb replace 02:42:0a:00:01:07 dev vx-abcdefghij dst 198.18.0.2 self permanent",
    "fdb del 02:42:0a:00:01:03 dev vx-abcdefghij self",
  ]);
});

test("planLinks replaces a learned or wrong neighbour entry and removes a VIP the view dropped", (t) => {
  const neighs = JSON.stringify([
    { dst: "10.0.1.3", dev: "vx-abcdefghij", lladdr: "02:42:0a:00:01:03", state: ["STALE"] },
    { dst: "10.0.1.251", dev: "vx-abcdefghij", lladdr: "02:42:0a:00:01:99", state: ["PERMANENT"] },
  ]);
  const plan = planLinks([{ ...network, vips: [] }], state({ neighs }), options);
  t.deepEqual(plan.ip, [
    "addr del 10.0.1.100/32 dev sw-abcdefghij",
    "neigh replace 10.0.1.251 lladdr 02:42:0a:00:01:fb dev vx-abcdefghij nud permanent",
    "neigh replace 10.0.1.3 lladdr 02:42:0a:00:01:03 dev vx-abcdefghij nud permanent",
  ]);
  t.deepEqual(plan.bridge, []);
});

test("planLinks makes a VXLAN device again when its id or port differs, with all its entries", (t) => {
  const plan = planLinks([{ ...network, vni: 4098 }], state(), options);
  t.deepEqual(plan.ip, [
    "link del dev vx-abcdefghij",
    "link add name vx-abcdefghij mtu 1450 type vxlan id 4098 dstport 4789 local 198.18.0.1 nolearning proxy",
    "link set dev vx-abcdefghij master sw-abcdefghij up",
    "neigh replace 10.0.1.251 lladdr 02:42:0a:00:01:fb dev vx-abcdefghij nud permanent",
    "neigh replace 10.0.1.3 lladdr 02:42:0a:00:01:03 dev vx-abcdefghij nud permanent",
  ]);
  t.is(plan.bridge.length, 2);
});

test("planLinks removes the links of a network no longer served, VXLAN first", (t) => {
  const plan = planLinks([], state(), options);
  t.deepEqual(plan.ip, ["link del dev vx-abcdefghij", "link del dev sw-abcdefghij"]);
  t.deepEqual(plan.bridge, []);
});

test("planLinks leaves another node's links alone and Docker's bridges to Docker", (t) => {
  const prefixed = new KernelNames("k7");
  const plan = planLinks([], state(), { ...options, names: prefixed });
  t.deepEqual(plan, { ip: [], bridge: [] });
  const docker = planLinks([], state(), { ...options, dockerBridges: new Set(["sw-abcdefghij"]) });
  t.deepEqual(docker.ip, ["link del dev vx-abcdefghij"]);
});

test("planLinks sets hairpin mode on task ports and leaves a Docker bridge's gateway address to Docker", (t) => {
  const ports = JSON.stringify([
    { ifname: "vx-abcdefghij", master: "sw-abcdefghij", hairpin: false },
    { ifname: "veth1a2b3c4", master: "sw-abcdefghij", hairpin: false },
  ]);
  const links = JSON.stringify([
    ...(JSON.parse(linksJson) as object[]).filter((l) => (l as { ifname: string }).ifname !== "sw-abcdefghij"),
    {
      ifindex: 4,
      ifname: "sw-abcdefghij",
      flags: ["UP"],
      mtu: 1450,
      address: "7a:1c:00:11:22:33",
      linkinfo: { info_kind: "bridge" },
    },
  ]);
  const plan = planLinks([{ ...network, dockerBridge: true, vips: [] }], state({ ports, links }), options);
  t.deepEqual(plan.ip, [
    // Docker gave its bridge a random MAC; peers compute ours from the address.
    "link set dev sw-abcdefghij address 02:42:0a:00:01:fa",
    "addr del 10.0.1.100/32 dev sw-abcdefghij",
  ]);
  t.deepEqual(plan.bridge, ["link set dev veth1a2b3c4 hairpin on"]);
});
