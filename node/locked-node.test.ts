// Goal: a locked manager's control socket (real gRPC on a unix socket) refuses every call with the
// message saying how to unlock, refuses a wrong key, and hands over the DEK for the right one.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { unixTarget } from "../common/index.js";
import { ControlClient } from "../proto/index.js";
import { encodeDekFile, formatUnlockKey, newDek } from "./dek-store.js";
import { lockedMessage, waitForUnlock } from "./locked-node.js";

function call(
  client: ControlClient,
  method: "getCluster" | "unlock",
  request: object,
): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) =>
    (client[method] as (r: object, cb: (e: grpc.ServiceError | null) => void) => void).call(client, request, (error) =>
      resolve(error),
    ),
  );
}

test("locked node serves only unlock, and resolves with the DEK for the right key", async (t) => {
  t.timeout(20_000);
  const dir = await mkdtemp(join(tmpdir(), "swarm-locked-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const socket = join(dir, "control.sock");
  const dek = newDek();
  const unlockKey = randomBytes(32);
  const attempts: boolean[] = [];
  const unlocked = waitForUnlock(socket, encodeDekFile(dek, unlockKey), (ok) => attempts.push(ok));
  const client = new ControlClient(unixTarget(socket), grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  await new Promise<void>((resolve, reject) =>
    client.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve())),
  );

  const refused = await call(client, "getCluster", { clusterId: "default" });
  t.is(refused?.code, grpc.status.FAILED_PRECONDITION);
  t.is(refused?.details, lockedMessage);
  const wrong = await call(client, "unlock", { unlockKey: formatUnlockKey(randomBytes(32)) });
  t.is(wrong?.code, grpc.status.INVALID_ARGUMENT);
  t.regex(wrong?.details ?? "", /wrong unlock key/);
  const malformed = await call(client, "unlock", { unlockKey: "hunter2" });
  t.is(malformed?.code, grpc.status.INVALID_ARGUMENT);
  t.is(await call(client, "unlock", { unlockKey: formatUnlockKey(unlockKey) }), null);
  const result = await unlocked;
  t.deepEqual(result.dek, dek);
  t.deepEqual(result.unlockKey, unlockKey);
  t.deepEqual(attempts, [false, false, true]);
});
