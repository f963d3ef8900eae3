// Goal: the raft library, run as separate OS processes with a real WAL (fsync) and real gRPC,
// keeps a key-value store linearizable and loses no acknowledged write while members are killed
// and restarted, frozen and partitioned; the recorded history is checked by the checker.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLinearizable, mulberry32, type Operation } from "../checker/index.js";
import { KvClient } from "./kv-client.js";
import { KvCluster } from "./kv-cluster.js";
import { runWorkload } from "./kv-workload.js";

/** Sleeps ms. */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Injects one fault at a time until `until`, each followed by recovery. */
async function injectFaults(cluster: KvCluster, random: () => number, until: number, log: string[]): Promise<void> {
  const ids = cluster.ids();
  while (performance.now() < until - 1_500) {
    await sleep(300 + random() * 700);
    const victim = ids[Math.floor(random() * ids.length)]!;
    const roll = random();
    if (roll < 0.35) {
      log.push(`kill ${victim}`);
      await cluster.kill(victim);
      await sleep(200 + random() * 800);
      await cluster.restart(victim);
    } else if (roll < 0.6) {
      log.push(`pause ${victim}`);
      cluster.pause(victim);
      await sleep(300 + random() * 1_200);
      cluster.resume(victim);
    } else if (roll < 0.85) {
      const others = ids.filter((id) => id !== victim);
      log.push(`isolate ${victim}`);
      cluster.partition([[victim], others]);
      await sleep(500 + random() * 1_500);
      cluster.heal();
    } else {
      const other = ids.find((id) => id !== victim)!;
      log.push(`cut ${victim}>${other}`);
      cluster.cut(victim, other);
      await sleep(500 + random() * 1_500);
      cluster.heal();
    }
  }
}

/** Reads every key once through a fresh client, appending the reads to the history. */
async function finalReads(servers: ReadonlyMap<number, string>, keys: number, history: Operation[]): Promise<void> {
  const client = new KvClient(servers, "final-reader");
  for (let k = 0; k < keys; k++) {
    const call = performance.now();
    const outcome = await client.get(`k${k}`, performance.now() + 20_000);
    if (!outcome.ok) throw new Error(`final read of k${k} failed: ${outcome.error}`);
    history.push({
      clientId: 10_000,
      kind: "get",
      key: `k${k}`,
      call,
      ret: performance.now(),
      output: { ok: true, value: outcome.value },
    });
  }
  client.close();
}

for (const size of [3, 5]) {
  test(`a ${size}-member KV cluster stays linearizable under kills, pauses and partitions`, async (t) => {
    t.timeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), `swarm-kv-${size}-`));
    const cluster = await KvCluster.start({
      size,
      dir,
      proxies: true,
      tickMs: 50,
      electionTicks: 10,
      snapshotInterval: 500,
    });
    t.teardown(async () => {
      await cluster.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const random = mulberry32(size * 7919);
    const durationMs = size === 3 ? 15_000 : 10_000;
    const keys = 5;
    const faults: string[] = [];
    const [result] = await Promise.all([
      runWorkload({ servers: cluster.httpAddresses(), clients: 8, keys, durationMs, operationMsMax: 4_000, random }),
      injectFaults(cluster, random, performance.now() + durationMs, faults),
    ]);
    cluster.heal();
    for (const id of cluster.ids()) await cluster.restart(id);
    // Crash every member at once, then restart: acknowledged writes must come back from the WALs.
    for (const id of cluster.ids()) await cluster.kill(id);
    for (const id of cluster.ids()) await cluster.restart(id);
    const history = [...result.history];
    await finalReads(cluster.httpAddresses(), keys, history);
    const check = checkLinearizable(history);
    t.log(`faults: ${faults.join(", ")}`);
    t.log(
      `${history.length} operations, ${result.ackedWrites} acknowledged writes, ${result.unknown} unanswered; verdict ${check.verdict}`,
    );
    if (check.verdict === "violation") t.log(check.violation.message);
    t.is(check.verdict, "linearizable");
    t.true(faults.length >= 4, "the run must inject faults");
    // Enough writes for the check to mean something; a loaded CI machine (other test files' clusters
    // sharing the 2 cores) has acknowledged as few as 33 in the 15 s, so the bar is not set higher.
    t.true(result.ackedWrites >= 20, `only ${result.ackedWrites} acknowledged writes`);
  });
}
