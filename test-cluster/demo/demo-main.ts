// `npm run demo [-- --executor auto|docker|process]`: the Quick start's main job. It checks what
// the demo needs (npm's predemo step, .ci/needs, installs Redis first), starts a local cluster of
// real swarmd processes (manager-1, worker-1 and worker-2 on a loopback block of their own, so the
// demo never collides with the test suite or another cluster), deploys the counter stack
// (examples/counter: a 3-replica web service counting hits in Redis, published on port 8080 through
// the routing mesh, or on a free port when 8080 is taken), waits until it converges, shows that
// every node's address answers and that the mesh reaches every replica, prints `swarmctl service
// ls` and says how to go on and stop. Tasks run as containers when a Docker Engine answers (the
// demo builds its two images from this machine's programs first, see demo-images.ts), else as
// processes: then each node runs in a network namespace of its own, the web replicas find Redis by
// name on the stack's overlay network, and the web port is relayed to the nodes' loopback
// addresses on the host. It never half-starts: a missing prerequisite stops it before anything runs, and a
// failure after the cluster started stops the cluster again. Every failure is one message, never
// a stack trace.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { get as httpGet } from "node:http";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Docker from "dockerode";
import { claimLoopbackBlock } from "../../common/index.js";
import { engineSocketPath, pingEngine } from "../../worker/index.js";
import { canMakeClusterNet } from "../cluster/cluster-netns.js";
import { LocalCluster, swarmdScript } from "../cluster/local-cluster.js";
import { demoImagePlans, ensureDemoImages, findProgram, webAppInImage } from "./demo-images.js";

/** Where the demo cluster lives (state directories and logs). */
export const demoDir = resolve(".swarm-demo");

/** How long the demo waits for the stack to converge. */
export const convergeMsMax = 90_000;

/** The web service's published port, answered by the routing mesh on every node (when free). */
export const webPortPreferred = 8080;

/** Redis's published port (when free). */
export const redisPortPreferred = 6399;

/** Ports tried before giving up on finding one free on every node's address. */
const portAttemptsMax = 20;

/** Whether a port can be bound on an address now. */
function bindable(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
    });
  });
}

/**
 * A port free on every address: `preferred` when it is, else one the kernel picks on the first
 * address that the others have free too. A process listening on every address may hold 8080.
 */
async function freePortOnAll(hosts: readonly string[], preferred: number, avoid: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < portAttemptsMax; attempt++) {
    const port = attempt === 0 ? preferred : await bindable(hosts[0] ?? "127.0.0.1", 0);
    if (port === undefined || avoid.includes(port)) continue;
    const free = await Promise.all(hosts.map((h) => bindable(h, port)));
    if (free.every((p) => p !== undefined)) return port;
  }
  throw new Error(`no port is free on every node's address (${hosts.join(", ")})`);
}

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
const dockerStackFile = resolve(repoRoot, "examples", "counter", "docker.yml");

/**
 * Programs the demo needs, and the Debian package of each: the process executor runs Redis from
 * them; the Docker executor copies them (with their libraries, found by ldd, packed by tar) into
 * the Redis image.
 */
const prerequisites: Readonly<Record<"docker" | "process", readonly (readonly [program: string, pkg: string])[]>> = {
  process: [
    ["redis-server", "redis-server"],
    ["redis-cli", "redis-tools"],
  ],
  docker: [
    ["redis-server", "redis-server"],
    ["redis-cli", "redis-tools"],
    ["ldd", "libc-bin"],
    ["tar", "tar"],
  ],
};

/** Runs swarmctl; its errors reach the terminal as it prints them, and a failure is one line here. */
function run(args: string[], env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(process.execPath, [swarmctl, ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    throw new Error(`\`swarmctl ${args.slice(0, 2).join(" ")}\` failed${status ? ` (exit ${status})` : ""}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { executor: { type: "string", default: "auto" } } });
  if (!["auto", "docker", "process"].includes(values.executor)) {
    process.stderr.write(`demo: --executor must be auto, docker or process, not ${JSON.stringify(values.executor)}\n`);
    return 2;
  }
  if (!existsSync(swarmdScript) || !existsSync(webApp)) {
    process.stderr.write("The demo runs the built swarmd: run it with `npm run demo`, which builds first.\n");
    return 1;
  }
  // The executor asked for, else docker when an engine answers.
  const engine = values.executor === "process" ? false : await pingEngine();
  const executor =
    values.executor === "auto" ? (engine ? "docker" : "process") : (values.executor as "docker" | "process");
  if (executor === "docker" && !engine) {
    process.stderr.write(
      `demo: no Docker Engine answers on ${engineSocketPath()} (start dockerd, or run with --executor process).\nNothing was started.\n`,
    );
    return 1;
  }
  const missing = prerequisites[executor]
    .filter(([program]) => findProgram(program) === undefined)
    .map(([, pkg]) => pkg);
  if (missing.length > 0) {
    const why = executor === "docker" ? "builds its Redis image from this machine's Redis" : "runs Redis as a process";
    process.stderr.write(
      `The demo ${why} and needs: ${missing.join(", ")}.\n\`npm run demo\` installs them (as root), or install them with:  apt-get install -y ${[...new Set(missing)].join(" ")}\nNothing was started.\n`,
    );
    return 1;
  }
  if (executor === "docker") {
    process.stdout.write(
      "A Docker Engine answers: the tasks run as containers. Building the demo images from this machine's programs …\n",
    );
    const programs = {
      node: process.execPath,
      redisServer: findProgram("redis-server") ?? "",
      redisCli: findProgram("redis-cli") ?? "",
      sh: findProgram("sh") ?? "",
      grep: findProgram("grep") ?? "",
    };
    let built: string[];
    try {
      built = await ensureDemoImages(
        new Docker({ socketPath: engineSocketPath() }),
        demoImagePlans(webApp, resolve(repoRoot, "node_modules"), programs),
      );
    } catch (error) {
      process.stderr.write(
        `demo: building the images failed: ${(error as Error).message}\n(run with --executor process to use no images). Nothing was started.\n`,
      );
      return 1;
    }
    process.stdout.write(built.length > 0 ? `Built ${built.join(" and ")}.\n` : "The images are up to date.\n");
  } else {
    process.stdout.write("No Docker Engine answers: the tasks run as processes.\n");
  }
  // Process tasks join the stack's overlay network, each in a network namespace of its own, and
  // the cluster's nodes each get a namespace too: that takes root.
  if (executor === "process" && !canMakeClusterNet()) {
    process.stderr.write(
      "demo: the counter's services find each other by name on an overlay network, which needs network namespaces: run the demo as root (sudo), or with a Docker Engine (--executor docker).\nNothing was started.\n",
    );
    return 1;
  }
  const previous = await LocalCluster.load(demoDir);
  if (previous) {
    process.stdout.write(`Stopping the previous demo cluster in ${demoDir} …\n`);
    await previous.down({ purge: true });
  }
  execFileSync("rm", ["-rf", demoDir]);
  process.stdout.write("Starting a local cluster of 1 manager and 2 workers on loopback addresses of their own …\n");
  // The host's addresses of the cluster's nodes: the web port must be free on each (the relay of
  // an overlay cluster answers there; a host-network cluster's mesh listens there).
  const block = await claimLoopbackBlock(`demo cluster in ${demoDir}`);
  const ips = [1, 2, 3].map((i) => block.addr(i));
  const webPort = await freePortOnAll(ips, webPortPreferred, []);
  const redisPort = await freePortOnAll(ips, redisPortPreferred, [webPort]);
  let cluster: LocalCluster;
  try {
    cluster = await LocalCluster.up({
      baseDir: demoDir,
      managers: 1,
      workers: 2,
      executor,
      block,
      detached: true,
      ...(executor === "process" ? { overlay: { relayPorts: [webPort] } } : {}),
    });
  } catch (error) {
    block.release();
    throw error;
  }
  process.stdout.write(`${cluster.nodes.map((n) => `  ${n.name.padEnd(10)} ${n.ip}`).join("\n")}\n`);
  try {
    if (webPort !== webPortPreferred)
      process.stdout.write(
        `Port ${webPortPreferred} is taken on these addresses: the counter answers on ${webPort}.\n`,
      );
    const env = {
      ...process.env,
      SWARM_HOST: cluster.controlTarget,
      COUNTER_APP: executor === "docker" ? webAppInImage : webApp,
      COUNTER_PORT: String(webPort),
      REDIS_PORT: String(redisPort),
    };
    const files = executor === "docker" ? [stackFile, dockerStackFile] : [stackFile];
    // depends_on is honoured: Redis runs (healthy) before the web service is created. The images
    // were built on this machine and live on no registry, so there is no digest to pin.
    const shown = files.map((f) => `-c examples/counter/${f.slice(f.lastIndexOf("/") + 1)}`).join(" ");
    const deploy = ["stack", "deploy", "--resolve-image", "never", ...files.flatMap((f) => ["-c", f]), "counter"];
    process.stdout.write(`$ swarmctl stack deploy --resolve-image never ${shown} counter\n${run(deploy, env)}`);
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
      if (Date.now() > end)
        throw new Error(
          `the counter did not answer on every node (${[...answered].join(", ") || "none"}) or reach every replica within ${convergeMsMax} ms; see the logs in ${demoDir}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = [...bySlot.keys()].sort().map((slot) => bySlot.get(slot) ?? "");
    process.stdout.write(`\n$ swarmctl service ls\n${run(["service", "ls"], env)}\n`);
    process.stdout.write(
      `The counter answers through the routing mesh on every node: ${urls.join(" ")}\nand the mesh reaches every replica:\n${answers.map((a) => `  ${a}`).join("\n")}\n\n`,
    );
    process.stdout.write(
      [
        "Try it:",
        `  export SWARM_HOST=${cluster.controlTarget}`,
        "  node dist/cli/swarmctl.js service ps counter_web",
        "  node dist/cli/swarmctl.js service scale counter_web=2",
        `  curl http://${cluster.nodes[0]?.ip ?? ""}:${webPort}/   (any node's address; each connection may reach another replica)`,
        `  the nodes' logs: ${demoDir}/*.log`,
        "Stop it (and its tasks), also before `npm ci` replaces node_modules under its processes:",
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

// Whatever goes wrong ends in one message, never a stack trace.
process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
