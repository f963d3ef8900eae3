// Part of `npm run bench -- overlay`: how long a task's failure takes to leave every node's DNS
// and VIP. A local overlay cluster of real swarmd nodes (1 manager, 2 workers, each in a network
// namespace of its own) runs a service of six tasks, two per node; each round kills one task's
// process and times, on every node, when the task's address has left both the node DNS server's
// answer to `tasks.<service>` and the node's DNAT rules (a watcher in each node's namespace polls
// both: probe.js watch-gone). The figure per round is the slowest node. Target: p99 ≤ 500 ms.
// The nodes log at debug, so each round also says where the slowest node's time went, hop by hop
// (failure-hops.ts: `npm run bench -- overlay --parts failures --failures N` runs this part alone).
//
// A node holds its own address on a network only while one of its tasks is on it (as Docker's
// load-balancer address): a node whose last task there dies leaves the network, and gets a new
// address when a task comes back. So the victim is always a task on a node that keeps another
// one, each round reads the nodes' addresses (their DNS servers) afresh, and it watches the nodes
// that serve the network then (on a loaded machine a node that missed heartbeats may have had all
// its tasks moved away).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { claimLoopbackBlock } from "../../common/index.js";
import {
  ControlClient,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  swarm,
} from "../../proto/index.js";
import { runCommand } from "../cluster/cluster-netns.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { probeScript } from "../netlab/lab-kit.js";
import { callControl } from "./control-call.js";
import { type RoundHops, readTrace, roundHops } from "./failure-hops.js";

/** Longest a watcher waits for a killed task's address to go, in ms. */
export const failureWatchMsMax = 30_000;

/** Longest the cluster may take to replace a killed task, in ms (a loaded machine). */
export const failureReplaceMsMax = 120_000;

/** Tasks of the measured service: two per node, so no node leaves the network when one dies. */
export const failureReplicas = 6;

const S = swarm.v1.TaskState;

/** One round's figures: the slowest node's DNS and VIP removal after the kill, in ms. */
export interface FailureRound {
  readonly dnsMs: number;
  readonly vipMs: number;
  /** The slower of the two on the slowest node. */
  readonly bothMs: number;
  /** Where the slowest node's time went, hop by hop (failure-hops.ts), in ms. */
  readonly trace: RoundHops;
}

/** A watcher in one node's namespace: resolves with its JSON line once it is watching. */
function startWatcher(
  netns: string,
  server: string,
  addr: string,
  children: Set<ChildProcess>,
): Promise<{ done: Promise<{ dnsGoneAt: number; vipGoneAt: number }> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "nsenter",
      [
        `--net=/run/netns/${netns}`,
        "--",
        process.execPath,
        probeScript,
        "watch-gone",
        server,
        "tasks.victim",
        addr,
        String(failureWatchMsMax),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.add(child);
    child.once("close", () => children.delete(child));
    let out = "";
    const done = new Promise<{ dnsGoneAt: number; vipGoneAt: number }>((settle, fail) => {
      child.on("close", () => {
        try {
          settle(JSON.parse(out.trim().split("\n").pop() ?? "null") as { dnsGoneAt: number; vipGoneAt: number });
        } catch (error) {
          fail(new Error(`the watcher in ${netns} printed no figures: ${String(error)}`));
        }
      });
    });
    child.on("error", reject);
    const timer = setTimeout(
      () => reject(new Error(`the watcher in ${netns} never saw ${addr} on ${server} within ${failureWatchMsMax} ms`)),
      failureWatchMsMax,
    );
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      if (out.startsWith("watching\n")) {
        clearTimeout(timer);
        resolve({ done });
      }
    });
    void done.catch(() => undefined);
  });
}

/** Runs `rounds` kills on a fresh cluster; returns each round's figures. */
export async function measureFailurePropagation(rounds: number): Promise<FailureRound[]> {
  const block = await claimLoopbackBlock("overlay failure bench");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-overlay-failure-"));
  let cluster: LocalCluster | null = null;
  let client: ControlClient | null = null;
  const watchers = new Set<ChildProcess>();
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      block,
      // Debug writes the trace events the hop table is made of (failure-hops.ts).
      logLevel: "debug",
      overlay: {},
      startArgs: (_node, verb) =>
        verb === "init" ? ["--default-addr-pool", "198.19.0.0/16", "--default-addr-pool-mask-length", "24"] : [],
    });
    const c = cluster;
    const net = c.net!;
    client = new ControlClient(c.controlTarget, grpc.credentials.createInsecure());
    const control = <M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> =>
      callControl(client!, method, request);
    const { network } = await control("createNetwork", {
      spec: { annotations: { name: "failures" } },
    });
    await control("createService", {
      spec: {
        annotations: { name: "victim" },
        task: {
          container: { image: `process://${process.execPath}`, args: [probeScript, "serve-http", "80", "victim"] },
          networks: [{ target: "failures" }],
        },
        replicated: { replicas: failureReplicas },
      },
    });
    // Every task running and a victim on a node that keeps another task through the kill; the
    // DNS server of each node serving the network (one whose tasks all moved away, e.g. after it
    // missed heartbeats on a loaded machine, serves none until a task comes back).
    const ready = (
      round: number,
    ): Promise<{ victim: swarm.v1.Task; servers: (string | undefined)[]; nodeIds: string[] }> =>
      until(
        `${failureReplicas} running victims on every node (round ${round})`,
        async () => {
          const { tasks } = await control("listTasks", {});
          const running = tasks.filter(
            (x) => x.status?.state === S.TASK_STATE_RUNNING && x.desiredState <= S.TASK_STATE_RUNNING,
          );
          // Not ready: thrown, so a timeout says what the tasks were doing.
          const states = (): string =>
            JSON.stringify(tasks.map((x) => [x.nodeId.slice(0, 6), x.status?.state, x.desiredState, x.status?.err]));
          if (running.length !== failureReplicas) throw new Error(`tasks [node, state, desired, error]: ${states()}`);
          const { nodes } = await control("listNodes", {});
          const idOf = (node: { underlayIp?: string }): string =>
            nodes.find((x) => x.status?.addr === node.underlayIp)?.id ?? "";
          const servers = c.nodes.map((node) => {
            const n = nodes.find((x) => x.status?.addr === node.underlayIp);
            return n?.attachments.find((a) => a.networkId === network.id)?.addresses[0]?.split("/")[0];
          });
          const nodeIds = c.nodes.map(idOf);
          if (c.nodes.some((node, i) => servers[i] === undefined && running.some((x) => x.nodeId === idOf(node))))
            throw new Error(`node addresses ${JSON.stringify(servers)}; ${states()}`);
          const perNode = (nodeId: string): number => running.filter((x) => x.nodeId === nodeId).length;
          const candidates = running.filter((x) => perNode(x.nodeId) >= 2);
          const victim = candidates[round % Math.max(1, candidates.length)];
          if (victim === undefined) throw new Error(`no node runs two tasks: ${states()}`);
          return { victim, servers, nodeIds };
        },
        failureReplaceMsMax,
      );
    const figures: FailureRound[] = [];
    for (let r = 0; r < rounds; r++) {
      const { victim, servers, nodeIds } = await ready(r);
      const addr = victim.networks[0]!.addresses[0]!.split("/")[0]!;
      const watched = c.nodes.flatMap((_node, i) => (servers[i] === undefined ? [] : [i]));
      const watching = await Promise.all(
        watched.map((i) => startWatcher(net.nodeNetns(i), servers[i]!, addr, watchers)),
      );
      const pids = await runCommand("ip", ["netns", "pids", c.taskNetns(victim.id)]);
      const killedAt = performance.timeOrigin + performance.now();
      for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) process.kill(Number(pid), "SIGKILL");
      const seen = await Promise.all(watching.map((w) => w.done));
      if (seen.some((s) => s.dnsGoneAt === 0 || s.vipGoneAt === 0))
        throw new Error(`a node kept the killed task's address for ${failureWatchMsMax} ms: ${JSON.stringify(seen)}`);
      const dnsMs = Math.max(...seen.map((s) => s.dnsGoneAt - killedAt));
      const vipMs = Math.max(...seen.map((s) => s.vipGoneAt - killedAt));
      const { tasks } = await control("listTasks", {});
      const stamp = tasks.find((x) => x.id === victim.id)?.status?.timestamp;
      const trace = roundHops({
        taskId: victim.id,
        killedAt,
        exitRecordedAt: stamp ? Number(stamp.seconds) * 1000 + stamp.nanos / 1e6 : undefined,
        manager: readTrace(c.nodes[0]!.logFile),
        nodes: watched.map((i, k) => ({
          nodeId: nodeIds[i]!,
          events: readTrace(c.nodes[i]!.logFile),
          dnsGoneAt: seen[k]!.dnsGoneAt,
          vipGoneAt: seen[k]!.vipGoneAt,
        })),
      });
      figures.push({ dnsMs, vipMs, bothMs: Math.max(dnsMs, vipMs), trace });
    }
    return figures;
  } finally {
    for (const child of watchers) child.kill("SIGKILL");
    client?.close();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
}
