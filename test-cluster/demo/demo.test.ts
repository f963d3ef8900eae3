// Goal: the Quick start's main job works as written, with either executor: the built demo starts a
// cluster of real swarmd processes, deploys the counter stack, and every web replica answers with a
// count kept in a real redis-server, reached through the routing mesh on every node's address;
// `cluster down` then leaves no task behind. With the Docker executor the demo first builds its two
// images from this machine's programs and the tasks are real containers on the real engine.
// The two runs use the same addresses and ports, so they run one after the other.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { ensureEngine } from "../../worker/index.js";

const dist = resolve("dist", "test-cluster");
const docker = new Docker();

/** Runs the demo in a scratch directory (it keeps its cluster in .swarm-demo there); returns its output and how to stop it. */
function runDemo(
  t: ExecutionContext,
  executor: "docker" | "process",
): { out: string; down: () => ReturnType<typeof spawnSync> } {
  const cwd = mkdtempSync(join(tmpdir(), "swarm-demo-"));
  const down = () =>
    spawnSync(process.execPath, [join(dist, "cluster", "cluster-main.js"), "down", "--dir", join(cwd, ".swarm-demo")], {
      cwd,
      encoding: "utf8",
    });
  t.teardown(() => {
    down();
    rmSync(cwd, { recursive: true, force: true });
  });
  const out = execFileSync(process.execPath, [join(dist, "demo", "demo-main.js"), "--executor", executor], {
    cwd,
    encoding: "utf8",
    timeout: 200_000,
  });
  return { out, down };
}

/** What every run must show: both services converged, every node answering, every replica reached, one count. */
function checkAnswers(t: ExecutionContext, out: string): void {
  t.regex(out, /counter_web\s+replicated\s+3\/3/);
  t.regex(out, /counter_redis\s+replicated\s+1\/1/);
  t.regex(
    out,
    /routing mesh on every node: http:\/\/127\.0\.0\.2:8080\/ http:\/\/127\.0\.0\.3:8080\/ http:\/\/127\.0\.0\.4:8080\//,
  );
  const answers = [...out.matchAll(/Hello from counter_web\.(\d)\.\w+! I have been seen (\d+) times/g)];
  t.deepEqual(answers.map((m) => m[1]).sort(), ["1", "2", "3"]);
  // One Redis counts for all replicas: the three answers saw three different counts.
  t.is(new Set(answers.map((m) => m[2])).size, 3);
}

test.serial("the demo deploys the counter stack as processes and cluster down removes it", (t) => {
  t.timeout(240_000);
  const { out, down } = runDemo(t, "process");
  t.regex(out, /tasks run as processes/);
  checkAnswers(t, out);
  const stopped = down();
  t.is(stopped.status, 0, String(stopped.stderr));
  const left = spawnSync("pgrep", ["-f", "dist/examples/counter/web.js"], { encoding: "utf8" });
  t.is(left.stdout.trim(), "");
});

test.serial(
  "the demo builds its images and deploys the counter stack as containers on the Docker executor",
  async (t) => {
    t.timeout(240_000);
    await ensureEngine();
    const { out, down } = runDemo(t, "docker");
    t.regex(out, /tasks run as containers/);
    t.regex(out, /stack deploy -c examples\/counter\/stack\.yml -c examples\/counter\/docker\.yml counter/);
    checkAnswers(t, out);
    const containers = await docker.listContainers({ filters: { label: ["io.swarm-ts.service.name=counter_web"] } });
    t.is(containers.length, 3);
    t.true(containers.every((c) => c.Image === "swarm-ts/counter-web:demo" && c.HostConfig.NetworkMode === "host"));
    const stopped = down();
    t.is(stopped.status, 0, String(stopped.stderr));
    const left = await docker.listContainers({ all: true, filters: { label: ["io.swarm-ts.managed=true"] } });
    t.deepEqual(
      left.filter((c) => (c.Labels["io.swarm-ts.service.name"] ?? "").startsWith("counter_")).map((c) => c.Names),
      [],
    );
  },
);
