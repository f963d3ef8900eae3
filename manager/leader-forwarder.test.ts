// Goal: a follower's forwarded Control call answers exactly what the leader answered, over real
// gRPC against a real manager: an answer far over gRPC's default 4 MB arrives whole, and the
// leader's refusal arrives with its own status and details.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import type { swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { LeaderForwarder } from "./leader-forwarder.js";
import { Manager } from "./manager.js";

/** Services written, and the bytes of labels each carries: about 6 MB in all. */
const servicesCount = 300;
const labelBytesPerService = 20_000;

test("a forwarded call answers what the leader answered, however large", async (t) => {
  t.timeout(60_000);
  const block = await claimLoopbackBlock("leader-forwarder.test");
  const dir = mkdtempSync(join(tmpdir(), "swarm-forwarder-"));
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const leader = await Manager.start({ id: 1, dir, addr, bootstrap: new Map([[1, addr]]), tickMs: 20 });
  const forwarder = new LeaderForwarder(grpc.credentials.createInsecure());
  t.teardown(async () => {
    forwarder.close();
    await leader.stop();
    rmSync(dir, { recursive: true, force: true });
    block.release();
  });
  await waitFor("a leader", () => (leader.isLeading ? true : undefined));
  // Written in batches that each stay well under any bound of one raft entry.
  for (let batch = 0; batch < servicesCount / 50; batch++) {
    await leader.store.update((tx) => {
      for (let i = batch * 50; i < (batch + 1) * 50; i++) {
        const labels: Record<string, string> = {};
        for (let l = 0; l < 20; l++) labels[`label-${l}`] = "x".repeat(labelBytesPerService / 20);
        tx.create("service", {
          id: `s${i}`,
          spec: { annotations: { name: `svc-${i}`, labels }, task: { container: { image: "process://true" } } },
        });
      }
    });
  }

  const answer = (await forwarder.forward("listServices", {}, leader.addr)) as swarm.v1.ListServicesResponse;
  t.is(answer.services.length, servicesCount);
  t.is(answer.services[servicesCount - 1]?.spec?.annotations?.labels["label-0"]?.length, labelBytesPerService / 20);

  const refusal = await t.throwsAsync<grpc.ServiceError>(
    forwarder.forward("getService", { serviceId: "nope" }, leader.addr),
  );
  t.is(refusal.code, grpc.status.NOT_FOUND);
  t.regex(refusal.details, /nope/);
});
