// The agent's passes against a fake kernel (a runner answering reads from fixtures and recording
// every command): the first pass reads everything and programs it in one batch per tool, later
// passes plan from the agent's record and do nothing when nothing changed, a periodic pass reads
// again, a removed backend's UDP flows are cleared, and bad or encrypted networks are left out.
import test from "ava";
import { waitFor } from "../../common/index.js";
import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import type { BatchSpawn } from "./batch-process.js";
import type { CommandRunner } from "./command-runner.js";
import { NetworkAgent, NetworkNotInViewError } from "./network-agent.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseUdpFlows } from "./udp-flows.js";
import type { NetworkView, OverlayNetwork } from "./view.js";
import { WireGuardTunnel } from "./wireguard-tunnel.js";

interface Call {
  readonly command: string;
  readonly input: string;
}

/** A kernel with nothing of ours in it; every command is recorded. */
function fakeKernel(): { run: CommandRunner; calls: Call[]; sysctls: string[] } {
  const calls: Call[] = [];
  const run: CommandRunner = (program, args, input) => {
    const command = [program, ...args].join(" ");
    calls.push({ command, input: input ?? "" });
    if (command === "ip -j -d -batch -") return Promise.resolve("[]\n[]\n[]\n");
    if (command === "bridge -j -d -batch -") return Promise.resolve("[]\n[]\n");
    if (command.startsWith("bridge -j -d link show")) return Promise.resolve("[]");
    if (command === "conntrack -L -p udp")
      return Promise.resolve(
        "udp 17 28 src=10.0.1.9 dst=10.0.1.100 sport=4000 dport=53 src=10.0.1.4 dst=10.0.1.9 sport=53 dport=4000 mark=0 use=1\n",
      );
    if (command.startsWith("conntrack")) return Promise.reject(new Error("0 flow entries have been deleted"));
    return Promise.resolve("");
  };
  return { run, calls, sysctls: [] };
}

function network(backends: string[], extra: Partial<OverlayNetwork> = {}): OverlayNetwork {
  return {
    id: "frontnet0000000000000000a",
    name: "front",
    subnet: "10.0.1.0/24",
    vni: 4097,
    mtu: 0,
    internal: false,
    encrypted: false,
    self: { addr: "10.0.1.250" },
    peers: backends.map((addr) => ({ addr, vtep: "198.18.0.2", port: 4789 })),
    services: [
      {
        id: "web",
        name: "web",
        aliases: [],
        mode: "vip",
        vip: "10.0.1.100",
        backends: backends.map((addr, i) => ({ taskId: `t${i}`, addr, healthy: true, draining: false })),
      },
    ],
    tasks: [],
    ...extra,
  };
}

function agentOn(kernel: ReturnType<typeof fakeKernel>, options: { networkWaitMs?: number } = {}): NetworkAgent {
  return new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run: kernel.run,
    dns: false,
    reconvergeMs: 0,
    sysctl: (path, value) => kernel.sysctls.push(`${path}=${value}`),
    ...options,
  });
}

const commands = (calls: readonly Call[]): string[] => calls.map((c) => c.command);

test("NetworkAgent programs a view in one batch per tool, then does nothing while nothing changes", async (t) => {
  const kernel = fakeKernel();
  const agent = agentOn(kernel);
  const view: NetworkView = { networks: [network(["10.0.1.3", "10.0.1.4"])] };
  await agent.update(view);
  // The rules go in beside the links' batches; the links first, then the neighbour and FDB
  // entries that name them, side by side.
  t.deepEqual(commands(kernel.calls), [
    "ip -j -d -batch -",
    "bridge -j -d -batch -",
    "iptables-save",
    "ip -batch -",
    "iptables-restore -w 5 --noflush",
    "ip -batch -",
    "bridge -batch -",
  ]);
  t.true(kernel.calls[3]!.input.includes("link add name vx-frontnet00 mtu 1450 type vxlan id 4097 dstport 4789"));
  t.false(kernel.calls[3]!.input.includes("neigh "));
  t.true(kernel.calls[4]!.input.includes("-A SWARM-NET -d 10.0.1.100/32"));
  t.true(kernel.calls[5]!.input.startsWith("neigh replace 10.0.1.3 lladdr 02:42:0a:00:01:03 dev vx-frontnet00"));
  t.true(kernel.calls[6]!.input.startsWith("fdb replace 02:42:0a:00:01:03 dev vx-frontnet00"));
  t.deepEqual(kernel.sysctls, [
    "/proc/sys/net/ipv4/ip_forward=1",
    "/proc/sys/net/bridge/bridge-nf-call-iptables=1",
    "/proc/sys/net/ipv4/conf/sw-frontnet00/send_redirects=0",
  ]);
  kernel.calls.length = 0;
  await agent.update(view);
  // Nothing is read back or written.
  t.deepEqual(commands(kernel.calls), []);
  // A container started: its bridge port is read, for hairpin mode.
  await agent.containerStarted("task1");
  t.deepEqual(commands(kernel.calls), ["bridge -j -d link show"]);
  t.deepEqual(agent.stats().lastBatchLines.ip, 0);
  await agent.close();
});

test("NetworkAgent removes what a view drops and clears the removed backend's UDP flows", async (t) => {
  const kernel = fakeKernel();
  const agent = agentOn(kernel);
  await agent.update({ networks: [network(["10.0.1.3", "10.0.1.4", "10.0.1.5"])] });
  kernel.calls.length = 0;
  await agent.update({ networks: [network(["10.0.1.3"])] });
  await agent.close();
  // One listing for both removed backends; a deletion only for the one that has a flow.
  t.is(commands(kernel.calls).filter((c) => c.startsWith("conntrack")).length, 2);
  const ip = kernel.calls.find((c) => c.command === "ip -batch -");
  t.is(ip?.input, "neigh del 10.0.1.4 dev vx-frontnet00\nneigh del 10.0.1.5 dev vx-frontnet00\n");
  const bridge = kernel.calls.find((c) => c.command === "bridge -batch -");
  t.is(
    bridge?.input,
    "fdb del 02:42:0a:00:01:04 dev vx-frontnet00 self\nfdb del 02:42:0a:00:01:05 dev vx-frontnet00 self\n",
  );
  const restore = kernel.calls.find((c) => c.command.startsWith("iptables-restore"));
  t.false(restore?.input.includes("10.0.1.4") ?? true);
  t.true(
    commands(kernel.calls).includes("conntrack -D -p udp --orig-dst 10.0.1.100 --reply-src 10.0.1.4"),
    commands(kernel.calls).join("\n"),
  );
});

test("NetworkAgent drops a removed backend's names from the DNS before the pass that programs the view", async (t) => {
  const kernel = fakeKernel();
  let gate = false;
  let release: (() => void) | undefined;
  const gated: CommandRunner = (program, args, input) => {
    if (!gate || release !== undefined || program !== "ip" || args.join(" ") !== "-batch -")
      return kernel.run(program, args, input);
    return new Promise<void>((resolve) => (release = resolve)).then(() => kernel.run(program, args, input));
  };
  const events: string[] = [];
  const agent = new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run: gated,
    dns: { port: 0 },
    reconvergeMs: 0,
    sysctl: () => undefined,
    log: (event) => events.push(event),
  });
  t.teardown(async () => {
    release?.();
    await agent.close();
  });
  await agent.update({ networks: [network(["10.0.1.3", "10.0.1.4"])] });
  // The next pass stops at its link batch (the removed peer's neighbour entry)...
  gate = true;
  events.length = 0;
  const applied = agent.update({ networks: [network(["10.0.1.3"])] });
  await waitFor("the pass at its link batch", () => release);
  // ...while the DNS already answers without the removed backend.
  t.deepEqual(events.slice(0, 2), ["trace.network-dns-updated", "trace.network-pass-started"]);
  t.false(events.includes("trace.network-pass-ended"));
  release!();
  await applied;
  t.true(events.includes("trace.network-pass-ended"));
});

test("NetworkAgent reads the kernel again on a periodic pass and repairs what changed behind it", async (t) => {
  const kernel = fakeKernel();
  const agent = new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run: kernel.run,
    dns: false,
    reconvergeMs: 50,
    sysctl: () => undefined,
  });
  await agent.update({ networks: [network(["10.0.1.3"])] });
  kernel.calls.length = 0;
  // The fake kernel still shows nothing: a full pass must program everything again.
  // The agent's pass runs on the real clock (it takes none), every reconvergeMs.
  await waitFor("a periodic pass to program the links again", () =>
    commands(kernel.calls).includes("ip -batch -") ? true : undefined,
  );
  t.true(commands(kernel.calls).includes("ip -j -d -batch -"));
  t.true(commands(kernel.calls).includes("ip -batch -"));
  t.true(commands(kernel.calls).includes("iptables-restore -w 5 --noflush"));
  await agent.close();
});

test("NetworkAgent leaves out a malformed or encrypted network, says why, and refuses tasks on it", async (t) => {
  const kernel = fakeKernel();
  const agent = agentOn(kernel, { networkWaitMs: 50 });
  const bad = network([], { id: "badnet0000000000000000000", subnet: "10.0.2.0/24" });
  const secret = network([], { id: "secretnet0000000000000000", subnet: "10.0.3.0/24", self: { addr: "10.0.3.250" } });
  await agent.update({
    networks: [bad, { ...secret, encrypted: true, services: [], name: "secret" }],
  });
  const skipped = agent.stats().skipped;
  t.is(skipped.length, 2);
  t.regex(skipped[0]!.reason, /self\.addr/);
  t.regex(skipped[1]!.reason, /^this node cannot encrypt overlay traffic: it runs no WireGuard tunnel$/);
  t.deepEqual(agent.stats().networks, []);
  const refusal = agent.refusal([{ networkId: secret.id, cidr: "10.0.3.5/24", aliases: [] }], "process");
  t.regex(refusal ?? "", /^network secret is encrypted, and this node cannot encrypt overlay traffic/);
  await t.throwsAsync(
    agent.enterNetns(
      "task1",
      [{ networkId: bad.id, cidr: "10.0.2.5/24", aliases: [] }],
      { names: [], publish: [] },
      AbortSignal.timeout(5000),
    ),
    { instanceOf: NetworkNotInViewError },
  );
  await agent.close();
});

// Goal: an encrypted network's VXLAN runs from the node's tunnel address on its own port to the
// peers' tunnel addresses, with the MTU less WireGuard's overhead; the tunnel gets the peers' keys
// over the UAPI and an INPUT rule for clear VXLAN; a view with no encrypted network removes it.
test("NetworkAgent runs an encrypted network's VXLAN through the WireGuard tunnel and removes the tunnel after it", async (t) => {
  const kernel = fakeKernel();
  const dir = mkdtempSync(join(tmpdir(), "swarm-tunnel-test-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const uapi: string[] = [];
  let linkUp = false;
  const run: CommandRunner = (program, args, input) => {
    const command = [program, ...args].join(" ");
    // wireguard-go makes the interface and its configuration socket.
    if (command === "wireguard-go swarm-wg") {
      linkUp = true;
      writeFileSync(join(dir, "swarm-wg.sock"), "");
    }
    if (command === "ip link del dev swarm-wg") linkUp = false;
    if (command === "ip -j link show" && linkUp)
      return Promise.resolve('[{"ifname":"swarm-wg","mtu":1420,"flags":[]}]');
    return kernel.run(program, args, input);
  };
  const tunnel = new WireGuardTunnel({
    name: "swarm-wg",
    keyFile: join(dir, "wireguard.key"),
    run,
    probe: () => undefined,
    socketDir: dir,
    uapi: (_path, request) => {
      uapi.push(request);
      return Promise.resolve(request.startsWith("get") ? "listen_port=0\n" : "");
    },
  });
  const agent = new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run,
    dns: false,
    reconvergeMs: 0,
    tunnel,
    sysctl: () => undefined,
  });
  const peerKey = "tnH5wVdSisfOiRTrih8yg91yedsnrWo4AW8Xjyenhl0=";
  const secret = network(["10.0.1.3"], {
    encrypted: true,
    peers: [{ addr: "10.0.1.3", vtep: "169.254.128.2", port: 4789 }],
    tunnel: {
      addr: "169.254.128.1/17",
      peers: [{ publicKey: peerKey, endpoint: "198.18.0.2:51820", addr: "169.254.128.2" }],
    },
  });
  await agent.update({ networks: [secret] });
  t.deepEqual(agent.stats().skipped, []);
  t.like(agent.stats().networks[0], { mtu: 1370, peers: 1 });
  t.like(agent.stats().tunnel, { interface: "swarm-wg", peers: 1 });
  const ipBatch = kernel.calls
    .filter((c) => c.command === "ip -batch -")
    .map((c) => c.input)
    .join("");
  t.regex(ipBatch, /type vxlan id 4097 dstport 4790 local 169\.254\.128\.1 nolearning proxy/);
  t.regex(ipBatch, /addr replace 169\.254\.128\.1\/17 dev swarm-wg\nlink set dev swarm-wg mtu 1420 up/);
  const fdb = kernel.calls
    .filter((c) => c.command === "bridge -batch -")
    .map((c) => c.input)
    .join("");
  t.regex(fdb, /fdb replace 02:42:0a:00:01:03 dev vx-frontnet00 dst 169\.254\.128\.2 self permanent/);
  const set = uapi.find((r) => r.startsWith("set=1")) ?? "";
  t.regex(set, /^private_key=[0-9a-f]{64}$/m);
  t.regex(set, /^listen_port=51820$/m);
  t.true(
    set.includes(
      `public_key=${Buffer.from(peerKey, "base64").toString("hex")}\nendpoint=198.18.0.2:51820\nreplace_allowed_ips=true\nallowed_ip=169.254.128.2/32\n`,
    ),
    set,
  );
  const restore = kernel.calls
    .filter((c) => c.command.startsWith("iptables-restore"))
    .map((c) => c.input)
    .join("");
  t.regex(restore, /-A SWARM-WG-IN-SWARMWG -p udp --dport 4790 ! -i swarm-wg .* -j DROP/);
  // The guard is in before the tunnel and the links exist.
  const guardAt = kernel.calls.findIndex((c) => c.input.startsWith("*mangle"));
  t.is(
    kernel.calls[guardAt]?.input,
    [
      "*mangle",
      ":SWARM-ENC-GUARD - [0:0]",
      "-I POSTROUTING 1 -j SWARM-ENC-GUARD",
      "-A SWARM-ENC-GUARD -o lo -j RETURN",
      "-A SWARM-ENC-GUARD -d 10.0.1.0/24 ! -o sw-frontnet00 -j DROP",
      "-A SWARM-ENC-GUARD -d 169.254.128.0/17 ! -o swarm-wg -j DROP",
      "-A SWARM-ENC-GUARD -s 169.254.128.0/17 ! -o swarm-wg -j DROP",
      "COMMIT",
      "",
    ].join("\n"),
  );
  const vxlanAt = kernel.calls.findIndex((c) => c.input.includes("type vxlan"));
  t.true(guardAt >= 0 && guardAt < commands(kernel.calls).indexOf("wireguard-go swarm-wg") && guardAt < vxlanAt);
  t.is(agent.stats().guardRules, 4);
  // No encrypted network left: the tunnel goes, and the guard after it and the network's links.
  kernel.calls.length = 0;
  await agent.update({
    networks: [network(["10.0.1.3"], { id: "plainnet000000000000000000", subnet: "10.0.2.0/24" })],
  });
  const tunnelGone = commands(kernel.calls).indexOf("ip link del dev swarm-wg");
  const linksGone = kernel.calls.findIndex((c) => c.input.includes("link del dev vx-frontnet00"));
  const guardGone = kernel.calls.findIndex((c) => c.input.startsWith("*mangle"));
  t.true(tunnelGone >= 0 && linksGone >= 0, commands(kernel.calls).join("\n"));
  t.true(guardGone > tunnelGone && guardGone > linksGone, commands(kernel.calls).join("\n"));
  t.is(
    kernel.calls[guardGone]?.input,
    "*mangle\n:SWARM-ENC-GUARD - [0:0]\n-D POSTROUTING -j SWARM-ENC-GUARD\n-X SWARM-ENC-GUARD\nCOMMIT\n",
  );
  t.is(agent.stats().tunnel?.interface, undefined);
  t.is(agent.stats().guardRules, 0);
  await agent.close();
});

// Goal: a network the tunnel cannot carry (wireguard-go's configuration fails) is left out, and
// its guard stays in: whatever the kernel still holds of it cannot leave in clear.
test("NetworkAgent keeps an encrypted network's guard while the tunnel fails and the network is left out", async (t) => {
  const kernel = fakeKernel();
  const dir = mkdtempSync(join(tmpdir(), "swarm-tunnel-test-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The interface exists (wireguard-go runs), but its configuration socket refuses.
  const run: CommandRunner = (program, args, input) =>
    [program, ...args].join(" ") === "ip -j link show"
      ? Promise.resolve('[{"ifname":"swarm-wg","mtu":1420,"flags":[]}]')
      : kernel.run(program, args, input);
  const tunnel = new WireGuardTunnel({
    name: "swarm-wg",
    keyFile: join(dir, "wireguard.key"),
    run,
    probe: () => undefined,
    socketDir: dir,
    uapi: () => Promise.reject(new Error("connect ECONNREFUSED")),
  });
  const agent = new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run,
    dns: false,
    reconvergeMs: 0,
    tunnel,
    sysctl: () => undefined,
  });
  const secret = network(["10.0.1.3"], {
    encrypted: true,
    tunnel: { addr: "169.254.128.1/17", peers: [] },
  });
  await agent.update({ networks: [secret] });
  t.regex(agent.stats().skipped[0]?.reason ?? "", /^the WireGuard tunnel failed: /);
  t.deepEqual(agent.stats().networks, []);
  const guard = kernel.calls.filter((c) => c.input.startsWith("*mangle")).map((c) => c.input);
  // (The fake kernel never shows the chain, so a full pass writes it again.)
  t.true(guard.length > 0);
  for (const input of guard) {
    t.regex(input, /-A SWARM-ENC-GUARD -d 10\.0\.1\.0\/24 ! -o sw-frontnet00 -j DROP/);
    t.false(input.includes("-X"));
  }
  t.is(agent.stats().guardRules, 4);
  await agent.close();
});

test("parseUdpFlows reads each flow's original destination and reply source from conntrack -L", (t) => {
  const listed = [
    "udp      17 28 src=198.19.5.2 dst=198.19.5.100 sport=40000 dport=9000 src=198.19.5.10 dst=198.19.5.2 sport=9000 dport=40000 mark=0 use=1",
    "udp      17 3 src=10.0.0.5 dst=10.0.0.53 sport=5353 dport=53 [UNREPLIED] src=10.0.0.53 dst=10.0.0.5 sport=53 dport=5353 mark=0 use=1",
    "",
  ].join("\n");
  t.deepEqual(parseUdpFlows(listed), [
    { origDst: "198.19.5.100", replySrc: "198.19.5.10" },
    { origDst: "10.0.0.53", replySrc: "10.0.0.53" },
  ]);
});

/**
 * Batch processes that answer as iproute2's `-force -batch -` does (every line succeeds, the end
 * marker fails), recording each process started and the lines it was given.
 */
function fakeBatchProcesses(): { spawn: BatchSpawn; started: { program: string; lines: string[] }[] } {
  const started: { program: string; lines: string[] }[] = [];
  const spawn: BatchSpawn = (program) => {
    const record = { program, lines: [] as string[] };
    started.push(record);
    const child = new EventEmitter() as EventEmitter & Record<string, unknown>;
    const stderr = new PassThrough();
    let lineNo = 0;
    child.stdout = new PassThrough();
    child.stderr = stderr;
    child.stdin = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk
          .toString()
          .split("\n")
          .filter((l) => l !== "")) {
          lineNo += 1;
          if (line.startsWith("link show dev swarm-batch-end-marker"))
            stderr.write(`Device "swarm-batch-end-marker" does not exist.\nCommand failed -:${lineNo}\n`);
          else record.lines.push(line);
        }
        done();
      },
    });
    child.pid = 1_000_000 + started.length;
    child.exitCode = null;
    child.signalCode = null;
    child.kill = () => true;
    return child as unknown as ChildProcessWithoutNullStreams;
  };
  return { spawn, started };
}

test("NetworkAgent keeps its batch processes across passes and starts them afresh when links are deleted", async (t) => {
  const kernel = fakeKernel();
  const batches = fakeBatchProcesses();
  const agent = new NetworkAgent({
    underlayAddr: "198.18.0.1",
    underlayMtu: 1500,
    run: kernel.run,
    batchSpawn: batches.spawn,
    dns: false,
    reconvergeMs: 0,
    sysctl: () => undefined,
  });
  const spawned = (): string[] => batches.started.map((s) => s.program);
  await agent.update({ networks: [network(["10.0.1.3"])] });
  t.deepEqual(spawned(), ["ip", "bridge"]);
  // No batch went through the one-shot runner.
  t.false(kernel.calls.some((c) => c.command === "ip -batch -" || c.command === "bridge -batch -"));
  // A backend more: its entries go to the same processes.
  await agent.update({ networks: [network(["10.0.1.3", "10.0.1.4"])] });
  t.deepEqual(spawned(), ["ip", "bridge"]);
  t.true(
    batches.started[0]!.lines.includes(
      "neigh replace 10.0.1.4 lladdr 02:42:0a:00:01:04 dev vx-frontnet00 nud permanent",
    ),
  );
  // The network goes: its links are deleted by a fresh ip process (a name deleted and made again
  // must never be looked up in an old process's cache); the bridge process ends with it.
  await agent.update({ networks: [] });
  t.deepEqual(spawned(), ["ip", "bridge", "ip"]);
  t.deepEqual(batches.started[2]!.lines, ["link del dev vx-frontnet00", "link del dev sw-frontnet00"]);
  // Made again: the new ip process goes on, a new bridge process programs the FDB entries.
  await agent.update({ networks: [network(["10.0.1.3"])] });
  t.deepEqual(spawned(), ["ip", "bridge", "ip", "bridge"]);
  t.true(batches.started[2]!.lines.some((l) => l.startsWith("link add name vx-frontnet00")));
  t.true(batches.started[3]!.lines.some((l) => l.startsWith("fdb replace 02:42:0a:00:01:03 dev vx-frontnet00")));
  await agent.close();
});
