// `npm run bench -- overlay [--seconds N] [--rounds N] [--connections N] [--failures N] [--parts LIST]
// [--dns-nice N] [--json]`:
// the overlay data
// path on a namespace lab of two nodes (root): HTTP from a task to a task on its own node and on
// the other node, directly and through the service VIP (wrk inside the client's namespace, or the
// lab's own load generator without wrk); DNS answer latency as a task sees it (its node's server,
// over the bridge); how long a node takes to program a view of 1,000 tasks on one network; and,
// on a cluster of real swarmd nodes, how long a killed task takes to leave every node's DNS and
// VIP (`--failures N` kills, overlay-failure-bench.ts). Targets: VIP ≥ 0.9× direct, DNS p99 ≤ 1 ms,
// 1,000-task view ≤ 200 ms, failure removed everywhere in p99 ≤ 500 ms. Docker Swarm's VIPs and
// routing mesh need IPVS (its encrypted overlays ESP), which this kernel lacks: no Docker figure beside.
// `--parts http,dns,program,encrypted,failures` (the default: all) measures only those.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { InvalidArgumentError } from "../../common/index.js";
import { intFlag } from "./bench-args.js";
import { formatTable } from "./load.js";
import {
  dnsLatencyPython,
  enterTask,
  probe,
  pushViews,
  serve,
  serveDnsEchoPython,
  viewFor,
} from "../netlab/lab-kit.js";
import type { DnsLatency, LabNetwork, LabTask } from "../netlab/lab-kit.js";
import { LabNode } from "../netlab/lab-node.js";
import { canBuildNetlab, Netlab } from "../netlab/netlab.js";
import { runEncryptedBench } from "./overlay-encrypted-bench.js";
import dnsPacket from "dns-packet";
import { DnsRecords, DnsServer, dnsThreadNice } from "../../worker/index.js";
import { measureFailurePropagation } from "./overlay-failure-bench.js";
import { failureHops } from "./failure-hops.js";

const run = promisify(execFile);

/** Seconds of each HTTP run. */
export const overlayBenchSeconds = 5;
/** Rounds of every HTTP path (interleaved); each figure is the median. */
export const overlayBenchRounds = 3;
/** Seconds of the discarded warm-up run of every path. */
export const overlayBenchWarmupSeconds = 2;
/** Connections the load keeps open. */
export const overlayBenchConnections = 32;
/** DNS queries per latency run. */
export const overlayBenchDnsQueries = 2000;
/** Tasks killed in the failure-propagation measurement (`--failures`). */
export const overlayBenchFailures = 5;
/** Tasks in the programming view. */
export const overlayBenchViewTasks = 1000;

/** The parts of the benchmark, each measurable alone with `--parts`. */
export const overlayBenchParts = ["http", "dns", "program", "encrypted", "failures"] as const;

/** The parts named by `--parts a,b` (all without it). */
function partsOf(argv: readonly string[]): Set<string> {
  const at = argv.indexOf("--parts");
  if (at < 0) return new Set(overlayBenchParts);
  const parts = new Set((argv[at + 1] ?? "").split(",").filter((p) => p !== ""));
  for (const p of parts)
    if (!(overlayBenchParts as readonly string[]).includes(p))
      throw new InvalidArgumentError(
        "parts",
        `unknown part ${JSON.stringify(p)}; known: ${overlayBenchParts.join(", ")}`,
      );
  return parts;
}

/** The nodes' DNS thread nice value of `--dns-nice N` (-20 to 19; the agent's default without it). */
function dnsNiceOf(argv: readonly string[]): number | undefined {
  const at = argv.indexOf("--dns-nice");
  if (at < 0) return undefined;
  const nice = Number(argv[at + 1]);
  if (!Number.isSafeInteger(nice) || nice < -20 || nice > 19)
    throw new InvalidArgumentError("dns-nice", "must be an integer from -20 to 19");
  return nice;
}

/** One HTTP result. */
interface HttpResult {
  readonly rps: number;
  readonly p99Ms: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Whether wrk is installed (its --version exits 1 after printing its banner). */
async function hasWrk(): Promise<boolean> {
  try {
    await run("wrk", ["--version"]);
    return true;
  } catch (error) {
    return (error as { stdout?: string }).stdout?.includes("wrk") === true;
  }
}

/** Requests/s and p99 from wrk's --latency output. */
function parseWrk(output: string): HttpResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(output);
  if (!rps || !p99) throw new Error(`cannot read wrk's output:\n${output}`);
  const scale = p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1;
  return { rps: Number(rps[1]), p99Ms: Number(p99[1]) * scale };
}

/** One HTTP load run from inside `netns`. */
async function httpRun(
  lab: Netlab,
  netns: string,
  url: string,
  seconds: number,
  connections: number,
  wrk: boolean,
): Promise<HttpResult> {
  if (wrk)
    return parseWrk(
      await lab.exec(netns, "wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", url], {
        timeoutMs: (seconds + 30) * 1000,
      }),
    );
  const r = await probe<{ rps: number; p99Ms: number }>(lab, netns, [
    "http-load",
    url,
    String(seconds),
    String(connections),
  ]);
  return { rps: r.rps, p99Ms: r.p99Ms };
}

/** The 1,000-task network of the programming measurement (all tasks on the other node). */
function bigNetwork(): LabNetwork {
  const tasks: LabTask[] = Array.from({ length: overlayBenchViewTasks }, (_, i) => ({
    taskId: `big${i}`,
    name: `svc${i % 10}.${i}.big${i}`,
    addr: `198.19.${100 + Math.floor(i / 250)}.${(i % 250) + 2}`,
    node: 1,
    serviceId: `svc${i % 10}`,
  }));
  return {
    id: "benchbig00000000000000000",
    name: "big",
    subnet: "198.19.96.0/19",
    vni: 7001,
    self: ["198.19.96.250", "198.19.96.251"],
    services: Array.from({ length: 10 }, (_, s) => ({
      id: `svc${s}`,
      name: `svc${s}`,
      mode: "vip" as const,
      vip: `198.19.97.${s + 1}`,
      backends: tasks.filter((t) => t.serviceId === `svc${s}`).map((t) => t.taskId),
    })),
    tasks,
  };
}

/** Runs the benchmark; returns the table text and the JSON summary. */
/** The `q` quantile of `values` (0 for none). */
const p = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** HTTP through the VIP and directly, from the client task, on its node and across nodes. */
async function measureHttp(
  lab: Netlab,
  client: string,
  options: { seconds: number; rounds: number; connections: number; wrk: boolean },
): Promise<{ text: string; json: Record<string, unknown> }> {
  const { seconds, rounds, connections, wrk } = options;
  const paths = [
    { path: "same node, direct", url: "http://198.19.1.10/" },
    { path: "same node, VIP", url: "http://198.19.1.100/" },
    { path: "other node, direct", url: "http://198.19.1.20/" },
    { path: "other node, VIP", url: "http://198.19.1.101/" },
  ];
  // Warm-up, discarded: the servers' JIT and the first ARP and conntrack entries.
  for (const x of paths) await httpRun(lab, client, x.url, overlayBenchWarmupSeconds, connections, wrk);
  const samples = new Map<string, HttpResult[]>(paths.map((x) => [x.path, []]));
  for (let r = 0; r < rounds; r++)
    for (const x of paths) samples.get(x.path)!.push(await httpRun(lab, client, x.url, seconds, connections, wrk));
  const http = paths.map((x) => {
    const runs = samples.get(x.path)!;
    return { path: x.path, rps: median(runs.map((y) => y.rps)), p99Ms: median(runs.map((y) => y.p99Ms)) };
  });
  // Each round's VIP run against the direct run just before it, so drifts in the machine's load
  // hit both sides of a ratio alike; the median over the rounds.
  const ratio = (vip: string, direct: string): number => {
    const v = samples.get(vip)!;
    const d = samples.get(direct)!;
    return median(v.map((x, i) => x.rps / (d[i]?.rps || 1)));
  };
  const vipRatioSameNode = ratio("same node, VIP", "same node, direct");
  const vipRatioOtherNode = ratio("other node, VIP", "other node, direct");
  return {
    text: [
      `HTTP, ${wrk ? "wrk" : "the lab's load generator (install wrk for wrk)"}, ${connections} connections, ${seconds} s × ${rounds} rounds (median)`,
      formatTable(
        ["path", "requests/s", "p99 ms"],
        http.map((h) => [h.path, h.rps.toFixed(0), h.p99Ms.toFixed(2)]),
      ),
      `VIP / direct (median of per-round ratios): ${vipRatioSameNode.toFixed(2)}× on one node, ${vipRatioOtherNode.toFixed(2)}× across nodes (target ≥ 0.9×)`,
    ].join("\n"),
    json: { wrk, seconds, connections, http, vipRatioSameNode, vipRatioOtherNode },
  };
}

/** Ports of the echo servers that give DNS latency its floors (in node 0's namespace, beside the node's server). */
const dnsNodeEchoPort = 5300;
const dnsPythonEchoPort = 5301;

/** Unmeasured queries before each run: the first ones pay for the first ARP exchange and warm caches. */
const dnsWarmupQueries = 100;

/** One DNS latency target: which client asks whom for what. */
interface DnsTarget {
  readonly label: string;
  readonly client: "python" | "node";
  readonly port: number;
  readonly name: string;
  /** Network passes run on node 0 while it is measured. */
  readonly duringPasses?: boolean;
}

/** Network passes that node 0's agent runs one after another until stopped (the agent's normal activity). */
export interface PassLoop {
  /** Starts passes; resolves once the first has run. */
  start(): Promise<void>;
  /** Stops after the pass under way; the passes run meanwhile. */
  stop(): Promise<number>;
}

/**
 * DNS latency as the client task sees it, beside its floors. The client that measures is a small
 * Python program (dns-probe.py: blocking socket, no allocation per query, no GC, real-time priority
 * as root), whose own noise is negligible; the lab's Node probe is kept for comparison, because
 * its own event loop and GC are what made the former figures noisy. Floors, in node 0's namespace
 * beside the node's server: an echo written the same low-noise way (the kernel, the bridge and one
 * process wake-up: what no server can beat) and an echo in a bare Node process (what any Node server
 * pays). All targets run in the same interleaved rounds so they meet the same load. One target is
 * measured while node 0's agent runs network passes back to back (ip, bridge and iptables
 * processes, rendering, the 1,000-task network changing), as a node does when the cluster
 * changes. And the server's own time per answer on a 1,000-task view.
 */
async function measureDns(
  lab: Netlab,
  client: string,
  rounds: number,
  passes: PassLoop,
  nice: number,
): Promise<{ text: string; json: Record<string, unknown> }> {
  await serve(lab, lab.nodeNetns(0), "serve-dns-echo", dnsNodeEchoPort, "floor");
  await serveDnsEchoPython(lab, lab.nodeNetns(0), dnsPythonEchoPort);
  const targets: DnsTarget[] = [
    { label: "floor: echo in Python", client: "python", port: dnsPythonEchoPort, name: "far" },
    { label: "floor: echo in a Node process", client: "python", port: dnsNodeEchoPort, name: "far" },
    { label: "node's server: far", client: "python", port: 53, name: "far" },
    { label: "node's server: tasks.far", client: "python", port: 53, name: "tasks.far" },
    { label: "node's server: far, during passes", client: "python", port: 53, name: "far", duringPasses: true },
    {
      label: "floor: echo in Python, during passes",
      client: "python",
      port: dnsPythonEchoPort,
      name: "far",
      duringPasses: true,
    },
    { label: "floor: echo in a Node process", client: "node", port: dnsNodeEchoPort, name: "far" },
    { label: "node's server: far", client: "node", port: 53, name: "far" },
  ];
  const key = (x: DnsTarget): string => `${x.client} ${x.label}`;
  const runs = new Map<string, DnsLatency[]>(targets.map((x) => [key(x), []]));
  let passesRun = 0;
  const serverAddr = "198.19.1.250";
  for (let r = 0; r < rounds; r++)
    for (const x of targets) {
      if (x.duringPasses) await passes.start();
      try {
        runs
          .get(key(x))!
          .push(
            x.client === "python"
              ? await dnsLatencyPython(
                  lab,
                  client,
                  serverAddr,
                  x.port,
                  x.name,
                  overlayBenchDnsQueries,
                  dnsWarmupQueries,
                )
              : await probe<DnsLatency>(lab, client, [
                  "dns-latency",
                  serverAddr,
                  x.name,
                  String(overlayBenchDnsQueries),
                  String(x.port),
                ]),
          );
      } finally {
        if (x.duringPasses) passesRun += await passes.stop();
      }
    }
  const realTime = [...runs.values()].flat().some((x) => x.realTime === true);
  const dns = targets.map((x) => {
    const of = runs.get(key(x))!;
    return {
      client: x.client,
      name: x.label,
      failures: of.reduce((sum, y) => sum + y.failures, 0),
      p50Ms: median(of.map((y) => y.p50Ms)),
      p99Ms: median(of.map((y) => y.p99Ms)),
      p999Ms: median(of.map((y) => y.p999Ms ?? NaN)),
      p99MsRounds: of.map((y) => y.p99Ms),
    };
  });
  // The server's own time per answer, in this process, for a view of 1,000 tasks.
  const server = new DnsServer({ upstreams: [] });
  await server.update(
    new DnsRecords(
      viewFor(
        0,
        [bigNetwork()],
        [
          { vtep: "198.18.0.1", port: 1 },
          { vtep: "198.18.0.2", port: 1 },
        ],
      ),
    ),
    [],
  );
  const answerTimes: number[] = [];
  for (let i = 0; i < overlayBenchDnsQueries * rounds; i++) {
    const query = dnsPacket.encode({
      type: "query",
      id: i % 65536,
      questions: [{ type: "A", name: i % 2 === 0 ? "svc3" : "tasks.svc3" }],
    });
    const t0 = performance.now();
    await server.answer(query, { source: "198.19.100.2", listener: "198.19.96.250", transport: "udp" });
    answerTimes.push(performance.now() - t0);
  }
  await server.close();
  const serverAnswer = { p50Ms: p(answerTimes, 0.5), p99Ms: p(answerTimes, 0.99) };
  return {
    text: [
      `DNS from a task to its node's server, ${overlayBenchDnsQueries} sequential UDP queries × ${rounds} rounds (median); client: dns-probe.py${realTime ? " at real-time priority" : ""} or the lab's Node probe`,
      formatTable(
        ["client", "server", "p50 ms", "p99 ms", "p99.9 ms", "p99 ms of each round", "failures"],
        dns.map((d) => [
          d.client,
          d.name,
          d.p50Ms.toFixed(3),
          d.p99Ms.toFixed(3),
          Number.isFinite(d.p999Ms) ? d.p999Ms.toFixed(3) : "-",
          d.p99MsRounds.map((x) => x.toFixed(2)).join(" "),
          String(d.failures),
        ]),
      ),
      `the node's DNS thread runs at nice ${nice}; during passes: ${passesRun} network passes of node 0's agent ran while those queries were asked`,
      `the server alone (in-process answer to svc3 and tasks.svc3 of a 1,000-task view): p50 ${serverAnswer.p50Ms.toFixed(3)} ms, p99 ${serverAnswer.p99Ms.toFixed(3)} ms`,
      "(target: p99 ≤ 1 ms)",
    ].join("\n"),
    json: { dns, serverAnswer, passesDuringDns: passesRun, clientRealTime: realTime, dnsThreadNice: nice },
  };
}

/**
 * Passes of node 0 back to back: the 1,000-task network with ten tasks moved, then back, and so on
 * (each pass runs ip, bridge and iptables processes and renders the network's rules); on stop, the
 * view of `net` alone again.
 */
function passLoop(nodes: readonly LabNode[], net: LabNetwork): PassLoop {
  const big = bigNetwork();
  const changed: LabNetwork = {
    ...big,
    tasks: big.tasks.map((t, i) => (i < 10 ? { ...t, addr: `198.19.110.${i + 2}` } : t)),
  };
  const endpoints = nodes.map((n) => ({ vtep: n.underlayAddr, port: 14789 }));
  const node0 = nodes[0]!;
  let running: Promise<number> | undefined;
  let stopping = false;
  return {
    async start() {
      stopping = false;
      await node0.update(viewFor(0, [net, big], endpoints));
      running = (async () => {
        let n = 0;
        while (!stopping) {
          await node0.update(viewFor(0, [net, n % 2 === 0 ? changed : big], endpoints));
          n += 1;
        }
        return n;
      })();
    },
    async stop() {
      stopping = true;
      const n = (await running) ?? 0;
      running = undefined;
      await node0.update(viewFor(0, [net], endpoints));
      return n;
    },
  };
}

/** How long node 0 takes to program the 1,000-task network: added, ten tasks changed, unchanged, removed. */
async function measureProgramming(
  nodes: readonly LabNode[],
  net: LabNetwork,
  rounds: number,
): Promise<{ text: string; json: Record<string, unknown> }> {
  const big = bigNetwork();
  const changed: LabNetwork = {
    ...big,
    tasks: big.tasks.map((t, i) => (i < 10 ? { ...t, addr: `198.19.110.${i + 2}` } : t)),
  };
  const endpoints = nodes.map((n) => ({ vtep: n.underlayAddr, port: 14789 }));
  const steps: { step: string; wallMs: number[]; cpuMs: number[]; stepsMs: Record<string, number>[] }[] = [
    "add 1,000 tasks",
    "change 10 tasks",
    "no change",
    "remove 1,000 tasks",
  ].map((step) => ({ step, wallMs: [], cpuMs: [], stepsMs: [] }));
  const node0 = nodes[0]!;
  for (let r = 0; r < rounds; r++) {
    for (const [i, nets] of [[net, big], [net, changed], [net, changed], [net]].entries()) {
      await node0.update(viewFor(0, nets, endpoints));
      const stats = await node0.stats();
      steps[i]!.wallMs.push(stats.lastPassMs);
      steps[i]!.cpuMs.push(stats.lastPassCpuMs);
      steps[i]!.stepsMs.push({ ...stats.lastPassStepsMs });
    }
  }
  const programming = steps.map((s) => {
    const names = [...new Set(s.stepsMs.flatMap((x) => Object.keys(x)))];
    return {
      step: s.step,
      wallMsMin: Math.min(...s.wallMs),
      wallMsMedian: median(s.wallMs),
      cpuMsMedian: median(s.cpuMs),
      stepsMsMedian: Object.fromEntries(names.map((n) => [n, median(s.stepsMs.map((x) => x[n] ?? 0))])),
    };
  });
  const where = (x: Record<string, number>): string =>
    Object.entries(x)
      .filter(([, ms]) => ms >= 1)
      .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
      .join(", ");
  return {
    text: [
      `Programming a node (${overlayBenchViewTasks} tasks, 10 VIPs of 100 backends), ${rounds} rounds`,
      formatTable(
        ["step", "wall ms (min)", "wall ms (median)", "CPU ms (median)", "where the wall time goes (median ms)"],
        programming.map((x) => [
          x.step,
          x.wallMsMin.toFixed(0),
          x.wallMsMedian.toFixed(0),
          x.cpuMsMedian.toFixed(0),
          where(x.stepsMsMedian),
        ]),
      ),
      "(target: ≤ 200 ms; CPU counts the agent and its ip/bridge/iptables processes)",
    ].join("\n"),
    json: { programming },
  };
}

/** One TCP stream across nodes, plain and encrypted, on a lab of its own. */
async function measureEncrypted(rounds: number): Promise<{ text: string; json: Record<string, unknown> }> {
  const encrypted = await runEncryptedBench(rounds).catch((error: unknown) => ({ error: String(error) }));
  const text =
    "error" in encrypted
      ? `Encrypted overlay: not measured (${encrypted.error})`
      : [
          `One TCP stream across nodes, ${encrypted.streamSeconds} s × ${rounds} rounds (median)`,
          formatTable(
            ["network", "MB/s", "MTU"],
            [
              ["plain VXLAN", encrypted.plain.mbPerS.toFixed(1), String(encrypted.mtuPlain)],
              [
                "encrypted (VXLAN in wireguard-go)",
                encrypted.encrypted.mbPerS.toFixed(1),
                String(encrypted.mtuEncrypted),
              ],
            ],
          ),
          `encrypted / plain: ${encrypted.ratio.toFixed(3)}× (userspace WireGuard; Docker's ESP needs kernel support this machine lacks)`,
        ].join("\n");
  return { text, json: { encrypted } };
}

/** A task's failure leaving every node, on a real swarmd cluster. */
async function measureFailures(failures: number): Promise<{ text: string; json: Record<string, unknown> }> {
  let kills: Awaited<ReturnType<typeof measureFailurePropagation>>;
  try {
    kills = await measureFailurePropagation(failures);
  } catch (error) {
    const reason = (error as Error).message;
    return {
      text: `A task's failure leaving every node: not measured (${reason})`,
      json: { failurePropagation: { error: reason } },
    };
  }
  const of = (key: "dnsMs" | "vipMs" | "bothMs"): number[] => kills.map((x) => x[key]);
  const propagation = {
    rounds: kills.length,
    dns: { p50Ms: p(of("dnsMs"), 0.5), p99Ms: p(of("dnsMs"), 0.99) },
    vip: { p50Ms: p(of("vipMs"), 0.5), p99Ms: p(of("vipMs"), 0.99) },
    both: { p50Ms: p(of("bothMs"), 0.5), p99Ms: p(of("bothMs"), 0.99) },
    samplesMs: kills.map((x) => Math.round(x.bothMs)),
    hops: Object.fromEntries(
      failureHops.map(([hop]) => {
        const values = kills.map((x) => x.trace.hops[hop]).filter((v) => Number.isFinite(v));
        return [hop, { p50Ms: p(values, 0.5), p99Ms: p(values, 0.99), rounds: values.length }];
      }),
    ),
    passSteps: kills.map((x) => ({ full: x.trace.fullPass, ...x.trace.passSteps })),
    roundHopsMs: kills.map((x) => Object.fromEntries(failureHops.map(([hop]) => [hop, Math.round(x.trace.hops[hop])]))),
  };
  const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : "-");
  const passSteps = [...new Set(kills.flatMap((x) => Object.keys(x.trace.passSteps)))];
  return {
    text: [
      `A task's failure leaving every node (real swarmd cluster of 3 nodes; ${kills.length} kills; the slowest node of each)`,
      formatTable(
        ["from the kill until gone from", "p50 ms", "p99 ms"],
        [
          ["DNS (tasks.<service>)", propagation.dns.p50Ms.toFixed(0), propagation.dns.p99Ms.toFixed(0)],
          ["VIP (DNAT rules)", propagation.vip.p50Ms.toFixed(0), propagation.vip.p99Ms.toFixed(0)],
          ["both", propagation.both.p50Ms.toFixed(0), propagation.both.p99Ms.toFixed(0)],
        ],
      ),
      `(target: p99 ≤ 500 ms; samples ${propagation.samplesMs.join(", ")} ms)`,
      "",
      "Where it went, hop by hop, on each round's slowest node (trace events of the nodes' debug logs):",
      formatTable(
        ["hop", "p50 ms", "p99 ms", "what"],
        failureHops.map(([hop, what]) => [
          hop,
          ms(propagation.hops[hop]!.p50Ms),
          ms(propagation.hops[hop]!.p99Ms),
          what,
        ]),
      ),
      "Each round (ms):",
      formatTable(
        ["round", ...failureHops.map(([hop]) => hop), "total"],
        kills.map((x, i) => [String(i + 1), ...failureHops.map(([hop]) => ms(x.trace.hops[hop])), ms(x.bothMs)]),
      ),
      "The slowest node's pass that took the view, by step (ms; `read` only on a full pass):",
      formatTable(
        ["round", "full", ...passSteps],
        kills.map((x, i) => [
          String(i + 1),
          x.trace.fullPass ? "yes" : "no",
          ...passSteps.map((step) => ms(x.trace.passSteps[step] ?? NaN)),
        ]),
      ),
    ].join("\n"),
    json: { failurePropagation: propagation },
  };
}

/** The load average now (1, 5, 15 minutes). */
async function loadAverage(): Promise<string> {
  return (await run("cat", ["/proc/loadavg"])).stdout.split(" ").slice(0, 3).join(" ");
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runOverlayBench(
  argv: readonly string[],
): Promise<{ text: string; json: Record<string, unknown> }> {
  if (!canBuildNetlab())
    return {
      text: "the overlay benchmark needs root (network namespaces)",
      json: { bench: "overlay", error: "needs root" },
    };
  const seconds = intFlag(argv, "seconds", overlayBenchSeconds);
  const rounds = intFlag(argv, "rounds", overlayBenchRounds);
  const connections = intFlag(argv, "connections", overlayBenchConnections);
  const failures = intFlag(argv, "failures", overlayBenchFailures);
  const parts = partsOf(argv);
  const results: { text: string; json: Record<string, unknown> }[] = [];
  const measured = async (part: string, measure: () => Promise<{ text: string; json: Record<string, unknown> }>) => {
    if (!parts.has(part)) return;
    const before = await loadAverage();
    const result = await measure();
    results.push({
      text: `${result.text}\nload average before / after: ${before} / ${await loadAverage()}`,
      json: { ...result.json, loadAverage: { before, after: await loadAverage() } },
    });
  };
  if (parts.has("http") || parts.has("dns") || parts.has("program")) {
    const lab = await Netlab.create(2);
    try {
      const nice = dnsNiceOf(argv);
      const config = nice === undefined ? {} : { dnsNice: nice };
      const nodes = [await LabNode.start(lab, 0, config), await LabNode.start(lab, 1, config)];
      const tasks: LabTask[] = [
        { taskId: "client", name: "client.1.client", addr: "198.19.1.2", node: 0, serviceId: "client" },
        { taskId: "near", name: "near.1.near", addr: "198.19.1.10", node: 0, serviceId: "near" },
        { taskId: "far", name: "far.1.far", addr: "198.19.1.20", node: 1, serviceId: "far" },
      ];
      const net: LabNetwork = {
        id: "benchnet00000000000000000",
        name: "bench",
        subnet: "198.19.1.0/24",
        vni: 7000,
        self: ["198.19.1.250", "198.19.1.251"],
        services: [
          { id: "near", name: "near", mode: "vip", vip: "198.19.1.100", backends: ["near"] },
          { id: "far", name: "far", mode: "vip", vip: "198.19.1.101", backends: ["far"] },
        ],
        tasks,
      };
      await pushViews(nodes, [net]);
      const netns = new Map<string, string>();
      for (const t of tasks) netns.set(t.taskId, await enterTask(nodes[t.node]!, net, t));
      await serve(lab, netns.get("near")!, "serve-http", 80, "near");
      await serve(lab, netns.get("far")!, "serve-http", 80, "far");
      const client = netns.get("client")!;
      const wrk = await hasWrk();
      await measured("http", () => measureHttp(lab, client, { seconds, rounds, connections, wrk }));
      await measured("dns", () => measureDns(lab, client, rounds, passLoop(nodes, net), nice ?? dnsThreadNice));
      await measured("program", () => measureProgramming(nodes, net, rounds));
    } finally {
      await lab.destroy();
    }
  }
  // Encrypted networks, on a lab of their own; failure propagation needs the managers' view: a
  // cluster of real swarmd nodes. Each after the lab is gone.
  await measured("encrypted", () => measureEncrypted(rounds));
  await measured("failures", () => measureFailures(failures));
  return {
    text: [
      ...results.map((r) => r.text),
      "Docker Swarm's VIPs and routing mesh need IPVS, absent from this kernel: no Docker figures.",
    ].join("\n\n"),
    json: {
      bench: "overlay",
      rounds,
      parts: [...parts],
      ...Object.fromEntries(results.flatMap((r) => Object.entries(r.json))),
    },
  };
}
