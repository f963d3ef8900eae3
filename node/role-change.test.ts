// Goal: live demotion over real gRPC with mutual TLS: a manager node demoted through the Control API
// leaves the raft group and stops its manager part within seconds, because the leader's change of
// its role reaches it on its session stream (a role change alone, with no later spec change), and
// it renews its certificate as a worker's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import { parseNodeIdentity, WorkerRole } from "../manager/index.js";
import { swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { SwarmNode } from "./index.js";

const Role = swarm.v1.NodeSpec.Role;

/** How soon a demoted manager must have stopped its manager part. */
const stepDownMsMax = 15_000;

test("a demoted manager node steps down within seconds", async (t) => {
  t.timeout(120_000);
  const block = await claimLoopbackBlock("role-change.test");
  const base = mkdtempSync(join(tmpdir(), "swarm-role-change-"));
  const nodes: SwarmNode[] = [];
  t.teardown(async () => {
    for (const node of nodes.reverse()) await node.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    block.release();
  });
  const common = { executor: "process" as const, tickMs: 20, statusFlushMs: 20, mesh: null };
  const addr = async (host: number): Promise<string> => `${block.addr(host)}:${await freePort(block.addr(host))}`;
  const first = await SwarmNode.init({
    ...common,
    stateDir: join(base, "a"),
    listenAddr: await addr(1),
    publishAddr: block.addr(1),
  });
  nodes.push(first);
  const second = await SwarmNode.join({
    ...common,
    stateDir: join(base, "b"),
    listenAddr: await addr(2),
    publishAddr: block.addr(2),
    token: first.joinTokens().manager,
    remoteAddr: first.state.advertiseAddr,
  });
  nodes.push(second);
  const store = first.manager!.store;
  await waitFor("two voters", () => (first.manager!.raft.status().voters.length === 2 ? true : undefined), {
    timeoutMs: 30_000,
  });
  await waitFor("the second node's session", () => (second.agent.connected ? true : undefined), {
    timeoutMs: 30_000,
  });

  const demotedAt = Date.now();
  await store.update((tx) => {
    const node = tx.get("node", second.nodeId)!;
    tx.update("node", { ...node, spec: { ...node.spec, desiredRole: Role.ROLE_WORKER } });
  });
  // Stepping down: the manager part stopped, a worker certificate in place of the manager one.
  await waitFor(
    "the demoted node to step down",
    () =>
      second.manager === null &&
      second.state.role === "worker" &&
      parseNodeIdentity(second.certificatePem).role === WorkerRole
        ? true
        : undefined,
    { timeoutMs: stepDownMsMax },
  );
  t.true(Date.now() - demotedAt < stepDownMsMax);
  t.is(parseNodeIdentity(second.certificatePem).role, WorkerRole);
  t.deepEqual(first.manager!.raft.status().voters, [first.manager!.raft.id]);
  t.is(Number(store.view((tx) => tx.get("node", second.nodeId))?.role ?? 0), Number(Role.ROLE_WORKER));
});
