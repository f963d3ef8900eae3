// Goal: overlay networks on real swarmd processes (a manager and two workers, process executor, on
// a claimed loopback block), plus one node joined in this process so its agent's network view can
// be read: `swarmd init`'s pool and data-path flags reach the cluster, a network gets its subnet
// and VXLAN id, a global service attached to it gets a VIP, its tasks and the nodes get distinct
// addresses, every node's view lists the others' addresses at their node's address and port, and
// a task stopped on one node leaves the other nodes' views (and its node's own address goes too).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { leaveCluster, SwarmNode } from "../../node/index.js";
import { ControlClient, swarm } from "../../proto/index.js";
import { callControl } from "../bench/control-call.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";

const S = swarm.v1.TaskState;
/** The cluster's pool: a range that lives only inside this test's view of the world (RFC 2544). */
const pool = "198.19.0.0/16";
/** Data-path port of the cluster (the manager's node), then each joining node's own. */
const portOf = (index: number): number => 24789 + index;

test("a network, a service on it and the nodes' network views on real swarmd processes", async (t) => {
  t.timeout(300_000);
  const block = await claimLoopbackBlock("network-e2e");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-network-e2e-"));
  let cluster: LocalCluster | null = null;
  let joined: SwarmNode | null = null;
  let client: ControlClient | null = null;
  const joinedDir = join(baseDir, "in-process");
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      ipPrefix: block.prefix,
      firstIp: 2,
      startArgs: (node, verb) =>
        verb === "init"
          ? [
              "--default-addr-pool",
              pool,
              "--default-addr-pool-mask-length",
              "24",
              "--data-path-port",
              String(portOf(0)),
            ]
          : ["--data-path-port", String(portOf(Number(node.name.split("-")[1])))],
    });
    client = new ControlClient(cluster.controlTarget, grpc.credentials.createInsecure());
    const control = <Res>(method: string, request: unknown): Promise<Res> => callControl<Res>(client!, method, request);
    const tokens = await cluster.joinTokens();
    joined = await SwarmNode.join({
      stateDir: joinedDir,
      listenAddr: `${block.addr(9)}:4242`,
      executor: "process",
      token: tokens.worker,
      remoteAddr: cluster.nodes[0]!.addr,
      mesh: null,
      dataPathPort: portOf(9),
      statusFlushMs: 50,
    });
    const self = joined;
    await cluster.waitReady(4);

    const { clusters } = await control<swarm.v1.ListClustersResponse>("listClusters", {});
    t.like(clusters[0]?.spec?.network, { defaultAddrPools: [pool], subnetSize: 24, dataPathPort: portOf(0) });
    const { network } = await control<swarm.v1.CreateNetworkResponse>("createNetwork", {
      spec: { annotations: { name: "backend" } },
    });
    t.is(network.ipam[0]?.subnet, "198.19.0.0/24");
    t.is(network.vni, 4096);

    const { service } = await control<swarm.v1.CreateServiceResponse>("createService", {
      spec: {
        annotations: { name: "web" },
        task: {
          container: { image: "process://sleep", args: ["600"] },
          networks: [{ target: "backend", aliases: ["www"] }],
        },
        global: {},
      },
    });
    const tasksOf = async (): Promise<swarm.v1.Task[]> =>
      (await control<swarm.v1.ListTasksResponse>("listTasks", { filters: { serviceIds: [service.id] } })).tasks;
    const running = await until(
      "a running task of web on each of the 4 nodes",
      async () => {
        const live = (await tasksOf()).filter((x) => x.status?.state === S.TASK_STATE_RUNNING);
        return live.length === 4 ? live : undefined;
      },
      120_000,
    );
    const vip = await until("web's VIP", async () => {
      const { service: s } = await control<swarm.v1.GetServiceResponse>("getService", { serviceId: "web" });
      return s.endpoint?.virtualIps?.[0]?.addr || undefined;
    });
    const nodes = await until("every node's own address on backend", async () => {
      const list = (await control<swarm.v1.ListNodesResponse>("listNodes", {})).nodes;
      return list.every((n) => n.attachments?.[0]?.networkId === network.id) ? list : undefined;
    });
    const taskAddrs = running.map((x) => x.networks[0]?.addresses?.[0] ?? "");
    const nodeAddrs = nodes.map((n) => n.attachments[0]?.addresses?.[0] ?? "");
    const all = [vip, ...taskAddrs, ...nodeAddrs];
    t.true(
      all.every((a) => /^198\.19\.0\.\d+\/24$/.test(a)),
      all.join(" "),
    );
    t.is(new Set(all).size, 9, "the VIP, 4 task and 4 node addresses are distinct");
    t.deepEqual(
      nodes.map((n) => n.description?.dataPathPort ?? 0).sort(),
      [0, portOf(1), portOf(2), portOf(9)],
      "the joined nodes report their own data-path port; the first follows the cluster's",
    );

    // The in-process node's view: its own address, the other three nodes' addresses and tasks as
    // peers at their node's address and port, the service with its VIP, alias and four backends.
    const plain = (cidr: string): string => cidr.split("/")[0]!;
    const viewOf = () => self.agent.networkView().networks.find((n) => n.networkId === network.id);
    const view = await until("the joined node's view of backend with every backend", () =>
      Promise.resolve(
        (viewOf()?.services?.[0]?.backends?.length ?? 0) === 4 && viewOf()?.selfAddr ? viewOf() : undefined,
      ),
    );
    const selfNode = nodes.find((n) => n.id === self.nodeId)!;
    t.is(view.selfAddr, plain(selfNode.attachments[0]!.addresses[0]!));
    t.is(view.vni, 4096);
    t.is(view.mtu, 1450);
    t.is(self.agent.networkView().dataPathPort, portOf(9));
    const others = cluster.nodes;
    const expectedPeers = running
      .filter((x) => x.nodeId !== self.nodeId)
      .map((x) => [plain(x.networks[0]!.addresses[0]!), x.id])
      .concat(nodes.filter((n) => n.id !== self.nodeId).map((n) => [plain(n.attachments[0]!.addresses[0]!), ""]))
      .sort();
    t.deepEqual((view.peers ?? []).map((p) => [p.addr ?? "", p.taskId ?? ""]).sort(), expectedPeers);
    for (const p of view.peers ?? []) {
      const host = others.find((n) => n.ip === p.vtep);
      t.truthy(host, `peer ${p.addr} at ${p.vtep ?? ""} is at a node's address`);
      t.is(p.port, host?.name === "manager-1" ? portOf(0) : portOf(Number(host?.name.split("-")[1])));
    }
    const web = view.services?.[0];
    t.like(web, { name: "web", vip: plain(vip), aliases: ["www"] });
    t.is(view.tasks?.length, 4);
    t.true(view.tasks?.every((x) => x.name === `web.${x.nodeId ?? ""}.${x.taskId ?? ""}`));

    // Drain worker-1: its task stops and leaves the other nodes' views, and so does its node's address.
    const w1 = nodes.find((n) => n.status?.addr === others[1]!.ip)!;
    const gone = running.find((x) => x.nodeId === w1.id)!;
    await control("updateNode", {
      nodeId: w1.id,
      nodeVersion: w1.meta?.version,
      spec: { ...w1.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
    });
    const after = await until(
      "worker-1's task and address out of the joined node's view",
      () => {
        const v = viewOf();
        const addrs = (v?.peers ?? []).map((p) => p.addr);
        return Promise.resolve(
          v &&
            !addrs.includes(plain(gone.networks[0]!.addresses[0]!)) &&
            !(v.peers ?? []).some((p) => p.nodeId === w1.id)
            ? v
            : undefined,
        );
      },
      60_000,
    );
    t.false(after.services?.[0]?.backends?.some((b) => b.taskId === gone.id));
    t.false(after.tasks?.some((x) => x.taskId === gone.id));
    t.is(after.peers?.length, 4, "two nodes' addresses and their two tasks remain");
  } finally {
    client?.close();
    if (joined) {
      await joined.stop();
      await leaveCluster(joinedDir, { force: true }).catch(() => []);
    }
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
});
