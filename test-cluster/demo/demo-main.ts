// `npm run demo`: the Quick start's main job. It checks what the demo needs, starts a local
// cluster of real swarmd processes (1 manager and 2 workers on 127.0.0.2–4), deploys the counter
// stack (examples/counter: a 3-replica web service counting hits in Redis), waits until it
// converges, shows that it answers, prints `swarmctl service ls` and says how to go on and stop.
// It never half-starts: a missing prerequisite stops it before anything runs, and a failure after
// the cluster started stops the cluster again.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalCluster, swarmdScript } from "../cluster/local-cluster.js";

/** Where the demo cluster lives (state directories and logs). */
export const demoDir = resolve(".swarm-demo");

/** First node address byte: 127.0.0.2 (the manager), .3 and .4 (workers). */
export const demoFirstIp = 2;

/** How long the demo waits for the stack to converge. */
export const convergeMsMax = 90_000;

const repoRoot = resolve(fileURLToPath(import.meta.url), "..", "..", "..", "..");
const swarmctl = resolve(repoRoot, "dist", "cli", "swarmctl.js");
const webApp = resolve(repoRoot, "dist", "examples", "counter", "web.js");
const stackFile = resolve(repoRoot, "examples", "counter", "stack.yml");

/** Programs the process executor runs for the demo, and the Debian package of each. */
const prerequisites: readonly [program: string, pkg: string][] = [
  ["redis-server", "redis-server"],
  ["redis-cli", "redis-tools"],
];

function run(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [swarmctl, ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function missingPrerequisites(): string[] {
  return prerequisites.filter(([program]) => spawnSync("sh", ["-c", `command -v ${program}`]).status !== 0).map(([, pkg]) => pkg);
}

async function main(): Promise<number> {
  if (!existsSync(swarmdScript) || !existsSync(webApp)) {
    process.stderr.write("The demo runs the built swarmd: run it with `npm run demo`, which builds first.\n");
    return 1;
  }
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    process.stderr.write(`The demo runs Redis as a process and needs: ${missing.join(", ")}.\nInstall with:  sudo apt-get install -y ${[...new Set(missing)].join(" ")}\nNothing was started.\n`);
    return 1;
  }
  const previous = await LocalCluster.load(demoDir);
  if (previous) {
    process.stdout.write(`Stopping the previous demo cluster in ${demoDir} …\n`);
    await previous.down({ purge: true });
  }
  execFileSync("rm", ["-rf", demoDir]);
  process.stdout.write("Starting a local cluster: 1 manager (127.0.0.2) and 2 workers (127.0.0.3, 127.0.0.4) …\n");
  // The demo's tasks are processes on this machine; the Docker executor needs images we cannot
  // pull here, so the demo pins the process executor.
  const cluster = await LocalCluster.up({ baseDir: demoDir, managers: 1, workers: 2, executor: "process", firstIp: demoFirstIp, detached: true });
  try {
    const env = { ...process.env, SWARM_HOST: cluster.controlTarget, COUNTER_APP: webApp };
    // depends_on is honoured: Redis runs (healthy) before the web service is created.
    process.stdout.write(`$ swarmctl stack deploy -c examples/counter/stack.yml counter\n${run(["stack", "deploy", "-c", stackFile, "counter"], env)}`);
    const end = Date.now() + convergeMsMax;
    const urls = [1, 2, 3].map((slot) => `http://127.0.0.1:${8080 + slot}/`);
    const answers: string[] = [];
    for (const url of urls) {
      for (;;) {
        try {
          const res = await fetch(url);
          if (res.ok) {
            answers.push(`${url}  →  ${(await res.text()).trim()}`);
            break;
          }
        } catch {
          // not up yet
        }
        if (Date.now() > end) throw new Error(`${url} did not answer within ${convergeMsMax} ms; see the logs in ${demoDir}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    process.stdout.write(`\n$ swarmctl service ls\n${run(["service", "ls"], env)}\n`);
    process.stdout.write(`The counter answers on every replica:\n${answers.map((a) => `  ${a}`).join("\n")}\n\n`);
    process.stdout.write(
      [
        "Try it:",
        `  export SWARM_HOST=${cluster.controlTarget}`,
        "  node dist/cli/swarmctl.js service ps counter_web",
        "  node dist/cli/swarmctl.js service scale counter_web=2",
        "  curl http://127.0.0.1:8081/",
        `  the nodes' logs: ${demoDir}/*.log`,
        "Stop it (and its tasks):",
        `  npm run cluster -- down --dir ${demoDir}`,
        "",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\nStopping the cluster again.\n`);
    await cluster.down({ purge: true });
    return 1;
  }
}

process.exitCode = await main();
