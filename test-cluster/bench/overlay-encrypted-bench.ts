// The encrypted row of `npm run bench -- overlay`: one TCP stream from a task on one lab node to a
// task on the other, over a plain overlay network and over an encrypted one (VXLAN through the
// nodes' wireguard-go tunnel), short runs interleaved, the median of each. Needs wireguard-go. It
// builds a two-node lab of its own, whose nodes carry a tunnel each, torn down (interface, socket,
// rules) before the lab goes.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { enterTask, pushViews, viewFor } from "../netlab/lab-kit.js";
import type { LabNetwork, LabTask } from "../netlab/lab-kit.js";
import { LabNode } from "../netlab/lab-node.js";
import { Netlab } from "../netlab/netlab.js";
import { uapiSocketDir } from "../../worker/index.js";
import type { NetworkView } from "../../worker/index.js";

/** Seconds of each stream. */
export const encryptedBenchStreamSeconds = 3;

/** The port the sink listens on inside its task. */
const sinkPort = 7100;

/** The sink: takes one connection, counts its bytes, prints bytes and ms from first to last byte. */
const sinkScript = `
const server = require("node:net").createServer((socket) => {
  let bytes = 0, first = 0, last = 0;
  socket.on("data", (chunk) => { if (!first) first = performance.now(); bytes += chunk.length; last = performance.now(); });
  socket.on("end", () => { console.log(JSON.stringify({ bytes, ms: last - first })); server.close(); });
});
server.listen(Number(process.argv[1]), () => console.log("ready"));
`;

/** The source: writes for some seconds as fast as the stream takes it (retrying until the sink listens). */
const sourceScript = `
const [host, port, seconds] = process.argv.slice(1);
const chunk = Buffer.alloc(65536, 120);
const deadline = performance.now() + 20000;
const go = () => {
  const socket = require("node:net").connect(Number(port), host);
  socket.on("error", (e) => { if (performance.now() < deadline) setTimeout(go, 100); else { console.error(String(e)); process.exit(1); } });
  socket.on("connect", () => {
    const end = performance.now() + Number(seconds) * 1000;
    const write = () => { while (performance.now() < end) { if (!socket.write(chunk)) return socket.once("drain", write); } socket.end(); };
    write();
  });
};
go();
`;

/** Throughput of one path. */
export interface StreamResult {
  /** Median MB/s over the rounds. */
  readonly mbPerS: number;
}

/** What the encrypted row reports. */
export interface EncryptedBenchResult {
  readonly plain: StreamResult;
  readonly encrypted: StreamResult;
  /** Encrypted / plain throughput. */
  readonly ratio: number;
  readonly streamSeconds: number;
  readonly mtuPlain: number;
  readonly mtuEncrypted: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** One stream from `from` to `to` (the sink's address); MB/s. */
async function stream(lab: Netlab, from: string, to: string, toAddr: string, seconds: number): Promise<number> {
  const sink = lab.spawn(to, process.execPath, ["-e", sinkScript, String(sinkPort)], { viaNetnsExec: true });
  const lines: string[] = [];
  sink.stdout!.on("data", (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString()
        .split("\n")
        .filter((l) => l !== ""),
    ),
  );
  const exited = new Promise<void>((resolve) => sink.once("exit", () => resolve()));
  await lab.exec(from, process.execPath, ["-e", sourceScript, toAddr, String(sinkPort), String(seconds)], {
    timeoutMs: (seconds + 60) * 1000,
  });
  await exited;
  const result = JSON.parse(lines.find((l) => l.startsWith("{")) ?? '{"bytes":0,"ms":1}') as {
    bytes: number;
    ms: number;
  };
  return result.bytes / 1e6 / (result.ms / 1000);
}

/** The view of node `index` with `encrypted` run through the nodes' tunnels. */
function encryptedView(
  index: number,
  nets: readonly LabNetwork[],
  encrypted: string,
  nodes: readonly LabNode[],
  keys: readonly string[],
): NetworkView {
  const endpoints = nodes.map((n) => ({ vtep: n.underlayAddr, port: 14789 }));
  const tunnelAddr = (i: number): string => `169.254.128.${i + 1}`;
  const view = viewFor(index, nets, endpoints);
  return {
    ...view,
    networks: view.networks.map((n) => {
      if (n.id !== encrypted) return n;
      return {
        ...n,
        encrypted: true,
        // An encrypted network's peers are reached at their node's tunnel address.
        peers: n.peers.map((p) => ({ ...p, vtep: tunnelAddr(nodes.findIndex((x) => x.underlayAddr === p.vtep)) })),
        tunnel: {
          addr: `${tunnelAddr(index)}/17`,
          peers: nodes
            .filter((_, i) => i !== index)
            .map((x) => ({
              publicKey: keys[x.index]!,
              endpoint: `${x.underlayAddr}:51820`,
              addr: tunnelAddr(x.index),
            })),
        },
      };
    }),
  };
}

/** Runs the encrypted row on a lab of its own; see the file header. */
export async function runEncryptedBench(
  rounds: number,
  seconds = encryptedBenchStreamSeconds,
): Promise<EncryptedBenchResult> {
  // Interface names are the sockets' names in /var/run/wireguard, shared by every namespace.
  const names = [0, 1].map((i) => `lw${process.pid}n${i}`);
  const nodes: LabNode[] = [];
  const lab = await Netlab.create(2);
  try {
    for (const i of [0, 1])
      nodes.push(
        await LabNode.start(lab, i, {
          netnsPrefix: lab.name(`e${i}-`),
          tunnel: { name: names[i]!, keyFile: join(lab.tmp, `wg${i}.key`) },
        }),
      );
    const keys = await Promise.all(
      nodes.map(async (n) => {
        const e = await n.call<{ publicKey?: string; unavailable?: string }>("encryption");
        if (e.publicKey === undefined) throw new Error(`lab node ${n.index} cannot encrypt: ${e.unavailable ?? ""}`);
        return e.publicKey;
      }),
    );
    const tasks = (k: number): LabTask[] => [
      { taskId: `src${k}`, name: `src.1.src${k}`, addr: `198.19.${k}.2`, node: 0, serviceId: "src" },
      { taskId: `sink${k}`, name: `sink.1.sink${k}`, addr: `198.19.${k}.3`, node: 1, serviceId: "sink" },
    ];
    const net = (k: number, id: string): LabNetwork => ({
      id,
      name: id.slice(0, 8),
      subnet: `198.19.${k}.0/24`,
      vni: 7000 + k,
      self: [`198.19.${k}.250`, `198.19.${k}.251`],
      services: [],
      tasks: tasks(k),
    });
    const plain = net(30, "benchplain000000000000000");
    const secret = net(31, "benchsecret00000000000000");
    await Promise.all(nodes.map((n) => n.update(encryptedView(n.index, [plain, secret], secret.id, nodes, keys))));
    const ns = new Map<string, string>();
    for (const n of [plain, secret]) for (const t of n.tasks) ns.set(t.taskId, await enterTask(nodes[t.node]!, n, t));
    const runs = { plain: [] as number[], encrypted: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      runs.plain.push(await stream(lab, ns.get("src30")!, ns.get("sink30")!, "198.19.30.3", seconds));
      runs.encrypted.push(await stream(lab, ns.get("src31")!, ns.get("sink31")!, "198.19.31.3", seconds));
    }
    const stats = await nodes[0]!.stats();
    const mtu = (id: string): number => stats.networks.find((n) => n.id === id)?.mtu ?? 0;
    const result = {
      plain: { mbPerS: median(runs.plain) },
      encrypted: { mbPerS: median(runs.encrypted) },
      ratio: median(runs.encrypted) / (median(runs.plain) || 1),
      streamSeconds: seconds,
      mtuPlain: mtu(plain.id),
      mtuEncrypted: mtu(secret.id),
    };
    await pushViews(nodes, []);
    return result;
  } finally {
    // The tunnels go with their interfaces (wireguard-go exits and removes its socket); a killed
    // wireguard-go leaves the socket file, removed here.
    for (const n of nodes) await n.call("teardown").catch(() => undefined);
    for (const name of names) rmSync(join(uapiSocketDir, `${name}.sock`), { force: true });
    await lab.destroy();
  }
}
