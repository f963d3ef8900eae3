// Goal: swarmd's command line names the flag or argument that is wrong, and defaults to `run`.
import test from "ava";
import { defaultStateDir, InvalidArgumentError } from "../../common/index.js";
import { engineLabelBytesMax, engineLabelsMax, parseSwarmdArgs } from "./swarmd-args.js";

test("swarmd args default to run on the default state dir", (t) => {
  const args = parseSwarmdArgs([]);
  t.not(args, "help");
  if (args === "help") return;
  t.is(args.verb, "run");
  t.is(args.stateDir, defaultStateDir);
  t.is(args.logLevel, "info");
});

test("swarmd args parse join with its token and manager address", (t) => {
  const args = parseSwarmdArgs(["join", "--token", "SWMTKN-1-x-y", "--executor", "process", "192.0.2.2:4242"]);
  t.like(args, {
    verb: "join",
    tokenSource: { kind: "argv", token: "SWMTKN-1-x-y" },
    remoteAddr: "192.0.2.2:4242",
    executor: "process",
  });
});

// Goal: the join token need not sit in /proc/<pid>/cmdline, readable by every local user, for the
// daemon's whole life: it comes from a file, the environment or standard input instead.
test("swarmd args take the join token from --token-file, SWARM_JOIN_TOKEN or --token -", (t) => {
  const join = (argv: string[], env = {}): unknown => parseSwarmdArgs(["join", ...argv, "192.0.2.2:4242"], env);
  t.like(join(["--token-file", "/run/secrets/token"]), { tokenSource: { kind: "file", path: "/run/secrets/token" } });
  t.like(join([], { SWARM_JOIN_TOKEN: "SWMTKN-1-a-b\n" }), { tokenSource: { kind: "env", token: "SWMTKN-1-a-b" } });
  t.like(join(["--token", "-"]), { tokenSource: { kind: "stdin" } });
  // A flag wins over the environment; both flags at once are refused.
  t.like(join(["--token-file", "/t"], { SWARM_JOIN_TOKEN: "x" }), { tokenSource: { kind: "file" } });
  t.throws(() => join(["--token", "T", "--token-file", "/t"]), { instanceOf: InvalidArgumentError });
  const missing = t.throws(() => join([], { SWARM_JOIN_TOKEN: " " }), { instanceOf: InvalidArgumentError });
  t.regex(missing?.message ?? "", /token: is required: swarmd join --token-file FILE/);
  t.throws(() => parseSwarmdArgs(["init", "--token-file", "/t"]), { instanceOf: InvalidArgumentError });
});

test("swarmd args take --hostname and refuse a name a node cannot carry", (t) => {
  t.like(parseSwarmdArgs(["init", "--hostname", "manager-1"]), { hostname: "manager-1" });
  t.like(parseSwarmdArgs(["run", "--hostname", "web.example.org"]), { hostname: "web.example.org" });
  t.false("hostname" in (parseSwarmdArgs(["run"]) as object));
  for (const bad of ["", "-x", "a b", "x".repeat(254), "a/b"]) {
    const error = t.throws(() => parseSwarmdArgs(["run", "--hostname", bad]), { instanceOf: InvalidArgumentError });
    t.regex(error?.message ?? "", /hostname/, bad);
  }
});

test("swarmd args take --process-allow as comma-separated programs, repeatable", (t) => {
  t.like(parseSwarmdArgs(["run", "--process-allow", "redis-server,node", "--process-allow", "/opt/app/bin/*"]), {
    processAllow: ["redis-server", "node", "/opt/app/bin/*"],
  });
  t.false("processAllow" in (parseSwarmdArgs(["run"]) as object));
  for (const bad of ["", "bin/sh", "a b", "/opt/../bin/sh"]) {
    const error = t.throws(() => parseSwarmdArgs(["run", "--process-allow", bad]), {
      instanceOf: InvalidArgumentError,
    });
    t.regex(error?.message ?? "", /process-allow/, bad);
  }
});

test("swarmd args refuse bad input naming the field", (t) => {
  const field = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(field(["frobnicate"]), /command/);
  t.regex(field(["join", "192.0.2.2:4242"]), /token/);
  t.regex(field(["join", "--token", "T"]), /MANAGER_ADDR/);
  t.regex(field(["init", "--executor", "vm"]), /executor/);
  t.regex(field(["init", "--log-level", "loud"]), /log-level/);
  t.regex(field(["init", "--no-such-flag"]), /arguments/);
  t.regex(field(["run", "--autolock"]), /autolock/);
});

test("swarmd args take --autolock with init", (t) => {
  t.like(parseSwarmdArgs(["init", "--autolock"]), { verb: "init", autolock: true });
  t.like(parseSwarmdArgs(["init"]), { autolock: false });
});

test("swarmd args take --force-new-cluster with init only", (t) => {
  t.like(parseSwarmdArgs(["init", "--force-new-cluster", "--state-dir", "/s"]), {
    verb: "init",
    forceNewCluster: true,
    stateDir: "/s",
  });
  t.like(parseSwarmdArgs(["init"]), { forceNewCluster: false });
  const error = t.throws(() => parseSwarmdArgs(["run", "--force-new-cluster"]), { instanceOf: InvalidArgumentError });
  t.regex(error?.message ?? "", /force-new-cluster/);
});

test("swarmd args take --metrics-addr as host:port and refuse anything else", (t) => {
  t.like(parseSwarmdArgs(["run", "--metrics-addr", "127.0.0.1:9323"]), { metricsAddr: "127.0.0.1:9323" });
  t.like(parseSwarmdArgs(["run", "--metrics-addr", "[::1]:9323"]), { metricsAddr: "[::1]:9323" });
  t.false("metricsAddr" in (parseSwarmdArgs(["run"]) as object));
  for (const bad of ["127.0.0.1", "localhost:99999", ":9323", ""]) {
    const error = t.throws(() => parseSwarmdArgs(["run", "--metrics-addr", bad]), { instanceOf: InvalidArgumentError });
    t.regex(error?.message ?? "", /metrics-addr/);
  }
});

test("swarmd args take --mesh-datapath userspace, kernel or auto and refuse anything else", (t) => {
  for (const choice of ["userspace", "kernel", "auto"])
    t.like(parseSwarmdArgs(["run", "--mesh-datapath", choice]), { meshDatapath: choice });
  t.false("meshDatapath" in (parseSwarmdArgs(["run"]) as object));
  const error = t.throws(() => parseSwarmdArgs(["run", "--mesh-datapath", "ipvs"]), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(error?.message ?? "", /mesh-datapath: must be one of userspace, kernel, auto/);
});

test("swarmd args take the cluster's overlay settings with init and a node's data-path port with join and run", (t) => {
  t.like(
    parseSwarmdArgs([
      "init",
      "--default-addr-pool",
      "10.20.0.0/16,10.30.0.0/16",
      "--default-addr-pool",
      "172.28.0.0/14",
      "--default-addr-pool-mask-length",
      "26",
      "--data-path-port",
      "14789",
    ]),
    {
      clusterNetwork: {
        defaultAddrPools: ["10.20.0.0/16", "10.30.0.0/16", "172.28.0.0/14"],
        subnetSize: 26,
        dataPathPort: 14789,
      },
    },
  );
  t.false("clusterNetwork" in (parseSwarmdArgs(["init"]) as object));
  t.like(parseSwarmdArgs(["join", "--token", "T", "--data-path-port", "14790", "127.0.0.2:4242"]), {
    dataPathPort: 14790,
  });
  t.like(parseSwarmdArgs(["run", "--data-path-port", "14791"]), { dataPathPort: 14791 });
});

test("swarmd args refuse bad overlay settings naming the flag", (t) => {
  const message = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(message(["init", "--default-addr-pool", "10.0.0.1/8"]), /^default-addr-pool: /);
  t.regex(message(["init", "--default-addr-pool", "10.0.0.0/8,10.1.0.0/16"]), /^default-addr-pool: .*overlaps/);
  t.regex(message(["init", "--default-addr-pool", "10.0.0.0/28", "--default-addr-pool-mask-length", "24"]), /smaller/);
  t.regex(message(["init", "--default-addr-pool-mask-length", "31"]), /^default-addr-pool-mask-length: /);
  t.regex(message(["init", "--data-path-port", "80"]), /^data-path-port: must be from 1024 to 49151/);
  t.regex(message(["run", "--data-path-port", "x"]), /^data-path-port: must be a whole number/);
  t.regex(message(["join", "--token", "T", "--default-addr-pool", "10.0.0.0/8", "127.0.0.2:4242"]), /init only/);
});

test("swarmd args take --network-agent auto|off and a short --network-prefix, refusing anything else", (t) => {
  t.like(parseSwarmdArgs(["run", "--network-agent", "off"]), { networkAgent: "off" });
  t.like(parseSwarmdArgs(["init", "--network-agent", "auto", "--network-prefix", "a1"]), {
    networkAgent: "auto",
    networkPrefix: "a1",
  });
  t.false("networkAgent" in (parseSwarmdArgs(["run"]) as object));
  const message = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(message(["run", "--network-agent", "on"]), /^network-agent: must be one of auto, off/);
  t.regex(message(["run", "--network-prefix", "abc"]), /^network-prefix: must be 1 or 2 lowercase/);
  t.regex(message(["run", "--network-prefix", "A"]), /^network-prefix: /);
  t.regex(message(["leave", "--network-agent", "off"]), /^network-agent: does not go with leave/);
});

test("swarmd args take --wireguard-go for encrypted networks, not empty and not with leave", (t) => {
  t.like(parseSwarmdArgs(["run", "--wireguard-go", "/opt/wg/wireguard-go"]), { wireguardGo: "/opt/wg/wireguard-go" });
  t.false("wireguardGo" in (parseSwarmdArgs(["run"]) as object));
  const message = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(message(["run", "--wireguard-go", ""]), /^wireguard-go: give the wireguard-go program/);
  t.regex(message(["leave", "--wireguard-go", "x"]), /does not go with leave/);
});

test("swarmd args take join's availability and every verb's engine labels", (t) => {
  const join = parseSwarmdArgs([
    "join",
    "--token",
    "T",
    "--availability",
    "drain",
    "--label",
    "zone=east",
    "--label",
    "ssd",
    "--label",
    "zone=west",
    "127.0.0.2:4242",
  ]);
  t.like(join, { verb: "join", availability: "drain", labels: { zone: "west", ssd: "" } });
  t.like(parseSwarmdArgs(["run", "--label", "a=b=c"]), { verb: "run", labels: { a: "b=c" } });
  t.false("labels" in (parseSwarmdArgs(["run"]) as object));
});

test("swarmd args refuse a bad availability or label naming the flag", (t) => {
  const field = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(
    field(["join", "--token", "T", "--availability", "asleep", "127.0.0.2:4242"]),
    /^availability: must be one of/,
  );
  t.regex(field(["init", "--availability", "drain"]), /^availability: goes with join only/);
  t.regex(field(["run", "--label", "=x"]), /^label: .* has no key/);
  t.regex(field(["run", "--label", `k=${"v".repeat(engineLabelBytesMax + 1)}`]), /^label: .* at most/);
  const many = Array.from({ length: engineLabelsMax + 1 }, (_, i) => ["--label", `k${i}=v`]).flat();
  t.regex(field(["run", ...many]), /^label: at most/);
  t.regex(field(["leave", "--label", "a=b"]), /^label: does not go with leave/);
});

test("swarmd args take init --restore with its unlock key and refuse them elsewhere", (t) => {
  t.like(parseSwarmdArgs(["init", "--restore", "b.backup", "--unlock-key", "SWMKEY-1-k"]), {
    verb: "init",
    restore: "b.backup",
    unlockKey: "SWMKEY-1-k",
  });
  const field = (argv: string[]): string =>
    t.throws<InvalidArgumentError>(() => parseSwarmdArgs(argv), { instanceOf: InvalidArgumentError })?.message ?? "";
  t.regex(field(["run", "--restore", "b.backup"]), /^restore: goes with init only/);
  t.regex(field(["init", "--restore", "b.backup", "--autolock"]), /^restore: /);
  t.regex(field(["init", "--unlock-key", "SWMKEY-1-k"]), /^unlock-key: goes with --restore only/);
  t.regex(field(["init", "--restore", "b", "--default-addr-pool", "10.9.0.0/16"]), /^restore: the overlay settings/);
});

test("swarmd args take --node-generic-resource named and counted, comma-separated and repeatable", (t) => {
  const args = parseSwarmdArgs([
    "run",
    "--node-generic-resource",
    "gpu=UUID1,gpu=UUID2",
    "--node-generic-resource",
    "ssd=3",
  ]);
  t.true(args !== "help" && args.genericResources !== undefined);
  if (args === "help") return;
  t.deepEqual(args.genericResources, [
    { kind: "gpu", value: "UUID1" },
    { kind: "gpu", value: "UUID2" },
    { kind: "ssd", count: 3 },
  ]);
  for (const bad of ["gpu", "=x", "gpu=", "g pu=1", "ssd=0", "gpu=a,gpu=a", "ssd=1,ssd=2"])
    t.throws(() => parseSwarmdArgs(["run", "--node-generic-resource", bad]), { instanceOf: InvalidArgumentError }, bad);
  t.throws(() => parseSwarmdArgs(["leave", "--node-generic-resource", "ssd=1"]), { instanceOf: InvalidArgumentError });
});

test("swarmd args take --publish-addr as an IP address", (t) => {
  const args = parseSwarmdArgs(["run", "--publish-addr", "127.0.0.5"]);
  t.is(args !== "help" ? args.publishAddr : undefined, "127.0.0.5");
  const none = parseSwarmdArgs(["run"]);
  t.is(none !== "help" ? none.publishAddr : "x", undefined);
  t.throws(() => parseSwarmdArgs(["run", "--publish-addr", "localhost"]), { instanceOf: InvalidArgumentError });
});
