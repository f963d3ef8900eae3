// Goal: `stack deploy` as operators run it, against real swarmd processes (one manager running
// process tasks, on a claimed loopback block): a stack the cluster would refuse part-way creates
// nothing (a port, a subnet that overlaps an existing network's), and should the manager refuse
// an object all the same, the deploy removes what it created, networks included; `-d` returns once every service is created; without `-d` a dependency that never
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
    block,
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

/** The networks the tests made (the cluster's own ingress network left out). */
async function stackNetworks(): Promise<string[]> {
  return (await names("network", "ls")).filter((n) => n !== "ingress");
}

test.serial("stack deploy refuses a subnet another network holds and creates nothing", async (t) => {
  t.timeout(60_000);
  assertOk(t, await run("network", "create", "--subnet", "10.77.0.0/16", "taken"));
  t.teardown(() => run("network", "rm", "taken").then(() => undefined));
  const file = stackFile(
    "subnet.yml",
    [
      "networks:",
      "  back:",
      "    ipam:",
      "      config:",
      "        - subnet: 10.77.4.0/24",
      "services:",
      "  a:",
      `    ${sleeper}`,
      "  b:",
      `    ${sleeper}`,
      "    networks: [back]",
      "",
    ].join("\n"),
  );
  assertOneLineError(
    t,
    await run("stack", "deploy", "-c", file, "subnet"),
    1,
    /networks\.back\.ipam\.config\[0\]\.subnet: 10\.77\.4\.0\/24 of network subnet_back overlaps 10\.77\.0\.0\/16 of network taken/,
  );
  t.deepEqual(await stackNetworks(), ["taken"]);
  t.deepEqual(await names("service", "ls"), []);
});

test.serial("stack deploy removes the networks and secrets it created when the manager refuses one", async (t) => {
  t.timeout(90_000);
  // Networks are created in the order of their keys: `a` is created, then the manager refuses `b`
  // (an option of Docker's bridge driver, which no overlay takes and the CLI does not check).
  const file = stackFile(
    "undone.yml",
    [
      "secrets:",
      "  token: {file: ./token.txt}",
      "networks:",
      "  a: {}",
      "  b:",
      "    driver_opts:",
      "      com.docker.network.bridge.name: br-x",
      "services:",
      "  one:",
      `    ${sleeper}`,
      "    secrets: [token]",
      "    networks: [a, b]",
      "",
    ].join("\n"),
  );
  const refused = await run("stack", "deploy", "-c", file, "undone");
  t.log(refused.stdout);
  assertOneLineError(t, refused, 1, /bridge driver/);
  t.regex(refused.stdout, /Creating network undone_a\n/);
  t.regex(refused.stdout, /Removing network undone_a \(the deploy was refused\)\n/);
  t.regex(refused.stdout, /Removing secret undone_token \(the deploy was refused\)\n/);
  t.deepEqual(await stackNetworks(), []);
  t.deepEqual(await names("secret", "ls"), []);
  t.deepEqual(await names("service", "ls"), []);
});

/**
 * db fails its healthcheck for ever; web depends on it. Both run on the host's network, so what is
 * tested is the waiting, whether or not the node wires overlay networks.
 */
const unhealthyStack = [
  "services:",
  "  db:",
  `    ${sleeper}`,
  "    network_mode: host",
  "    healthcheck:",
  '      test: ["CMD", "false"]',
  "      interval: 200ms",
  "      timeout: 1s",
  "      retries: 1",
  "    deploy:",
  "      restart_policy: {delay: 200ms}",
  "  web:",
  `    ${sleeper}`,
  "    network_mode: host",
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
