// Goal: over TCP a real swarmd admits swarmctl only with an operator certificate of its cluster's
// CA: `cluster ca issue-client` on the local socket writes one (key 0600), swarmctl uses it from
// SWARM_CERT_PATH or the --tls* flags; without one, or with a worker's node certificate, the call is
// refused in one line; and an operator certificate opens neither raft nor the dispatcher.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { DispatcherClient, RaftMembershipClient } from "../../proto/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { swarmctl } from "./fixture.js";

test("swarmctl reaches a manager over TCP with an operator certificate, and only with one", async (t) => {
  t.timeout(120_000);
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-operator-tls-"));
  const cluster = await LocalCluster.up({ baseDir, managers: 1, workers: 1, executor: "process" });
  t.teardown(async () => {
    await cluster.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
  });
  const manager = cluster.nodes.find((n) => n.role === "manager")!;
  const worker = cluster.nodes.find((n) => n.role === "worker")!;
  const certs = join(baseDir, "operator");
  // No certificate directory anywhere: HOME points at an empty place.
  const env = { HOME: join(baseDir, "home"), SWARM_CERT_PATH: "" };

  const issued = await swarmctl(["cluster", "ca", "issue-client", "--name", "tester", "--out", certs], {
    host: cluster.controlTarget,
    env,
  });
  assertOk(t, issued);
  t.regex(issued.stdout, /operator "tester"/);
  t.is(statSync(join(certs, "key.pem")).mode & 0o777, 0o600);
  t.regex(readFileSync(join(certs, "cert.pem"), "utf8"), /BEGIN CERTIFICATE/);

  // With the certificate (from SWARM_CERT_PATH, then from the flags) over TCP.
  const listed = await swarmctl(["node", "ls", "--format", "{{.Hostname}} {{.ManagerStatus}}"], {
    host: manager.addr,
    env: { ...env, SWARM_CERT_PATH: certs },
  });
  assertOk(t, listed);
  t.is(listed.stdout.split("\n").filter((l) => l !== "").length, 2);
  const flagged = await swarmctl(
    [
      "service",
      "ls",
      "--tlscacert",
      join(certs, "ca.pem"),
      "--tlscert",
      join(certs, "cert.pem"),
      "--tlskey",
      join(certs, "key.pem"),
    ],
    { host: manager.addr, env },
  );
  assertOk(t, flagged);

  // Without a certificate: refused, one line, non-zero.
  assertOneLineError(t, await swarmctl(["node", "ls"], { host: manager.addr, env }), 1, /operator certificate/);
  // Only some of the flags: a usage error naming them.
  assertOneLineError(
    t,
    await swarmctl(["node", "ls", "--tlscert", join(certs, "cert.pem")], { host: manager.addr, env }),
    2,
    /--tlscacert/,
  );
  // A worker's node certificate is no operator's: PERMISSION_DENIED from the Control API.
  const workerCerts = join(worker.stateDir, "certificates");
  const asWorker = await swarmctl(
    [
      "node",
      "ls",
      "--tlscacert",
      join(workerCerts, "ca.crt"),
      "--tlscert",
      join(workerCerts, "node.crt"),
      "--tlskey",
      join(workerCerts, "node.key"),
    ],
    { host: manager.addr, env },
  );
  assertOneLineError(t, asWorker, 1, /swarm-worker may not call/);

  // The operator certificate opens neither raft membership nor the dispatcher.
  const credentials = grpc.credentials.createSsl(
    readFileSync(join(certs, "ca.pem")),
    readFileSync(join(certs, "key.pem")),
    readFileSync(join(certs, "cert.pem")),
  );
  const options = { "grpc.ssl_target_name_override": "swarm-manager" };
  const membership = new RaftMembershipClient(manager.addr, credentials, options);
  const dispatcher = new DispatcherClient(manager.addr, credentials, options);
  t.teardown(() => {
    membership.close();
    dispatcher.close();
  });
  const denied = (call: (cb: (error: grpc.ServiceError | null) => void) => void): Promise<grpc.ServiceError | null> =>
    new Promise((resolve) => call((error) => resolve(error)));
  const leave = await denied((cb) => membership.leave({ node: { raftId: 99 } }, cb));
  t.is(leave?.code, grpc.status.PERMISSION_DENIED);
  t.regex(leave?.details ?? "", /swarm-operator may not call/);
  const heartbeat = await denied((cb) => dispatcher.heartbeat({ sessionId: "x" }, cb));
  t.is(heartbeat?.code, grpc.status.PERMISSION_DENIED);
});
