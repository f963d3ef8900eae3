// Goal: encrypted overlay networks end to end on real swarmd processes (a manager and two workers,
// process executor, each in a network namespace of its own on the cluster's own underlay): nodes
// with wireguard-go report their WireGuard public key, the one started with a wireguard-go that
// does not exist reports why it cannot encrypt; a service on a `--opt encrypted` network reaches its
// tasks on both encrypting nodes by name through the VIP, at the network's reduced MTU; on the
// underlay nothing of it travels in clear (no VXLAN to either data-path port, no frame holding the
// answers' text, WireGuard datagrams instead); and a task that may only run on the node that
// cannot encrypt stays pending with a reason that says so.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
import { canMakeClusterNet, clusterSwitchAddr, runCommand } from "../cluster/cluster-netns.js";
import { type ClusterNode, LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { probeScript } from "../netlab/lab-kit.js";

const S = swarm.v1.TaskState;
/** The cluster's pool: a range that lives only inside this test's namespaces (RFC 2544). */
const pool = "198.19.0.0/16";

/** Counts of a probe's `http-count`. */
interface HttpCounts {
  readonly counts: Record<string, number>;
  readonly errors: readonly string[];
}

/** What the underlay capture saw. */
interface Capture {
  readonly frames: number;
  readonly wireguard: number;
  readonly vxlan: number;
  readonly clear: number;
  /** The first bytes of the first few clear frames, in hex, to tell what leaked. */
  readonly clearFrames: readonly string[];
  /** IPv4 frames from or to an address of the overlay's subnet or of the tunnels. */
  readonly overlay: number;
  readonly overlayFrames: readonly string[];
  /** Frames of other interfaces the socket got anyway (none, once it is bound before it receives). */
  readonly elsewhere: number;
}

/**
 * Reads every frame on an interface with a raw socket (tcpdump is not installed) until a stop file
 * appears (at most some seconds): counts frames, UDP datagrams to or from the WireGuard port, UDP
 * to either VXLAN port, frames holding the marker bytes anywhere (an HTTP answer inside clear VXLAN
 * would), and IPv4 packets from or to an address of the given ranges (the overlay's subnet and the
 * tunnel addresses: routed out in clear, they would show so). A ready file says it is bound.
 *
 * The socket is opened for no protocol and bound to the interface with ETH_P_ALL, as libpcap does:
 * a packet socket opened for ETH_P_ALL receives the frames of every interface of the namespace
 * until it is bound, and a capture descheduled between the two calls on a loaded machine counted
 * the tunnel's, the VXLAN device's and the bridge's inner frames (the answers in clear, inside the
 * node) as frames of the underlay. Frames of another interface are still counted apart, never as
 * the underlay's.
 */
const captureScript = `
import ipaddress, json, os, socket, sys, time
dev, marker, seconds, wg, vx1, vx2, stop = sys.argv[1], sys.argv[2].encode(), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
nets = [ipaddress.ip_network(n) for n in sys.argv[8].split(",")]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
s.bind((dev, 3))
s.settimeout(0.2)
open(stop + ".ready", "w").close()
out = {"frames": 0, "wireguard": 0, "vxlan": 0, "clear": 0, "clearFrames": [], "overlay": 0, "overlayFrames": [], "elsewhere": 0}
end = time.time() + seconds
while time.time() < end and not os.path.exists(stop):
    try:
        f, where = s.recvfrom(65535)
    except socket.timeout:
        continue
    if where[0] != dev:
        out["elsewhere"] += 1
        continue
    out["frames"] += 1
    if marker in f:
        out["clear"] += 1
        if len(out["clearFrames"]) < 4:
            out["clearFrames"].append(f[:96].hex())
    if f[12:14] != b"\\x08\\x00":
        continue
    src, dst = ipaddress.ip_address(f[26:30]), ipaddress.ip_address(f[30:34])
    if any(src in n or dst in n for n in nets):
        out["overlay"] += 1
        if len(out["overlayFrames"]) < 4:
            out["overlayFrames"].append(f[:96].hex())
    if f[23] == 17:
        ihl = (f[14] & 15) * 4
        sp = int.from_bytes(f[14 + ihl:16 + ihl], "big")
        dp = int.from_bytes(f[16 + ihl:18 + ihl], "big")
        if wg in (sp, dp):
            out["wireguard"] += 1
        if dp in (vx1, vx2):
            out["vxlan"] += 1
print(json.dumps(out))
`;

/**
 * The first letter of the nodes' network prefixes, picked per run: the nodes' namespaces are their
 * own, but their WireGuard configuration sockets share /var/run/wireguard, named after the interface.
 */
function runPrefix(): string {
  return String.fromCharCode(97 + Math.floor(Math.random() * 26));
}

test("an encrypted overlay network carries tasks' traffic only inside WireGuard, and a node that cannot encrypt gets none of its tasks", async (t) => {
  if (!canMakeClusterNet()) {
    t.fail("overlay networks need root: run the suite as root, as CI does");
    return;
  }
  t.timeout(300_000);
  const block = await claimLoopbackBlock("encrypted-network-e2e");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-encrypted-e2e-"));
  const letter = runPrefix();
  const prefixOf = (name: string): string => `${letter}${name === "manager-1" ? "0" : name.slice(-1)}`;
  let cluster: LocalCluster | null = null;
  let client: ControlClient | null = null;
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      block,
      overlay: {},
      startArgs: (_node, verb) =>
        verb === "init" ? ["--default-addr-pool", pool, "--default-addr-pool-mask-length", "24"] : [],
      nodeArgs: (node: ClusterNode) => [
        "--network-prefix",
        prefixOf(node.name),
        ...(node.name === "worker-2" ? ["--wireguard-go", join(baseDir, "no-such", "wireguard-go")] : []),
      ],
    });
    const c = cluster;
    client = new ControlClient(c.controlTarget, grpc.credentials.createInsecure());
    const control = <M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> =>
      callControl(client!, method, request);

    const nodes = (await control("listNodes", {})).nodes;
    const byName = (name: string): swarm.v1.Node => nodes.find((n) => n.description?.hostname === name)!;
    for (const name of ["manager-1", "worker-1"]) {
      t.true(byName(name).description?.networkCapabilities?.encrypted, `${name} can encrypt`);
      t.regex(byName(name).description?.wireguardPublicKey ?? "", /^[A-Za-z0-9+/]{43}=$/);
    }
    const w2 = byName("worker-2").description;
    t.false(w2?.networkCapabilities?.encrypted);
    t.true(w2?.networkCapabilities?.overlay, "it still serves plain overlay networks");
    t.regex(w2?.networkCapabilities?.encryptedUnavailable ?? "", /^no \/.*\/no-such\/wireguard-go program/);
    t.is(w2?.wireguardPublicKey ?? "", "", "a node that cannot encrypt hands out no key");

    const { network } = await control("createNetwork", {
      spec: { annotations: { name: "secure" }, driverOpts: { encrypted: "" } },
    });
    t.is(network.mtu, 1370, "1500 less VXLAN's 50 and WireGuard's 80");

    const { service } = await control("createService", {
      spec: {
        annotations: { name: "web" },
        task: {
          container: {
            image: `process://${process.execPath}`,
            args: [probeScript, "serve-http", "80", "$PROBE_NAME"],
            env: ["PROBE_NAME={{.Task.Name}}"],
          },
          networks: [{ target: "secure" }],
          placement: { maxReplicas: 1 },
        },
        replicated: { replicas: 2 },
      },
    });
    const running = await until(
      "two running tasks of web, on manager-1 and worker-1",
      async () => {
        const tasks = (await control("listTasks", { filters: { serviceIds: [service.id] } })).tasks;
        const live = tasks.filter((x) => x.status?.state === S.TASK_STATE_RUNNING);
        return live.length === 2 ? live : undefined;
      },
      120_000,
    );
    const nodeIds = new Set(running.map((x) => x.nodeId));
    t.deepEqual([...nodeIds].sort(), [byName("manager-1").id, byName("worker-1").id].sort());
    const withTunnels = await until("both nodes' tunnel addresses", async () => {
      const list = (await control("listNodes", {})).nodes.filter((n) => nodeIds.has(n.id));
      return list.every((n) => /^169\.254\.(1[2-9]\d|2[0-5]\d)\.\d+\/17$/.test(n.tunnelAddr)) ? list : undefined;
    });
    t.not(withTunnels[0]!.tunnelAddr, withTunnels[1]!.tunnelAddr);

    const manager = c.nodes.find((n) => n.name === "manager-1")!;
    const from = running.find((x) => x.nodeId === byName("manager-1").id)!;
    const remote = running.find((x) => x.nodeId === byName("worker-1").id)!;
    const remoteName = `web.${remote.slot}.${remote.id}`;
    const netns = `swarm-${prefixOf("manager-1")}-${from.id}`;
    const probe = async <T>(args: readonly string[]): Promise<T> => {
      const out = await runCommand("ip", ["netns", "exec", netns, process.execPath, probeScript, ...args], 60_000);
      return JSON.parse(out.trim().split("\n").pop() ?? "null") as T;
    };
    const eth0 = await runCommand("ip", ["-n", netns, "-j", "link", "show", "dev", "eth0"]);
    t.is((JSON.parse(eth0) as { mtu: number }[])[0]?.mtu, 1370);
    await until("web's VIP reaching the task on worker-1 through the tunnel", async () => {
      const r = await probe<HttpCounts>(["http-count", "http://web/", "6"]);
      return r.errors.length === 0 && (r.counts[remoteName] ?? 0) > 0 ? r : undefined;
    });

    // Both nodes route everything else by a default route, as real nodes do (to the switch, which
    // forwards nothing): whatever the data path failed to keep inside the tunnel would leave by it.
    const worker1 = c.nodes.find((n) => n.name === "worker-1")!;
    for (const node of [manager, worker1])
      await c.exec(node, ["ip", "route", "replace", "default", "via", clusterSwitchAddr, "dev", "u0"]);
    const subnet = network.ipam?.[0]?.subnet ?? "";
    const bridge = `${prefixOf("manager-1")}sw-${network.id.slice(0, 10)}`;
    const tunnelIf = `${prefixOf("manager-1")}swarm-wg`;
    const tunnelPool = "169.254.128.0/17";

    // The underlay of the manager's node while its task talks to worker-1's through the VIP:
    // WireGuard only, also while the data path breaks under it. On the manager's node the tunnel's
    // route goes (the VXLAN of the tunnel addresses would follow the default route), comes back,
    // then the network's own route goes (the VIP's connections DNATed to worker-1's task would be
    // masqueraded out by the default route), comes back; each time requests fail while it is gone
    // and answers flow again once it is back. Last, worker-1's wireguard-go dies.
    const vip = await until("web's VIP", async () => {
      const { service: s } = await control("getService", { serviceId: service.id });
      return (s.endpoint?.virtualIps?.[0]?.addr ?? "").split("/")[0] || undefined;
    });
    const stopFile = join(baseDir, "capture.stop");
    const capture = c.exec(
      manager,
      [
        "python3",
        "-c",
        captureScript,
        "u0",
        remoteName,
        "120",
        "51820",
        "4789",
        "4790",
        stopFile,
        `${subnet},${tunnelPool}`,
      ],
      150_000,
    );
    const captureStarted = Date.now();
    let done = false;
    void capture.finally(() => (done = true)).catch(() => undefined);
    await until("the capture bound to the underlay", () =>
      Promise.resolve(existsSync(`${stopFile}.ready`) || done || undefined),
    );
    let answers = 0;
    let failures = 0;
    let stopTraffic = false;
    const traffic = (async () => {
      while (!stopTraffic && !done) {
        const r = await probe<HttpCounts>(["http-count", `http://${vip}/`, "1"]);
        answers += r.counts[remoteName] ?? 0;
        failures += r.errors.length;
      }
    })();
    const answered = async (what: string): Promise<void> => {
      const before = answers;
      await until(`answers from worker-1's task ${what}`, () => Promise.resolve(answers > before || undefined));
    };
    const failed = async (what: string): Promise<void> => {
      const before = failures;
      await until(`requests failing ${what}`, () => Promise.resolve(failures > before || undefined));
    };
    const withoutRoute = async (dev: string, prefix: string): Promise<void> => {
      const lines = (await c.exec(manager, ["ip", "route", "show", "dev", dev])).split("\n");
      const route = lines.find((l) => l.startsWith(`${prefix} `))?.trim();
      if (route === undefined) throw new Error(`no route to ${prefix} on ${dev}: ${lines.join("; ")}`);
      await c.exec(manager, ["ip", "route", "del", ...route.split(" "), "dev", dev]);
      try {
        await failed(`without the route to ${prefix}`);
      } finally {
        await c.exec(manager, ["ip", "route", "add", ...route.split(" "), "dev", dev]);
      }
      await answered(`with the route to ${prefix} back`);
    };
    try {
      await answered("during the capture");
      await withoutRoute(tunnelIf, tunnelPool);
      await withoutRoute(bridge, subnet);
      const netns = c.net!.nodeNetns(c.nodes.indexOf(worker1));
      const pids = (await runCommand("ip", ["netns", "pids", netns])).split(/\s+/).filter((p) => /^\d+$/.test(p));
      const wireguardGo = pids.find((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
          return argv[0]!.endsWith("wireguard-go") && argv.includes(`${prefixOf("worker-1")}swarm-wg`);
        } catch {
          return false;
        }
      });
      t.truthy(wireguardGo, "worker-1 runs wireguard-go");
      process.kill(Number(wireguardGo), "SIGKILL");
      await failed("without worker-1's wireguard-go");
    } finally {
      writeFileSync(stopFile, "");
      stopTraffic = true;
      await traffic;
    }
    const seen = JSON.parse((await capture).trim()) as Capture;
    t.log(
      `underlay of manager-1 for ${Date.now() - captureStarted} ms: ${JSON.stringify(seen)}; ${answers} answers from worker-1's task, ${failures} failures`,
    );
    t.is(seen.elsewhere, 0, "the capture reads the underlay's frames only");
    t.true(seen.wireguard > 0, JSON.stringify(seen));
    t.is(seen.vxlan, 0, "no VXLAN datagram on the underlay");
    t.is(seen.clear, 0, `no frame on the underlay holds the answers' text: ${seen.clearFrames.join(" ")}`);
    t.is(seen.overlay, 0, `no packet of the overlay or the tunnel on the underlay: ${seen.overlayFrames.join(" ")}`);

    // A task that may only run on worker-2 cannot be placed: worker-2 cannot encrypt.
    const { service: stuck } = await control("createService", {
      spec: {
        annotations: { name: "stuck" },
        task: {
          container: { image: `process://${process.execPath}`, args: [probeScript, "serve-http", "80", "x"] },
          networks: [{ target: "secure" }],
          placement: { constraints: ["node.hostname==worker-2"] },
        },
        replicated: { replicas: 1 },
      },
    });
    const pending = await until("stuck's task pending with a reason", async () => {
      const tasks = (await control("listTasks", { filters: { serviceIds: [stuck.id] } })).tasks;
      const task = tasks[0];
      return task?.status?.state === S.TASK_STATE_PENDING && /no suitable node/.test(task.status.message)
        ? task
        : undefined;
    });
    t.is(
      pending.status?.message,
      "no suitable node (1 node cannot encrypt overlay traffic, scheduling constraints not satisfied on 2 nodes)",
    );
  } finally {
    client?.close();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    // wireguard-go leaves its socket behind when it is killed with its namespace.
    for (const name of ["manager-1", "worker-1", "worker-2"])
      rmSync(`/var/run/wireguard/${prefixOf(name)}swarm-wg.sock`, { force: true });
    block.release();
  }
});
