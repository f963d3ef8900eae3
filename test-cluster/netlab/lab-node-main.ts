// One lab node: a NetworkAgent (and optionally a process executor using it) running inside a node
// namespace of the lab, as a node's swarmd would, driven over stdin/stdout with one JSON object per
// line: `{"id":1,"op":"update","view":{…}}` → `{"id":1,"ok":true,"result":…}`. Started by LabNode.
import { createInterface } from "node:readline";
import { NetworkAgent, ProcessExecutor, WireGuardTunnel } from "../../worker/index.js";
import type { NetworkView, TaskNetworking } from "../../worker/index.js";
import type { swarm } from "../../proto/index.js";

/** How the lab node is set up (the first argument, JSON). */
export interface LabNodeConfig {
  /** The node's underlay address. */
  readonly underlayAddr: string;
  /** Its data-path port. */
  readonly dataPathPort: number;
  /** Task namespace prefix (the lab's, so a sweep finds them). */
  readonly netnsPrefix: string;
  /** The DNS server's port (53 by default). */
  readonly dnsPort?: number;
  /** The DNS thread's nice value (the agent's default without it). */
  readonly dnsNice?: number;
  /** Resolvers for names that are not the cluster's (none: no forwarding). */
  readonly upstreams?: readonly { addr: string; port: number }[];
  /** State directory of the process executor; absent: no executor. */
  readonly stateDir?: string;
  /** A WireGuard tunnel for encrypted networks: its interface name and key file; absent: none. */
  readonly tunnel?: { readonly name: string; readonly keyFile: string };
}

/** One request. */
interface Request {
  readonly id: number;
  readonly op: string;
  readonly [key: string]: unknown;
}

function main(): void {
  const config = JSON.parse(process.argv[2] ?? "{}") as LabNodeConfig;
  const agent = new NetworkAgent({
    underlayAddr: config.underlayAddr,
    dataPathPort: config.dataPathPort,
    netnsPrefix: config.netnsPrefix,
    publishAddr: config.underlayAddr,
    reconvergeMs: 0,
    ...(config.tunnel === undefined
      ? {}
      : { tunnel: new WireGuardTunnel({ name: config.tunnel.name, keyFile: config.tunnel.keyFile }) }),
    dns: {
      ...(config.dnsPort === undefined ? {} : { port: config.dnsPort }),
      ...(config.dnsNice === undefined ? {} : { nice: config.dnsNice }),
      upstreams: config.upstreams ?? [],
    },
    log: (event, fields) => process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`),
  });
  const hooks: TaskNetworking = agent;
  const executor =
    config.stateDir === undefined ? undefined : new ProcessExecutor({ stateDir: config.stateDir, network: hooks });
  const node = { id: "lab-node", hostname: `lab-${config.underlayAddr}` };
  const ops: Record<string, (r: Request) => Promise<unknown>> = {
    update: (r) => agent.update(r.view as NetworkView),
    stats: () => Promise.resolve(agent.stats()),
    encryption: () => Promise.resolve(agent.encryption()),
    enter: (r) =>
      agent.enterNetns(
        r.taskId as string,
        r.attachments as never,
        { names: (r.names as string[] | undefined) ?? [], publish: (r.publish as never) ?? [] },
        AbortSignal.timeout(30_000),
      ),
    release: (r) => agent.releaseTask(r.taskId as string),
    runTask: async (r) => {
      if (executor === undefined) throw new Error("no executor");
      const runtime = executor.runtime({ task: r.task as swarm.v1.ITask, node, publishAddr: config.underlayAddr });
      await runtime.prepare(AbortSignal.timeout(30_000));
      await runtime.start();
      await runtime.healthy(AbortSignal.timeout(30_000));
      return runtime.inspect();
    },
    inspectTask: (r) => {
      if (executor === undefined) throw new Error("no executor");
      return executor.runtime({ task: r.task as swarm.v1.ITask, node }).inspect();
    },
    removeTask: async (r) => {
      if (executor === undefined) throw new Error("no executor");
      await executor.runtime({ task: r.task as swarm.v1.ITask, node }).remove();
    },
    listTasks: () => executor?.list() ?? Promise.resolve([]),
    close: () => agent.close(),
    teardown: () => agent.teardown(),
  };
  const lines = createInterface({ input: process.stdin });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  let queue: Promise<void> = Promise.resolve();
  lines.on("line", (line) => {
    const request = JSON.parse(line) as Request;
    // In order: a view and the enter that follows it must not overtake each other.
    queue = queue.then(async () => {
      try {
        const op = ops[request.op];
        if (op === undefined) throw new Error(`unknown op ${request.op}`);
        const result = await op(request);
        process.stdout.write(`${JSON.stringify({ id: request.id, ok: true, result: result ?? null })}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ id: request.id, ok: false, error: String(error) })}\n`);
      }
    });
  });
  lines.on("close", () => {
    void queue.then(async () => {
      executor?.close();
      await agent.close();
      process.exit(0);
    });
  });
}

main();
