// Goal: a real manager (in-process SwarmNode, real gRPC on its control socket) keeps neither a
// secret's payload nor the root CA's private key in plaintext anywhere in its state directory, and
// keeps its DEK file wrapped exactly when the cluster's autolock is on.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { createPrivateKey, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, controlSocketPath, unixTarget, waitFor } from "../common/index.js";
import { ControlClient, type swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { type DekFile, parseUnlockKey, readDekFile, unwrapDek } from "./dek-store.js";
import { SwarmNode } from "./index.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** Every regular file under dir, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The DEK file once its locked flag is `locked` (the re-wrap follows the applied change). */
async function dekFileLocked(managerDir: string, locked: boolean): Promise<DekFile> {
  return waitFor(
    `the DEK file to become ${locked ? "wrapped" : "plain"}`,
    async () => {
      const file = await readDekFile(managerDir);
      return file && file.locked === locked ? file : undefined;
    },
    { timeoutMs: 20_000, pollMs: 20 },
  );
}

test("a manager's state dir holds no secret payload and no root CA key in plaintext", async (t) => {
  t.timeout(60_000);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-at-rest-"));
  const block = await claimLoopbackBlock("encryption-at-rest test");
  t.teardown(() => block.release());
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const node = await SwarmNode.init({
    stateDir,
    listenAddr: addr,
    publishAddr: block.addr(1),
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh: null,
  });
  let stopped = false;
  t.teardown(async () => {
    if (!stopped) await node.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  const payload = Buffer.from(`payload-${randomBytes(24).toString("hex")}-end`);
  const client = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  await call<swarm.v1.ICreateSecretRequest, swarm.v1.CreateSecretResponse>(client.createSecret, {
    spec: { annotations: { name: "db-password" }, data: payload },
  });
  client.close();
  const cluster = await waitFor("the cluster object", () => node.manager!.store.view((tx) => tx.all("cluster")[0]));
  const caKeyPem = Buffer.from(cluster.rootCaKeyPem ?? new Uint8Array());
  t.true(caKeyPem.length > 0, "the cluster object holds the CA key");
  const caKeyDer = createPrivateKey(caKeyPem).export({ type: "pkcs8", format: "der" });
  t.true(
    node
      .manager!.store.view((tx) => tx.all("secret"))
      .some((s) => Buffer.from(s.spec?.data ?? new Uint8Array()).equals(payload)),
    "the store holds the secret",
  );
  await node.stop();
  stopped = true;

  t.truthy(await readDekFile(join(stateDir, "manager")), "the manager has a DEK file");
  const needles: [string, Buffer][] = [
    ["secret payload", payload],
    ["secret payload as base64", Buffer.from(payload.toString("base64"))],
    ["root CA key (DER)", caKeyDer],
    ["root CA key (PEM body)", Buffer.from(caKeyPem.toString("utf8").split("\n")[1] ?? "-")],
  ];
  const files = await filesUnder(stateDir);
  t.true(
    files.some((f) => f.includes(`${join("manager", "wal")}`)),
    "the scan covers the WAL",
  );
  for (const file of files) {
    const bytes = await readFile(file);
    for (const [what, needle] of needles) t.is(bytes.indexOf(needle), -1, `${what} found in ${file}`);
  }
});

test("a manager re-wraps its DEK when autolock is switched on and off through the Control API", async (t) => {
  t.timeout(60_000);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-at-rest-"));
  const block = await claimLoopbackBlock("encryption-at-rest test");
  t.teardown(() => block.release());
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const node = await SwarmNode.init({
    stateDir,
    listenAddr: addr,
    publishAddr: block.addr(1),
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh: null,
  });
  const client = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await node.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  const managerDir = join(stateDir, "manager");
  const plainFile = await readDekFile(managerDir);
  if (!plainFile || plainFile.locked) return t.fail("a new manager's DEK file is plain");
  const dek = unwrapDek(plainFile, new Uint8Array());
  const setAutolock = async (on: boolean): Promise<void> => {
    const { cluster } = await call<swarm.v1.IGetClusterRequest, swarm.v1.GetClusterResponse>(client.getCluster, {
      clusterId: "default",
    });
    await call(client.updateCluster, {
      clusterId: cluster.id,
      clusterVersion: cluster.meta?.version ?? {},
      spec: { ...cluster.spec, encryptionConfig: { autoLockManagers: on } },
    });
  };

  await setAutolock(true);
  const { unlockKey } = await call<swarm.v1.IGetUnlockKeyRequest, swarm.v1.GetUnlockKeyResponse>(
    client.getUnlockKey,
    {},
  );
  t.is(node.unlockKey(), unlockKey);
  const locked = await dekFileLocked(managerDir, true);
  t.deepEqual(unwrapDek(locked, parseUnlockKey(unlockKey)), dek, "the same DEK, wrapped with the cluster's unlock key");

  await setAutolock(false);
  const unlocked = await dekFileLocked(managerDir, false);
  t.deepEqual(unwrapDek(unlocked, new Uint8Array()), dek);
});
