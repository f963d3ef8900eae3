// `npm run bench -- failover`: SIGKILL the leader of a 3-member cluster under load and time until
// the next client write commits, over several trials. The reference is Docker Swarm's defaults
// (1 s ticks, 10-tick election timeout: 10–20 s), stated rather than measured here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KvClient, KvCluster } from "../../raft/index.js";
import { formatTable, percentile } from "./load.js";

/** Trials per run. */
export const failoverTrials = 10;
/** Clients writing in the background during each trial. */
export const failoverBackgroundClients = 8;
/** Longest failover measured before a trial counts as failed. */
export const failoverMsMax = 30_000;

interface Status {
  role: string;
}

async function statusOf(addr: string): Promise<Status | null> {
  try {
    const res = await fetch(`http://${addr}/status`, { signal: AbortSignal.timeout(500) });
    return (await res.json()) as Status;
  } catch {
    return null;
  }
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runFailoverBench(
  options: { trials?: number } = {},
): Promise<{ text: string; json: Record<string, unknown> }> {
  const trials = options.trials ?? failoverTrials;
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-failover-"));
  const timesMs: number[] = [];
  try {
    const cluster = await KvCluster.start({ size: 3, dir, tickMs: 50, electionTicks: 10 });
    try {
      const servers = cluster.httpAddresses();
      let stop = false;
      const background = Array.from({ length: failoverBackgroundClients }, async (_, i) => {
        const client = new KvClient(servers, `load-${i}`);
        for (let n = 0; !stop; n++) await client.put(`load-${i}`, `v${n}`, performance.now() + 2_000);
        client.close();
      });
      const probe = new KvClient(servers, "probe");
      for (let trial = 0; trial < trials; trial++) {
        // Find the leader and make sure the cluster is healthy first.
        let leader: number | undefined;
        for (let i = 0; i < 200 && leader === undefined; i++) {
          for (const [id, addr] of servers) if ((await statusOf(addr))?.role === "leader") leader = id;
          if (leader === undefined) await new Promise((r) => setTimeout(r, 50));
        }
        if (leader === undefined) throw new Error("no leader before the trial");
        await probe.put("probe", `before-${trial}`, performance.now() + 10_000);
        const killedAt = performance.now();
        await cluster.kill(leader);
        const outcome = await probe.put("probe", `after-${trial}`, killedAt + failoverMsMax);
        if (!outcome.ok) throw new Error(`no write committed within ${failoverMsMax} ms of killing the leader`);
        timesMs.push(performance.now() - killedAt);
        await cluster.restart(leader);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      stop = true;
      probe.close();
      await Promise.all(background);
    } finally {
      await cluster.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const p50 = percentile(timesMs, 0.5);
  const p99 = percentile(timesMs, 0.99);
  const text = [
    formatTable(
      ["trial", "kill → next committed write (ms)"],
      timesMs.map((ms, i) => [String(i + 1), ms.toFixed(0)]),
    ),
    "",
    formatTable(
      ["system", "p50 ms", "p99 ms"],
      [
        ["swarm-ts (tick 50 ms, election 10 ticks)", p50.toFixed(0), p99.toFixed(0)],
        ["Docker Swarm defaults (tick 1 s, election 10 ticks)", "10000–20000", "-"],
      ],
    ),
  ].join("\n");
  return { text, json: { bench: "failover", trials, timesMs, p50Ms: p50, p99Ms: p99 } };
}
