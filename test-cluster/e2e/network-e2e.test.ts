// Goal: overlay networks end to end on real swarmd processes (a manager and two workers, process
// executor, each in a network namespace of its own on the cluster's own underlay, published ports
// relayed to a claimed loopback block on the host): `swarmd
// init`'s pool reaches the cluster, a network gets its subnet and VXLAN id, a service on it gets a
// VIP and its tasks and the nodes distinct addresses; from inside a task's namespace the service's
// name and alias resolve to the VIP through the node's DNS server, `tasks.<service>` to every task,
// and connections to the VIP reach the tasks on every node across VXLAN; health checks run inside
// the task's namespace; the published port
// answers through the routing mesh on every node; and a task drained off a node leaves DNS and the
// VIP on the other nodes.
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import {
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  swarm,
} from "../../proto/index.js";
import { callControl } from "../bench/control-call.js";
import { canMakeClusterNet, runCommand } from "../cluster/cluster-netns.js";
import { type ClusterNode, LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { probeScript } from "../netlab/lab-kit.js";

const S = swarm.v1.TaskState;
/** The cluster's pool: a range that lives only inside this test's namespaces (RFC 2544). */
const pool = "198.19.0.0/16";
/** The cluster's VXLAN port (Docker's): every node has the same, each on its own machine. */
const dataPathPort = 4789;
/** The web service's published port, answered by the routing mesh on every node. */
const publishedPort = 18080;

/** Counts of a probe's `http-count`. */
interface HttpCounts {
  readonly counts: Record<string, number>;
  readonly errors: readonly string[];
}

/** Answers of a probe's `lookup`. */
interface Lookup {
  readonly lookup: readonly string[] | string;
  readonly resolve4: readonly string[] | string;
}

/** One GET on a connection of its own: the body, or null. */
function getOnce(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 3_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(res.statusCode === 200 ? body : null));
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

test("services on an overlay network reach each other by name and VIP across real swarmd nodes", async (t) => {
  if (!canMakeClusterNet()) {
    t.fail("overlay networks need root: run the suite as root, as CI does");
    return;
  }
  t.timeout(300_000);
  const block = await claimLoopbackBlock("network-e2e");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-network-e2e-"));
  let cluster: LocalCluster | null = null;
  let client: ControlClient | null = null;
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      block,
      overlay: { relayPorts: [publishedPort] },
      startArgs: (_node, verb) =>
        verb === "init" ? ["--default-addr-pool", pool, "--default-addr-pool-mask-length", "24"] : [],
    });
    const c = cluster;
    client = new ControlClient(c.controlTarget, grpc.credentials.createInsecure());
    const control = <M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> =>
      callControl(client!, method, request);

    const { clusters } = await control("listClusters", {});
    t.like(clusters[0]?.spec?.network, {
      defaultAddrPools: [pool],
      subnetSize: 24,
      dataPathPort,
    });
    const { network } = await control("createNetwork", {
      spec: { annotations: { name: "backend" } },
    });
    t.is(network.ipam[0]?.subnet, "198.19.0.0/24");
    t.is(network.vni, 4096);

    const { service } = await control("createService", {
      spec: {
        annotations: { name: "web" },
        task: {
          container: {
            image: `process://${process.execPath}`,
            args: [probeScript, "serve-http", "80", "$PROBE_NAME"],
            env: ["PROBE_NAME={{.Task.Name}}"],
            // Passes only inside the task's namespace: nothing listens on the node's 127.0.0.1:80.
            healthcheck: {
              test: [
                "CMD",
                process.execPath,
                "-e",
                "fetch('http://127.0.0.1:80/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
              ],
              intervalNs: 1_000_000_000,
              timeoutNs: 10_000_000_000,
              retries: 5,
            },
          },
          networks: [{ target: "backend", aliases: ["www"] }],
        },
        replicated: { replicas: 3 },
        endpoint: { ports: [{ protocol: 0, targetPort: 80, publishedPort }] },
      },
    });
    const tasksOf = async (): Promise<swarm.v1.Task[]> =>
      (await control("listTasks", { filters: { serviceIds: [service.id] } })).tasks;
    const liveTasks = async (): Promise<swarm.v1.Task[]> =>
      (await tasksOf()).filter(
        (x) => x.status?.state === S.TASK_STATE_RUNNING && x.desiredState <= S.TASK_STATE_RUNNING,
      );
    const running = await until(
      "three running tasks of web, one on each node",
      async () => {
        const live = await liveTasks();
        return live.length === 3 && new Set(live.map((x) => x.nodeId)).size === 3 ? live : undefined;
      },
      120_000,
    );
    const vip = await until("web's VIP", async () => {
      const { service: s } = await control("getService", { serviceId: "web" });
      return s.endpoint?.virtualIps?.[0]?.addr || undefined;
    });
    const nodes = await until("every node's own address on backend", async () => {
      const list = (await control("listNodes", {})).nodes;
      return list.every((n) => n.attachments?.[0]?.networkId === network.id) ? list : undefined;
    });
    const taskAddrs = running.map((x) => x.networks[0]?.addresses?.[0] ?? "");
    const nodeAddrs = nodes.map((n) => n.attachments[0]?.addresses?.[0] ?? "");
    const all = [vip, ...taskAddrs, ...nodeAddrs];
    t.true(
      all.every((a) => /^198\.19\.0\.\d+\/24$/.test(a)),
      all.join(" "),
    );
    t.is(new Set(all).size, 7, "the VIP, 3 task and 3 node addresses are distinct");
    t.deepEqual(
      nodes.map((n) => n.description?.dataPathPort ?? 0).sort(),
      [0, 0, 0],
      "every node follows the cluster's data-path port",
    );
    t.true(nodes.every((n) => n.description?.networkCapabilities?.overlay === true));

    // From inside the task on the manager's node: names, the VIP and every task across VXLAN.
    const plain = (cidr: string): string => cidr.split("/")[0]!;
    const nodeOf = (task: swarm.v1.Task): ClusterNode => {
      const addr = nodes.find((n) => n.id === task.nodeId)?.status?.addr;
      return c.nodes.find((n) => n.underlayIp === addr)!;
    };
    const from = running.find((x) => nodeOf(x).name === "manager-1")!;
    const probe = async <T>(args: readonly string[]): Promise<T> => {
      const netns = c.taskNetns(from.id);
      const out = await runCommand("ip", ["netns", "exec", netns, process.execPath, probeScript, ...args], 60_000);
      return JSON.parse(out.trim().split("\n").pop() ?? "null") as T;
    };
    const names = await until("web and its alias resolving to the VIP inside a task", async () => {
      const [web, www] = await Promise.all([probe<Lookup>(["lookup", "web"]), probe<Lookup>(["lookup", "www"])]);
      return JSON.stringify(web.resolve4) === JSON.stringify([plain(vip)]) &&
        JSON.stringify(www.resolve4) === JSON.stringify([plain(vip)])
        ? web
        : undefined;
    });
    t.deepEqual(names.lookup, [plain(vip)]);
    const tasksLookup = await probe<Lookup>(["lookup", "tasks.web"]);
    t.deepEqual([...tasksLookup.resolve4].sort(), taskAddrs.map(plain).sort());
    const taskNames = running.map((x) => `web.${x.slot}.${x.id}`).sort();
    let lastCounts: HttpCounts | undefined;
    const balanced = await until("connections to web's VIP reaching the tasks on all three nodes", async () => {
      const r = await probe<HttpCounts>(["http-count", "http://web/", "15"]);
      lastCounts = r;
      return r.errors.length === 0 && Object.keys(r.counts).sort().join() === taskNames.join() ? r : undefined;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}; tasks ${taskNames.join(" ")}; last answers ${JSON.stringify(lastCounts)}`);
    });
    t.is(
      Object.values(balanced.counts).reduce((a, b) => a + b, 0),
      15,
    );

    // The published port through the routing mesh, on every node's address (the relay's on the host).
    for (const node of c.nodes) {
      const body = await until(`web's published port on ${node.name}`, () =>
        getOnce(`http://${node.ip}:${publishedPort}/`).then((b) => b ?? undefined),
      );
      t.true(taskNames.includes(body.split(" ")[0] ?? ""), body);
    }

    // Drain worker-1: its task goes, and with it its address from DNS and the VIP elsewhere.
    const w1 = nodes.find((n) => n.status?.addr === c.nodes[1]!.underlayIp)!;
    const gone = running.find((x) => x.nodeId === w1.id)!;
    await control("updateNode", {
      nodeId: w1.id,
      nodeVersion: w1.meta?.version,
      spec: { ...w1.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
    });
    const goneName = `web.${gone.slot}.${gone.id}`;
    await until(
      "worker-1's task out of tasks.web and the VIP on the manager's node",
      async () => {
        const [lookup, counts] = await Promise.all([
          probe<Lookup>(["lookup", "tasks.web"]),
          probe<HttpCounts>(["http-count", "http://web/", "12"]),
        ]);
        const addrs = Array.isArray(lookup.resolve4) ? lookup.resolve4 : [];
        return !addrs.includes(plain(gone.networks[0]!.addresses[0]!)) &&
          addrs.length >= 2 &&
          counts.errors.length === 0 &&
          !(goneName in counts.counts)
          ? true
          : undefined;
      },
      90_000,
    );
    t.pass();
  } finally {
    client?.close();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
});
