// Goal: real swarmd processes form a cluster with real join tokens and mutual TLS: one manager and
// two workers become READY under the names the cluster gives them, a service runs on them, a bad
// token is refused, a worker promoted live becomes a manager (raft member) and, demoted, a worker
// again; a node restarted keeps its id and name. No join token is ever readable by another local
// user: not on a swarmd command line, not in a log file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, swarm } from "../../proto/index.js";
import { LocalCluster, swarmdScript } from "./local-cluster.js";
import { until } from "./until.js";

const Role = swarm.v1.NodeSpec.Role;
type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

test("a local cluster of swarmd processes joins with tokens, runs tasks, and changes roles live", async (t) => {
  t.timeout(180_000);
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-cluster-"));
  const cluster = await LocalCluster.up({ baseDir, managers: 1, workers: 2, executor: "process" });
  t.teardown(async () => {
    await cluster.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
  });
  const client = new ControlClient(cluster.controlTarget, grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  const call = <Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
  const { listNodes, createService, listTasks, getNode, updateNode } = client;

  const nodes = (await call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(listNodes, {})).nodes;
  t.is(nodes.length, 3);
  t.is(nodes.filter((n) => Number(n.role) === Number(Role.ROLE_MANAGER)).length, 1);
  // Each node carries the name the cluster gave it (swarmd --hostname), not the machine's.
  t.deepEqual(nodes.map((n) => n.description?.hostname).sort(), ["manager-1", "worker-1", "worker-2"]);

  // The tokens are on no command line and in no file another user can read.
  const tokens = await cluster.joinTokens();
  for (const node of cluster.nodes) {
    const cmdline = readFileSync(`/proc/${node.pid}/cmdline`, "utf8");
    t.false(cmdline.includes(tokens.worker) || cmdline.includes(tokens.manager), node.name);
    t.is(statSync(node.logFile).mode & 0o077, 0, `${node.name}'s log is for its owner only`);
  }

  // A token naming another CA is refused before anything is sent (the CA is pinned); the right CA
  // with a wrong secret is refused by the manager. Neither node starts. The token comes from each
  // source swarmd takes: a file, the environment, standard input and (with a warning) the command line.
  const workerToken = tokens.worker;
  const wrongCa = `SWMTKN-1-${"0".repeat(50)}-${workerToken.slice(-25)}`;
  const wrongSecret = `${workerToken.slice(0, -25)}${"a".repeat(25)}`;
  const tokenFile = join(baseDir, "intruder-token");
  writeFileSync(tokenFile, `${wrongCa}\n`, { mode: 0o600 });
  for (const [source, why, tokenArgs, env, input] of [
    ["file", /digest/i, ["--token-file", tokenFile], {}, ""],
    ["environment", /invalid join token/, [], { SWARM_JOIN_TOKEN: wrongSecret }, ""],
    ["standard input", /invalid join token/, ["--token", "-"], {}, `${wrongSecret}\n`],
    ["command line", /swarmd\.join-token-exposed[\s\S]*invalid join token/, ["--token", wrongSecret], {}, ""],
  ] as const) {
    const bad = spawnSync(
      process.execPath,
      [
        swarmdScript,
        "join",
        ...tokenArgs,
        "--state-dir",
        join(baseDir, "intruder"),
        "--listen-addr",
        `${cluster.spareAddr(1)}:4242`,
        cluster.nodes[0]!.addr,
      ],
      { encoding: "utf8", timeout: 30_000, env: { ...process.env, ...env }, input },
    );
    t.is(bad.status, 1, source);
    t.regex(bad.stderr, why, source);
    if (source !== "command line") t.notRegex(bad.stderr, /join-token-exposed/, source);
  }
  t.is((await call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(listNodes, {})).nodes.length, 3);

  const marker = String(66_000 + (process.pid % 10_000));
  await call(createService, {
    spec: {
      annotations: { name: "sleepers" },
      task: { container: { image: "process://sleep", args: [marker] } },
      replicated: { replicas: 3 },
    },
  });
  await until("3 running tasks", async () => {
    const tasks = (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(listTasks, {})).tasks;
    return tasks.filter((x) => Number(x.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING)).length === 3
      ? true
      : undefined;
  });

  // Promote worker-1: it renews its certificate, starts its manager part and joins raft.
  const worker = (await call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(listNodes, {})).nodes.find(
    (n) => Number(n.role) === Number(Role.ROLE_WORKER),
  )!;
  // As an operator would, the change is asked again when an answer says to retry: right after a
  // promotion the two-manager group may briefly lose its leader on a loaded machine.
  const setRole = (role: swarm.v1.NodeSpec.Role): Promise<boolean> =>
    until(`desired role ${role} recorded`, async () => {
      const current = (await call<swarm.v1.IGetNodeRequest, swarm.v1.GetNodeResponse>(getNode, { nodeId: worker.id }))
        .node;
      if (Number(current.spec?.desiredRole) === Number(role)) return true;
      await call(updateNode, {
        nodeId: worker.id,
        nodeVersion: current.meta?.version,
        spec: { ...current.spec, desiredRole: role },
      });
      return true;
    });
  await setRole(Role.ROLE_MANAGER);
  const promoted = await until("the promoted node to be a raft member", async () => {
    const n = (await call<swarm.v1.IGetNodeRequest, swarm.v1.GetNodeResponse>(getNode, { nodeId: worker.id })).node;
    return Number(n.role) === Number(Role.ROLE_MANAGER) && Number(n.managerStatus?.raftId ?? 0) > 0 ? n : undefined;
  });
  t.truthy(promoted.managerStatus?.addr);

  await setRole(Role.ROLE_WORKER);
  await until("the demoted node to be a worker", async () => {
    const n = (await call<swarm.v1.IGetNodeRequest, swarm.v1.GetNodeResponse>(getNode, { nodeId: worker.id })).node;
    return Number(n.role) === Number(Role.ROLE_WORKER) && !n.managerStatus ? n : undefined;
  });

  // A restarted worker keeps its identity and its name: still three nodes, all READY again.
  const last = cluster.nodes[2]!;
  await cluster.stopNode(last);
  await cluster.restartNode(last);
  await cluster.waitReady(3);
  const after = (await call<swarm.v1.IListNodesRequest, swarm.v1.ListNodesResponse>(listNodes, {})).nodes;
  t.deepEqual(after.map((n) => n.description?.hostname).sort(), ["manager-1", "worker-1", "worker-2"]);
});
