import test from "ava";
import dnsPacket from "dns-packet";
import { spawnSync } from "node:child_process";
import { claimLoopbackBlock } from "../../common/index.js";
import type { LoopbackBlock } from "../../common/index.js";
import { DnsThread } from "./dns-thread.js";
import type { OverlayNetwork } from "./view.js";

/** One network of the block's lower half, whose service `web` has the VIP `vip`. */
function network(b: LoopbackBlock, vip: string): OverlayNetwork {
  return {
    id: "netthread00000",
    name: "front",
    subnet: `${b.prefix}.0/25`,
    vni: 4097,
    mtu: 0,
    internal: false,
    encrypted: false,
    self: { addr: b.addr(1) },
    peers: [],
    services: [
      {
        id: "svcweb",
        name: "web",
        aliases: [],
        mode: "vip",
        vip,
        backends: [{ taskId: "w1", addr: b.addr(10), healthy: true, draining: false }],
      },
    ],
    tasks: [{ taskId: "w1", name: "web.1.w1", addr: b.addr(10), serviceId: "svcweb", aliases: [] }],
  };
}

/**
 * Asks `server` for `web` `n` times from `source` in a child process, while this thread waits for
 * it without running its event loop (spawnSync): answers can only come from another thread.
 * Returns the A records of each answer ("timeout" for none).
 */
function askWhileBlocked(source: string, server: string, port: number, n: number): string[] {
  const query = dnsPacket.encode({ type: "query", id: 7, flags: 0x0100, questions: [{ type: "A", name: "web" }] });
  const script = `
    const s = require("node:dgram").createSocket("udp4");
    const [source, server, port, n, query] = process.argv.slice(1);
    const answers = [];
    s.bind(0, source, () => {
      const ask = () => {
        if (answers.length === Number(n)) { console.log(JSON.stringify(answers)); return s.close(); }
        const timer = setTimeout(() => { s.off("message", got); answers.push("timeout"); ask(); }, 2000);
        const got = (m) => {
          clearTimeout(timer);
          s.off("message", got);
          answers.push(m.length >= 4 ? [...m.subarray(-4)].join(".") : "short");
          ask();
        };
        s.on("message", got);
        s.send(Buffer.from(query, "hex"), Number(port), server);
      };
      ask();
    });`;
  const out = spawnSync(
    process.execPath,
    ["-e", script, source, server, String(port), String(n), query.toString("hex")],
    { encoding: "utf8", timeout: 60_000 },
  );
  return JSON.parse(out.stdout.trim()) as string[];
}

test("DnsThread answers on its own thread while the agent's thread is busy, and shares its counters", async (t) => {
  const block = await claimLoopbackBlock(`dns-thread.test ${t.title}`);
  const logs: string[] = [];
  const thread = new DnsThread({ port: 15353, upstreams: [], log: (event) => logs.push(event) });
  try {
    await thread.update([network(block, block.addr(100))], [block.addr(1)]);
    t.deepEqual(thread.stats().listeners, [block.addr(1)]);
    const answers = askWhileBlocked(block.addr(10), block.addr(1), 15353, 20);
    t.deepEqual(
      answers,
      Array.from({ length: 20 }, () => block.addr(100)),
      logs.join(", "),
    );
    t.is(thread.stats().queries, 20);
    t.is(thread.stats().local, 20);
    // New records without a listener change: the next query already sees them.
    thread.setNetworks([network(block, block.addr(101))]);
    t.deepEqual(askWhileBlocked(block.addr(10), block.addr(1), 15353, 1), [block.addr(101)]);
    await thread.update([], []);
    t.deepEqual(thread.stats().listeners, []);
  } finally {
    await thread.close();
    block.release();
  }
  t.deepEqual(thread.stats().listeners, []);
  t.false(logs.includes("dns.thread-exited"));
});
