// What the lab's overlay tests share: a compact description of networks, tasks and services from
// which each node's complete network view is computed (as the leader would), task namespaces
// plumbed by the nodes' agents, and probes run inside them.
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { NetworkView, OverlayNetwork } from "../../worker/index.js";
import type { LabNode } from "./lab-node.js";
import type { Netlab } from "./netlab.js";

/** The probe script (plain JavaScript, run with the test's own Node). */
export const probeScript = fileURLToPath(new URL("./probe.js", import.meta.url));

/** Longest a probe server may take to listen, in ms. */
export const probeReadyMs = 30_000;

/** A task of a lab network. */
export interface LabTask {
  readonly taskId: string;
  readonly name: string;
  readonly addr: string;
  /** The lab node it runs on. */
  readonly node: number;
  readonly serviceId: string;
  readonly aliases?: readonly string[];
}

/** A service of a lab network. */
export interface LabService {
  readonly id: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly mode: "vip" | "dnsrr";
  readonly vip?: string;
  /** Task ids of its backends. */
  readonly backends: readonly string[];
  /** Backends desired to stop. */
  readonly draining?: readonly string[];
}

/** A lab network: the same on every node but for the node's own address. */
export interface LabNetwork {
  readonly id: string;
  readonly name: string;
  readonly subnet: string;
  readonly vni: number;
  readonly mtu?: number;
  /** Node index → the node's own address. */
  readonly self: readonly string[];
  readonly services: readonly LabService[];
  readonly tasks: readonly LabTask[];
}

/** How peers reach a node: its underlay address and data-path port. */
export interface LabEndpoint {
  readonly vtep: string;
  readonly port: number;
}

/** The view of node `node`: what the leader would send it. */
export function viewFor(node: number, nets: readonly LabNetwork[], endpoints: readonly LabEndpoint[]): NetworkView {
  return {
    networks: nets.map((net): OverlayNetwork => {
      const peers = [
        ...net.self.flatMap((addr, i) => (i === node ? [] : [{ addr, ...endpoints[i]! }])),
        ...net.tasks.filter((t) => t.node !== node).map((t) => ({ addr: t.addr, ...endpoints[t.node]! })),
      ];
      return {
        id: net.id,
        name: net.name,
        subnet: net.subnet,
        vni: net.vni,
        mtu: net.mtu ?? 0,
        internal: false,
        encrypted: false,
        self: { addr: net.self[node]! },
        peers,
        services: net.services.map((s) => ({
          id: s.id,
          name: s.name,
          aliases: s.aliases ?? [],
          mode: s.mode,
          ...(s.vip === undefined ? {} : { vip: s.vip }),
          backends: s.backends.map((taskId) => ({
            taskId,
            addr: net.tasks.find((t) => t.taskId === taskId)?.addr ?? "",
            healthy: true,
            draining: s.draining?.includes(taskId) ?? false,
          })),
        })),
        tasks: net.tasks.map((t) => ({
          taskId: t.taskId,
          name: t.name,
          addr: t.addr,
          serviceId: t.serviceId,
          aliases: t.aliases ?? [],
        })),
      };
    }),
  };
}

/** Pushes every node its view of `nets`. */
export async function pushViews(nodes: readonly LabNode[], nets: readonly LabNetwork[]): Promise<void> {
  const endpoints = nodes.map((n) => ({ vtep: n.underlayAddr, port: 14789 }));
  await Promise.all(nodes.map((n) => n.update(viewFor(n.index, nets, endpoints))));
}

/** The prefix length of a subnet. */
function prefixLen(subnet: string): string {
  return subnet.slice(subnet.indexOf("/") + 1);
}

/** Has the task's node plumb a namespace for it on `net`; returns the namespace's name. */
export async function enterTask(node: LabNode, net: LabNetwork, task: LabTask): Promise<string> {
  const entered = await node.call<{ netns: string }>("enter", {
    taskId: task.taskId,
    attachments: [{ networkId: net.id, cidr: `${task.addr}/${prefixLen(net.subnet)}`, aliases: task.aliases ?? [] }],
    names: [task.name],
  });
  return entered.netns;
}

/** Starts a probe server (`serve-http`/`serve-udp`) inside `netns` and waits until it listens. */
export async function serve(
  lab: Netlab,
  netns: string,
  mode: "serve-http" | "serve-udp" | "serve-dns-echo",
  port: number,
  name: string,
): Promise<void> {
  await spawnReady(lab, netns, process.execPath, [probeScript, mode, String(port), name], `${mode} ${name}`);
}

/** The low-noise DNS probes (Python, see the file's header). */
export const dnsProbeScript = fileURLToPath(new URL("./dns-probe.py", import.meta.url));

/** Starts dns-probe.py's echo server on `port` inside `netns` and waits until it listens. */
export async function serveDnsEchoPython(lab: Netlab, netns: string, port: number): Promise<void> {
  await spawnReady(lab, netns, "python3", [dnsProbeScript, "echo", String(port)], "python DNS echo");
}

/** Starts `program` inside `netns` and waits until it prints "ready". */
async function spawnReady(
  lab: Netlab,
  netns: string,
  program: string,
  args: readonly string[],
  what: string,
): Promise<void> {
  const child = lab.spawn(netns, program, args, { viaNetnsExec: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} not ready`)), probeReadyMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line === "ready") {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

/** Latency percentiles of a run of DNS queries. */
export interface DnsLatency {
  readonly queries: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Only from the Python client. */
  readonly p999Ms?: number;
  readonly maxMs?: number;
  /** Whether the Python client ran at real-time priority. */
  readonly realTime?: boolean;
}

/** `n` sequential A queries for `name` from inside `netns` by dns-probe.py, after `warmup` unmeasured ones. */
export async function dnsLatencyPython(
  lab: Netlab,
  netns: string,
  server: string,
  port: number,
  name: string,
  n: number,
  warmup: number,
): Promise<DnsLatency> {
  const out = await lab.exec(netns, "python3", [
    dnsProbeScript,
    "latency",
    server,
    String(port),
    name,
    String(n),
    String(warmup),
  ]);
  const lines = out.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as DnsLatency;
}

/** Runs a one-shot probe inside `netns` and parses the JSON it prints last. */
export async function probe<T>(lab: Netlab, netns: string, args: readonly string[]): Promise<T> {
  const out = await lab.exec(netns, process.execPath, [probeScript, ...args]);
  const lines = out.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}

/** Counts of an http-count probe. */
export interface HttpCounts {
  readonly counts: Record<string, number>;
  readonly clients: readonly string[];
  readonly errors: readonly string[];
}

/**
 * One UDP datagram of `bytes` with don't-fragment set (IP_PMTUDISC_DO) from inside `netns` to a
 * serve-udp probe: "echo <name> <bytes>" when it crossed and came back, "error <errno>" when the
 * sender's own MTU refused it (90: EMSGSIZE), "lost" when it vanished on the way.
 */
export async function sendDontFragment(
  lab: Netlab,
  netns: string,
  host: string,
  port: number,
  bytes: number,
): Promise<string> {
  const script = [
    "import socket, sys",
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
    "s.setsockopt(socket.IPPROTO_IP, 10, 2)",
    "try:",
    `    s.sendto(b"x" * ${bytes}, ("${host}", ${port}))`,
    "    s.settimeout(2)",
    '    print("echo", s.recv(100).decode())',
    "except socket.timeout:",
    '    print("lost")',
    "except OSError as e:",
    '    print("error", e.errno)',
  ].join("\n");
  return (await lab.exec(netns, "python3", ["-c", script])).trim();
}
