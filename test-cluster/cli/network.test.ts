// Goal: `swarmctl network create|ls|inspect|rm` against a real manager and agents: the flags reach
// the network (subnet, range, gateway, options, labels, internal, attachable), ls and inspect show
// what the managers allocated, services attach by name, a network in use stays, and mistakes end
// in one readable line naming the flag or field.
import test from "ava";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { cliClusterForFile } from "./fixture.js";

const { run } = cliClusterForFile(test);

test.serial("network create, ls and inspect show the flags and what the managers allocated", async (t) => {
  t.timeout(60_000);
  const created = await run(
    "network",
    "create",
    "--subnet",
    "10.77.0.0/16",
    "--ip-range",
    "10.77.4.0/24",
    "--gateway",
    "10.77.0.254",
    "--opt",
    "encrypted",
    "--opt",
    "com.docker.network.driver.mtu=1300",
    "--label",
    "tier=db",
    "--internal",
    "--attachable",
    "secure",
  );
  assertOk(t, created);
  t.regex(created.stdout, /^\w{25}\n$/);
  assertOk(t, await run("network", "create", "plain"));
  const ls = await run("network", "ls");
  t.regex(ls.stdout, /^NETWORK ID +NAME +DRIVER +SCOPE$/m);
  t.regex(ls.stdout, /^\w{12} +plain +overlay +swarm\n\w{12} +secure +overlay +swarm\n$/m);
  t.is(
    (await run("network", "ls", "--filter", "label=tier", "--format", "{{.Name}} {{.Subnet}}")).stdout,
    "secure 10.77.0.0/16\n",
  );
  t.is((await run("network", "ls", "-q")).stdout.split("\n").filter(Boolean).length, 2);
  const [secure] = JSON.parse((await run("network", "inspect", "secure")).stdout) as {
    spec: {
      driverOpts: Record<string, string>;
      internal: boolean;
      attachable: boolean;
      annotations: { labels: object };
    };
    ipam: { subnet: string; range: string; gateway: string }[];
    vni: number;
    mtu: number;
  }[];
  t.deepEqual(secure?.ipam, [{ subnet: "10.77.0.0/16", range: "10.77.4.0/24", gateway: "10.77.0.254" }]);
  t.deepEqual(secure?.spec.driverOpts, { encrypted: "", "com.docker.network.driver.mtu": "1300" });
  t.true(secure?.spec.internal && secure.spec.attachable);
  t.deepEqual(secure?.spec.annotations.labels, { tier: "db" });
  t.is(secure?.mtu, 1300);
  t.true((secure?.vni ?? 0) >= 4096);
  const plain = (await run("network", "inspect", "--format", "{{.Mtu}} {{json .Ipam}}", "plain")).stdout;
  t.regex(plain, /^1450 \[\{"subnet":"10\.\d+\.\d+\.0\/24","gateway":"10\.\d+\.\d+\.1"\}\]\n$/);
});

test.serial("a service attaches to a network by name; the network stays while it is in use", async (t) => {
  t.timeout(60_000);
  assertOk(
    t,
    await run(
      "service",
      "create",
      "--name",
      "api",
      "--network",
      "name=plain,alias=backend",
      "--replicas",
      "2",
      "busybox",
    ),
  );
  const networkId = (await run("network", "inspect", "--format", "{{.ID}}", "plain")).stdout.trim();
  t.is(
    (await run("service", "inspect", "--format", "{{json .Spec.Task.Networks}}", "api")).stdout.trim(),
    JSON.stringify([{ target: networkId, aliases: ["backend"] }]),
  );
  assertOneLineError(t, await run("network", "rm", "plain"), 1, /in use by service api/);
  assertOk(t, await run("service", "update", "--network-rm", "plain", "api"));
  t.is((await run("service", "inspect", "--format", "{{json .Spec.Task.Networks}}", "api")).stdout.trim(), "null");
  assertOk(t, await run("service", "rm", "api"));
});

test.serial("network mistakes end in one line naming the flag or field", async (t) => {
  t.timeout(60_000);
  assertOneLineError(
    t,
    await run("network", "create", "--subnet", "10.77.9.0/24", "clash"),
    1,
    /spec\.ipam\[0\]\.subnet.*overlaps 10\.77\.0\.0\/16 of network secure/,
  );
  assertOneLineError(t, await run("network", "create", "--driver", "bridge", "br"), 1, /spec\.driver/);
  assertOneLineError(
    t,
    await run("network", "create", "--opt", "com.docker.network.driver.mtu=99999", "big"),
    1,
    /mtu/,
  );
  assertOneLineError(t, await run("network", "create", "--opt", "=x", "noname"), 2, /--opt/);
  assertOneLineError(t, await run("network", "create", "plain"), 1, /plain/);
  assertOneLineError(t, await run("network", "inspect", "nope"), 1, /not found/);
  assertOk(t, await run("network", "rm", "plain", "secure"));
  t.is((await run("network", "ls", "-q")).stdout, "");
});
