// Goal: `stack deploy` as operators run it, against real swarmd processes (one manager running
// process tasks, on a claimed loopback block): a stack the cluster would refuse part-way creates
// nothing; `-d` returns once every service is created; without `-d` a dependency that never
// becomes healthy does not hold its dependants back, and the command names it, one line per
// service, exit 1, long before the 120 s wave deadline.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { type CliResult, swarmctl } from "./fixture.js";

let block: LoopbackBlock | undefined;
let cluster: LocalCluster | undefined;
let baseDir = "";
const run = (...args: string[]): Promise<CliResult> => swarmctl(args, { host: cluster!.controlTarget });

test.before(async () => {
  block = await claimLoopbackBlock("stack-deploy.test");
  baseDir = mkdtempSync(join(tmpdir(), "swarmctl-stack-deploy-"));
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 0,
    executor: "process",
    ipPrefix: block.prefix,
    logLevel: "warn",
  });
});

test.after.always(async () => {
  await cluster?.down({ purge: true });
  rmSync(baseDir, { recursive: true, force: true });
  block?.release();
});

/** Writes a stack file into the test folder; returns its path. */
function stackFile(name: string, text: string): string {
  const file = join(baseDir, name);
  writeFileSync(file, text);
  return file;
}

/** The names `ls -q`-style commands print, sorted. */
async function names(...args: string[]): Promise<string[]> {
  const out = await run(...args, "--format", "{{.Name}}");
  return out.stdout
    .split("\n")
    .filter((l) => l !== "")
    .sort();
}

const sleeper = 'image: process://sh\n    command: ["-c", "exec sleep 600"]';

test.serial("stack deploy refuses two services publishing one port and creates nothing", async (t) => {
  t.timeout(60_000);
  writeFileSync(join(baseDir, "token.txt"), "t0k3n\n");
  const file = stackFile(
    "ports.yml",
    [
      "secrets:",
      "  token: {file: ./token.txt}",
      "services:",
      "  a:",
      `    ${sleeper}`,
      "    secrets: [token]",
      '    ports: ["18080:80"]',
      "  b:",
      `    ${sleeper}`,
      '    ports: ["18080:81"]',
      "",
    ].join("\n"),
  );
  const refused = await run("stack", "deploy", "-c", file, "clash");
  assertOneLineError(
    t,
    refused,
    1,
    /ports\.yml:12: services\.b\.ports\[0\]: port 18080\/tcp is already published by service a \(.*ports\.yml:8\)/,
  );
  t.deepEqual(await names("service", "ls"), []);
  t.deepEqual(await names("secret", "ls"), []);
});

test.serial("stack deploy refuses a port another service holds and creates nothing", async (t) => {
  t.timeout(60_000);
  assertOk(
    t,
    await run("service", "create", "--name", "holder", "-d", "-p", "18081:80", "process://sh", "-c", "exec sleep 600"),
  );
  t.teardown(() => run("service", "rm", "holder").then(() => undefined));
  const file = stackFile(
    "held.yml",
    [
      "secrets:",
      "  token: {file: ./token.txt}",
      "services:",
      "  a:",
      `    ${sleeper}`,
      "    secrets: [token]",
      "  b:",
      `    ${sleeper}`,
      '    ports: ["18081:80"]',
      "",
    ].join("\n"),
  );
  assertOneLineError(
    t,
    await run("stack", "deploy", "-c", file, "held"),
    1,
    /services\.b\.ports\[0\]: port 18081\/tcp is already published by service holder/,
  );
  t.deepEqual(await names("service", "ls"), ["holder"]);
  t.deepEqual(await names("secret", "ls"), []);
});

/** db fails its healthcheck for ever; web depends on it. */
const unhealthyStack = [
  "services:",
  "  db:",
  `    ${sleeper}`,
  "    healthcheck:",
  '      test: ["CMD", "false"]',
  "      interval: 200ms",
  "      timeout: 1s",
  "      retries: 1",
  "    deploy:",
  "      restart_policy: {delay: 200ms}",
  "  web:",
  `    ${sleeper}`,
  "    depends_on: [db]",
  "",
].join("\n");

test.serial("stack deploy -d creates every service, dependants too, and returns at once", async (t) => {
  t.timeout(60_000);
  const file = stackFile("detached.yml", unhealthyStack);
  const started = Date.now();
  const deployed = await run("stack", "deploy", "-d", "-c", file, "detached");
  t.log(`stack deploy -d took ${Date.now() - started} ms`);
  assertOk(t, deployed);
  t.regex(deployed.stdout, /Creating service detached_db\nCreating service detached_web\n/);
  t.deepEqual(await names("stack", "services", "detached"), ["detached_db", "detached_web"]);
  assertOk(t, await run("stack", "rm", "detached"));
});

test.serial(
  "stack deploy creates the dependants of an unhealthy dependency and names it, one line per service",
  async (t) => {
    t.timeout(120_000);
    const file = stackFile("waited.yml", unhealthyStack);
    const started = Date.now();
    const deployed = await run("stack", "deploy", "-c", file, "waited");
    const ms = Date.now() - started;
    t.log(`stack deploy took ${ms} ms; stdout:\n${deployed.stdout}stderr:\n${deployed.stderr}`);
    t.is(deployed.code, 1);
    t.regex(deployed.stdout, /Creating service waited_db\n(.*\n)*Creating service waited_web\n/);
    t.deepEqual(
      deployed.stderr.split("\n").filter((l) => l !== ""),
      [
        deployed.stderr.match(
          /^service waited_db did not become healthy: 0 of 1 running; 3 tasks failed, the last: .*$/m,
        )?.[0],
        "service waited_web was created and runs, but its dependency waited_db did not become healthy",
        "Error: stack waited is deployed, but service waited_db did not become healthy",
      ],
    );
    t.true(ms < 100_000, "well before the 120 s wave deadline");
    t.deepEqual(await names("stack", "services", "waited"), ["waited_db", "waited_web"]);
    assertOk(t, await run("stack", "rm", "waited"));
  },
);
