// Goal: a new leader whose read barrier times out (a loaded machine, a member still catching up)
// while raft keeps it leader asks again and starts its components, instead of staying a leader
// that refuses every worker ("not the leader; the leader is at" its own address) for good.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import { freePort, RaftNode, ReadIndexTimeoutError } from "../raft/index.js";
import { Manager } from "./manager.js";

test("a leader whose read barrier times out asks again and starts its components", async (t) => {
  // Longer than waitFor's own deadline, so a failure names the condition.
  t.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-barrier-"));
  const block = await claimLoopbackBlock("leadership barrier test");
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  // The first barriers time out, as they do when no heartbeat round completes within one election timeout.
  const original = Object.getOwnPropertyDescriptor(RaftNode.prototype, "readBarrier")!;
  let failures = 2;
  let asked = 0;
  RaftNode.prototype.readBarrier = function (this: RaftNode<unknown>): Promise<void> {
    asked++;
    if (failures > 0) {
      failures--;
      return Promise.reject(new ReadIndexTimeoutError(1000));
    }
    return (original.value as () => Promise<void>).call(this);
  };
  let manager: Manager | null = null;
  try {
    manager = await Manager.start({ id: 1, dir, addr, bootstrap: new Map([[1, addr]]), tickMs: 20 });
    const m = manager;
    // ensureCluster runs with the leader's components: the cluster object appears only once they started.
    await waitFor("the leader's components to start", () =>
      m.isLeading && m.store.view((tx) => tx.all("cluster")).length === 1 ? true : undefined,
    );
    t.true(asked >= 3, `the barrier was asked ${asked} times`);
    t.true(m.isLeading);
  } finally {
    Object.defineProperty(RaftNode.prototype, "readBarrier", original);
    await manager?.stop();
    block.release();
    rmSync(dir, { recursive: true, force: true });
  }
});
