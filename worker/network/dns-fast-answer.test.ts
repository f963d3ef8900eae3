// The DNS server's wire-level fast path, against dns-packet as the decoder: answers from the
// precomputed records, the question echoed byte for byte, EDNS and truncation, NXDOMAIN, and the
// queries it leaves to the general path.
import test from "ava";
import dnsPacket from "dns-packet";
import type { DecodedPacket } from "dns-packet";
import { fastAnswer } from "./dns-fast-answer.js";
import { DnsRecords } from "./dns-records.js";
import type { NetworkView } from "./view.js";

const tasks = Array.from({ length: 50 }, (_, i) => ({
  taskId: `t${i}`,
  name: `api.${i + 1}.t${i}`,
  addr: `198.19.5.${i + 10}`,
  serviceId: "api",
  aliases: [],
}));
const view: NetworkView = {
  networks: [
    {
      id: "net1",
      name: "back",
      subnet: "198.19.5.0/24",
      vni: 4097,
      mtu: 0,
      internal: false,
      encrypted: false,
      self: { addr: "198.19.5.1" },
      peers: [],
      services: [
        {
          id: "api",
          name: "api",
          aliases: [],
          mode: "vip",
          vip: "198.19.5.2",
          backends: tasks.map((t) => ({ taskId: t.taskId, addr: t.addr, healthy: true, draining: false })),
        },
      ],
      tasks,
    },
  ],
};
const records = new DnsRecords(view);
const rcode = (p: DecodedPacket): string => (p as DecodedPacket & { rcode: string }).rcode;
/** Each answer as "TYPE name ttl data". */
const answers = (p: DecodedPacket): string[] =>
  (p.answers ?? []).map((a) => {
    const r = a as { type: string; name: string; ttl?: number; data?: unknown };
    return `${r.type} ${r.name} ${r.ttl ?? 0} ${String(r.data)}`;
  });
const origin = { source: "198.19.5.10", listener: "198.19.5.1", transport: "udp" as const };
const query = (name: string, type: "A" | "AAAA" | "PTR", edns?: number): Buffer =>
  dnsPacket.encode({
    type: "query",
    id: 4242,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
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
  });

test("fastAnswer answers a VIP name from the records, echoing the question's case", (t) => {
  const reply = fastAnswer(query("ApI", "A"), origin, records, Math.random);
  t.true(Buffer.isBuffer(reply));
  const packet = dnsPacket.decode(reply as Buffer);
  t.is(packet.id, 4242);
  t.true(packet.flag_aa && packet.flag_rd && packet.flag_ra && !packet.flag_tc);
  t.is(packet.questions?.[0]?.name, "ApI");
  t.deepEqual(answers(packet), ["A ApI 10 198.19.5.2"]);
});

test("fastAnswer truncates tasks.<service> to 512 bytes, fits more with EDNS, all of it over TCP", (t) => {
  const udp = fastAnswer(query("tasks.api", "A"), origin, records, Math.random) as Buffer;
  t.true(udp.length <= 512);
  const cut = dnsPacket.decode(udp);
  t.true(cut.flag_tc);
  const edns = dnsPacket.decode(fastAnswer(query("tasks.api", "A", 4096), origin, records, Math.random) as Buffer);
  t.true((edns.answers?.length ?? 0) > (cut.answers?.length ?? 0));
  t.is(edns.additionals?.[0]?.type, "OPT");
  const tcp = dnsPacket.decode(
    fastAnswer(query("tasks.api", "A"), { ...origin, transport: "tcp" }, records, Math.random) as Buffer,
  );
  t.false(tcp.flag_tc);
  t.deepEqual(
    answers(tcp)
      .map((a) => a.split(" ")[3])
      .sort(),
    tasks.map((x) => x.addr).sort(),
    "every task once, shuffled",
  );
});

test("fastAnswer answers NXDOMAIN and no data, forwards other names and leaves PTR to the general path", (t) => {
  const nx = dnsPacket.decode(fastAnswer(query("nope", "A"), origin, records, Math.random) as Buffer);
  t.is(rcode(nx), "NXDOMAIN");
  t.true(nx.flag_aa);
  const aaaa = dnsPacket.decode(fastAnswer(query("api", "AAAA"), origin, records, Math.random) as Buffer);
  t.is(rcode(aaaa), "NOERROR");
  t.is(aaaa.answers?.length, 0);
  t.is(fastAnswer(query("example.com", "A"), origin, records, Math.random), "forward");
  t.is(fastAnswer(query("10.5.19.198.in-addr.arpa", "PTR"), origin, records, Math.random), undefined);
  t.is(fastAnswer(Buffer.from([1, 2, 3]), origin, records, Math.random), undefined);
});
