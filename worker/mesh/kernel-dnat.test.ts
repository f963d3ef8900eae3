// The kernel path (iptables DNAT) on this host's loopback: it spreads connections, drops draining
// endpoints and cleans up after itself. As non-root it must decline and leave the userspace path working.
import test from "ava";
import { execFileSync } from "node:child_process";
import { claimLoopbackBlock } from "../../common/index.js";
import { IngressMesh } from "./ingress-mesh.js";
import { KernelDnat } from "./kernel-dnat.js";
import { dialLine, endpointOf, freePort, namedServer, serviceOf } from "./mesh-test-kit.js";

const isRoot = process.getuid?.() === 0;

/** The nat table's rules as iptables prints them. */
function natRules(): string {
  return execFileSync("iptables", ["-w", "5", "-t", "nat", "-S"]).toString();
}

test("IngressMesh with the kernel path DNATs round robin, honours draining and removes its rules", async (t) => {
  // An address of its own, so the rules match nothing another test or node uses.
  const block = await claimLoopbackBlock("kernel-dnat test");
  t.teardown(() => block.release());
  const bindAddr = block.addr(1);
  const servers = await Promise.all(["a", "b"].map((n) => namedServer(n)));
  const port = await freePort(bindAddr);
  const events: string[] = [];
  const mesh = new IngressMesh({ bindAddr, kernel: true, log: (event) => events.push(event) });
  const eps = servers.map((s) => endpointOf(s.name, s.port));
  await mesh.update([serviceOf(port, eps)]);
  const lines: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { socket, line } = await dialLine(bindAddr, port);
    lines.push(line);
    socket.destroy();
  }
  t.deepEqual([...lines].sort(), ["a", "a", "b", "b"]);
  if (!isRoot) {
    t.true(events.includes("mesh.kernel-unavailable"));
    t.deepEqual(mesh.stats().kernelPorts, []);
    await mesh.close();
    await Promise.all(servers.map((s) => s.close()));
    return;
  }
  const chain = new KernelDnat(bindAddr).chain;
  t.deepEqual(mesh.stats().kernelPorts, [port]);
  // The connections went through the kernel: the userspace listener counted none.
  t.true((mesh.stats().endpoints.svc1 ?? []).every((e) => e.total === 0));
  t.true(natRules().includes(`-A OUTPUT -j ${chain}`));
  await mesh.update([serviceOf(port, [endpointOf("a", servers[0]!.port, true), eps[1]!])]);
  for (let i = 0; i < 3; i++) {
    const { socket, line } = await dialLine(bindAddr, port);
    t.is(line, "b");
    socket.destroy();
  }
  await mesh.close();
  t.false(natRules().includes(chain));
  await Promise.all(servers.map((s) => s.close()));
});
