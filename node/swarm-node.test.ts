// Goal: a node initialised on a state directory runs a manager and an agent; operators reach its
// Control API on the unix socket; its tasks run; stopped and started again (`swarmd run`) it keeps
// its identity and role, and adopts its running tasks instead of starting new ones.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, controlSocketPath, unixTarget, waitFor } from "../common/index.js";
import { ManagerRole, parseNodeIdentity } from "../manager/index.js";
import { ControlClient, swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { NodeStateExistsError, SwarmNode } from "./index.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;
const S = swarm.v1.TaskState;

test("a node initialised, stopped and run again keeps its identity and adopts its tasks", async (t) => {
  t.timeout(90_000);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-node-"));
  const block = await claimLoopbackBlock("swarm-node test");
  t.teardown(() => block.release());
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const options = {
    stateDir,
    listenAddr: addr,
    publishAddr: block.addr(1),
    executor: "process" as const,
    tickMs: 20,
    statusFlushMs: 20,
  };
  let node = await SwarmNode.init(options);
  const marker = String(77_000 + (process.pid % 10_000));
  t.teardown(async () => {
    await node.stop();
    try {
      execFileSync("pkill", ["-f", `^[^ ]*sleep ${marker}$`]);
    } catch {
      // nothing left to kill
    }
    rmSync(stateDir, { recursive: true, force: true });
  });
  await t.throwsAsync(SwarmNode.init(options), { instanceOf: NodeStateExistsError });
  t.is(statSync(controlSocketPath(stateDir)).mode & 0o777, 0o600);
  const tokens = node.joinTokens();
  t.regex(tokens.worker, /^SWMTKN-1-/);
  t.not(tokens.worker, tokens.manager);

  const client = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  await waitFor("node object with manager status", () => {
    const n = node.manager!.store.view((tx) => tx.get("node", node.nodeId));
    return n?.managerStatus?.leader && Number(n.role) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER) ? n : undefined;
  });
  await call(client.createService, {
    spec: {
      annotations: { name: "sleeper" },
      task: { container: { image: "process://sleep", args: [marker] } },
      replicated: { replicas: 2 },
    },
  });
  const running = async (): Promise<swarm.v1.ITask[]> =>
    (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client.listTasks, {})).tasks.filter(
      (x) => Number(x.status?.state) === Number(S.TASK_STATE_RUNNING),
    );
  const before = await waitFor(
    "two running tasks",
    async () => {
      const tasks = await running();
      return tasks.length === 2 ? tasks : undefined;
    },
    { timeoutMs: 30_000, pollMs: 50 },
  );
  client.close();

  // A renewed certificate keeps the identity and role, and the port serves with it.
  const firstCert = node.certificatePem;
  await node.renewCertificateNow();
  t.not(node.certificatePem, firstCert);
  t.like(parseNodeIdentity(node.certificatePem), { nodeId: node.nodeId, role: ManagerRole });

  const nodeId = node.nodeId;
  await node.stop();
  node = await SwarmNode.run({ stateDir, tickMs: 20, statusFlushMs: 20 });
  t.is(node.nodeId, nodeId);
  t.truthy(node.manager);
  const client2 = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  t.teardown(() => client2.close());
  const call2 = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client2, req, (err, res) => (err ? reject(err) : resolve(res!))));
  await waitFor("agent session after restart", () => (node.agent.connected ? true : undefined), { timeoutMs: 20_000 });
  const after = await waitFor(
    "the two tasks running again after the restart",
    async () => {
      const tasks = (await call2<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client2.listTasks, {})).tasks;
      return tasks.filter((x) => Number(x.status?.state) === Number(S.TASK_STATE_RUNNING)).length === 2
        ? tasks
        : undefined;
    },
    { timeoutMs: 30_000, pollMs: 50 },
  );
  // Adopted, not restarted: the same two tasks, nothing new created.
  t.deepEqual(after.map((x) => x.id).sort(), before.map((x) => x.id).sort());
});
