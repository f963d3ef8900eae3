// Goal: every swarmctl command, built as operators run it, against a real local cluster: swarmd
// processes (1 manager + 1 worker) joined with tokens over mutual TLS, the process executor running
// real tasks, swarmctl on the manager's control socket. Output, `--format`, exit codes and one-line
// errors as operators see them. (The other files here pin every table and flag on a faster
// in-process cluster; operator-tls.test.ts covers `--host` over TCP with client certificates.)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { type CliResult, swarmctl, swarmctlPath } from "./fixture.js";

/** A published port in the 30000s that no other test uses at the same time. */
const published = 30_000 + (process.pid % 2_000) + 700;

let cluster: LocalCluster | undefined;
let baseDir = "";
const run = (...args: string[]): Promise<CliResult> => swarmctl(args, { host: cluster!.controlTarget });
const stdinRun = (input: string, ...args: string[]): Promise<CliResult> =>
  swarmctl(args, { host: cluster!.controlTarget, input });
/** The worker's node id. */
const workerId = async (): Promise<string> => (await run("node", "ls", "--filter", "role=worker", "-q")).stdout.trim();

test.before(async () => {
  baseDir = mkdtempSync(join(tmpdir(), "swarmctl-real-"));
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 1,
    executor: "process",
    logLevel: "warn",
    // The worker has two GPUs (by name), for the generic resources test.
    startArgs: (node) => (node.role === "worker" ? ["--node-generic-resource", "gpu=GPU-UUID1,gpu=GPU-UUID2"] : []),
  });
});

test.after.always(async () => {
  await cluster?.down({ purge: true });
  rmSync(baseDir, { recursive: true, force: true });
});

test.serial("version and node ls, inspect and update describe the real nodes", async (t) => {
  t.timeout(60_000);
  const version = await run("version");
  assertOk(t, version);
  t.regex(version.stdout, /^Client:\n Version: +\d+\.\d+\.\d+/);
  t.regex(version.stdout, /\nServer:\n API: +swarm\.v1\n Cluster ID: +\w{25}\n/);

  const ls = await run("node", "ls");
  assertOk(t, ls);
  t.regex(ls.stdout, /^ID +HOSTNAME +STATUS +AVAILABILITY +MANAGER STATUS +ENGINE VERSION\n/);
  // The manager swarmctl talks to (over its unix socket) is marked "*", as Docker marks its own node.
  // Each node carries the name the local cluster gave it (swarmd --hostname), so it is told apart.
  t.regex(ls.stdout, /^\w{12} \* +manager-1 +Ready +Active +Leader +process$/m);
  t.regex(ls.stdout, /^\w{12} +worker-1 +Ready +Active +process$/m);
  const worker = await workerId();
  t.regex(worker, /^\w{25}$/);

  assertOk(t, await run("node", "update", "--label-add", "zone=a", worker));
  t.is(
    (await run("node", "inspect", "--format", "{{json .Spec.Annotations.Labels}}", worker)).stdout,
    '{"zone":"a"}\n',
  );
  const inspected = JSON.parse((await run("node", "inspect", worker)).stdout) as {
    id: string;
    status: { addr: string };
  }[];
  t.is(inspected[0]?.id, worker);
  t.is(inspected[0]?.status.addr, cluster!.nodes[1]!.ip);
  assertOneLineError(t, await run("node", "inspect", "no-such-node"), 1, /no-such-node/);
  assertOneLineError(t, await run("node", "update", "--availability", "sideways", worker), 2, /--availability/);
});

test.serial("service create, ls, ps, inspect, scale, update, rollback, logs and rm drive real tasks", async (t) => {
  t.timeout(120_000);
  // The process executor runs the program the image names: sh, with the rest as its arguments.
  const created = await run(
    "service",
    "create",
    "--name",
    "web",
    "--replicas",
    "2",
    "-p",
    `${published}:8080`,
    "process://sh",
    "-c",
    "echo hello from the task; exec sleep 600",
  );
  assertOk(t, created);
  t.regex(created.stdout, /^\w{25}\n/);
  t.regex(created.stdout, /verify: Service converged\n$/);

  const ls = await run("service", "ls");
  t.regex(ls.stdout, new RegExp(`^\\w{12} +web +replicated +2/2 +process://sh +\\*:${published}->8080/tcp$`, "m"));
  const ps = await run("service", "ps", "web");
  // Spread over both nodes, each shown by its name.
  t.regex(ps.stdout, /^\w{12} +web\.1 +process:\/\/sh +(manager|worker)-1 +Running +Running .* ago/m);
  t.regex(ps.stdout, /^\w{12} +web\.2 +process:\/\/sh +(manager|worker)-1 +Running +Running .* ago/m);
  t.deepEqual([...ps.stdout.matchAll(/ ((?:manager|worker)-1) /g)].map((m) => m[1]).sort(), ["manager-1", "worker-1"]);
  t.is((await run("service", "inspect", "--format", "{{.Spec.Task.Container.Image}}", "web")).stdout, "process://sh\n");
  t.like((JSON.parse((await run("service", "ls", "--format", "json")).stdout) as object[])[0], {
    Name: "web",
    Mode: "replicated",
    Replicas: "2/2",
    Image: "process://sh",
    Ports: `*:${published}->8080/tcp`,
  });

  const scaled = await run("service", "scale", "web=3");
  assertOk(t, scaled);
  t.regex(scaled.stdout, /^web scaled to 3\n/);
  t.regex((await run("service", "ls")).stdout, /^\w{12} +web +replicated +3\/3 /m);

  assertOk(t, await run("service", "update", "--env-add", "MODE=fast", "--update-parallelism", "3", "web"));
  t.is(
    (await run("service", "inspect", "--format", "{{json .Spec.Task.Container.Env}}", "web")).stdout,
    '["MODE=fast"]\n',
  );
  const rolledBack = await run("service", "rollback", "web");
  assertOk(t, rolledBack);
  t.regex(rolledBack.stdout, /rollback: manually requested rollback/);
  t.is((await run("service", "inspect", "--format", "{{json .Spec.Task.Container.Env}}", "web")).stdout, "null\n");

  const logs = await until("every task's line in service logs", async () => {
    const out = (await run("service", "logs", "web")).stdout;
    return out.split("\n").filter((l) => /^web\.\d\.\w+@\S+ +\| hello from the task$/.test(l)).length >= 3
      ? out
      : undefined;
  });
  t.regex(logs, /^web\.1\.\w{25}@\S+ +\| hello from the task$/m);

  assertOneLineError(t, await run("service", "create", "--name", "web", "process://sh"), 1, /already exists/);
  assertOneLineError(t, await run("service", "scale", "web=many"), 2, /web=: "many" is not a whole number/);
  const removed = await run("service", "rm", "web");
  assertOk(t, removed);
  t.is(removed.stdout, "web\n");
  t.is((await run("service", "ls", "-q")).stdout, "");
});

test.serial("task ls and inspect show the real tasks and their state", async (t) => {
  t.timeout(60_000);
  assertOk(t, await run("service", "create", "--name", "one", "process://sh", "-c", "exec sleep 600"));
  const ids = (await run("task", "ls", "--filter", "service=one", "--filter", "desired-state=running", "-q")).stdout
    .trim()
    .split("\n");
  t.is(ids.length, 1);
  t.regex(ids[0] ?? "", /^\w{25}$/);
  const ls = await run("task", "ls", "--filter", "service=one");
  t.regex(ls.stdout, /^\w{12} +one\.1 +process:\/\/sh +\S+ +Running +Running /m);
  const inspected = JSON.parse((await run("task", "inspect", ids[0]!)).stdout) as {
    id: string;
    status: { state: string };
  }[];
  t.is(inspected[0]?.id, ids[0]);
  t.is((await run("task", "inspect", "--format", "{{.Slot}}", ids[0]!)).stdout, "1\n");
  assertOneLineError(t, await run("task", "inspect", "nope"), 1, /nope/);
  assertOk(t, await run("service", "rm", "one"));
});

test.serial("secret and config create, ls, inspect and rm; a secret in use cannot go", async (t) => {
  t.timeout(60_000);
  for (const kind of ["secret", "config"] as const) {
    const created = await stdinRun("s3cret\n", kind, "create", "--label", "env=prod", `${kind}-a`, "-");
    assertOk(t, created);
    t.regex(created.stdout, /^\w{25}\n$/);
    t.regex((await run(kind, "ls")).stdout, new RegExp(`^\\w{12} +${kind}-a +`, "m"));
    t.is((await run(kind, "ls", "--filter", "label=env=prod", "-q")).stdout.trim().length, 25);
    t.is((await run(kind, "inspect", "--format", "{{.Spec.Annotations.Name}}", `${kind}-a`)).stdout, `${kind}-a\n`);
    t.false((await run(kind, "inspect", `${kind}-a`)).stdout.includes("s3cret"), "the payload never comes back");
    assertOk(
      t,
      await run(
        "service",
        "create",
        "-d",
        "--name",
        `uses-${kind}`,
        `--${kind}`,
        `${kind}-a`,
        "process://sh",
        "-c",
        "exec sleep 600",
      ),
    );
    if (kind === "secret") assertOneLineError(t, await run("secret", "rm", "secret-a"), 1, /in use/);
    assertOk(t, await run("service", "rm", `uses-${kind}`));
    const removed = await run(kind, "rm", `${kind}-a`);
    assertOk(t, removed);
    t.is((await run(kind, "ls", "-q")).stdout, "");
  }
});

test.serial("cluster inspect, update, join-token, unlock-key and unlock answer as the cluster is", async (t) => {
  t.timeout(60_000);
  t.is(
    (await run("cluster", "inspect", "--format", "{{.Spec.Orchestration.TaskHistoryRetentionLimit}}")).stdout,
    "5\n",
  );
  const updated = await run("cluster", "update", "--task-history-limit", "3");
  assertOk(t, updated);
  t.is(
    (await run("cluster", "inspect", "--format", "{{.Spec.Orchestration.TaskHistoryRetentionLimit}}")).stdout,
    "3\n",
  );
  const join = await run("cluster", "join-token", "worker");
  t.regex(
    join.stdout,
    new RegExp(`swarmd join --token SWMTKN-1-\\w+-\\w+ ${cluster!.nodes[0]!.addr.replaceAll(".", "\\.")}\n`),
  );
  assertOneLineError(t, await run("cluster", "unlock-key"), 1, /autolock is off/);
  assertOneLineError(t, await stdinRun(`SWMKEY-1-${"A".repeat(43)}\n`, "cluster", "unlock"), 1, /not locked/);
  assertOneLineError(t, await run("cluster", "update", "--task-history-limit", "-1"), 2, /--task-history-limit/);
});

test.serial("stack deploy, ls, services, ps, update, prune and rm run a Compose file on the cluster", async (t) => {
  t.timeout(120_000);
  const file = join(baseDir, "stack.yml");
  const api = (replicas: number): string =>
    // On the host network: this cluster's nodes run no network agent (overlays have their own tests).
    `services:\n  api:\n    image: process://sh\n    command: ["-c", "exec sleep 600"]\n    network_mode: host\n    deploy:\n      replicas: ${replicas}\n`;
  writeFileSync(file, api(2));
  const deployed = await run("stack", "deploy", "-c", file, "demo");
  assertOk(t, deployed);
  t.regex(deployed.stdout, /Creating service demo_api/);
  t.regex((await run("stack", "ls")).stdout, /^demo +1$/m);
  const services = await until("demo_api 2/2", async () => {
    const out = (await run("stack", "services", "demo")).stdout;
    return /demo_api +replicated +2\/2/.test(out) ? out : undefined;
  });
  t.regex(services, /^\w{12} +demo_api +replicated +2\/2 +process:\/\/sh/m);
  const ps = await run("stack", "ps", "demo");
  t.regex(ps.stdout, /^\w{12} +demo_api\.1 +process:\/\/sh +/m);
  t.regex(ps.stdout, /^\w{12} +demo_api\.2 +process:\/\/sh +/m);

  // Unchanged files change nothing; a new replica count updates api only; --prune removes jobs.
  writeFileSync(
    file,
    `${api(3)}  jobs:\n    image: process://sh\n    command: ["-c", "exec sleep 600"]\n    network_mode: host\n`,
  );
  t.regex((await run("stack", "deploy", "-c", file, "demo")).stdout, /Creating service demo_jobs/);
  t.regex((await run("stack", "deploy", "-c", file, "demo")).stdout, /Stack demo is up to date/);
  writeFileSync(file, api(1));
  const pruned = await run("stack", "deploy", "-c", file, "--prune", "demo");
  assertOk(t, pruned);
  t.regex(pruned.stdout, /Updating service demo_api/);
  t.regex(pruned.stdout, /Removing service demo_jobs/);
  await until("demo_api 1/1 alone", async () => {
    const out = (await run("stack", "services", "demo")).stdout;
    return /demo_api +replicated +1\/1/.test(out) && !out.includes("demo_jobs") ? true : undefined;
  });

  const removed = await run("stack", "rm", "demo");
  assertOk(t, removed);
  t.regex(removed.stdout, /Removing service demo_api/);
  t.is((await run("stack", "ls")).stdout.split("\n").filter((l) => l.startsWith("demo")).length, 0);
  writeFileSync(file, "services:\n  api:\n    image: process://sh\n    deploy:\n      replicas: many\n");
  assertOneLineError(
    t,
    await run("stack", "deploy", "-c", file, "demo"),
    1,
    /stack\.yml:5: services\.api\.deploy\.replicas/,
  );
});

test.serial("events streams a change as it commits", async (t) => {
  t.timeout(60_000);
  const child = spawn(
    process.execPath,
    [swarmctlPath, "events", "--format", "json", "--filter", "type=secret", "--host", cluster!.controlTarget],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  t.teardown(() => child.kill());
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  // The stream is open once a first write shows up in it; keep writing until one does.
  const line = await until("a secret event", async () => {
    const name = `ev-${Date.now()}`;
    await stdinRun("x\n", "secret", "create", name, "-");
    return out.split("\n").find((l) => l.includes('"action":"create"'));
  });
  const event = JSON.parse(line) as { type: string; action: string; name: string };
  t.like(event, { type: "secret", action: "create" });
  t.regex(event.name, /^ev-\d+$/);
});

// Goal: generic resources end to end: the worker advertises two GPUs (swarmd --node-generic-resource),
// a service reserving one per task runs two tasks there, each told its own GPU in DOCKER_RESOURCE_GPU,
// and a third task waits, saying why.
test.serial(
  "tasks reserving a GPU run where the GPUs are, see theirs, and one too many waits with the reason",
  async (t) => {
    t.timeout(120_000);
    const worker = await workerId();
    const described = await run("node", "inspect", "--format", "{{json .Description.Resources.Generic}}", worker);
    t.deepEqual(JSON.parse(described.stdout), [
      { kind: "gpu", value: "GPU-UUID1" },
      { kind: "gpu", value: "GPU-UUID2" },
    ]);
    const created = await run(
      "service",
      "create",
      "--name",
      "train",
      "--detach",
      "--replicas",
      "3",
      "--generic-resource",
      "gpu=1",
      "process://sh",
      "-c",
      "echo gpu=$DOCKER_RESOURCE_GPU; exec sleep 600",
    );
    assertOk(t, created);
    const logs = await until("both GPU tasks' lines", async () => {
      const out = (await run("service", "logs", "train")).stdout;
      return /gpu=GPU-UUID1$/m.test(out) && /gpu=GPU-UUID2$/m.test(out) ? out : undefined;
    });
    t.regex(logs, /^train\.\d\.\w+@worker-1 +\| gpu=GPU-UUID1$/m);
    const ps = await run("service", "ps", "train");
    t.is([...ps.stdout.matchAll(/ worker-1 +Running +Running /g)].length, 2, ps.stdout);
    t.notRegex(ps.stdout, / manager-1 /);
    const ids = (await run("service", "ps", "-q", "train")).stdout.trim().split("\n");
    const messages = await Promise.all(
      ids.map(async (id) => (await run("task", "inspect", "--format", "{{.Status.Message}}", id)).stdout.trim()),
    );
    t.true(messages.includes("no suitable node (2 nodes have too few gpu)"), messages.join("\n"));
    assertOk(t, await run("service", "rm", "train"));
  },
);

test.serial("node promote, demote and rm change the worker's role and membership live", async (t) => {
  t.timeout(120_000);
  const worker = await workerId();
  const promoted = await run("node", "promote", worker);
  assertOk(t, promoted);
  t.is(promoted.stdout, `Node ${worker} promoted to a manager in the swarm.\n`);
  await until(
    "the worker reachable as a manager",
    async () => ((await run("node", "ls")).stdout.includes("Reachable") ? true : undefined),
    60_000,
  );
  const demoted = await run("node", "demote", worker);
  assertOk(t, demoted);
  t.is(demoted.stdout, `Manager ${worker} demoted in the swarm.\n`);
  await until(
    "the node a worker again",
    async () =>
      (await run("node", "ls", "--filter", "role=worker", "-q")).stdout.trim() === worker ? true : undefined,
    60_000,
  );
  assertOneLineError(t, await run("node", "rm", worker), 1, /is not down; use force/);
  assertOk(t, await run("node", "rm", "--force", worker));
  t.is((await run("node", "ls", "-q")).stdout.trim().split("\n").length, 1);
});
