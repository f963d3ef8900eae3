// Goal: address management hands out every address of a range once before reusing any (next-fit),
// respects the range and the gateway, reports exhaustion, rebuilds the same table from a store
// snapshot (cursor included), and gives networks subnets and VXLAN ids no other network or node has.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { addressTableOf, allocateSubnet, allocateVni, AddressTable, holdsAddresses, poolOf } from "./ipam.js";
import { type Cidr, formatCidr, formatIpv4, parseCidr, parseIpv4 } from "./ipv4.js";

const S = swarm.v1.TaskState;
const ip = (text: string): number => parseIpv4(text)!;
const cidr = (text: string): Cidr => parseCidr(text)!;
const network = (id: string, ipam: swarm.v1.IIpamConfig, lastAllocated = ""): swarm.v1.INetwork => ({
  id,
  spec: { annotations: { name: id }, driver: "overlay" },
  ipam: [ipam],
  vni: 4096,
  ...(lastAllocated ? { lastAllocated } : {}),
});

test("ipv4 parses and formats addresses and blocks, refusing host bits in strict blocks", (t) => {
  t.is(formatIpv4(ip("10.0.255.1")), "10.0.255.1");
  t.is(ip("255.255.255.255"), 2 ** 32 - 1);
  t.is(parseIpv4("10.0.0.256"), null);
  t.is(parseIpv4("10.0.0"), null);
  t.is(parseIpv4("01.0.0.1"), null);
  t.is(parseCidr("10.0.1.5/24"), null);
  t.is(formatCidr(parseCidr("10.0.1.5/24", false)!), "10.0.1.0/24");
  t.is(parseCidr("10.0.1.0/33"), null);
});

test("an address pool hands out addresses next-fit and reuses a freed one only after wrapping", (t) => {
  const table = new AddressTable();
  table.addNetwork(network("n1", { subnet: "10.0.1.0/29", gateway: "10.0.1.1" }));
  const got = ["a", "b", "c", "d", "e"].map((o) => formatIpv4(table.allocate("n1", `task:${o}`)!));
  // .0 is the subnet, .1 the gateway, .7 the broadcast address.
  t.deepEqual(got, ["10.0.1.2", "10.0.1.3", "10.0.1.4", "10.0.1.5", "10.0.1.6"]);
  table.release("n1", "task:b");
  table.release("n1", "task:d");
  // The range wrapped: the search starts after .6, so the lowest freed address comes back first.
  t.is(formatIpv4(table.allocate("n1", "task:f")!), "10.0.1.3");
  t.is(formatIpv4(table.allocate("n1", "task:g")!), "10.0.1.5");
  t.is(table.allocate("n1", "task:h"), null, "exhausted");
  t.is(formatIpv4(table.allocate("n1", "task:a")!), "10.0.1.2", "an owner keeps what it holds");
});

test("a freed address is not handed out again while unused addresses remain ahead of the cursor", (t) => {
  const table = new AddressTable();
  table.addNetwork(network("n1", { subnet: "10.0.1.0/24", gateway: "10.0.1.1" }));
  const first = table.allocate("n1", "task:a")!;
  table.release("n1", "task:a");
  const seen = new Set<number>();
  for (let i = 0; i < 252; i++) seen.add(table.allocate("n1", `task:x${i}`)!);
  t.false(seen.has(first), "252 allocations after the free never gave the freed address back");
  t.is(table.allocate("n1", "task:last"), first, "the 253rd (the range wrapped) does");
});

test("an address pool respects the ip range and a gateway inside it", (t) => {
  const pool = poolOf(network("n1", { subnet: "10.0.0.0/16", range: "10.0.5.0/30", gateway: "10.0.5.1" }))!;
  t.is(pool.capacity, 3);
  const got = [pool.allocate("task:a"), pool.allocate("task:b"), pool.allocate("task:c"), pool.allocate("task:d")];
  t.deepEqual(
    got.map((a) => (a === null ? null : formatIpv4(a))),
    ["10.0.5.0", "10.0.5.2", "10.0.5.3", null],
  );
});

test("poolOf skips networks the allocator does not address", (t) => {
  t.is(poolOf({ id: "i", spec: { driver: "overlay", ingress: true }, ipam: [{ subnet: "10.255.0.0/16" }] }), null);
  t.is(poolOf({ id: "b", spec: { driver: "bridge" }, ipam: [{ subnet: "10.1.0.0/16" }] }), null);
  t.is(poolOf({ id: "x", spec: { driver: "overlay" }, ipam: [] }), null);
  t.is(poolOf({ id: "y", spec: { driver: "overlay" }, ipam: [{ subnet: "10.1.0.0/31" }] }), null);
});

test("AddressTable.sync records what an owner holds and frees what it dropped", (t) => {
  const table = new AddressTable();
  table.addNetwork(network("n1", { subnet: "10.0.1.0/24", gateway: "10.0.1.1" }));
  table.addNetwork(network("n2", { subnet: "10.0.2.0/24", gateway: "10.0.2.1" }));
  t.deepEqual(
    table.sync(
      "task:a",
      new Map([
        ["n1", ip("10.0.1.9")],
        ["n2", ip("10.0.2.9")],
      ]),
    ),
    [],
  );
  t.deepEqual(table.sync("task:b", new Map([["n1", ip("10.0.1.9")]])), ["n1"], "held by another owner");
  t.deepEqual(table.sync("task:c", new Map([["n1", ip("10.0.1.1")]])), ["n1"], "the gateway is reserved");
  table.sync("task:a", new Map([["n2", ip("10.0.2.9")]]));
  t.is(table.pool("n1")!.holder(ip("10.0.1.9")), undefined);
  t.is(table.pool("n2")!.holder(ip("10.0.2.9")), "task:a");
  table.removeNetwork("n2");
  t.is(table.allocate("n2", "task:z"), null, "a removed network has no pool");
});

async function storeWith(objects: {
  networks?: swarm.v1.INetwork[];
  services?: swarm.v1.IService[];
  tasks?: swarm.v1.ITask[];
  nodes?: swarm.v1.INode[];
}): Promise<MemoryStore> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) => {
    for (const n of objects.networks ?? []) tx.create("network", n);
    for (const s of objects.services ?? []) tx.create("service", s);
    for (const x of objects.tasks ?? []) tx.create("task", x);
    for (const n of objects.nodes ?? []) tx.create("node", n);
  });
  return store;
}

test("addressTableOf rebuilds the table from a store snapshot, cursor and holders included", async (t) => {
  const store = await storeWith({
    networks: [network("n1", { subnet: "10.0.1.0/24", gateway: "10.0.1.1" }, "10.0.1.20")],
    services: [{ id: "s1", endpoint: { virtualIps: [{ networkId: "n1", addr: "10.0.1.2/24" }] } }],
    tasks: [
      {
        id: "t1",
        status: { state: S.TASK_STATE_RUNNING },
        networks: [{ networkId: "n1", addresses: ["10.0.1.21/24"] }],
      },
      {
        id: "t2",
        status: { state: S.TASK_STATE_FAILED },
        networks: [{ networkId: "n1", addresses: ["10.0.1.22/24"] }],
      },
    ],
    nodes: [{ id: "x", attachments: [{ networkId: "n1", addresses: ["10.0.1.3/24"] }] }],
  });
  const restored = new MemoryStore();
  restored.restore(store.snapshot(), store.version);
  const { table, conflicts } = restored.view((tx) => addressTableOf(tx));
  t.deepEqual(conflicts, []);
  const pool = table.pool("n1")!;
  t.is(pool.holder(ip("10.0.1.2")), "service:s1");
  t.is(pool.holder(ip("10.0.1.3")), "node:x");
  t.is(pool.holder(ip("10.0.1.21")), "task:t1");
  t.is(pool.holder(ip("10.0.1.22")), undefined, "a failed task's address is free");
  // Next-fit continues after the stored cursor (.20), past the running task (.21): the failed
  // task's .22 is free, but it is after the cursor in hand-out order, so it comes next.
  t.is(formatIpv4(table.allocate("n1", "task:t3")!), "10.0.1.22");
  t.is(formatIpv4(table.allocate("n1", "task:t4")!), "10.0.1.23");
});

test("addressTableOf reports two holders of one address", async (t) => {
  const store = await storeWith({
    networks: [network("n1", { subnet: "10.0.1.0/24", gateway: "10.0.1.1" })],
    tasks: ["t1", "t2"].map((id) => ({
      id,
      status: { state: S.TASK_STATE_RUNNING },
      networks: [{ networkId: "n1", addresses: ["10.0.1.5/24"] }],
    })),
  });
  t.deepEqual(store.view((tx) => addressTableOf(tx)).conflicts, ["task:t2 on n1"]);
});

test("holdsAddresses is true until a task reaches a terminal state", (t) => {
  t.true(holdsAddresses({ status: { state: S.TASK_STATE_RUNNING } }));
  t.true(holdsAddresses({ status: { state: S.TASK_STATE_PENDING } }));
  t.false(holdsAddresses({ status: { state: S.TASK_STATE_COMPLETE } }));
  t.false(holdsAddresses({ status: { state: S.TASK_STATE_ORPHANED } }));
});

test("allocateSubnet takes the first block of the pools that overlaps nothing taken", (t) => {
  const pools = [cidr("10.0.0.0/8")];
  t.is(formatCidr(allocateSubnet(pools, 24, [])!), "10.0.0.0/24");
  t.is(formatCidr(allocateSubnet(pools, 24, [cidr("10.0.0.0/24"), cidr("10.0.1.0/24")])!), "10.0.2.0/24");
  // A node's larger local subnet is skipped whole.
  t.is(formatCidr(allocateSubnet(pools, 24, [cidr("10.0.0.0/16")])!), "10.1.0.0/24");
  // A smaller taken block inside a candidate makes the candidate unusable too.
  t.is(formatCidr(allocateSubnet(pools, 24, [cidr("10.0.0.128/25")])!), "10.0.1.0/24");
  // Pools are used in order; a pool too small for the size is skipped.
  const two = [cidr("192.168.0.0/30"), cidr("172.20.0.0/23")];
  t.is(formatCidr(allocateSubnet(two, 24, [cidr("172.20.0.0/24")])!), "172.20.1.0/24");
  t.is(allocateSubnet([cidr("172.20.0.0/24")], 24, [cidr("172.20.0.5/32")]), null, "exhausted");
});

test("allocateVni gives the lowest free id from the first one up", (t) => {
  t.is(allocateVni(new Set(), 4096), 4096);
  t.is(allocateVni(new Set([4096, 4097, 4099]), 4096), 4098);
  t.is(allocateVni(new Set([2 ** 24 - 1]), 2 ** 24 - 1), null);
});
