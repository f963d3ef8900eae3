// Goal: the Quick start's main job works as written: the built demo starts a cluster of real
// swarmd processes, deploys the counter stack, and every web replica answers with a count kept in
// a real redis-server, reached through the routing mesh on every node's address; `cluster down`
// then leaves no task behind.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test from "ava";

const dist = resolve("dist", "test-cluster");

test("the demo deploys the counter stack on a local cluster and cluster down removes it", (t) => {
  t.timeout(240_000);
  // The demo keeps its cluster in .swarm-demo of the working directory: run it in a scratch one.
  const cwd = mkdtempSync(join(tmpdir(), "swarm-demo-"));
  t.teardown(() => {
    spawnSync(process.execPath, [join(dist, "cluster", "cluster-main.js"), "down", "--dir", join(cwd, ".swarm-demo")], { cwd, stdio: "ignore" });
    rmSync(cwd, { recursive: true, force: true });
  });
  const out = execFileSync(process.execPath, [join(dist, "demo", "demo-main.js")], { cwd, encoding: "utf8", timeout: 200_000 });
  t.regex(out, /counter_web\s+replicated\s+3\/3/);
  t.regex(out, /counter_redis\s+replicated\s+1\/1/);
  // Every node's address answers on the published port through the routing mesh.
  t.regex(out, /routing mesh on every node: http:\/\/127\.0\.0\.2:8080\/ http:\/\/127\.0\.0\.3:8080\/ http:\/\/127\.0\.0\.4:8080\//);
  const answers = [...out.matchAll(/Hello from counter_web\.(\d)\.\w+! I have been seen (\d+) times/g)];
  t.deepEqual(answers.map((m) => m[1]).sort(), ["1", "2", "3"]);
  // One Redis counts for all replicas: the three answers saw three different counts.
  t.is(new Set(answers.map((m) => m[2])).size, 3);

  const down = spawnSync(process.execPath, [join(dist, "cluster", "cluster-main.js"), "down", "--dir", join(cwd, ".swarm-demo")], { cwd, encoding: "utf8" });
  t.is(down.status, 0, down.stderr);
  const left = spawnSync("pgrep", ["-f", "dist/examples/counter/web.js"], { encoding: "utf8" });
  t.is(left.stdout.trim(), "");
});
