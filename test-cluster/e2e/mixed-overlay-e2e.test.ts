// Goal: containers and process tasks on one overlay network, across real swarmd nodes: a manager
// and a worker on the process executor, and a worker whose tasks are containers on a real Docker
// Engine (a dockerd of the node's own, in the node's network namespace: cluster-engine.ts says
// why). Each task reaches the two others by service name through its node's DNS server and the
// services' VIPs, across VXLAN, keeping its own source address; the container has the address the
// manager gave it, on a Docker bridge network the node's agent made for the overlay.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock } from "../../common/index.js";
import {
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  swarm,
} from "../../proto/index.js";
import { testImage } from "../../worker/index.js";
import { callControl } from "../bench/control-call.js";
import { NodeEngine } from "../cluster/cluster-engine.js";
import { canMakeClusterNet, runCommand } from "../cluster/cluster-netns.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { probeScript } from "../netlab/lab-kit.js";

const S = swarm.v1.TaskState;
/** The cluster's pool: a range that lives only inside this test's namespaces (RFC 2544). */
const pool = "198.19.0.0/16";

/** Counts of a probe's `http-count`. */
interface HttpCounts {
  readonly counts: Record<string, number>;
  readonly clients: readonly string[];
  readonly errors: readonly string[];
}

/** A web server in the busybox image whose answer is "ctr <client address>" (a CGI script). */
const containerServer = [
  "mkdir -p /www/cgi-bin",
  `printf '#!/bin/sh\\nprintf "Content-Type: text/plain\\\\r\\\\n\\\\r\\\\nctr %%s\\\\n" "$REMOTE_ADDR"\\n' > /www/cgi-bin/who`,
  "chmod +x /www/cgi-bin/who",
  "exec httpd -f -p 80 -h /www",
].join(" && ");

test("a container and process tasks on three real nodes share an overlay: each reaches the others by name", async (t) => {
  if (!canMakeClusterNet()) {
    t.fail("overlay networks need root: run the suite as root, as CI does");
    return;
  }
  t.timeout(300_000);
  const block = await claimLoopbackBlock("mixed-overlay-e2e");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-mixed-"));
  let cluster: LocalCluster | null = null;
  let client: ControlClient | null = null;
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      block,
      logLevel: "warn",
      overlay: { dockerNodes: ["worker-2"] },
      startArgs: (_node, verb) =>
        verb === "init" ? ["--default-addr-pool", pool, "--default-addr-pool-mask-length", "24"] : [],
    });
    const c = cluster;
    client = new ControlClient(c.controlTarget, grpc.credentials.createInsecure());
    const control = <M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> =>
      callControl(client!, method, request);
    const { network } = await control("createNetwork", {
      spec: { annotations: { name: "mixed" } },
    });
    const processService = (name: string, node: string): swarm.v1.IServiceSpec => ({
      annotations: { name },
      task: {
        container: { image: `process://${process.execPath}`, args: [probeScript, "serve-http", "80", name] },
        placement: { constraints: [`node.hostname==${node}`] },
        networks: [{ target: "mixed" }],
      },
      replicated: { replicas: 1 },
    });
    for (const spec of [
      processService("p1", "manager-1"),
      processService("p2", "worker-1"),
      {
        annotations: { name: "ctr" },
        task: {
          container: { image: testImage, args: ["sh", "-c", containerServer] },
          placement: { constraints: ["node.hostname==worker-2"] },
          networks: [{ target: "mixed" }],
        },
        replicated: { replicas: 1 },
      },
    ])
      await control("createService", { spec });
    const running = await until(
      "p1, p2 and ctr running, one on each node",
      async () => {
        const { tasks } = await control("listTasks", {});
        const live = tasks.filter(
          (x) => x.status?.state === S.TASK_STATE_RUNNING && x.desiredState <= S.TASK_STATE_RUNNING,
        );
        return live.length === 3 && new Set(live.map((x) => x.nodeId)).size === 3 ? live : undefined;
      },
      180_000,
    );
    const services = (await control("listServices", {})).services;
    const taskOf = (name: string): swarm.v1.Task => {
      const id = services.find((s) => s.spec?.annotations?.name === name)!.id;
      return running.find((x) => x.serviceId === id)!;
    };
    const addrOf = (name: string): string => taskOf(name).networks[0]!.addresses[0]!.split("/")[0]!;

    // The container: a real one on the node's own engine, with the manager's address on the
    // overlay's Docker bridge network and the node's DNS server as its resolver.
    const engine = new Docker({ socketPath: NodeEngine.socketIn(c.nodes[2]!.engineDir!) });
    const containerId = taskOf("ctr").status.container.containerId;
    const info = await engine.getContainer(containerId).inspect();
    const endpoints = Object.values(info.NetworkSettings.Networks);
    t.is(endpoints.length, 1);
    t.is(endpoints[0]!.IPAddress, addrOf("ctr"));
    const { nodes } = await control("listNodes", {});
    const dockerNode = nodes.find((n) => n.id === taskOf("ctr").nodeId)!;
    const nodeAddr = dockerNode.attachments.find((a) => a.networkId === network.id)!.addresses[0]!.split("/")[0]!;
    t.deepEqual(info.HostConfig.Dns, [nodeAddr]);

    // Process tasks reach the container and each other by name, through the VIPs, across nodes.
    const probeFrom = async (name: string, url: string): Promise<HttpCounts> => {
      const out = await runCommand(
        "ip",
        ["netns", "exec", c.taskNetns(taskOf(name).id), process.execPath, probeScript, "http-count", url, "4"],
        60_000,
      );
      return JSON.parse(out.trim().split("\n").pop() ?? "null") as HttpCounts;
    };
    const reaches = async (from: string, to: string, url: string): Promise<HttpCounts> => {
      let last: HttpCounts | undefined;
      return until(`${from} reaching ${to} by name`, async () => {
        last = await probeFrom(from, url);
        return last.errors.length === 0 && last.counts[to] === 4 ? last : undefined;
      }).catch((error: unknown) => {
        throw new Error(`${String(error)}; last: ${JSON.stringify(last)}`);
      });
    };
    const p1ToCtr = await reaches("p1", "ctr", "http://ctr/cgi-bin/who");
    // busybox httpd listens on IPv6 too, and names an IPv4 client in its mapped form.
    const v4 = (addr: string): string => addr.replace(/^\[::ffff:(.*)\]$/, "$1");
    t.deepEqual(p1ToCtr.clients.map(v4), [addrOf("p1")], "the container sees p1's own address");
    await reaches("p2", "ctr", "http://ctr/cgi-bin/who");
    t.deepEqual((await reaches("p1", "p2", "http://p2/")).clients, [addrOf("p1")]);
    await reaches("p2", "p1", "http://p1/");

    // The container reaches both process tasks by name (Docker's resolver forwards to the node's).
    // busybox's nc, not its wget (the static busybox's wget crashes here).
    const fromContainer = (host: string): Promise<string> =>
      new Promise((done) =>
        execFile(
          "docker",
          [
            "-H",
            `unix://${NodeEngine.socketIn(c.nodes[2]!.engineDir!)}`,
            "exec",
            containerId,
            "sh",
            "-c",
            `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${host} 80`,
          ],
          { timeout: 30_000 },
          (error, stdout, stderr) =>
            done(error ? `error: ${stderr.trim() || error.message}` : (stdout.split("\r\n\r\n")[1] ?? "").trim()),
        ),
      );
    for (const name of ["p1", "p2"]) {
      let last = "";
      const body = await until(`ctr reaching ${name} by name`, async () => {
        last = await fromContainer(name);
        return last.startsWith(`${name} `) ? last : undefined;
      }).catch(async (error: unknown) => {
        throw new Error(`${String(error)}; last: ${last}; by address: ${await fromContainer(addrOf(name))}`);
      });
      t.is(body, `${name} ${addrOf("ctr")}`, "the process task sees the container's own address");
    }
  } finally {
    client?.close();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
});
