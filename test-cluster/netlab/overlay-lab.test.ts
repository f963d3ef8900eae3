// The overlay data path on real kernels: three lab nodes (network namespaces on a 198.18.0.0/24
// underlay), each running a NetworkAgent fed a hand-written view, tasks in namespaces the agents
// plumb, and probes inside them. Needs root; CI runs as root, and there a missing root fails.
import test from "ava";
import { createInterface } from "node:readline";
import type { ExecutionContext } from "ava";
import { enterTask, probe, probeScript, pushViews, sendDontFragment, serve, viewFor } from "./lab-kit.js";
import type { HttpCounts, LabNetwork, LabTask } from "./lab-kit.js";
import { LabNode } from "./lab-node.js";
import { canBuildNetlab, labExec, Netlab } from "./netlab.js";

const root = canBuildNetlab();
let lab: Netlab | undefined;
const nodes: LabNode[] = [];

/** Whether the lab can run here; outside CI a non-root run says why and checks nothing. */
function needsRoot(t: ExecutionContext): boolean {
  if (root) return true;
  if (process.env.CI !== undefined) t.fail("the network lab needs root, and CI runs as root");
  else t.log("the network lab needs root: not run");
  t.pass();
  return false;
}

test.before(async () => {
  if (!root) return;
  lab = await Netlab.create(3);
  for (let i = 0; i < 3; i++) nodes.push(await LabNode.start(lab, i));
});

test.after.always(async () => {
  await lab?.destroy();
});

test.afterEach.always((t) => {
  if (!t.passed) for (const n of nodes) t.log(`node ${n.index}:\n${n.log.slice(-30).join("\n")}`);
});

/** A network for one test: subnet 198.19.<k>.0/24 with node addresses .250–.252. */
function network(k: number, tasks: LabTask[], services: LabNetwork["services"] = []): LabNetwork {
  return {
    id: `labnet${String(k).padStart(4, "0")}0000000000000`,
    name: `net${k}`,
    subnet: `198.19.${k}.0/24`,
    vni: 5000 + k,
    self: [`198.19.${k}.250`, `198.19.${k}.251`, `198.19.${k}.252`],
    services,
    tasks,
  };
}

function task(k: number, host: number, node: number, service = "svc"): LabTask {
  return {
    taskId: `t${k}x${host}`,
    name: `${service}.${host}.t${k}x${host}`,
    addr: `198.19.${k}.${host}`,
    node,
    serviceId: service,
  };
}

/** Plumbs every task of `net` on its node; returns task id → namespace. */
async function enterAll(net: LabNetwork): Promise<Map<string, string>> {
  const netns = new Map<string, string>();
  for (const t of net.tasks) netns.set(t.taskId, await enterTask(nodes[t.node]!, net, t));
  return netns;
}

async function releaseAll(net: LabNetwork): Promise<void> {
  for (const t of net.tasks) await nodes[t.node]!.call("release", { taskId: t.taskId }).catch(() => undefined);
}

test.serial(
  "tasks on different nodes reach each other across VXLAN, and a peer the view drops is cut off",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const net = network(1, [task(1, 2, 0, "a"), task(1, 3, 1, "b")]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      await serve(l, ns.get("t1x3")!, "serve-http", 80, "b");
      const direct = await probe<HttpCounts>(l, ns.get("t1x2")!, ["http-count", "http://198.19.1.3/", "5"]);
      t.deepEqual(direct.counts, { b: 5 });
      // No SNAT anywhere: the server sees the client task's own address.
      t.deepEqual(direct.clients, ["198.19.1.2"]);
      await l.exec(ns.get("t1x3")!, "busybox", ["ping", "-c", "1", "-W", "2", "198.19.1.250"]);
      // b's task goes: node 0 must forget it (no neighbour, no FDB entry), and traffic to it stops.
      await pushViews(nodes, [{ ...net, tasks: net.tasks.filter((x) => x.taskId !== "t1x3") }]);
      const fdb = await l.exec(l.nodeNetns(0), "bridge", ["fdb", "show", "dev", `vx-${net.id.slice(0, 10)}`]);
      // (The bridge may still remember the MAC it learned on the VXLAN port; without the port's own entry it leads nowhere.)
      t.false(fdb.split("\n").some((line) => line.includes("02:42:c6:13:01:03") && line.includes(" self")));
      const neigh = await l.exec(l.nodeNetns(0), "ip", ["neigh", "show", "dev", `vx-${net.id.slice(0, 10)}`]);
      t.false(neigh.includes("198.19.1.3 "));
      await l.exec(ns.get("t1x2")!, "ip", ["neigh", "flush", "all"]);
      const cut = await probe<HttpCounts>(l, ns.get("t1x2")!, ["http-count", "http://198.19.1.3/", "1"]);
      t.deepEqual(cut.counts, {});
      t.is(cut.errors.length, 1);
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "a VIP spreads 60 connections over backends on every node, keeps the client's address and refuses at once without backends",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const tasks = [task(2, 2, 0, "client"), task(2, 10, 0, "web"), task(2, 11, 1, "web"), task(2, 12, 2, "web")];
    const services = [
      { id: "web", name: "web", mode: "vip" as const, vip: "198.19.2.100", backends: ["t2x10", "t2x11", "t2x12"] },
      { id: "idle", name: "idle", mode: "vip" as const, vip: "198.19.2.101", backends: [] },
    ];
    const net = network(2, tasks, services);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      for (const b of ["t2x10", "t2x11", "t2x12"]) await serve(l, ns.get(b)!, "serve-http", 80, b);
      const spread = await probe<HttpCounts>(l, ns.get("t2x2")!, ["http-count", "http://198.19.2.100/", "60"]);
      t.deepEqual(spread.errors, []);
      t.deepEqual(Object.keys(spread.counts).sort(), ["t2x10", "t2x11", "t2x12"]);
      for (const [backend, n] of Object.entries(spread.counts)) t.true(n > 6, `${backend} got ${n} of 60`);
      t.deepEqual(spread.clients, ["198.19.2.2"]);
      // From another node's task too (the DNAT happens on the client's node).
      const fromNode1 = await probe<HttpCounts>(l, ns.get("t2x11")!, ["http-count", "http://198.19.2.100/", "12"]);
      t.deepEqual(fromNode1.errors, []);
      const started = performance.now();
      const refused = await probe<HttpCounts>(l, ns.get("t2x2")!, ["http-count", "http://198.19.2.101/", "1"]);
      t.deepEqual(refused.errors, ["ECONNREFUSED"]);
      t.true(performance.now() - started < 2000);
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "a task reaches its own service's VIP when the connection is balanced back to itself (hairpin)",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const tasks = [task(3, 10, 0, "web"), task(3, 11, 1, "web")];
    const net = network(3, tasks, [
      { id: "web", name: "web", mode: "vip", vip: "198.19.3.100", backends: ["t3x10", "t3x11"] },
    ]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      for (const b of ["t3x10", "t3x11"]) await serve(l, ns.get(b)!, "serve-http", 80, b);
      const result = await probe<HttpCounts>(l, ns.get("t3x10")!, ["http-count", "http://198.19.3.100/", "30"]);
      t.deepEqual(result.errors, []);
      t.true((result.counts.t3x10 ?? 0) > 0, "some connections came back to the caller itself");
      t.true((result.counts.t3x11 ?? 0) > 0);
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "the overlay MTU is the underlay's minus 50: a 1422-byte don't-fragment datagram crosses, 1423 bytes do not",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const net = network(4, [task(4, 2, 0, "a"), task(4, 3, 1, "b")]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      await serve(l, ns.get("t4x3")!, "serve-udp", 9000, "b");
      t.is(await sendDontFragment(l, ns.get("t4x2")!, "198.19.4.3", 9000, 1422), "echo b 1422");
      t.is(await sendDontFragment(l, ns.get("t4x2")!, "198.19.4.3", 9000, 1423), "error 90");
      const stats = await nodes[0]!.stats();
      t.is(stats.networks[0]?.mtu, 1450);
      const mtu = await l.exec(ns.get("t4x2")!, "cat", ["/sys/class/net/eth0/mtu"]);
      t.is(mtu.trim(), "1450");
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "scale-down drops no connection to surviving backends and clears UDP flows of the removed one",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const tasks = [task(5, 2, 0, "client"), task(5, 10, 1, "web"), task(5, 11, 2, "web")];
    const all = { id: "web", name: "web", mode: "vip" as const, vip: "198.19.5.100", backends: ["t5x10", "t5x11"] };
    const net = network(5, tasks, [all]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      for (const b of ["t5x10", "t5x11"]) {
        await serve(l, ns.get(b)!, "serve-http", 80, b);
        await serve(l, ns.get(b)!, "serve-udp", 9000, b);
      }
      // A UDP flow from a fixed port, pinned by conntrack to one backend.
      const before = await probe<string[]>(l, ns.get("t5x2")!, ["udp-ask", "198.19.5.100", "9000", "3", "40000"]);
      const pinned = before[0]!.split(" ")[0]!;
      t.true(before.every((a) => a.startsWith(pinned)));
      const survivor = pinned === "t5x10" ? "t5x11" : "t5x10";
      // A keep-alive connection open across the change, and new connections all through it.
      const keep = l.spawn(
        ns.get("t5x2")!,
        process.execPath,
        [probeScript, "http-keep", "http://198.19.5.100/", "8", "250"],
        {
          viaNetnsExec: true,
        },
      );
      const answers: string[] = [];
      const kept = new Promise((resolve) => keep.once("exit", resolve));
      await new Promise<void>((resolve) =>
        createInterface({ input: keep.stdout! }).on("line", (line) => {
          answers.push((JSON.parse(line) as { answer: string }).answer);
          resolve();
        }),
      );
      const loop = probe<HttpCounts>(l, ns.get("t5x2")!, ["http-count", "http://198.19.5.100/", "60"]);
      await pushViews(nodes, [{ ...net, services: [{ ...all, draining: [pinned] }] }]);
      const during = await loop;
      await kept;
      t.deepEqual(during.errors, []);
      t.is(answers.length, 8);
      t.is(new Set(answers).size, 1, `one connection, one backend: ${answers.join(",")}`);
      t.false(answers.some((a) => a.startsWith("error")));
      const after = await probe<HttpCounts>(l, ns.get("t5x2")!, ["http-count", "http://198.19.5.100/", "20"]);
      t.deepEqual(after.counts, { [survivor]: 20 });
      // The same UDP source port now reaches the survivor: the pinned flow was cleared.
      const moved = await probe<string[]>(l, ns.get("t5x2")!, ["udp-ask", "198.19.5.100", "9000", "3", "40000"]);
      t.true(
        moved.every((a) => a.startsWith(survivor)),
        moved.join(","),
      );
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "names resolve inside a task's namespace: VIPs, tasks.<service>, dnsrr and task names, on every node",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const tasks = [
      task(6, 2, 0, "client"),
      task(6, 10, 1, "web"),
      task(6, 11, 2, "web"),
      task(6, 20, 1, "db"),
      task(6, 21, 2, "db"),
    ];
    const net = network(6, tasks, [
      { id: "web", name: "web", aliases: ["www"], mode: "vip", vip: "198.19.6.100", backends: ["t6x10", "t6x11"] },
      { id: "db", name: "db", mode: "dnsrr", backends: ["t6x20", "t6x21"] },
    ]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    try {
      const client = ns.get("t6x2")!;
      const resolv = await l.exec(client, "cat", ["/etc/resolv.conf"]);
      t.true(resolv.includes("nameserver 198.19.6.250"));
      t.true(resolv.includes("options ndots:0"));
      t.is((await l.exec(client, "getent", ["hosts", "web"])).split(/\s+/)[0], "198.19.6.100");
      t.is((await l.exec(client, "getent", ["hosts", "www"])).split(/\s+/)[0], "198.19.6.100");
      const tasksWeb = await probe<{ lookup: string[]; resolve4: string[] }>(l, client, ["lookup", "tasks.web"]);
      t.deepEqual([...tasksWeb.resolve4].sort(), ["198.19.6.10", "198.19.6.11"]);
      const db = await probe<{ lookup: string[]; resolve4: string[] }>(l, client, ["lookup", "db"]);
      t.deepEqual([...db.lookup].sort(), ["198.19.6.20", "198.19.6.21"]);
      t.is((await l.exec(client, "getent", ["hosts", "db.20.t6x20"])).split(/\s+/)[0], "198.19.6.20");
      const missing = await probe<{ lookup: string; resolve4: string }>(l, client, ["lookup", "nosuchservice"]);
      t.is(missing.resolve4, "error:ENOTFOUND");
      // A task on another node asks its own node's server, which knows the same names.
      const other = await probe<{ resolve4: string[] }>(l, ns.get("t6x11")!, ["lookup", "web"]);
      t.deepEqual(other.resolve4, ["198.19.6.100"]);
      // The name reaches the service through the VIP.
      await serve(l, ns.get("t6x10")!, "serve-http", 80, "t6x10");
      await serve(l, ns.get("t6x11")!, "serve-http", 80, "t6x11");
      const byName = await probe<HttpCounts>(l, client, ["http-count", "http://web/", "6"]);
      t.deepEqual(byName.errors, []);
    } finally {
      await releaseAll(net);
    }
  },
);

test.serial(
  "a restarted agent converges the kernel to its view and removes the stale entries a crash left",
  async (t) => {
    if (!needsRoot(t)) return;
    const l = lab!;
    const tasks = [task(7, 2, 0, "a"), task(7, 3, 1, "b"), task(7, 4, 2, "c")];
    const net = network(7, tasks, [
      { id: "web", name: "web", mode: "vip", vip: "198.19.7.100", backends: ["t7x3", "t7x4"] },
    ]);
    await pushViews(nodes, [net]);
    const ns = await enterAll(net);
    const vx = `vx-${net.id.slice(0, 10)}`;
    try {
      await nodes[0]!.kill();
      // While no agent runs: the world changes (c is gone) and someone leaves junk behind.
      const node0 = l.nodeNetns(0);
      await labExec("ip", [
        "-n",
        node0,
        "neigh",
        "replace",
        "198.19.7.77",
        "lladdr",
        "02:42:c6:13:07:4d",
        "dev",
        vx,
        "nud",
        "permanent",
      ]);
      await labExec("bridge", [
        "-n",
        node0,
        "fdb",
        "replace",
        "02:42:c6:13:07:4d",
        "dev",
        vx,
        "dst",
        "198.18.0.9",
        "self",
        "permanent",
      ]);
      await labExec("ip", ["-n", node0, "addr", "add", "198.19.7.177/32", "dev", `sw-${net.id.slice(0, 10)}`]);
      await labExec("ip", [
        "-n",
        node0,
        "link",
        "add",
        "name",
        "vx-stale00000",
        "type",
        "vxlan",
        "id",
        "9999",
        "dstport",
        "14789",
        "local",
        "198.18.0.1",
        "nolearning",
      ]);
      nodes[0] = await LabNode.start(l, 0);
      const shrunk = {
        ...net,
        tasks: tasks.filter((x) => x.taskId !== "t7x4"),
        services: [{ ...net.services[0]!, backends: ["t7x3"] }],
      };
      await nodes[0].update(
        viewFor(
          0,
          [shrunk],
          nodes.map((n) => ({ vtep: n.underlayAddr, port: 14789 })),
        ),
      );
      const fdb = (await l.exec(node0, "bridge", ["fdb", "show", "dev", vx]))
        .split("\n")
        .filter((line) => line.includes(" self"))
        .join("\n");
      t.false(fdb.includes("02:42:c6:13:07:4d"), "junk FDB entry removed");
      t.false(fdb.includes("02:42:c6:13:07:04"), "the departed task's FDB entry removed");
      t.true(fdb.includes("02:42:c6:13:07:03 dst 198.18.0.2"));
      const neigh = await l.exec(node0, "ip", ["neigh", "show", "dev", vx]);
      t.false(neigh.includes("198.19.7.77"));
      t.false(neigh.includes("198.19.7.4 "));
      const addrs = await l.exec(node0, "ip", ["-4", "addr", "show"]);
      t.false(addrs.includes("198.19.7.177"));
      t.true(addrs.includes("198.19.7.100/32"));
      const links = await l.exec(node0, "ip", ["link", "show"]);
      t.false(links.includes("vx-stale00000"));
      const nat = await l.exec(node0, "iptables-save", ["-t", "nat"]);
      t.false(nat.includes("198.19.7.4"), "the departed backend is out of the VIP");
      t.true(nat.includes("--to-destination 198.19.7.3"));
      // And the data path works through the new agent's state.
      await serve(l, ns.get("t7x3")!, "serve-http", 80, "b");
      const viaVip = await probe<HttpCounts>(l, ns.get("t7x2")!, ["http-count", "http://198.19.7.100/", "5"]);
      t.deepEqual(viaVip.counts, { b: 5 });
    } finally {
      await releaseAll(net);
    }
  },
);
