// Goal: the container-setting flags of `service create` and `service update` read Docker's names,
// short forms and value syntax through the real flag parser, land in the spec's fields, and on
// update remove before they add; malformed values are refused naming the flag.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "@oclif/core";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import { dockerBooleans, splitAtFirstPositional } from "../commands/split-argv.js";
import { applySpecFlags } from "./apply-flags.js";
import { readEnvFile } from "./env-file.js";
import { csvFields, parseExtraHost, parseMount, parseUlimit } from "./parse-options.js";
import { createFlags, type SpecFlagValues, updateFlags } from "./service-flags.js";

const resolver = { resolve: () => Promise.reject(new Error("no references in these tests")) };

/** Parses argv as `service create` does: flags before the image only. */
async function createArgv(argv: string[]): Promise<{ flags: SpecFlagValues; positionals: string[] }> {
  const split = splitAtFirstPositional(argv, createFlags);
  const { flags } = await Parser.parse(split.flags, { flags: createFlags, strict: true });
  return { flags: flags as SpecFlagValues, positionals: split.positionals };
}

test("service create flags set every container setting with Docker's syntax", async (t) => {
  const { flags, positionals } = await createArgv([
    "--cap-add",
    "net_admin",
    "--cap-drop",
    "MKNOD",
    "--sysctl",
    "net.core.somaxconn=1024",
    "--ulimit",
    "nofile=1024:2048",
    "--ulimit",
    "nproc=512",
    "--dns",
    "10.0.0.53",
    "--dns-option",
    "ndots:2",
    "--dns-search",
    "example.internal",
    "--host",
    "db:10.0.0.5",
    "--host",
    "v6:fd00::5",
    "--group",
    "audio",
    "-t",
    "--log-driver",
    "json-file",
    "--log-opt",
    "max-size=10m",
    "--log-opt",
    "max-file=3",
    "--init",
    "--read-only",
    "--stop-signal",
    "SIGINT",
    "--stop-grace-period",
    "3s",
    "--health-cmd",
    "true",
    "--health-start-interval",
    "500ms",
    "--hostname",
    "{{.Service.Name}}-{{.Task.Slot}}",
    "-w",
    "/srv",
    "-u",
    "1000:1000",
    "--isolation",
    "default",
    "--oom-score-adj",
    "-500",
    "--mount",
    'type=volume,source=data,target=/data,volume-driver=local,volume-opt=type=nfs,"volume-opt=o=addr=10.0.0.9,rw",volume-opt=device=:/export,volume-label=backup=daily,volume-nocopy',
    "busybox",
    "sleep",
    "-t",
    "1",
  ]);
  // Words after the image are its command, even when they look like flags.
  t.deepEqual(positionals, ["busybox", "sleep", "-t", "1"]);
  const spec: swarm.v1.ServiceSpec.$Properties = {};
  await applySpecFlags(spec, flags, resolver);
  const c = spec.task?.container ?? {};
  t.deepEqual(c.capabilityAdd, ["CAP_NET_ADMIN"]);
  t.deepEqual(c.capabilityDrop, ["CAP_MKNOD"]);
  t.deepEqual(c.sysctls, { "net.core.somaxconn": "1024" });
  t.deepEqual(c.ulimits, [
    { name: "nofile", soft: 1024, hard: 2048 },
    { name: "nproc", soft: 512, hard: 512 },
  ]);
  t.deepEqual(c.dnsConfig, { nameservers: ["10.0.0.53"], options: ["ndots:2"], search: ["example.internal"] });
  t.deepEqual(c.hosts, ["10.0.0.5 db", "fd00::5 v6"]);
  t.deepEqual(c.groups, ["audio"]);
  t.true(c.tty);
  t.deepEqual(spec.task?.logDriver, { name: "json-file", options: { "max-size": "10m", "max-file": "3" } });
  t.true(c.init);
  t.true(c.readOnly);
  t.is(c.stopSignal, "SIGINT");
  t.is(c.stopGracePeriodNs, 3e9);
  t.is(c.healthcheck?.startIntervalNs, 5e8);
  t.is(c.hostname, "{{.Service.Name}}-{{.Task.Slot}}");
  t.is(c.dir, "/srv");
  t.is(c.user, "1000:1000");
  t.is(c.isolation, swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT);
  t.is(c.oomScoreAdj, -500);
  t.deepEqual(c.mounts, [
    {
      type: swarm.v1.Mount.Type.TYPE_VOLUME,
      source: "data",
      target: "/data",
      volumeDriver: "local",
      volumeDriverOptions: { type: "nfs", o: "addr=10.0.0.9,rw", device: ":/export" },
      volumeLabels: { backup: "daily" },
      volumeNoCopy: true,
    },
  ]);
});

test("service update flags add and remove container settings, removals first", async (t) => {
  const spec: swarm.v1.ServiceSpec.$Properties = {
    task: {
      container: {
        image: "x",
        capabilityAdd: ["CAP_NET_ADMIN"],
        capabilityDrop: ["CAP_MKNOD"],
        sysctls: { "net.core.somaxconn": "1024", "net.ipv4.ip_forward": "1" },
        ulimits: [{ name: "nofile", soft: 1, hard: 1 }],
        dnsConfig: { nameservers: ["10.0.0.53"], search: ["a.internal"], options: ["ndots:2"] },
        hosts: ["10.0.0.5 db", "10.0.0.6 cache"],
        groups: ["audio"],
        tty: true,
      },
      logDriver: { name: "json-file", options: { "max-size": "10m" } },
    },
  };
  const { flags } = await Parser.parse(
    dockerBooleans(
      [
        "--cap-add",
        "MKNOD",
        "--cap-drop",
        "NET_ADMIN",
        "--sysctl-rm",
        "net.ipv4.ip_forward",
        "--sysctl-add",
        "net.core.somaxconn=4096",
        "--ulimit-rm",
        "nofile",
        "--ulimit-add",
        "core=0",
        "--dns-rm",
        "10.0.0.53",
        "--dns-add",
        "10.0.0.54",
        "--dns-search-rm",
        "a.internal",
        "--dns-option-add",
        "timeout:1",
        "--host-rm",
        "db",
        "--host-add",
        "db:10.0.0.7",
        "--group-rm",
        "audio",
        "--group-add",
        "video",
        "--tty=false",
        "--log-opt",
        "max-file=2",
      ],
      updateFlags,
    ),
    { flags: updateFlags, strict: true },
  );
  await applySpecFlags(spec, flags as SpecFlagValues, resolver);
  const c = spec.task?.container ?? {};
  // Adding a dropped capability takes it off the dropped list, and the other way round, as Docker.
  t.deepEqual(c.capabilityAdd, ["CAP_MKNOD"]);
  t.deepEqual(c.capabilityDrop, ["CAP_NET_ADMIN"]);
  t.deepEqual(c.sysctls, { "net.core.somaxconn": "4096" });
  t.deepEqual(c.ulimits, [{ name: "core", soft: 0, hard: 0 }]);
  t.deepEqual(c.dnsConfig, { nameservers: ["10.0.0.54"], search: [], options: ["ndots:2", "timeout:1"] });
  t.deepEqual(c.hosts, ["10.0.0.6 cache", "10.0.0.7 db"]);
  t.deepEqual(c.groups, ["video"]);
  t.false(c.tty);
  t.deepEqual(spec.task?.logDriver, { name: "json-file", options: { "max-size": "10m", "max-file": "2" } });
  await applySpecFlags(spec, { "log-driver": "syslog" }, resolver);
  t.deepEqual(spec.task?.logDriver, { name: "syslog", options: {} });
});

test("container-setting values are refused naming their flag", async (t) => {
  for (const [flags, flag] of [
    [{ ulimit: ["nofile"] }, "--ulimit"],
    [{ ulimit: ["nofile=a:b"] }, "--ulimit"],
    [{ host: ["db"] }, "--host"],
    [{ host: ["db 10.0.0.1"] }, "--host"],
    [{ sysctl: ["net.core.somaxconn"] }, "--sysctl"],
    [{ "oom-score-adj": "1001" }, "--oom-score-adj"],
    [{ "oom-score-adj": "x" }, "--oom-score-adj"],
    [{ "log-opt": ["max-size=1m"] }, "--log-opt"],
    [{ "log-driver": "json-file", "log-opt": ["max-size"] }, "--log-opt"],
    [{ mount: ["type=bind,source=/a,target=/b,volume-driver=local"] }, "--mount"],
    [{ mount: ["type=volume,source=a,target=/b,volume-opt=novalue"] }, "--mount"],
    [{ mount: ['type=volume,source=a,target=/b,"volume-opt=o=1'] }, "--mount"],
  ] as const) {
    const error = await t.throwsAsync(applySpecFlags({}, flags as SpecFlagValues, resolver), {
      instanceOf: UsageError,
    });
    t.is(error?.flag, flag, JSON.stringify(flags));
  }
});

test("mount, ulimit and host values parse as Docker's", (t) => {
  t.deepEqual(csvFields("--mount", 'a=1,"b=2,3","c=""x"""'), ["a=1", "b=2,3", 'c="x"']);
  t.deepEqual(parseUlimit("--ulimit", "memlock=-1:-1"), { name: "memlock", soft: -1, hard: -1 });
  t.is(parseExtraHost("--host", "db=10.0.0.5"), "10.0.0.5 db");
  t.is(parseExtraHost("--host", "v6:[fd00::5]"), "fd00::5 v6");
  t.deepEqual(parseMount("type=volume,src=x,dst=/x,volume-driver=vendor/nfs:1").volumeDriver, "vendor/nfs:1");
});

test("--env-file reads Docker's env files before --env, and names the flag when it cannot", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "env-file-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "app.env");
  writeFileSync(file, '# settings\nMODE=file\n\n  QUOTED="kept as written"\nSWARMCTL_TEST_UNSET\nA=1\n');
  const spec: swarm.v1.ServiceSpec.$Properties = {};
  await applySpecFlags(spec, { "env-file": [file], env: ["A=2"] }, resolver);
  t.deepEqual(spec.task?.container?.env, ["MODE=file", 'QUOTED="kept as written"', "A=2"]);
  t.deepEqual(readEnvFile(file, { SWARMCTL_TEST_UNSET: "x" }).at(2), "SWARMCTL_TEST_UNSET=x");
  const error = await t.throwsAsync(applySpecFlags({}, { "env-file": [join(dir, "missing")] }, resolver), {
    instanceOf: UsageError,
  });
  t.is(error?.flag, "--env-file");
});
