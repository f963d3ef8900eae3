// Goal: `npm run cluster -- status|down` as a newcomer runs them from a checkout: they never
// rebuild (even when the build looks older than the sources), and without --dir they find every
// cluster of the checkout — the demo's `.swarm-demo` and a detached cluster started with --dir —
// and `down` stops them all. Clusters run on a claimed loopback block, in a scratch "checkout".
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { registeredClusterDirs } from "./cluster-registry.js";
import { LocalCluster } from "./local-cluster.js";
import { until } from "./until.js";

const launcher = join(import.meta.dirname, "cluster-launch.js");
const builtMain = join(import.meta.dirname, "..", "..", "dist", "test-cluster", "cluster", "cluster-main.js");

/** Runs `npm run cluster -- ARGS` as npm would (the launcher), from `cwd`. */
function clusterCommand(cwd: string, ...args: string[]): { stdout: string; stderr: string; code: number; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { stdout: run.stdout, stderr: run.stderr, code: run.status ?? 1, ms: Date.now() - started };
}

test.serial("cluster status and down never rebuild", (t) => {
  t.timeout(120_000);
  const cwd = mkdtempSync(join(tmpdir(), "swarm-checkout-"));
  // The build looks older than every source: up would rebuild; status and down must not.
  const { atime, mtime } = statSync(builtMain);
  utimesSync(builtMain, atime, new Date(1_000));
  try {
    for (const verb of ["status", "down"]) {
      const run = clusterCommand(cwd, verb);
      t.log(`cluster ${verb} with nothing running: exit ${run.code} in ${run.ms} ms: ${run.stderr.trim()}`);
      t.notRegex(run.stderr, /building/);
      t.regex(run.stderr, /^no cluster in /);
      t.is(run.code, verb === "status" ? 1 : 0);
    }
  } finally {
    utimesSync(builtMain, atime, mtime);
    rmSync(cwd, { recursive: true, force: true });
  }
});

test.serial(
  "cluster down without --dir stops the demo's cluster and every cluster registered in the checkout",
  async (t) => {
    t.timeout(240_000);
    const cwd = mkdtempSync(join(tmpdir(), "swarm-checkout-"));
    const block = await claimLoopbackBlock("cluster-main.test");
    const clusters: LocalCluster[] = [];
    try {
      // Each cluster claims a loopback block of its own.
      const options = { managers: 1, workers: 0, executor: "process", detached: true } as const;
      clusters.push(await LocalCluster.up({ ...options, baseDir: join(cwd, ".swarm-demo") }));
      clusters.push(await LocalCluster.up({ ...options, baseDir: join(cwd, "mine") }));
      t.true((await registeredClusterDirs()).includes(join(cwd, "mine")));

      const status = clusterCommand(cwd, "status");
      t.is(status.code, 0, status.stderr);
      t.regex(status.stdout, new RegExp(`${join(cwd, ".swarm-demo")}:\\n *manager-1 `));
      t.regex(status.stdout, new RegExp(`${join(cwd, "mine")}:\\n *manager-1 `));

      const down = clusterCommand(cwd, "down");
      t.log(down.stdout);
      t.is(down.code, 0, down.stderr);
      t.regex(down.stdout, new RegExp(`cluster in ${join(cwd, ".swarm-demo")} stopped`));
      t.regex(down.stdout, new RegExp(`cluster in ${join(cwd, "mine")} stopped`));
      // The stopped swarmds were this process's children: they are gone once reaped.
      await until("every node stopped", () =>
        Promise.resolve(clusters.every((c) => c.nodes.every((n) => !c.isRunning(n))) ? true : undefined),
      );
      t.false((await registeredClusterDirs()).includes(join(cwd, "mine")));
    } finally {
      for (const cluster of clusters) await cluster.down({ purge: true });
      block.release();
      rmSync(cwd, { recursive: true, force: true });
    }
  },
);
