// `npm run bench -- raft`: write throughput and latency of a 3-member swarm-ts raft cluster
// (separate processes, loopback, fsync on, 256-byte values) against a 3-member etcd cluster driven
// by the same load generator, at 1, 100 and 500 concurrent clients.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Etcd3 } from "etcd3";
import { KvClient, KvCluster } from "../../raft/index.js";
import { EtcdCluster } from "./etcd-cluster.js";
import { formatTable, type LoadResult, runClosedLoop } from "./load.js";

/** Concurrency levels measured. */
export const raftBenchConcurrency = [1, 100, 500];
/** Measured time per level. */
export const raftBenchDurationMs = 10_000;
/** Warm-up per level. */
export const raftBenchWarmupMs = 2_000;
/** Value size. */
export const raftBenchValueBytes = 256;

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runRaftBench(
  options: { durationMs?: number; levels?: number[] } = {},
): Promise<{ text: string; json: Record<string, unknown> }> {
  const durationMs = options.durationMs ?? raftBenchDurationMs;
  const levels = options.levels ?? raftBenchConcurrency;
  const value = "x".repeat(raftBenchValueBytes);
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-raft-"));
  const ours: LoadResult[] = [];
  const theirs: LoadResult[] = [];
  try {
    const cluster = await KvCluster.start({
      size: 3,
      dir: join(dir, "swarm"),
      tickMs: 50,
      electionTicks: 10,
      snapshotInterval: 100_000,
    });
    try {
      const servers = cluster.httpAddresses();
      for (const concurrency of levels) {
        const clients = Array.from(
          { length: concurrency },
          (_, i) => new KvClient(servers, `bench-${concurrency}-${i}`),
        );
        ours.push(
          await runClosedLoop({
            concurrency,
            durationMs,
            warmupMs: raftBenchWarmupMs,
            op: async (c, n) => {
              const outcome = await clients[c]!.put(`key-${c}-${n % 100}`, value, performance.now() + 10_000);
              if (!outcome.ok) throw new Error(outcome.error);
            },
          }),
        );
        for (const client of clients) client.close();
      }
    } finally {
      await cluster.close();
    }
    const etcd = await EtcdCluster.start(join(dir, "etcd"));
    try {
      const client = new Etcd3({ hosts: etcd.endpoints });
      for (const concurrency of levels) {
        theirs.push(
          await runClosedLoop({
            concurrency,
            durationMs,
            warmupMs: raftBenchWarmupMs,
            op: async (c, n) => {
              await client.put(`key-${c}-${n % 100}`).value(value);
            },
          }),
        );
      }
      client.close();
    } finally {
      await etcd.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = levels.map((concurrency, i) => {
    const a = ours[i]!;
    const b = theirs[i]!;
    return [
      String(concurrency),
      a.perSecond.toFixed(0),
      a.p50Ms.toFixed(1),
      a.p99Ms.toFixed(1),
      b.perSecond.toFixed(0),
      b.p50Ms.toFixed(1),
      b.p99Ms.toFixed(1),
      (a.perSecond / b.perSecond).toFixed(2),
      String(a.errors + b.errors),
    ];
  });
  const text = formatTable(
    ["clients", "swarm-ts w/s", "p50 ms", "p99 ms", "etcd w/s", "p50 ms", "p99 ms", "ratio", "errors"],
    rows,
  );
  const json = {
    bench: "raft",
    valueBytes: raftBenchValueBytes,
    durationMs,
    levels: levels.map((concurrency, i) => ({
      concurrency,
      swarm: ours[i],
      etcd: theirs[i],
      ratio: ours[i]!.perSecond / theirs[i]!.perSecond,
    })),
  };
  return { text, json };
}
