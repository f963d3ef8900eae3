// The Docker executor on an overlay: the host is a node whose bridge is a Docker bridge network
// (the host's dockerd; one node per engine can hold an overlay, since Docker refuses overlapping
// subnets), joined by a test-made veth to a lab node whose task runs in a namespace. The container
// gets the cluster's address and MAC, reaches the other task by service name through Docker's
// embedded resolver and our DNS server, is reached across VXLAN, and reaches itself through its
// own service's VIP. Needs root and a Docker Engine; CI has both, and there a missing one fails.
import test from "ava";
import type { ExecutionContext } from "ava";
import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { DockerExecutor, ensureEngine, NetworkAgent, testImage } from "../../worker/index.js";
import type { TaskRuntime } from "../../worker/index.js";
import { until } from "../cluster/until.js";
import { enterTask, probe, serve, viewFor } from "./lab-kit.js";
import type { HttpCounts, LabNetwork } from "./lab-kit.js";
import { LabNode } from "./lab-node.js";
import { canBuildNetlab, labExec, Netlab } from "./netlab.js";

function needsRoot(t: ExecutionContext): boolean {
  if (canBuildNetlab()) return true;
  if (process.env.CI !== undefined) t.fail("the network lab needs root, and CI runs as root");
  else t.log("the network lab needs root: not run");
  t.pass();
  return false;
}

/** A /24 of 198.19.0.0/16 that no route of the host (Docker's networks included) covers, nor `taken`. */
async function freeSubnetThird(taken: readonly number[] = []): Promise<number> {
  const routes = await labExec("ip", ["-4", "route", "show"]);
  for (;;) {
    const x = 100 + (randomBytes(1)[0]! % 150);
    if (!routes.includes(`198.19.${x}.`) && !taken.includes(x)) return x;
  }
}

/** Runs a shell command in the container; resolves with its output. */
function dockerSh(containerId: string, script: string): Promise<string> {
  return labExec("docker", ["exec", containerId, "sh", "-c", script]);
}

test("a container and a namespaced task share an overlay: cluster addresses on two overlays, names both ways, VIP and hairpin", async (t) => {
  if (!needsRoot(t)) return;
  t.timeout(5 * 60_000);
  await ensureEngine();
  const lab = await Netlab.create(1);
  let agent: NetworkAgent | undefined;
  let runtime: TaskRuntime | undefined;
  const node: LabNode[] = [];
  try {
    const link = await lab.connectHost(0);
    node.push(await LabNode.start(lab, 0, { underlayAddr: link.nodeAddr }));
    const x = await freeSubnetThird();
    const hostPort = 20_000 + (randomBytes(2).readUInt16BE(0) % 20_000);
    const id = randomBytes(5).toString("hex");
    const a = (h: number): string => `198.19.${x}.${h}`;
    const net: LabNetwork = {
      id: `dockernet${id}`,
      name: "dockernet",
      subnet: `198.19.${x}.0/24`,
      vni: 6000 + x,
      self: [a(1), a(2)],
      services: [
        { id: "web", name: "web", mode: "vip", vip: a(100), backends: [`p${id}`] },
        { id: "ctr", name: "ctr", mode: "vip", vip: a(101), backends: [`c${id}`] },
      ],
      tasks: [
        { taskId: `c${id}`, name: `ctr.1.c${id}`, addr: a(10), node: 0, serviceId: "ctr" },
        { taskId: `p${id}`, name: `web.1.p${id}`, addr: a(20), node: 1, serviceId: "web" },
      ],
    };
    // A second overlay the container alone is on (besides the nodes): connected before start.
    const y = await freeSubnetThird([x]);
    const back: LabNetwork = {
      id: `dockerback${id}`,
      name: "dockerback",
      subnet: `198.19.${y}.0/24`,
      vni: 6000 + y,
      self: [`198.19.${y}.1`, `198.19.${y}.2`],
      services: [],
      tasks: [{ taskId: `c${id}`, name: `ctr.1.c${id}`, addr: `198.19.${y}.10`, node: 0, serviceId: "ctr" }],
    };
    const endpoints = [
      { vtep: link.hostAddr, port: hostPort },
      { vtep: link.nodeAddr, port: 14789 },
    ];
    const prefix = `z${(randomBytes(1)[0]! % 36).toString(36)}`;
    lab.recordHostAgent(prefix, true);
    agent = new NetworkAgent({
      underlayAddr: link.hostAddr,
      dataPathPort: hostPort,
      prefix,
      netnsPrefix: lab.name("th-"),
      docker: new Docker({ socketPath: "/var/run/docker.sock" }),
      owner: lab.id,
      reconvergeMs: 0,
      dns: { upstreams: [] },
    });
    await agent.update(viewFor(0, [net, back], endpoints));
    await node[0]!.update(viewFor(1, [net, back], endpoints));
    const pNetns = await enterTask(node[0]!, net, net.tasks[1]!);
    await serve(lab, pNetns, "serve-http", 80, "p");

    const executor = new DockerExecutor({ network: agent });
    runtime = executor.runtime({
      task: {
        id: `c${id}`,
        serviceId: "ctr",
        slot: 1,
        nodeId: "host",
        serviceAnnotations: { name: "ctr" },
        spec: {
          container: {
            image: testImage,
            args: ["sh", "-c", "mkdir -p /www && echo ctr > /www/index.html && exec httpd -f -p 80 -h /www"],
          },
        },
        networks: [
          { networkId: net.id, addresses: [`${a(10)}/24`], aliases: [] },
          { networkId: back.id, addresses: [`198.19.${y}.10/24`], aliases: [] },
        ],
      },
      node: { id: "host", hostname: "host" },
    });
    await runtime.prepare(AbortSignal.timeout(60_000));
    await runtime.start();
    const containerId = (await runtime.inspect()).containerId!;
    const info = await new Docker({ socketPath: "/var/run/docker.sock" }).getContainer(containerId).inspect();
    const networks = info.NetworkSettings.Networks;
    t.is(Object.keys(networks).length, 2);
    const endpoint = networks[agent.names.bridge(net.id)]!;
    t.is(endpoint.IPAddress, a(10));
    t.is(endpoint.MacAddress, `02:42:c6:13:${x.toString(16)}:0a`);
    t.is(networks[agent.names.bridge(back.id)]?.IPAddress, `198.19.${y}.10`);
    t.deepEqual(info.HostConfig.Dns, [a(1)]);

    // The namespaced task on the lab node reaches the container across VXLAN.
    const toContainer = await until(
      "the container's web server",
      async () => {
        const r = await probe<HttpCounts>(lab, pNetns, ["http-count", `http://${a(10)}/`, "3"]);
        return r.errors.length === 0 ? r : undefined;
      },
      30_000,
    );
    t.deepEqual(toContainer.counts, { ctr: 3 });
    // The container finds the other node's service by name (Docker's resolver forwards to ours) and
    // reaches it through the VIP, keeping its own address.
    const lookup = await dockerSh(containerId, "nslookup web");
    t.true(lookup.includes(a(100)), lookup);
    t.true((await dockerSh(containerId, "nslookup tasks.web")).includes(a(20)));
    const reply = await dockerSh(containerId, `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 web 80`);
    t.true(reply.includes(`p ${a(10)}`), reply);
    // Its own service's VIP leads back to itself (hairpin mode on its bridge port, and a masquerade).
    for (let i = 0; i < 4; i++) {
      const self = await dockerSh(containerId, `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${a(101)} 80`);
      t.true(self.includes("ctr"), self);
    }
  } finally {
    await runtime?.remove().catch(() => undefined);
    await agent?.teardown().catch((error: unknown) => t.log(`teardown: ${String(error)}`));
    await lab.destroy();
  }
});
