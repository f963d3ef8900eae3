// Goal: root CA rotation on real swarmd processes (3 managers, 2 workers, process executor), one
// cluster for every case. (1) `swarmctl cluster ca --rotate` under a running service: no task is
// restarted (same ids, same pids), no node goes DOWN and no node opens a new session (its log
// shows no session lost but to a leader change), and afterwards every node's certificate is the new root's and the
// node trusts the new root alone. (2) The leader is killed in the middle of a rotation (a worker
// kept away holds it open): a new leader carries it on and it completes once the nodes are back.
// (3) A root the operator brings (--ca-cert/--ca-key). External CAs are external-ca-cfssl.test.ts's,
// with the real cfssl.
import { X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { caDigest, claimLoopbackBlock, parseJoinToken } from "../../common/index.js";
import { createRootCa, leafPem, signedByCa, splitCertificates } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import type { ClusterNode, LocalCluster } from "../cluster/local-cluster.js";
import { crashNode } from "../faults/index.js";
import { type Control, controlOf, nodeIdOf, startCluster, swarmctl, until } from "./scenario-kit.js";

const Running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
const Down = Number(swarm.v1.NodeStatus.State.STATE_DOWN);
const Ready = Number(swarm.v1.NodeStatus.State.STATE_READY);
/** How long one rotation of five nodes may take on a loaded 2-core machine. */
const rotationMsMax = 120_000;

/**
 * Whether a lost session went to a leader change: a follower's "not the leader", or the leader
 * telling that the session ended with its earlier leadership (the same manager elected again).
 */
function toLeaderChange(line: string): boolean {
  return line.includes("not the leader") || line.includes("a leader change");
}

/**
 * Sessions a node lost so far, as its log tells, other than to a leader change: a raft election
 * (which a loaded machine may hold at any time) moves every session to the new leader, rotation
 * or not; any other end of a session (refused certificates, a manager that dropped it) counts.
 */
function sessionsLost(node: ClusterNode): string[] {
  return readFileSync(node.logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes('"session.lost"') && !toLeaderChange(line));
}

/** Leader changes a node's agent saw, as its log tells. */
function leaderChanges(node: ClusterNode): number {
  return readFileSync(node.logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes('"session.lost"') && toLeaderChange(line)).length;
}

/** A node's certificate files. */
function certificatesOf(node: ClusterNode): { cert: string; ca: string } {
  const dir = join(node.stateDir, "certificates");
  return { cert: readFileSync(join(dir, "node.crt"), "utf8"), ca: readFileSync(join(dir, "ca.crt"), "utf8") };
}

const der = (pem: string): Buffer => new X509Certificate(leafPem(pem)).raw;

/** The cluster object. */
async function clusterOf(control: Control): Promise<swarm.v1.ICluster> {
  const res = await control.call<swarm.v1.IListClustersRequest, swarm.v1.ListClustersResponse>(
    // eslint-disable-next-line @typescript-eslint/unbound-method -- call() binds the client
    control.client.listClusters,
    {},
  );
  return res.clusters[0] ?? {};
}

/** Waits until every node holds a certificate of `rootPem` and trusts `rootPem` alone. */
async function everyNodeOn(t: ExecutionContext, cluster: LocalCluster, rootPem: string, oldPem: string) {
  await until(
    "every node on the new root alone",
    () =>
      Promise.resolve(
        cluster.nodes.every((node) => {
          const { cert, ca } = certificatesOf(node);
          const roots = splitCertificates(ca);
          return roots.length === 1 && der(roots[0]!).equals(der(rootPem)) && signedByCa(leafPem(cert), rootPem);
        })
          ? true
          : undefined,
      ),
    rotationMsMax,
  );
  for (const node of cluster.nodes) {
    const { cert } = certificatesOf(node);
    t.true(signedByCa(leafPem(cert), rootPem), `${node.name}'s certificate is the new root's`);
    t.false(signedByCa(leafPem(cert), oldPem), `${node.name}'s certificate is not the old root's`);
  }
}

/** Runs a rotation with swarmctl through `via` and checks what it printed: progress, then the new root. */
async function rotate(t: ExecutionContext, via: ClusterNode, args: readonly string[]): Promise<string> {
  const run = await swarmctl(via, ["cluster", "ca", "--rotate", ...args], rotationMsMax);
  t.log(
    `swarmctl cluster ca --rotate ${args.join(" ")}: ${run.ms} ms, ${run.stdout
      .split("\n")
      .filter((l) => l.startsWith("rotated"))
      .join(", ")}`,
  );
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /rotated 5\/5 nodes/);
  const printed = splitCertificates(run.stdout);
  t.is(printed.length, 1, run.stdout);
  return printed[0]!;
}

test("root CA rotation keeps tasks and sessions, survives a leader kill and takes an operator's root", async (t) => {
  t.timeout(600_000);
  const block = await claimLoopbackBlock("ca-rotation-test");
  t.teardown(() => block.release());
  const cluster = await startCluster(t, { managers: 3, workers: 2, block });
  const ids = await Promise.all(cluster.nodes.map((n) => nodeIdOf(n)));
  const first = cluster.nodes[0]!;
  let control = controlOf(t, first);
  const serviceId = await control.createService({
    annotations: { name: "steady" },
    task: { container: { image: "process://sleep", args: ["86400"] } },
    replicated: { replicas: 5 },
  });
  const live = async (): Promise<swarm.v1.ITask[]> =>
    (await control.tasks(serviceId)).filter((x) => Number(x.desiredState) <= Running);
  const before = await until(
    "5 running tasks",
    async () => {
      const tasks = await live();
      return tasks.length === 5 && tasks.every((x) => Number(x.status?.state) === Running) ? tasks : undefined;
    },
    60_000,
  );
  await until("every node ready", async () =>
    (await control.nodes()).filter((n) => Number(n.status?.state) === Ready).length === 5 ? true : undefined,
  );

  // (1) A rotation under the running service, watched for DOWN nodes all along.
  const root0 = Buffer.from((await clusterOf(control)).rootCaCertPem ?? []).toString("utf8");
  const tokens0 = (await clusterOf(control)).joinTokens!;
  const lost0 = cluster.nodes.map((n) => sessionsLost(n).length);
  const elections0 = cluster.nodes.map(leaderChanges);
  let watching = true;
  const downSeen = new Set<string>();
  const watch = (async () => {
    while (watching) {
      for (const n of await control.nodes().catch(() => [])) if (Number(n.status?.state) === Down) downSeen.add(n.id!);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = Date.now();
  const root1 = await rotate(t, first, []);
  t.log(`rotation of 5 nodes took ${Date.now() - started} ms`);
  t.false(der(root1).equals(der(root0)));
  await everyNodeOn(t, cluster, root1, root0);
  watching = false;
  await watch;
  t.deepEqual([...downSeen], [], "no node went down");
  t.deepEqual(
    cluster.nodes.map((n, i) => sessionsLost(n).slice(lost0[i])),
    cluster.nodes.map(() => []),
    "no node lost its session",
  );
  const elections = cluster.nodes.map((n, i) => leaderChanges(n) - elections0[i]!);
  if (elections.some((e) => e > 0)) t.log(`sessions moved with a leader change: ${elections.join(" ")}`);
  const after = await live();
  const pidOf = (x: swarm.v1.ITask) => `${x.id}@${x.nodeId}:${x.status?.container?.pid ?? 0}:${x.status?.state}`;
  t.deepEqual(after.map(pidOf).sort(), before.map(pidOf).sort(), "no task restarted");
  const cluster1 = await clusterOf(control);
  t.true(der(Buffer.from(cluster1.rootCaCertPem ?? []).toString("utf8")).equals(der(root1)));
  t.is(cluster1.rootRotation ?? null, null);
  for (const role of ["worker", "manager"] as const) {
    t.is(parseJoinToken(cluster1.joinTokens![role]!).digest, caDigest(cluster1.rootCaCertPem!));
    t.is(parseJoinToken(cluster1.joinTokens![role]!).secret, parseJoinToken(tokens0[role]!).secret);
  }

  // (2) The leader dies in the middle: a worker kept away holds the rotation open until it is back.
  const leaderId = (await control.nodes()).find((n) => n.managerStatus?.leader)?.id ?? "";
  const leader = cluster.nodes[ids.indexOf(leaderId)]!;
  const survivor = cluster.nodes.find((n) => n.role === "manager" && n !== leader)!;
  const worker = cluster.nodes.find((n) => n.role === "worker")!;
  control = controlOf(t, survivor);
  await cluster.stopNode(worker);
  const detached = await swarmctl(survivor, ["cluster", "ca", "--rotate", "--detach"]);
  t.is(detached.code, 0, detached.stderr);
  const rotating = await clusterOf(control);
  t.truthy(rotating.rootRotation?.caCertPem?.length, "the rotation is under way");
  const root2 = Buffer.from(rotating.rootRotation!.caCertPem!).toString("utf8");
  await crashNode(cluster, leader);
  t.log(`killed the leader ${leader.name} during the rotation`);
  await until(
    "a new leader",
    async () => ((await control.nodes()).some((n) => n.managerStatus?.leader && n.id !== leaderId) ? true : undefined),
    60_000,
  );
  t.truthy((await clusterOf(control)).rootRotation, "still rotating: the worker is away");
  await cluster.restartNode(leader);
  await cluster.restartNode(worker);
  await until(
    "the rotation completed by the new leader",
    async () => ((await clusterOf(control)).rootRotation ? undefined : true),
    rotationMsMax,
  );
  const follow = await swarmctl(survivor, ["cluster", "ca"]);
  t.true(der(splitCertificates(follow.stdout)[0]!).equals(der(root2)));
  await everyNodeOn(t, cluster, root2, root1);

  // (3) The operator's own root and key.
  const own = await createRootCa("operator-root");
  const dir = cluster.baseDir;
  writeFileSync(join(dir, "own-root.pem"), own.certPem);
  writeFileSync(join(dir, "own-root-key.pem"), own.keyPem, { mode: 0o600 });
  const root3 = await rotate(t, survivor, [
    "--ca-cert",
    join(dir, "own-root.pem"),
    "--ca-key",
    join(dir, "own-root-key.pem"),
  ]);
  t.true(der(root3).equals(der(own.certPem)));
  await everyNodeOn(t, cluster, own.certPem, root2);

  // The service still runs its five tasks after all of it.
  await until(
    "5 running tasks at the end",
    async () => ((await live()).filter((x) => Number(x.status?.state) === Running).length === 5 ? true : undefined),
    60_000,
  );
});
