// Process tasks on an overlay network: the process executor of two lab nodes runs each task in a
// namespace of its own that the node's agent plumbs; they reach each other by service name across
// nodes, a published port reaches the task through the node's address (the routing mesh's
// contract), a restarted agent adopts the task and publishes it again, and removing the task
// removes its namespace. Needs root; CI runs as root, and there a missing root fails.
import test from "ava";
import type { ExecutionContext } from "ava";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { swarm } from "../../proto/index.js";
import { until } from "../cluster/until.js";
import { probe, probeScript, pushViews } from "./lab-kit.js";
import type { HttpCounts, LabNetwork } from "./lab-kit.js";
import { LabNode } from "./lab-node.js";
import { canBuildNetlab, Netlab } from "./netlab.js";

const root = canBuildNetlab();

function needsRoot(t: ExecutionContext): boolean {
  if (root) return true;
  if (process.env.CI !== undefined) t.fail("the network lab needs root, and CI runs as root");
  else t.log("the network lab needs root: not run");
  t.pass();
  return false;
}

const netId = "procnet000000000000000000";

/** A process task on network 198.19.9.0/24 at `.host`. */
function processTask(
  id: string,
  service: string,
  host: number,
  args: string[],
  program = process.execPath,
): swarm.v1.ITask {
  return {
    id,
    serviceId: `svc${service}`,
    slot: 1,
    serviceAnnotations: { name: service },
    spec: { container: { image: `process://${program}`, args } },
    endpoint: {
      ports: [
        {
          protocol: swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
          targetPort: 80,
          publishedPort: 30080,
          publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS,
        },
      ],
    },
    networks: [{ networkId: netId, addresses: [`198.19.9.${host}/24`], aliases: [] }],
  };
}

test("process tasks in their own namespaces reach each other by name across nodes, publish ports and are adopted", async (t) => {
  if (!needsRoot(t)) return;
  t.timeout(5 * 60_000);
  const lab = await Netlab.create(2);
  const nodes: LabNode[] = [];
  try {
    const stateDir = (i: number): string => join(lab.tmp, `node${i}`);
    for (let i = 0; i < 2; i++) nodes.push(await LabNode.start(lab, i, { stateDir: stateDir(i) }));
    const web = processTask("ptaskweb1", "web", 10, [probeScript, "serve-http", "80", "web1"]);
    const client = processTask("ptaskclient1", "client", 2, ["300"], "/bin/sleep");
    const net: LabNetwork = {
      id: netId,
      name: "procnet",
      subnet: "198.19.9.0/24",
      vni: 5009,
      self: ["198.19.9.250", "198.19.9.251"],
      services: [{ id: "svcweb", name: "web", mode: "vip", vip: "198.19.9.100", backends: ["ptaskweb1"] }],
      tasks: [
        { taskId: "ptaskweb1", name: "web.1.ptaskweb1", addr: "198.19.9.10", node: 1, serviceId: "svcweb" },
        { taskId: "ptaskclient1", name: "client.1.ptaskclient1", addr: "198.19.9.2", node: 0, serviceId: "svcclient" },
      ],
    };
    await pushViews(nodes, [net]);
    const started = await nodes[1]!.call<{ running: boolean; ports?: swarm.v1.IPortConfig[] }>("runTask", {
      task: web,
    });
    t.true(started.running);
    const nodePort = Number(started.ports?.[0]?.publishedPort ?? 0);
    t.true(nodePort > 0);
    await nodes[0]!.call("runTask", { task: client });
    const clientNetns = lab.name("t0-ptaskclient1");
    t.true(existsSync(`/run/netns/${clientNetns}`));

    // By name, across nodes, through the VIP: the server sees the client task's own address.
    const byName = await until(
      "web answers by name",
      async () => {
        const r = await probe<HttpCounts>(lab, clientNetns, ["http-count", "http://web/", "3"]);
        return r.errors.length === 0 ? r : undefined;
      },
      30_000,
    );
    t.deepEqual(byName.counts, { web1: 3 });
    t.deepEqual(byName.clients, ["198.19.9.2"]);
    // The published port: node 1's address and the port in the task's status reach the task.
    const published = await probe<HttpCounts>(lab, lab.nodeNetns(0), [
      "http-count",
      `http://198.18.0.2:${nodePort}/`,
      "2",
    ]);
    t.deepEqual(published.counts, { web1: 2 });

    // The agent of node 1 crashes and comes back: it adopts the task and publishes it again.
    await nodes[1]!.kill();
    nodes[1] = await LabNode.start(lab, 1, { stateDir: stateDir(1) });
    const owned = await nodes[1].call<{ taskId: string; running: boolean }[]>("listTasks");
    t.deepEqual(
      owned.map((o) => [o.taskId, o.running]),
      [["ptaskweb1", true]],
    );
    await pushViews(nodes, [net]);
    await until(
      "the published port after the restart",
      async () => {
        const r = await probe<HttpCounts>(lab, lab.nodeNetns(0), ["http-count", `http://198.18.0.2:${nodePort}/`, "1"]);
        return r.counts.web1 === 1 ? true : undefined;
      },
      30_000,
    );

    // Removing the task removes its namespace and its /etc/netns files.
    const webNetns = lab.name("t1-ptaskweb1");
    t.true(existsSync(`/run/netns/${webNetns}`));
    await nodes[1].call("removeTask", { task: web });
    t.false(existsSync(`/run/netns/${webNetns}`));
    t.false(existsSync(`/etc/netns/${webNetns}`));
    await nodes[0]!.call("removeTask", { task: client });
    t.false(existsSync(`/run/netns/${clientNetns}`));
  } catch (error) {
    for (const n of nodes) t.log(`node ${n.index}:\n${n.log.slice(-20).join("\n")}`);
    throw error;
  } finally {
    await lab.destroy();
  }
});
