// `npm run demo`: the Quick start's main job. It checks what the demo needs, starts a local
// cluster of real swarmd processes (1 manager and 2 workers on 127.0.0.2–4), deploys the counter
// stack (examples/counter: a 3-replica web service counting hits in Redis, published on port 8080
// through the routing mesh), waits until it converges, shows that every node's address answers and
// that the mesh reaches every replica, prints `swarmctl service ls` and says how to go on and stop.
// It never half-starts: a missing prerequisite stops it before anything runs, and a failure after
// the cluster started stops the cluster again.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { get as httpGet } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalCluster, swarmdScript } from "../cluster/local-cluster.js";

/** Where the demo cluster lives (state directories and logs). */
export const demoDir = resolve(".swarm-demo");

/** First node address byte: 127.0.0.2 (the manager), .3 and .4 (workers). */
export const demoFirstIp = 2;

/** How long the demo waits for the stack to converge. */
export const convergeMsMax = 90_000;

/** The web service's published port, answered by the routing mesh on every node. */
export const webPort = 8080;

/** One request on a connection of its own (the mesh balances connections): the body, or null. */
function getOnce(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = httpGet(url, { agent: false, timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(res.statusCode === 200 ? body : null));
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

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
    // Ask every node's address in turn until each node answered and each replica was reached.
    const urls = cluster.nodes.map((n) => `http://${n.ip}:${webPort}/`);
    const answered = new Set<string>();
    const bySlot = new Map<string, string>();
    for (let i = 0; answered.size < urls.length || bySlot.size < 3; i++) {
      const url = urls[i % urls.length] ?? "";
      const body = await getOnce(url);
      const slot = body === null ? undefined : /counter_web\.(\d+)\./.exec(body)?.[1];
      const before = answered.size + bySlot.size;
      if (body !== null && slot !== undefined) {
        answered.add(url);
        if (!bySlot.has(slot)) bySlot.set(slot, `${url}  →  ${body.trim()}`);
      }
      if (answered.size + bySlot.size > before) continue;
      // Nothing new: replicas may still be starting.
      if (Date.now() > end) throw new Error(`the counter did not answer on every node (${[...answered].join(", ") || "none"}) or reach every replica within ${convergeMsMax} ms; see the logs in ${demoDir}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = [...bySlot.keys()].sort().map((slot) => bySlot.get(slot) ?? "");
    process.stdout.write(`\n$ swarmctl service ls\n${run(["service", "ls"], env)}\n`);
    process.stdout.write(`The counter answers through the routing mesh on every node: ${urls.join(" ")}\nand the mesh reaches every replica:\n${answers.map((a) => `  ${a}`).join("\n")}\n\n`);
    process.stdout.write(
      [
        "Try it:",
        `  export SWARM_HOST=${cluster.controlTarget}`,
        "  node dist/cli/swarmctl.js service ps counter_web",
        "  node dist/cli/swarmctl.js service scale counter_web=2",
        `  curl http://${cluster.nodes[0]?.ip ?? "127.0.0.2"}:${webPort}/   (any node's address; each connection may reach another replica)`,
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
