// `npm run cluster -- up|down|status`: a local cluster of real swarmd processes for trying things
// by hand, in `.swarm-cluster/` of the working directory unless --dir says otherwise.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { HollowWorkers } from "../hollow/hollow-workers.js";
import { LocalCluster } from "./local-cluster.js";

/** Where `npm run cluster` keeps its cluster by default. */
export const clusterDirDefault = ".swarm-cluster";

const usage = `Usage:
  npm run cluster -- up [--managers 1] [--workers 2] [--executor auto|docker|process] [--dir ${clusterDirDefault}]
  npm run cluster -- status [--dir ...]
  npm run cluster -- down [--dir ...] [--keep]   (--keep: stop the nodes but keep their tasks and state)
  npm run cluster -- hollow N [--dir ...]         (N hollow workers join the cluster; runs until Ctrl-C)
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      managers: { type: "string", default: "1" },
      workers: { type: "string", default: "2" },
      executor: { type: "string", default: "auto" },
      dir: { type: "string", default: clusterDirDefault },
      keep: { type: "boolean", default: false },
    },
  });
  const dir = resolve(values.dir);
  const verb = positionals[0];
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
    const hollow = await HollowWorkers.start({
      managerAddr: cluster.nodes[0]!.addr,
      token: (await cluster.joinTokens()).worker,
      count,
      baseDir: resolve(dir, `hollow-${process.pid}`),
    });
    process.stdout.write(
      `${count} hollow workers joined ${cluster.nodes[0]!.addr}; Ctrl-C makes them stop (they stay in \`node ls\` as down)\n`,
    );
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    await hollow.stop();
    return 0;
  }
  if (verb === "down") {
    await cluster.down({ purge: !values.keep });
    process.stdout.write(
      values.keep
        ? `cluster in ${dir} stopped; its tasks and state are kept\n`
        : `cluster in ${dir} stopped and removed with its tasks\n`,
    );
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
