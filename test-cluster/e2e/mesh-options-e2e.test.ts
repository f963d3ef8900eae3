// Goal: the routing mesh's options reach the data path from an operator's spec, on real swarmd
// processes (1 manager + 1 worker, process executor) started with `--mesh-datapath kernel`:
// a port published with proxy-protocol v2 gives the task the client's real address, through
// another node's address; a plain TCP port is served by the kernel's DNAT rules, which are gone
// once the nodes stop.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, swarm } from "../../proto/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

const run = promisify(execFile);

/** Published ports in the 30000s that no other test uses at the same time. */
const proxiedPort = 30_000 + (process.pid % 2_000) + 600;
const plainPort = proxiedPort + 1;

/** Connects from `clientIp`, sends nothing, and returns what the server says before it closes (null on failure). */
function answerOf(ip: string, port: number, clientIp: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: ip, port, localAddress: clientIp, timeout: 2_000 });
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("end", () => resolve(text === "" ? null : text));
    socket.on("timeout", () => socket.destroy());
    socket.on("error", () => resolve(null));
    socket.on("close", () => resolve(text === "" ? null : text));
  });
}

/** The kernel path's rules for the node at `ip` (its own chain), or null when the chain is gone. */
async function natRules(ip: string): Promise<string | null> {
  const chain = `SWARM-INGRESS-${ip
    .split(".")
    .map((b) => Number(b).toString(16).padStart(2, "0"))
    .join("")}`;
  try {
    return (await run("iptables", ["-w", "5", "-t", "nat", "-S", chain])).stdout;
  } catch {
    return null;
  }
}

test("proxy-protocol v2 shows the task the client's address; a plain port is served by kernel DNAT rules that go with the nodes", async (t) => {
  t.timeout(180_000);
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-mesh-options-"));
  // Task programs: a process shares the node's network and listens where the executor says.
  const proxied = join(baseDir, "proxied.cjs");
  writeFileSync(
    proxied,
    [
      "require('net').createServer((s) => s.once('data', (b) => {",
      "  const sig = Buffer.from([13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10]);",
      "  if (!b.subarray(0, 12).equals(sig) || b[12] !== 0x21 || b[13] !== 0x11) return s.end('no proxy v2 header');",
      "  s.end(`${[...b.subarray(16, 20)].join('.')}:${b.readUInt16BE(24)}`);",
      "})).listen(Number(process.env.PORT), process.env.HOST);",
      "",
    ].join("\n"),
  );
  const plain = join(baseDir, "plain.cjs");
  writeFileSync(
    plain,
    "require('net').createServer((s) => s.end('plain')).listen(Number(process.env.PORT), process.env.HOST);\n",
  );
  const cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 1,
    executor: "process",
    nodeArgs: ["--mesh-datapath", "kernel"],
  });
  const client = new ControlClient(cluster.controlTarget, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await cluster.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
  });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  const Ingress = swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS;
  const manager = cluster.nodes[0]!;
  const worker = cluster.nodes[1]!;
  // The address the test's client connects from, so the task can tell it from every node's.
  const clientIp = cluster.spareAddr(1);
  // Both tasks on the manager's node, reached through the worker's address.
  const placement = { constraints: ["node.role==manager"] };
  await call(client.createService, {
    spec: {
      annotations: { name: "proxied" },
      task: { container: { image: "process://node", args: [proxied] }, placement },
      endpoint: {
        ports: [
          {
            targetPort: 7000,
            publishedPort: proxiedPort,
            publishMode: Ingress,
            proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2,
          },
        ],
      },
    },
  });
  await call(client.createService, {
    spec: {
      annotations: { name: "plain" },
      task: { container: { image: "process://node", args: [plain] }, placement },
      endpoint: { ports: [{ targetPort: 7001, publishedPort: plainPort, publishMode: Ingress }] },
    },
  });

  const seen = await until(
    "the proxied service's answer through the worker",
    async () => (await answerOf(worker.ip, proxiedPort, clientIp)) ?? undefined,
    60_000,
  );
  t.regex(
    seen,
    new RegExp(`^${clientIp.replaceAll(".", "\\.")}:\\d+$`),
    "the task saw the client's own address and port",
  );

  // The plain port: DNAT rules on the worker's chain, and answers through them.
  const rules = await until(
    "the worker's DNAT rule for the plain port",
    async () => ((await natRules(worker.ip))?.includes(`--dport ${plainPort}`) ? await natRules(worker.ip) : undefined),
    30_000,
  );
  t.regex(
    rules ?? "",
    new RegExp(
      `-d ${worker.ip}/32 -p tcp -m tcp --dport ${plainPort} -j DNAT --to-destination ${manager.ip.replaceAll(".", "\\.")}:\\d+`,
    ),
  );
  t.false((rules ?? "").includes(`--dport ${proxiedPort}`), "a port with a PROXY header stays in userspace");
  t.is(
    await until(
      "the plain service's answer",
      async () => (await answerOf(worker.ip, plainPort, clientIp)) ?? undefined,
      20_000,
    ),
    "plain",
  );

  await cluster.down({ purge: true });
  t.is(await natRules(worker.ip), null, "the worker's chain is gone");
  t.is(await natRules(manager.ip), null, "the manager's chain is gone");
});
