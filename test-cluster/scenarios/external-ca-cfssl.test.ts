// Goal: the real cfssl (`cfssl serve`, Debian's golang-cfssl) as a cluster's external CA, with the
// signing profiles Docker Swarm users configure, on real swarmd processes (one manager, one
// worker, process executor). (1) `swarmctl cluster ca --rotate --ca-cert ROOT --external-ca
// protocol=cfssl,url=…` moves the cluster to a root whose key only cfssl holds: every node's
// certificate is renewed through it. (2) A node that joins then gets its first certificate signed
// through it, and (3) renews it through it when promoted to a manager (the manager role cfssl
// writes into the subject is what the raft peers admit). (4) A rotation away from that root: the
// managers make a new root and cfssl cross-signs it with its "CA" profile. cfssl admits only
// clients with a certificate of the cluster's roots, so every request came from a manager.
import { X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import {
  createRootCa,
  joinCertificates,
  leafPem,
  parseNodeIdentity,
  signedByCa,
  splitCertificates,
} from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import { clusterPort, type ClusterNode, type LocalCluster } from "../cluster/local-cluster.js";
import { type CfsslServer, startCfssl } from "./cfssl-server.js";
import { controlOf, nodeIdOf, startCluster, swarmctl, until } from "./scenario-kit.js";

const Reachable = Number(swarm.v1.ManagerStatus.Reachability.REACHABILITY_REACHABLE);

/** How long one rotation, join or promotion may take on a loaded 2-core machine. */
const stepMsMax = 120_000;

/** A node's certificate files. */
function certificatesOf(node: ClusterNode): { cert: string; ca: string } {
  const dir = join(node.stateDir, "certificates");
  return { cert: readFileSync(join(dir, "node.crt"), "utf8"), ca: readFileSync(join(dir, "ca.crt"), "utf8") };
}

const der = (pem: string): Buffer => new X509Certificate(leafPem(pem)).raw;

/** Whether a node holds a certificate of `rootPem` (with the role given) and trusts `rootPem` alone. */
function onRoot(node: ClusterNode, rootPem: string, role?: string): boolean {
  try {
    const { cert, ca } = certificatesOf(node);
    const roots = splitCertificates(ca);
    return (
      roots.length === 1 &&
      der(roots[0]!).equals(der(rootPem)) &&
      signedByCa(leafPem(cert), rootPem) &&
      (role === undefined || parseNodeIdentity(leafPem(cert)).role === role)
    );
  } catch {
    // Not written yet (a joining node).
    return false;
  }
}

/** Waits until every node of the cluster holds a certificate of `rootPem` and trusts it alone. */
async function everyNodeOn(cluster: LocalCluster, rootPem: string): Promise<void> {
  await until(
    "every node on the new root alone",
    () => Promise.resolve(cluster.nodes.every((node) => onRoot(node, rootPem)) ? true : undefined),
    stepMsMax,
  );
}

/** Runs `swarmctl cluster ca --rotate ARGS` and returns the root it printed. */
async function rotate(t: ExecutionContext, via: ClusterNode, args: readonly string[], nodes: number) {
  const run = await swarmctl(via, ["cluster", "ca", "--rotate", ...args], stepMsMax);
  t.log(`swarmctl cluster ca --rotate ${args.join(" ")}: ${run.ms} ms`);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, new RegExp(`rotated ${nodes}/${nodes} nodes`));
  const printed = splitCertificates(run.stdout);
  t.is(printed.length, 1, run.stdout);
  return printed[0]!;
}

test("a real cfssl signs joins, renewals and a rotation's cross-signed root as the external CA", async (t) => {
  t.timeout(480_000);
  const block = await claimLoopbackBlock("external-ca-cfssl-test");
  t.teardown(() => block.release());
  const cluster = await startCluster(t, { managers: 1, workers: 1, block });
  const [manager, worker] = cluster.nodes as [ClusterNode, ClusterNode];
  const control = controlOf(t, manager);
  const external = await createRootCa("external-root");
  const initial = splitCertificates((await swarmctl(manager, ["cluster", "ca"])).stdout)[0]!;
  // Managers present their node certificate: of the cluster's root before (1), of cfssl's after.
  let cfssl: CfsslServer | null = null;
  t.teardown(() => cfssl?.close());
  cfssl = await startCfssl(external, cluster.spareAddr(1), joinCertificates(initial, external.certPem));
  const started = Date.now();

  // (1) Onto the root whose key only cfssl holds: both nodes renew through it.
  const rootFile = join(cluster.baseDir, "external-root.pem");
  writeFileSync(rootFile, external.certPem);
  const root1 = await rotate(
    t,
    manager,
    ["--ca-cert", rootFile, "--external-ca", `protocol=cfssl,url=${cfssl.url}`],
    2,
  );
  t.true(der(root1).equals(der(external.certPem)));
  await everyNodeOn(cluster, external.certPem);
  t.true(onRoot(manager, external.certPem, "swarm-manager"));
  t.true(onRoot(worker, external.certPem, "swarm-worker"));

  // (2) A node joins: its first certificate comes from cfssl.
  const tokens = await cluster.joinTokens();
  const tokenFile = join(cluster.baseDir, "worker-token");
  writeFileSync(tokenFile, tokens.worker, { mode: 0o600 });
  const ip = cluster.spareAddr(2);
  const joiner: ClusterNode = {
    name: "worker-2",
    role: "worker",
    ip,
    addr: `${ip}:${clusterPort}`,
    stateDir: join(cluster.baseDir, "worker-2"),
    logFile: join(cluster.baseDir, "worker-2.log"),
    pid: 0,
  };
  // Added to the cluster's nodes first, so that its teardown stops and removes it too.
  cluster.nodes.push(joiner);
  await cluster.restartNode(joiner, [
    "join",
    "--listen-addr",
    joiner.addr,
    "--publish-addr",
    ip,
    "--hostname",
    joiner.name,
    "--token-file",
    tokenFile,
    manager.addr,
  ]);
  await cluster.waitReady(3, stepMsMax);
  t.true(onRoot(joiner, external.certPem, "swarm-worker"), "the joined node's certificate is cfssl's");

  // (3) Promoted, it renews through cfssl for a manager's certificate, and raft admits it.
  const joinerId = await nodeIdOf(joiner);
  const promoted = await swarmctl(manager, ["node", "promote", joinerId]);
  t.is(promoted.code, 0, promoted.stderr);
  await until(
    "the promoted node holds a manager certificate of cfssl's and is a raft member",
    async () => {
      if (!onRoot(joiner, external.certPem, "swarm-manager")) return undefined;
      const node = (await control.nodes()).find((n) => n.id === joinerId);
      return Number(node?.managerStatus?.reachability ?? 0) === Reachable ? true : undefined;
    },
    stepMsMax,
  );

  // (4) Away from cfssl's root: the managers' new root is cross-signed by cfssl's "CA" profile.
  const root4 = await rotate(t, manager, [], 3);
  t.false(der(root4).equals(der(external.certPem)));
  await everyNodeOn(cluster, root4);
  t.log(`cfssl steps took ${Date.now() - started} ms`);

  // Every request cfssl answered, it signed: none was refused (cfssl logs the status it answered).
  const requests = (await cfssl.log()).split("\n").filter((l) => l.includes('"POST /api/v1/cfssl/sign"'));
  t.true(requests.length >= 5, `cfssl answered ${requests.length} signing requests`);
  t.deepEqual(
    requests.filter((l) => !/" 200$/.test(l)),
    [],
    "cfssl refused no request",
  );
});
