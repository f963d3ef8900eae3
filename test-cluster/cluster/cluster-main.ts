// `npm run cluster -- up|down|status`: a local cluster of real swarmd processes for trying things
// by hand, in `.swarm-cluster/` of the working directory unless --dir says otherwise. Without
// --dir, `status` and `down` act on every local cluster of this checkout: `.swarm-cluster/`, the
// demo's `.swarm-demo/`, and any detached cluster registered under the working directory
// (cluster-registry.ts); `status` also lists the machine's other registered clusters.
import { resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { registeredClusterDirs } from "./cluster-registry.js";
import { LocalCluster } from "./local-cluster.js";

/** Where `npm run cluster` keeps its cluster by default. */
export const clusterDirDefault = ".swarm-cluster";
/**
 * Share of a hollow worker's running tasks that exit or fail per hour by default: 1%, a quiet
 * production cluster's order of magnitude (a task restarted every few days).
 */
export const hollowExitsPerTaskHourDefault = 0.01;
/** Where `npm run demo` keeps its cluster (test-cluster/demo), found by `status` and `down` too. */
export const demoClusterDir = ".swarm-demo";

const usage = `Usage:
  npm run cluster -- up [--managers 1] [--workers 2] [--executor auto|docker|process] [--dir ${clusterDirDefault}]
  npm run cluster -- status [--dir ...]          (no --dir: every cluster of this checkout, the demo's too)
  npm run cluster -- down [--dir ...] [--keep]   (no --dir: every cluster of this checkout; --keep: keep tasks and state)
  npm run cluster -- hollow N [--dir ...] [--exits-per-task-hour ${hollowExitsPerTaskHourDefault}]
                                                  (N hollow workers in processes of ≤ 1,000 join the cluster; their
                                                   tasks exit or fail at that share per hour; runs until Ctrl-C)
`;

/** The directories of this checkout's clusters (`cwd` and below), and the machine's other registered ones. */
async function localClusterDirs(cwd: string): Promise<{ here: string[]; elsewhere: string[] }> {
  const registered = await registeredClusterDirs();
  const inside = (dir: string): boolean => dir === cwd || dir.startsWith(`${cwd}${sep}`);
  const here = [
    ...new Set([resolve(cwd, clusterDirDefault), resolve(cwd, demoClusterDir), ...registered.filter(inside)]),
  ];
  return { here, elsewhere: registered.filter((d) => !inside(d)) };
}

/** `status` and `down` without --dir: every cluster of this checkout. */
async function allClusters(verb: "status" | "down", keep: boolean): Promise<number> {
  const cwd = process.cwd();
  const { here, elsewhere } = await localClusterDirs(cwd);
  let found = 0;
  for (const dir of here) {
    const cluster = await LocalCluster.load(dir);
    if (!cluster) continue;
    found += 1;
    if (verb === "status") {
      process.stdout.write(`${dir}:\n`);
      printStatus(cluster);
    } else await stop(cluster, dir, keep);
  }
  if (found === 0) process.stderr.write(`no cluster in ${cwd} (nor its ${clusterDirDefault} or ${demoClusterDir})\n`);
  if (elsewhere.length > 0)
    process.stdout.write(`other clusters on this machine (name one with --dir): ${elsewhere.join(", ")}\n`);
  return found === 0 && verb === "status" ? 1 : 0;
}

async function stop(cluster: LocalCluster, dir: string, keep: boolean): Promise<void> {
  await cluster.down({ purge: !keep });
  process.stdout.write(
    keep
      ? `cluster in ${dir} stopped; its tasks and state are kept\n`
      : `cluster in ${dir} stopped and removed with its tasks\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      managers: { type: "string", default: "1" },
      workers: { type: "string", default: "2" },
      executor: { type: "string", default: "auto" },
      dir: { type: "string" },
      keep: { type: "boolean", default: false },
      "exits-per-task-hour": { type: "string", default: String(hollowExitsPerTaskHourDefault) },
    },
  });
  const verb = positionals[0];
  if ((verb === "status" || verb === "down") && values.dir === undefined) return allClusters(verb, values.keep);
  const dir = resolve(values.dir ?? clusterDirDefault);
  if (verb === "up") {
    const existing = await LocalCluster.load(dir);
    if (existing && existing.nodes.some((n) => existing.isRunning(n))) {
      process.stderr.write(`a cluster already runs in ${dir}; \`npm run cluster -- down\` first\n`);
      return 1;
    }
    const executor = values.executor;
    if (executor !== "auto" && executor !== "docker" && executor !== "process") {
      process.stderr.write(`--executor must be auto, docker or process\n`);
      return 2;
    }
    const cluster = await LocalCluster.up({
      baseDir: dir,
      managers: Number(values.managers),
      workers: Number(values.workers),
      executor,
      detached: true,
    });
    printStatus(cluster);
    process.stdout.write(`\nswarmctl talks to it with: export SWARM_HOST=${cluster.controlTarget}\n`);
    return 0;
  }
  const cluster = await LocalCluster.load(dir);
  if (!cluster) {
    process.stderr.write(`no cluster in ${dir}\n`);
    return verb === "down" ? 0 : 1;
  }
  if (verb === "status") {
    printStatus(cluster);
    return 0;
  }
  if (verb === "hollow") {
    const count = Number(positionals[1]);
    if (!Number.isSafeInteger(count) || count < 1) {
      process.stderr.write(usage);
      return 2;
    }
    const exitsPerTaskHour = Number(values["exits-per-task-hour"]);
    if (!(exitsPerTaskHour >= 0)) {
      process.stderr.write(`--exits-per-task-hour must be a number ≥ 0\n`);
      return 2;
    }
    // Imported here only: status and down start quickly without the hollow workers' code.
    const { HollowFleet } = await import("../hollow/hollow-fleet.js");
    const managers = cluster.nodes.filter((n) => n.role === "manager").map((n) => n.addr);
    const startedAt = Date.now();
    const hollow = await HollowFleet.start({
      managers,
      token: (await cluster.joinTokens()).worker,
      count,
      baseDir: resolve(dir, `hollow-${process.pid}`),
      exitsPerTaskHour,
    });
    process.stdout.write(
      `${count} hollow workers in ${hollow.processes.length} processes joined ${managers.join(", ")} in ${Date.now() - startedAt} ms; Ctrl-C makes them stop (they stay in \`node ls\` as down)\n`,
    );
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    await hollow.stop();
    return 0;
  }
  if (verb === "down") {
    await stop(cluster, dir, values.keep);
    return 0;
  }
  process.stderr.write(usage);
  return 2;
}

function printStatus(cluster: LocalCluster): void {
  for (const node of cluster.nodes) {
    process.stdout.write(
      `${node.name.padEnd(10)} ${node.addr.padEnd(16)} ${cluster.isRunning(node) ? `running (pid ${node.pid})` : "stopped"}  log: ${node.logFile}\n`,
    );
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`cluster: ${(error as Error).message}\n`);
  return 1;
});
