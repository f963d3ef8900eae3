// A lab run that crashes: builds a lab with one node, a task namespace's /etc/netns files and a
// network agent in the host's own namespace (bridge, VXLAN device, chains), prints the lab's id
// and the agent's prefix, then kills itself with SIGKILL, leaving everything behind for
// sweepNetlabs() to find (netlab.test.ts).
import { mkdirSync } from "node:fs";
import { NetworkAgent } from "../../worker/index.js";
import { Netlab } from "./netlab.js";

const [prefix = "", third = ""] = process.argv.slice(2);
const lab = await Netlab.create(1);
mkdirSync(`/etc/netns/${lab.name("t0-crashed")}`, { recursive: true });
lab.recordHostAgent(prefix, false);
const agent = new NetworkAgent({ underlayAddr: "127.0.0.1", dataPathPort: 24789, prefix, dns: false, reconvergeMs: 0 });
await agent.update({
  networks: [
    {
      id: `crashnet${lab.id.slice(-4)}000000000000`,
      name: "crash",
      subnet: `198.19.${third}.0/24`,
      vni: 9000,
      mtu: 0,
      internal: false,
      encrypted: false,
      self: { addr: `198.19.${third}.1` },
      peers: [{ addr: `198.19.${third}.2`, vtep: "127.0.0.2", port: 24790 }],
      services: [{ id: "s", name: "s", aliases: [], mode: "vip", vip: `198.19.${third}.100`, backends: [] }],
      tasks: [],
    },
  ],
});
process.stdout.write(`${JSON.stringify({ id: lab.id })}\n`);
process.kill(process.pid, "SIGKILL");
