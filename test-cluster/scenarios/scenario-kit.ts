// Shared parts of the failure scenarios: a LocalCluster of real swarmd processes (process
// executor) torn down with the test, Control API calls to any node, swarmctl runs, and polling.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import type { ExecutionContext } from "ava";
import { controlSocketPath, unixTarget } from "../../common/index.js";
import { readNodeState } from "../../node/index.js";
import { ControlClient, swarm } from "../../proto/index.js";
import { type ClusterNode, LocalCluster, type LocalClusterOptions } from "../cluster/local-cluster.js";
import { until as untilAnswer } from "../cluster/until.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The built swarmctl the scenarios run, as operators do. */
export const swarmctlScript = join(here, "..", "..", "dist", "cli", "swarmctl.js");

/** Deadline of one Control call. */
export const callMsMax = 10_000;

/** Poll period of {@link until}. */
export const pollMs = 100;

/** Starts a cluster of real swarmd processes in a temporary dir; the test's teardown removes it all. */
export async function startCluster(
  t: ExecutionContext,
  options: Omit<LocalClusterOptions, "baseDir">,
): Promise<LocalCluster> {
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-scenario-"));
  let cluster: LocalCluster | null = null;
  t.teardown(async () => {
    await cluster?.down({ purge: true });
    // SWARM_SCENARIO_KEEP keeps the nodes' logs and state dirs for a post-mortem.
    if (process.env.SWARM_SCENARIO_KEEP) t.log(`kept ${baseDir}`);
    else rmSync(baseDir, { recursive: true, force: true });
  });
  cluster = await LocalCluster.up({ executor: "process", ...options, baseDir });
  return cluster;
}

/** A Control client on one node's control socket, closed at teardown. */
export function controlOf(t: ExecutionContext, node: ClusterNode): Control {
  const client = new ControlClient(unixTarget(controlSocketPath(node.stateDir)), grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  return new Control(client);
}

type Unary<Req, Res> = (
  req: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => unknown;

/** Promise-shaped Control calls with a deadline. */
export class Control {
  constructor(readonly client: ControlClient) {}

  /** Calls one unary method. */
  call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
      method.call(this.client, request, new grpc.Metadata(), { deadline: Date.now() + callMsMax }, (err, res) =>
        err ? reject(err) : resolve(res!),
      ),
    );
  }

  /** Every task (of one service when given). */
  async tasks(serviceId?: string): Promise<swarm.v1.ITask[]> {
    const res = await this.call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(
      // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
      this.client.listTasks,
      serviceId ? { filters: { serviceIds: [serviceId] } } : {},
    );
    return res.tasks;
  }

  /** Running tasks of a service, grouped by node id. */
  async runningByNode(serviceId: string): Promise<Map<string, swarm.v1.ITask[]>> {
    const byNode = new Map<string, swarm.v1.ITask[]>();
    for (const task of await this.tasks(serviceId)) {
      if (Number(task.status?.state) !== Number(swarm.v1.TaskState.TASK_STATE_RUNNING)) continue;
      byNode.set(task.nodeId ?? "", [...(byNode.get(task.nodeId ?? "") ?? []), task]);
    }
    return byNode;
  }

  /** Creates a service; returns its id. */
  async createService(spec: swarm.v1.IServiceSpec): Promise<string> {
    const res = await this.call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(
      // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
      this.client.createService,
      { spec },
    );
    return res.service?.id ?? "";
  }

  /** Reads a service. */
  async service(id: string): Promise<swarm.v1.IService> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
    const res = await this.call<swarm.v1.IGetServiceRequest, swarm.v1.GetServiceResponse>(this.client.getService, {
      serviceId: id,
    });
    return res.service ?? {};
  }

  /** Sets a node's availability to drain, so it runs no tasks. */
  async drain(nodeId: string): Promise<void> {
    const node = (await this.nodes()).find((n) => n.id === nodeId);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
    await this.call<swarm.v1.IUpdateNodeRequest, swarm.v1.UpdateNodeResponse>(this.client.updateNode, {
      nodeId,
      ...(node?.meta?.version ? { nodeVersion: node.meta.version } : {}),
      spec: { ...node?.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
    });
  }

  /** Every service. */
  async services(): Promise<swarm.v1.IService[]> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
    return (await this.call<swarm.v1.IListServicesRequest, swarm.v1.ListServicesResponse>(this.client.listServices, {}))
      .services;
  }

  /** Every node record. */
  async nodes(): Promise<swarm.v1.INode[]> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
    return (await this.call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(this.client.listNodes, {})).nodes;
  }
}

/** Count of running tasks in a grouping from {@link Control.runningByNode}. */
export function runningCount(byNode: Map<string, swarm.v1.ITask[]>): number {
  let count = 0;
  for (const tasks of byNode.values()) count += tasks.length;
  return count;
}

/** Polls until there is an answer (30 s unless told otherwise): the shared helper with the scenarios' default. */
export function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return untilAnswer(what, probe, timeoutMs, pollMs);
}

/** What one swarmctl run printed and how it ended. */
export interface SwarmctlRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the built swarmctl against a node's control socket. */
export function swarmctl(node: ClusterNode, args: readonly string[], timeoutMs = 30_000): Promise<SwarmctlRun> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [swarmctlScript, ...args], {
      env: { ...process.env, SWARM_HOST: unixTarget(controlSocketPath(node.stateDir)) },
      timeout: timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - start }));
  });
}

/** The node id a cluster node was given (its state dir remembers it). */
export async function nodeIdOf(node: ClusterNode): Promise<string> {
  const state = await readNodeState(node.stateDir);
  return state?.nodeId ?? "";
}

/** Processes on this machine running `argv` (argv[0] matched by base name; the tasks' shims do not count). */
export async function processesRunning(argv: readonly string[]): Promise<number> {
  let count = 0;
  for (const pid of await readdir("/proc").catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const words = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").slice(0, -1);
    if (
      words.length === argv.length &&
      basename(words[0] ?? "") === argv[0] &&
      words.slice(1).every((w, i) => w === argv[i + 1])
    )
      count++;
  }
  return count;
}
