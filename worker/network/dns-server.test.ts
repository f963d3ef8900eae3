// The node DNS server on a claimed loopback block and a high port, queried with dns-packet over
// real UDP and TCP sockets whose source addresses stand for tasks: the view's subnets are the
// block's two halves, so "network A" and "network B" are 127.X.Y.0/25 and 127.X.Y.128/25.
import test from "ava";
import type { ExecutionContext } from "ava";
import dnsPacket from "dns-packet";
import type { DecodedPacket } from "dns-packet";
import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { claimLoopbackBlock, mulberry32 } from "../../common/index.js";
import type { LoopbackBlock } from "../../common/index.js";
import { dnsForwardInflightMax } from "./dns-forwarder.js";
import { DnsRecords, dnsTaskTtlS, dnsVipTtlS } from "./dns-records.js";
import { DnsServer } from "./dns-server.js";
import type { NetworkView, ServiceBackend } from "./view.js";

const live = (taskId: string, addr: string): ServiceBackend => ({ taskId, addr, healthy: true, draining: false });

/** Network A (front) and B (back) on the block; see the file header. */
function viewOf(b: LoopbackBlock): NetworkView {
  const a = (h: number): string => b.addr(h);
  const manyTasks = Array.from({ length: 60 }, (_, i) => live(`big${i}`, a(60 + i)));
  return {
    networks: [
      {
        id: "netaaaaaaaaaaaa",
        name: "front",
        subnet: `${b.prefix}.0/25`,
        vni: 4097,
        mtu: 0,
        internal: false,
        encrypted: false,
        self: { addr: a(1) },
        peers: [],
        services: [
          {
            id: "svcweb",
            name: "web",
            aliases: ["www"],
            mode: "vip",
            vip: a(100),
            backends: [live("w1", a(10)), live("w2", a(11))],
          },
          {
            id: "svcdb",
            name: "db",
            aliases: [],
            mode: "dnsrr",
            backends: [
              live("d1", a(20)),
              live("d2", a(21)),
              { taskId: "d3", addr: a(22), healthy: false, draining: false },
              { taskId: "d4", addr: a(23), healthy: true, draining: true },
            ],
          },
          { id: "svcbig", name: "big", aliases: [], mode: "dnsrr", backends: manyTasks },
        ],
        tasks: [
          { taskId: "w1", name: "web.1.w1", addr: a(10), serviceId: "svcweb", aliases: [] },
          { taskId: "w2", name: "web.2.w2", addr: a(11), serviceId: "svcweb", aliases: [] },
          { taskId: "client", name: "client.1.client", addr: a(30), serviceId: "svcclient", aliases: [] },
          { taskId: "both", name: "both.1.both", addr: a(40), serviceId: "svcboth", aliases: [] },
        ],
      },
      {
        id: "netbbbbbbbbbbbb",
        name: "back",
        subnet: `${b.prefix}.128/25`,
        vni: 4098,
        mtu: 0,
        internal: false,
        encrypted: false,
        self: { addr: a(129) },
        peers: [],
        services: [
          { id: "svcsecret", name: "secret", aliases: [], mode: "vip", vip: a(150), backends: [live("s1", a(151))] },
        ],
        tasks: [
          { taskId: "both", name: "both.1.both", addr: a(140), serviceId: "svcboth", aliases: [] },
          { taskId: "s1", name: "secret.1.s1", addr: a(151), serviceId: "svcsecret", aliases: [] },
        ],
      },
    ],
  };
}

/** A UDP port free on both listener addresses. */
async function freeUdpPort(addrs: readonly string[]): Promise<number> {
  for (;;) {
    const probe = createSocket("udp4");
    const port = await new Promise<number>((resolve) => probe.bind(0, addrs[0], () => resolve(probe.address().port)));
    probe.close();
    const ok = await Promise.all(
      addrs.map(
        (addr) =>
          new Promise<boolean>((resolve) => {
            const s = createSocket("udp4");
            s.once("error", () => resolve(false));
            s.bind(port, addr, () => s.close(() => resolve(true)));
          }),
      ),
    );
    if (ok.every(Boolean)) return port;
  }
}

/** One query over UDP from `source`; resolves with the decoded answer and its size. */
function udpQuery(
  source: string,
  server: string,
  port: number,
  question: { name: string; type: string },
  edns?: number,
): Promise<{ packet: DecodedPacket; bytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer to ${question.name}`));
    }, 5000);
    socket.on("message", (message) => {
      clearTimeout(timer);
      socket.close();
      resolve({ packet: dnsPacket.decode(message), bytes: message.length });
    });
    socket.bind(0, source, () =>
      socket.send(encodeQuery(question, edns), port, server, (error) => {
        if (error) reject(error);
      }),
    );
  });
}

/** One query over TCP from `source`. */
function tcpQuery(
  source: string,
  server: string,
  port: number,
  question: { name: string; type: string },
): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server, port, localAddress: source });
    let buffered = Buffer.alloc(0);
    socket.on("error", reject);
    socket.on("connect", () => socket.write(dnsPacket.streamEncode(queryPacket(question))));
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        socket.destroy();
        resolve(dnsPacket.decode(buffered.subarray(2)));
      }
    });
  });
}

function queryPacket(question: { name: string; type: string }, edns?: number): dnsPacket.Packet {
  return {
    type: "query",
    id: Math.floor(Math.random() * 65535),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name: question.name, type: question.type as "A" }],
    ...(edns === undefined
      ? {}
      : {
          additionals: [
            {
              type: "OPT",
              name: ".",
              udpPayloadSize: edns,
              extendedRcode: 0,
              ednsVersion: 0,
              flags: 0,
              flag_do: false,
              options: [],
            },
          ],
        }),
  };
}

function encodeQuery(question: { name: string; type: string }, edns?: number): Buffer {
  return dnsPacket.encode(queryPacket(question, edns));
}

const rcode = (p: DecodedPacket): string => (p as DecodedPacket & { rcode: string }).rcode;
const addrs = (p: DecodedPacket): string[] => (p.answers ?? []).map((a) => String((a as { data: unknown }).data));
const ttlOf = (p: DecodedPacket): number | undefined => (p.answers?.[0] as { ttl?: number } | undefined)?.ttl;

interface Fixture {
  readonly block: LoopbackBlock;
  readonly server: DnsServer;
  readonly port: number;
  readonly a: (h: number) => string;
}

/** Runs `body` with a server on .1 and .129 of a fresh block, and releases everything after. */
async function withServer(
  t: ExecutionContext,
  body: (f: Fixture) => Promise<void>,
  upstreams: (block: LoopbackBlock, port: number) => { addr: string; port: number }[] = () => [],
): Promise<void> {
  const block = await claimLoopbackBlock(`dns-server.test ${t.title}`);
  const port = await freeUdpPort([block.addr(1), block.addr(129)]);
  const server = new DnsServer({ port, upstreams: upstreams(block, port), random: mulberry32(7) });
  try {
    const view = viewOf(block);
    await server.update(new DnsRecords(view), [block.addr(1), block.addr(129)]);
    t.deepEqual(server.stats().listeners, [block.addr(1), block.addr(129)].sort());
    await body({ block, server, port, a: (h) => block.addr(h) });
  } finally {
    await server.close();
    block.release();
  }
}

test("DnsServer answers a service and its alias with the VIP, tasks.<service> with the live tasks", async (t) => {
  await withServer(t, async ({ port, a }) => {
    const web = await udpQuery(a(30), a(1), port, { name: "web", type: "A" });
    t.is(rcode(web.packet), "NOERROR");
    t.true(web.packet.flag_aa);
    t.deepEqual(addrs(web.packet), [a(100)]);
    t.is(ttlOf(web.packet), dnsVipTtlS);
    t.deepEqual(addrs((await udpQuery(a(30), a(1), port, { name: "WWW.", type: "A" })).packet), [a(100)]);
    const tasks = await udpQuery(a(30), a(1), port, { name: "tasks.web", type: "A" });
    t.deepEqual(addrs(tasks.packet).sort(), [a(10), a(11)].sort());
    t.is(ttlOf(tasks.packet), dnsTaskTtlS);
    t.deepEqual(addrs((await udpQuery(a(30), a(1), port, { name: "web.front", type: "A" })).packet), [a(100)]);
  });
});

test("DnsServer answers dnsrr with the healthy, non-draining tasks in shuffled orders", async (t) => {
  await withServer(t, async ({ port, a }) => {
    const orders = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const got = addrs((await udpQuery(a(30), a(1), port, { name: "db", type: "A" })).packet);
      t.deepEqual([...got].sort(), [a(20), a(21)].sort());
      orders.add(got.join(","));
    }
    t.is(orders.size, 2);
  });
});

test("DnsServer answers task names, PTR records, AAAA with no data and unknown names with NXDOMAIN", async (t) => {
  await withServer(t, async ({ port, a, block }) => {
    t.deepEqual(addrs((await udpQuery(a(30), a(1), port, { name: "web.1.w1", type: "A" })).packet), [a(10)]);
    const reverse = (h: number): string => `${h}.${block.prefix.split(".").reverse().join(".")}.in-addr.arpa`;
    t.deepEqual(addrs((await udpQuery(a(30), a(1), port, { name: reverse(10), type: "PTR" })).packet), [
      "web.1.w1.front",
    ]);
    t.deepEqual(addrs((await udpQuery(a(30), a(1), port, { name: reverse(100), type: "PTR" })).packet), ["web.front"]);
    const unknownAddr = await udpQuery(a(30), a(1), port, { name: reverse(99), type: "PTR" });
    t.is(rcode(unknownAddr.packet), "NXDOMAIN");
    const aaaa = await udpQuery(a(30), a(1), port, { name: "web", type: "AAAA" });
    t.is(rcode(aaaa.packet), "NOERROR");
    t.deepEqual(aaaa.packet.answers, []);
    const missing = await udpQuery(a(30), a(1), port, { name: "nosuchservice", type: "A" });
    t.is(rcode(missing.packet), "NXDOMAIN");
    t.true(missing.packet.flag_aa);
    t.is(rcode((await udpQuery(a(30), a(1), port, { name: "tasks.nosuch", type: "A" })).packet), "NXDOMAIN");
  });
});

test("DnsServer answers only names of the networks the asking task is on", async (t) => {
  await withServer(t, async ({ port, a }) => {
    // The client task is on front only: back's service does not exist for it.
    t.is(rcode((await udpQuery(a(30), a(1), port, { name: "secret", type: "A" })).packet), "NXDOMAIN");
    // Nor does the name of its network: to this task it is a name like any other, for the resolvers (none here).
    t.is(rcode((await udpQuery(a(30), a(1), port, { name: "secret.back", type: "A" })).packet), "SERVFAIL");
    // A task on both networks sees both, whichever listener it asks.
    t.deepEqual(addrs((await udpQuery(a(40), a(1), port, { name: "secret", type: "A" })).packet), [a(150)]);
    t.deepEqual(addrs((await udpQuery(a(140), a(129), port, { name: "web", type: "A" })).packet), [a(100)]);
    // A source the view does not know sees the network of the listener it asked only.
    t.deepEqual(addrs((await udpQuery(a(50), a(1), port, { name: "web", type: "A" })).packet), [a(100)]);
    t.is(rcode((await udpQuery(a(50), a(1), port, { name: "secret", type: "A" })).packet), "NXDOMAIN");
    t.deepEqual(addrs((await udpQuery(a(200), a(129), port, { name: "secret", type: "A" })).packet), [a(150)]);
  });
});

test("DnsServer truncates a large UDP answer, fits more with EDNS and gives all of it over TCP", async (t) => {
  await withServer(t, async ({ port, a }) => {
    const udp = await udpQuery(a(30), a(1), port, { name: "big", type: "A" });
    t.true(udp.packet.flag_tc);
    t.true(udp.bytes <= 512);
    const udpCount = addrs(udp.packet).length;
    t.true(udpCount > 0 && udpCount < 60);
    const edns = await udpQuery(a(30), a(1), port, { name: "big", type: "A" }, 4096);
    t.true(edns.bytes <= 1232);
    t.true(addrs(edns.packet).length > udpCount);
    const tcp = await tcpQuery(a(30), a(1), port, { name: "big", type: "A" });
    t.false(tcp.flag_tc);
    t.is(addrs(tcp).length, 60);
    t.deepEqual(addrs(await tcpQuery(a(30), a(1), port, { name: "web", type: "A" })), [a(100)]);
  });
});

/** A fake resolver on `addr`: answers `example.test` with 192.0.2.7, SERVFAILs when `fail`, over UDP and TCP. */
async function fakeUpstream(
  addr: string,
  options: { fail?: boolean; silent?: boolean } = {},
): Promise<{ port: number; close: () => void; queries: () => number }> {
  let queries = 0;
  const answer = (message: Buffer): Buffer => {
    const q = dnsPacket.decode(message);
    return dnsPacket.encode({
      type: "response",
      id: q.id ?? 0,
      flags: dnsPacket.RECURSION_AVAILABLE | (options.fail === true ? 2 : 0),
      questions: q.questions ?? [],
      answers:
        options.fail === true ? [] : [{ type: "A", name: q.questions?.[0]?.name ?? "", ttl: 300, data: "192.0.2.7" }],
    });
  };
  const udp = createSocket("udp4");
  udp.on("message", (message, from) => {
    queries += 1;
    if (options.silent !== true) udp.send(answer(message), from.port, from.address);
  });
  const port = await new Promise<number>((resolve) => udp.bind(0, addr, () => resolve(udp.address().port)));
  const { createServer } = await import("node:net");
  const tcp = createServer((socket) => {
    socket.on("data", (chunk: Buffer) => {
      queries += 1;
      socket.write(dnsPacket.streamEncode(dnsPacket.decode(answer(chunk.subarray(2)))));
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => tcp.listen(port, addr, resolve));
  return {
    port,
    queries: () => queries,
    close: () => {
      udp.close();
      tcp.close();
    },
  };
}

test("DnsServer forwards other names to the next resolver when one SERVFAILs, over UDP and TCP", async (t) => {
  const block = await claimLoopbackBlock("dns-server.test forwarding");
  const failing = await fakeUpstream(block.addr(201), { fail: true });
  const good = await fakeUpstream(block.addr(202));
  try {
    await withServer(
      t,
      async ({ port, a, server }) => {
        const udp = await udpQuery(a(30), a(1), port, { name: "example.test", type: "A" });
        t.deepEqual(addrs(udp.packet), ["192.0.2.7"]);
        t.deepEqual(addrs(await tcpQuery(a(30), a(1), port, { name: "example.test", type: "A" })), ["192.0.2.7"]);
        t.is(failing.queries(), 2);
        t.is(good.queries(), 2);
        t.like(server.stats().forward, { forwarded: 2, answered: 2 });
      },
      () => [
        { addr: block.addr(201), port: failing.port },
        { addr: block.addr(202), port: good.port },
      ],
    );
  } finally {
    failing.close();
    good.close();
    block.release();
  }
});

test("DnsServer bounds queries in flight to its resolvers and never forwards to itself", async (t) => {
  const block = await claimLoopbackBlock("dns-server.test inflight");
  const silent = await fakeUpstream(block.addr(201), { silent: true });
  try {
    await withServer(
      t,
      async ({ server, a }) => {
        const origin = { source: a(30), listener: a(1), transport: "udp" as const };
        const extra = 6;
        const started = performance.now();
        const answers = Array.from({ length: dnsForwardInflightMax + extra }, () =>
          server.answer(encodeQuery({ name: "example.test", type: "A" }), origin),
        );
        // The queries over the bound fail at once; the others wait for the resolver's timeout.
        const first = await Promise.race(answers.map((p, i) => p.then(() => i)));
        t.true(first >= dnsForwardInflightMax);
        t.true(performance.now() - started < 1000);
        const all = await Promise.all(answers);
        t.true(all.every((m) => m !== undefined && rcode(dnsPacket.decode(m)) === "SERVFAIL"));
        t.is(server.stats().forward.refused, extra);
        t.true(silent.queries() > 0 && silent.queries() <= dnsForwardInflightMax);
      },
      () => [{ addr: block.addr(201), port: silent.port }],
    );
    // A resolver list naming the server itself: SERVFAIL, no query sent anywhere.
    await withServer(
      t,
      async ({ port, a, server }) => {
        const reply = await udpQuery(a(30), a(1), port, { name: "example.test", type: "A" });
        t.is(rcode(reply.packet), "SERVFAIL");
        t.is(server.stats().forward.forwarded, 0);
      },
      (b, port) => [{ addr: b.addr(1), port }],
    );
  } finally {
    silent.close();
    block.release();
  }
});

test("DnsServer answers FORMERR to garbage and closes its listeners when a network goes", async (t) => {
  await withServer(t, async ({ server, a }) => {
    const garbage = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xff]);
    const reply = await server.answer(garbage, { source: a(30), listener: a(1), transport: "udp" });
    t.truthy(reply);
    t.is(reply!.readUInt16BE(0), 0x1234);
    t.is(reply!.readUInt16BE(2) & 0xf, 1);
    await server.update(new DnsRecords({ networks: [] }), [a(1)]);
    t.deepEqual(server.stats().listeners, [a(1)]);
  });
});
