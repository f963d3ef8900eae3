// Goal: the Quick start's main job works as written, with either executor: the built demo starts a
// cluster of real swarmd processes, deploys the counter stack, and every web replica answers with a
// count kept in a real redis-server (found by name on the stack's overlay network as processes),
// reached through the routing mesh on every node's address;
// `cluster down` then leaves no task behind. With the Docker executor the demo first builds its two
// images from this machine's programs and the tasks are real containers on the real engine.
// Each demo claims loopback addresses of its own, so the second demo runs beside the first (as the
// test suite runs beside a newcomer's demo), and neither disturbs the other.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { ensureEngine } from "../../worker/index.js";
import { webImage } from "./demo-images.js";

const dist = resolve("dist", "test-cluster");
const docker = new Docker();

/** A demo run: its output, its directory, its nodes' addresses and node ids, and how to stop it. */
interface DemoRun {
  readonly out: string;
  readonly demoDir: string;
  readonly urls: string[];
  readonly down: () => ReturnType<typeof spawnSync>;
}

/** Demos to stop after the last test, whatever happened. */
const running: DemoRun[] = [];

test.after.always(() => {
  for (const demo of running) {
    demo.down();
    rmSync(resolve(demo.demoDir, ".."), { recursive: true, force: true });
  }
});

/** Runs the demo in a scratch directory (it keeps its cluster in .swarm-demo there). */
function runDemo(executor: "docker" | "process"): DemoRun {
  const cwd = mkdtempSync(join(tmpdir(), "swarm-demo-"));
  const demoDir = join(cwd, ".swarm-demo");
  const down = () =>
    spawnSync(process.execPath, [join(dist, "cluster", "cluster-main.js"), "down", "--dir", demoDir], {
      cwd,
      encoding: "utf8",
    });
  const partial: DemoRun = { out: "", demoDir, urls: [], down };
  running.push(partial);
  const out = execFileSync(process.execPath, [join(dist, "demo", "demo-main.js"), "--executor", executor], {
    cwd,
    encoding: "utf8",
    timeout: 200_000,
  });
  const urls = /routing mesh on every node: (.*)\n/.exec(out)?.[1]?.split(" ") ?? [];
  const demo = { out, demoDir, urls, down };
  running[running.indexOf(partial)] = demo;
  return demo;
}

/** The node ids of a demo's cluster, from each node's node.json. */
function nodeIds(demo: DemoRun): string[] {
  return readdirSync(demo.demoDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map(
      (e) => (JSON.parse(readFileSync(join(demo.demoDir, e.name, "node.json"), "utf8")) as { nodeId: string }).nodeId,
    );
}

/**
 * Pids of the demo's web processes: the counter app (node …/web.js, not the executor's shell shim
 * that started it) inside the network namespace of one of the demo's running web tasks.
 */
function webProcesses(demo: DemoRun): number[] {
  const listed = spawnSync(
    process.execPath,
    [
      join(dist, "..", "cli", "swarmctl.js"),
      "service",
      "ps",
      "counter_web",
      "-q",
      "--no-trunc",
      "-f",
      "desired-state=running",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, SWARM_HOST: `unix://${join(demo.demoDir, "manager-1", "control.sock")}` },
    },
  );
  const taskIds = (listed.stdout ?? "").split(/\s+/).filter((id) => /^\w+$/.test(id));
  const pids: number[] = [];
  for (const taskId of taskIds) {
    const inside = spawnSync("ip", ["netns", "pids", `swarm-${taskId}`], { encoding: "utf8" }).stdout ?? "";
    for (const pid of inside.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
      try {
        const [program = "", script = ""] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        if (basename(program) === "node" && script.endsWith("dist/examples/counter/web.js")) pids.push(Number(pid));
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return pids;
}

/** One request on a connection of its own: the body, or null. */
function getOnce(url: string): Promise<string | null> {
  return new Promise((done) => {
    const req = httpGet(url, { agent: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => done(res.statusCode === 200 ? body : null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => done(null));
  });
}

/** What every run must show: both services converged, named nodes each answering, every replica reached, one count. */
function checkAnswers(t: ExecutionContext, demo: DemoRun): void {
  const out = demo.out;
  t.regex(out, /counter_web\s+replicated\s+3\/3/);
  t.regex(out, /counter_redis\s+replicated\s+1\/1/);
  t.regex(out, /^ {2}manager-1 +127\.\d+\.\d+\.1\n {2}worker-1 +127\.\d+\.\d+\.2\n {2}worker-2 +127\.\d+\.\d+\.3$/m);
  t.is(demo.urls.length, 3);
  for (const url of demo.urls) t.regex(url, /^http:\/\/127\.\d+\.\d+\.[123]:\d+\/$/);
  // Never the addresses people and other tools use by hand.
  t.false(demo.urls.some((u) => u.startsWith("http://127.0.")));
  const answers = [...out.matchAll(/Hello from counter_web\.(\d)\.\w+! I have been seen (\d+) times/g)];
  t.deepEqual(answers.map((m) => m[1]).sort(), ["1", "2", "3"]);
  // One Redis counts for all replicas: the three answers saw three different counts.
  t.is(new Set(answers.map((m) => m[2])).size, 3);
}

let processDemo: DemoRun | undefined;

test.serial("the demo deploys the counter stack as processes on nodes named after their roles", (t) => {
  t.timeout(240_000);
  processDemo = runDemo("process");
  t.regex(processDemo.out, /tasks run as processes/);
  checkAnswers(t, processDemo);
  t.is(webProcesses(processDemo).length, 3);
});

test.serial(
  "a second demo builds its images and runs the counter stack as containers beside the first, and cluster down removes each",
  async (t) => {
    t.timeout(300_000);
    await ensureEngine();
    const demo = runDemo("docker");
    t.regex(demo.out, /tasks run as containers/);
    t.regex(
      demo.out,
      /stack deploy --resolve-image never -c examples\/counter\/stack\.yml -c examples\/counter\/docker\.yml counter/,
    );
    checkAnswers(t, demo);
    const ids = nodeIds(demo);
    const ours = (containers: Docker.ContainerInfo[]): Docker.ContainerInfo[] =>
      containers.filter((c) => ids.includes(c.Labels["io.swarm-ts.node.id"] ?? ""));
    const containers = ours(
      await docker.listContainers({ filters: { label: ["io.swarm-ts.service.name=counter_web"] } }),
    );
    t.is(containers.length, 3);
    t.true(containers.every((c) => c.Image === webImage && c.HostConfig.NetworkMode === "host"));

    // The first demo, on its own addresses, still answers.
    if (processDemo) {
      t.notDeepEqual(processDemo.urls, demo.urls);
      for (const url of processDemo.urls) t.regex((await getOnce(url)) ?? "", /Hello from counter_web/, url);
    }

    const stopped = demo.down();
    t.is(stopped.status, 0, String(stopped.stderr));
    const left = ours(await docker.listContainers({ all: true, filters: { label: ["io.swarm-ts.managed=true"] } }));
    t.deepEqual(
      left.filter((c) => (c.Labels["io.swarm-ts.service.name"] ?? "").startsWith("counter_")).map((c) => c.Names),
      [],
    );
    if (processDemo) {
      const web = webProcesses(processDemo);
      t.is(web.length, 3);
      const stoppedFirst = processDemo.down();
      t.is(stoppedFirst.status, 0, String(stoppedFirst.stderr));
      // A killed process whose parent is gone may stay a zombie until init reaps it: that is dead.
      const alive = (pid: number): boolean => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
        } catch {
          return false;
        }
      };
      t.deepEqual(web.filter(alive), [], "cluster down leaves no web process behind");
    }
  },
);
