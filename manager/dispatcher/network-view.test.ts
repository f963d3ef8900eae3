// Goal: a node's network view lists exactly the overlays it serves, its own address, every address
// on other nodes with their VXLAN endpoint and port, the services with VIP, aliases and live
// backends (draining ones marked), and the task names; the feed sends a complete view first and
// then, per commit, only the networks that changed, dropping those a node no longer serves.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { networkState, nodeNetworkView, taskDnsName } from "./network-view.js";
import { NetworkViewFeed } from "./network-view-feed.js";

const S = swarm.v1.TaskState;
const N = swarm.v1.NodeStatus.State;
const DNSRR = swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR;

function newStore(): MemoryStore {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  return store;
}

const node = (
  id: string,
  addr: string,
  attachment: string | null,
  extra: Partial<swarm.v1.Node.$Properties> = {},
): swarm.v1.Node.$Properties => ({
  id,
  status: { state: N.STATE_READY, addr },
  ...(attachment ? { attachments: [{ networkId: "back", addresses: [`${attachment}/24`] }] } : {}),
  ...extra,
});

const task = (
  id: string,
  serviceId: string,
  nodeId: string,
  addr: string,
  state: swarm.v1.TaskState,
  desiredState = S.TASK_STATE_RUNNING,
): swarm.v1.Task.$Properties => ({
  id,
  serviceId,
  slot: Number(id.slice(1)),
  ...(nodeId ? { nodeId } : {}),
  annotations: { name: `${serviceId === "s1" ? "db" : "cache"}.${id.slice(1)}` },
  desiredState,
  status: { state },
  networks: [{ networkId: "back", addresses: [`${addr}/24`], aliases: serviceId === "s1" ? ["database"] : [] }],
});

async function cluster(encrypted = false): Promise<MemoryStore> {
  const store = newStore();
  await store.update((tx) => {
    tx.create("network", {
      id: "back",
      spec: {
        annotations: { name: "backend" },
        driver: "overlay",
        internal: true,
        ...(encrypted ? { driverOpts: { encrypted: "" } } : {}),
      },
      ipam: [{ subnet: "10.1.0.0/24", gateway: "10.1.0.1" }],
      vni: 4097,
      mtu: 1370,
    });
    tx.create("node", node("n1", "127.0.0.3", "10.1.0.10"));
    tx.create("node", node("n2", "ipv4:127.0.0.4:5000", "10.1.0.11", { description: { dataPathPort: 14790 } }));
    tx.create("node", node("n3", "127.0.0.5", null, { status: { state: N.STATE_DOWN, addr: "127.0.0.5" } }));
    tx.create("node", node("n4", "127.0.0.6", null));
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "db" }, task: { networks: [{ target: "back", aliases: ["database", "db"] }] } },
      endpoint: { virtualIps: [{ networkId: "back", addr: "10.1.0.2/24" }] },
    });
    tx.create("service", {
      id: "s2",
      spec: {
        annotations: { name: "cache" },
        task: { networks: [{ target: "back" }] },
        endpoint: { mode: DNSRR },
      },
    });
    tx.create("task", task("t1", "s1", "n1", "10.1.0.21", S.TASK_STATE_RUNNING));
    tx.create("task", task("t2", "s1", "n2", "10.1.0.22", S.TASK_STATE_RUNNING));
    tx.create("task", task("t3", "s1", "n1", "10.1.0.23", S.TASK_STATE_STARTING));
    tx.create("task", task("t4", "s1", "n3", "10.1.0.24", S.TASK_STATE_RUNNING));
    tx.create("task", task("t5", "s1", "n2", "10.1.0.25", S.TASK_STATE_RUNNING, S.TASK_STATE_SHUTDOWN));
    tx.create("task", task("t6", "s1", "n2", "10.1.0.26", S.TASK_STATE_FAILED));
    tx.create("task", task("t7", "s1", "", "10.1.0.27", S.TASK_STATE_PENDING));
    tx.create("task", task("t8", "s2", "n2", "10.1.0.28", S.TASK_STATE_RUNNING));
  });
  return store;
}

const members = {
  taskIds: ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"],
  nodeIds: ["n1", "n2"],
  serviceIds: ["s1", "s2"],
};

test("nodeNetworkView holds the node's own address and every address on other nodes as a peer", async (t) => {
  const store = await cluster();
  const state = store.view((tx) => networkState(tx, "back", members))!;
  const view = nodeNetworkView(state, "n1");
  t.like(view, {
    networkId: "back",
    name: "backend",
    subnet: "10.1.0.0/24",
    vni: 4097,
    mtu: 1370,
    internal: true,
    selfAddr: "10.1.0.10",
  });
  t.is(view.encrypted, undefined);
  t.is(view.tunnelPeers, undefined, "a plain network names no tunnel");
  t.deepEqual(
    view.peers?.map((p) => [p.addr, p.nodeId, p.vtep, p.port, p.taskId ?? ""]),
    [
      ["10.1.0.11", "n2", "127.0.0.4", 14790, ""],
      ["10.1.0.22", "n2", "127.0.0.4", 14790, "t2"],
      ["10.1.0.24", "n3", "127.0.0.5", 4789, "t4"],
      ["10.1.0.25", "n2", "127.0.0.4", 14790, "t5"],
      ["10.1.0.28", "n2", "127.0.0.4", 14790, "t8"],
    ],
    "a task on a DOWN node stays a peer; finished and unplaced tasks are none",
  );
  t.deepEqual(
    nodeNetworkView(state, "n2").peers?.map((p) => p.addr),
    ["10.1.0.10", "10.1.0.21", "10.1.0.23", "10.1.0.24"],
  );
});

/** Gives nodes a WireGuard key (reported) and a tunnel address (allocated). */
async function tunnels(store: MemoryStore, ids: readonly string[]): Promise<void> {
  await store.update((tx) => {
    for (const id of ids) {
      const n = tx.get("node", id)!;
      tx.update("node", {
        ...n,
        description: { ...n.description, wireguardPublicKey: `key-of-${id}` },
        tunnelAddr: `169.254.128.${id.slice(1)}/17`,
      });
    }
  });
}

test("an encrypted network's view names the node's tunnel address and the peers' tunnels, and no peer without one", async (t) => {
  const store = await cluster(true);
  await tunnels(store, ["n1", "n2"]);
  await store.update((tx) => {
    const n2 = tx.get("node", "n2")!;
    tx.update("node", { ...n2, description: { ...n2.description, wireguardPort: 51900 } });
  });
  const view = nodeNetworkView(
    store.view((tx) => networkState(tx, "back", members))!,
    "n1",
  );
  t.true(view.encrypted);
  t.is(view.tunnelAddr, "169.254.128.1/17");
  t.deepEqual(view.tunnelPeers, [
    {
      nodeId: "n2",
      publicKey: "key-of-n2",
      endpointHost: "127.0.0.4",
      endpointPort: 51900,
      tunnelAddr: "169.254.128.2",
    },
  ]);
  t.deepEqual(
    view.peers?.map((p) => p.addr),
    ["10.1.0.11", "10.1.0.22", "10.1.0.25", "10.1.0.28"],
    "t4's node n3 has no tunnel: its address is left out, never reached in clear",
  );
  // Without a tunnel of its own the node gets peers' tunnels but no address: its agent waits.
  const store2 = await cluster(true);
  await tunnels(store2, ["n2"]);
  const view2 = nodeNetworkView(
    store2.view((tx) => networkState(tx, "back", members))!,
    "n1",
  );
  t.is(view2.tunnelAddr, undefined);
  t.is(view2.tunnelPeers?.length, 1);
});

test("the network view feed sends a network again when a peer's tunnel changes", async (t) => {
  const store = await cluster(true);
  await tunnels(store, ["n1", "n2"]);
  const feed = new NetworkViewFeed(store);
  const got: swarm.v1.INetworkViewUpdate[] = [];
  t.teardown(feed.subscribe("n1", (u) => got.push(u)).unsubscribe);
  const sent = got.length;
  // n2 restarted with a new key pair: n1 must replace the peer's key at once.
  await store.update((tx) => {
    const n2 = tx.get("node", "n2")!;
    tx.update("node", { ...n2, description: { ...n2.description, wireguardPublicKey: "new-key-of-n2" } });
  });
  t.is(got.length, sent + 1);
  t.is(got.at(-1)!.networks?.[0]?.tunnelPeers?.[0]?.publicKey, "new-key-of-n2");
});

test("the network view lists services with VIP, aliases and live backends, and the task names", async (t) => {
  const store = await cluster();
  const view = nodeNetworkView(
    store.view((tx) => networkState(tx, "back", members))!,
    "n1",
  );
  t.deepEqual(
    view.services?.map((s) => [
      s.name,
      s.aliases ?? [],
      s.mode ?? 0,
      s.vip ?? "",
      s.backends?.map((b) => [b.addr, b.draining ?? false]),
    ]),
    [
      [
        "db",
        ["database"],
        0,
        "10.1.0.2",
        [
          ["10.1.0.21", false],
          ["10.1.0.22", false],
          ["10.1.0.25", true],
        ],
      ],
      ["cache", [], DNSRR, "", [["10.1.0.28", false]]],
    ],
    "STARTING tasks and tasks on DOWN nodes are no backends; a task desired to stop drains",
  );
  t.deepEqual(
    view.tasks?.map((x) => [x.name, x.addr, x.nodeId, x.aliases ?? []]),
    [
      [`db.1.t1`, "10.1.0.21", "n1", ["database"]],
      [`db.2.t2`, "10.1.0.22", "n2", ["database"]],
      [`db.3.t3`, "10.1.0.23", "n1", ["database"]],
      [`db.4.t4`, "10.1.0.24", "n3", ["database"]],
      [`db.5.t5`, "10.1.0.25", "n2", ["database"]],
      [`cache.8.t8`, "10.1.0.28", "n2", []],
    ],
  );
  t.is(taskDnsName({ id: "x9", serviceAnnotations: { name: "web" }, nodeId: "n7" }), "web.n7.x9");
});

test("the network view feed sends a complete view, then only changed networks, and drops served-no-more ones", async (t) => {
  const store = await cluster();
  const feed = new NetworkViewFeed(store);
  const got: Record<string, swarm.v1.INetworkViewUpdate[]> = { n1: [], n4: [] };
  const subscriptions = ["n1", "n4"].map((id) => feed.subscribe(id, (u) => got[id]!.push(u)));
  t.teardown(() => subscriptions.forEach((s) => s.unsubscribe()));
  t.is(got.n1!.length, 1);
  t.true(got.n1![0]!.complete);
  t.is(got.n1![0]!.dataPathPort, 4789);
  t.deepEqual(
    got.n1![0]!.networks?.map((n) => n.networkId),
    ["back"],
  );
  t.deepEqual(got.n4![0]!.networks, [], "n4 runs nothing on the network");
  // t2 fails: n1's view loses it as a peer and a backend.
  await store.update((tx) => {
    const t2 = tx.get("task", "t2")!;
    tx.update("task", { ...t2, status: { state: S.TASK_STATE_FAILED } });
  });
  const update = got.n1!.at(-1)!;
  t.false(update.complete);
  t.false(update.networks?.[0]?.peers?.some((p) => p.taskId === "t2"));
  t.false(update.networks?.[0]?.services?.[0]?.backends?.some((b) => b.taskId === "t2"));
  // A write that changes nothing a node programs (the allocator's cursor) sends nothing.
  const sent = got.n1!.length;
  await store.update((tx) => {
    const n = tx.get("network", "back")!;
    tx.update("network", { ...n, lastAllocated: "10.1.0.28" });
  });
  t.is(got.n1!.length, sent);
  // A task placed on n4 brings the network into its view; n1 hears of the new peer.
  await store.update((tx) => tx.create("task", task("t9", "s1", "n4", "10.1.0.29", S.TASK_STATE_ASSIGNED)));
  t.deepEqual(
    got.n4!.at(-1)!.networks?.map((n) => [n.networkId, n.selfAddr ?? ""]),
    [["back", ""]],
    "served before the allocator gave the node its own address",
  );
  t.true(got.n1!.at(-1)!.networks?.[0]?.peers?.some((p) => p.taskId === "t9" && p.vtep === "127.0.0.6"));
  // The task goes: n4 serves the network no more.
  await store.update((tx) => tx.remove("task", "t9"));
  t.deepEqual(got.n4!.at(-1)!.removedNetworkIds, ["back"]);
  // A node's own data-path port reaches it.
  await store.update((tx) => {
    const n1 = tx.get("node", "n1")!;
    tx.update("node", { ...n1, description: { dataPathPort: 14800 } });
  });
  t.is(got.n1!.at(-1)!.dataPathPort, 14800);
  // A stream that fell behind catches up with the complete view.
  subscriptions[0]!.resend();
  t.true(got.n1!.at(-1)!.complete);
  t.deepEqual(
    got.n1!.at(-1)!.networks?.map((n) => n.networkId),
    ["back"],
  );
});

test("the network view feed drops a removed network from every node's view", async (t) => {
  const store = await cluster();
  const feed = new NetworkViewFeed(store);
  const got: swarm.v1.INetworkViewUpdate[] = [];
  t.teardown(feed.subscribe("n1", (u) => got.push(u)).unsubscribe);
  await store.update((tx) => {
    for (const x of tx.all("task")) tx.remove("task", x.id ?? "");
    for (const s of tx.all("service")) tx.remove("service", s.id ?? "");
    for (const n of tx.all("node")) tx.update("node", { ...n, attachments: [] });
    tx.remove("network", "back");
  });
  t.deepEqual(got.at(-1)!.removedNetworkIds, ["back"]);
});
