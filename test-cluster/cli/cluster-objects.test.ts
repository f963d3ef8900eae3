// Goal: `swarmctl node|task|secret|config|cluster|events|version` against a real manager and
// agents: tables, --quiet, --format json and templates, the changes they make, and one readable
// line with the right exit code for each kind of mistake.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { until } from "../cluster/until.js";
import { cliClusterForFile, swarmctl, swarmctlPath } from "./fixture.js";

const { run, host } = cliClusterForFile(test);

test.serial("node ls, inspect, update, promote, demote and rm", async (t) => {
  t.timeout(60_000);
  const ls = await run("node", "ls");
  assertOk(t, ls);
  t.regex(ls.stdout, /^ID +HOSTNAME +STATUS +AVAILABILITY +MANAGER STATUS +ENGINE VERSION$/m);
  t.regex(ls.stdout, /^node-manager \* +manager-host +Ready +Active +Leader +fake$/m);
  t.regex(ls.stdout, /^node-worker +worker-host +Ready +Active +fake$/m);
  t.is((await run("node", "ls", "-q")).stdout, "node-manager\nnode-worker\n");
  t.is((await run("node", "ls", "--filter", "role=manager", "--format", "{{.Hostname}}")).stdout, "manager-host\n");
  t.like((JSON.parse((await run("node", "ls", "--format", "json")).stdout) as object[])[1], {
    Hostname: "worker-host",
    Status: "Ready",
  });

  assertOk(t, await run("node", "update", "--availability", "drain", "--label-add", "zone=a", "node-worker"));
  const [worker] = JSON.parse((await run("node", "inspect", "node-worker")).stdout) as {
    spec: { availability: string; annotations: { labels: object } };
  }[];
  t.is(worker?.spec.availability, "AVAILABILITY_DRAIN");
  t.deepEqual(worker?.spec.annotations.labels, { zone: "a" });
  t.is((await run("node", "inspect", "--format", "{{.Description.Hostname}}", "node-w")).stdout, "worker-host\n");
  assertOk(t, await run("node", "update", "--availability", "active", "--label-rm", "zone", "node-worker"));

  t.is((await run("node", "promote", "node-worker")).stdout, "Node node-worker promoted to a manager in the swarm.\n");
  t.is((await run("node", "inspect", "--format", "{{.Spec.DesiredRole}}", "node-worker")).stdout, "manager\n");
  t.is(
    (await run("node", "inspect", "--format", "{{.Spec.Role}} {{.Spec.Availability}} {{.Status.State}}", "node-worker"))
      .stdout,
    "manager active ready\n",
  );
  t.is((await run("node", "promote", "node-worker")).stdout, "Node node-worker is already a manager.\n");
  t.is((await run("node", "demote", "node-worker")).stdout, "Manager node-worker demoted in the swarm.\n");

  assertOneLineError(t, await run("node", "update", "--availability", "sleepy", "node-worker"), 2, /--availability/);
  assertOneLineError(t, await run("node", "inspect", "nope"), 1, /not found/);
  assertOneLineError(t, await run("node", "inspect", "node-"), 1, /more than one/);
  assertOneLineError(t, await run("node", "rm", "node-worker"), 1, /not down/);
  t.is((await run("node", "rm", "--force", "node-worker")).stdout, "node-worker\n");
  t.is((await run("node", "ls", "-q", "--filter", "name=node-worker")).stdout, "");
});

test.serial("task ls and inspect show the tasks of every service", async (t) => {
  t.timeout(30_000);
  assertOk(t, await run("service", "create", "--name", "db", "--replicas", "2", "busybox"));
  const ls = await run("task", "ls", "--filter", "service=db");
  assertOk(t, ls);
  t.regex(ls.stdout, /^ID +NAME +IMAGE +NODE +DESIRED STATE +CURRENT STATE +ERROR +PORTS$/m);
  t.regex(ls.stdout, /^\w{12} +db\.1 +busybox +\S+ +Running +Running /m);
  const ids = (await run("task", "ls", "-q", "--filter", "desired-state=running")).stdout.trim().split("\n");
  t.is(ids.length, 2);
  const [task] = JSON.parse((await run("task", "inspect", ids[0]!)).stdout) as {
    id: string;
    status: { state: string };
  }[];
  t.is(task?.id, ids[0]);
  t.is(task?.status.state, "TASK_STATE_RUNNING");
  t.is((await run("task", "inspect", "--format", "{{.ID}}", ids[0]!.slice(0, 8))).stdout, `${ids[0]}\n`);
  assertOneLineError(t, await run("task", "inspect", "zzzz"), 1, /not found/);
  assertOneLineError(t, await run("task", "ls", "--filter", "desired-state=sleeping"), 2, /desired-state/);
});

for (const kind of ["secret", "config"] as const) {
  test.serial(`${kind} create, ls, inspect, use by a service and rm`, async (t) => {
    t.timeout(30_000);
    const created = await swarmctl([kind, "create", "--label", "env=prod", `${kind}-a`, "-"], {
      host: host(),
      input: "s3cret\n",
    });
    assertOk(t, created);
    const id = created.stdout.trim();
    t.regex(id, /^[0-9a-z]{25}$/);
    const ls = await run(kind, "ls");
    t.regex(ls.stdout, /^ID +NAME +CREATED AT +UPDATED AT$/m);
    t.regex(ls.stdout, new RegExp(`^${id.slice(0, 12)} +${kind}-a +.* ago +.* ago$`, "m"));
    t.is((await run(kind, "ls", "-q", "--filter", "label=env")).stdout, `${id}\n`);
    const [object] = JSON.parse((await run(kind, "inspect", `${kind}-a`)).stdout) as {
      id: string;
      spec: { data?: string; annotations: { labels: object } };
    }[];
    t.is(object?.id, id);
    t.deepEqual(object?.spec.annotations.labels, { env: "prod" });
    // Secrets never come back; configs do (base64, as Docker shows Data).
    t.is(object?.spec.data, kind === "secret" ? undefined : Buffer.from("s3cret\n").toString("base64"));

    const target = kind === "secret" ? "source=secret-a,target=pw,mode=0400" : "source=config-a,target=/etc/app.conf";
    assertOk(t, await run("service", "create", "-d", "--name", `uses-${kind}`, `--${kind}`, target, "busybox"));
    const refs = (
      await run(
        "service",
        "inspect",
        "--format",
        `{{json .Spec.Task.Container.${kind === "secret" ? "Secrets" : "Configs"}}}`,
        `uses-${kind}`,
      )
    ).stdout;
    t.true(refs.includes(id));
    assertOneLineError(t, await run(kind, "rm", `${kind}-a`), 1, /in use/);
    assertOk(t, await run("service", "update", "-d", `--${kind}-rm`, `${kind}-a`, `uses-${kind}`));
    t.is((await run(kind, "rm", `${kind}-a`)).stdout, `${kind}-a\n`);
    assertOneLineError(t, await run(kind, "create", "empty", "/nonexistent/file"), 2, /cannot read/);
    assertOneLineError(t, await run("service", "create", `--${kind}`, "missing", "busybox"), 1, /missing not found/);
  });
}

test.serial("cluster inspect, update, join-token, unlock-key and unlock", async (t) => {
  t.timeout(30_000);
  const [inspected] = JSON.parse((await run("cluster", "inspect")).stdout) as {
    id: string;
    joinTokens: { worker: string };
  }[];
  t.regex(inspected?.id ?? "", /^[0-9a-z]{25}$/);
  assertOk(t, await run("cluster", "update", "--task-history-limit", "7", "--dispatcher-heartbeat", "2s"));
  t.is(
    (
      await run(
        "cluster",
        "inspect",
        "--format",
        "{{.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Spec.Dispatcher.HeartbeatPeriodNs}}",
      )
    ).stdout,
    "7 2000000000\n",
  );

  const join = await run("cluster", "join-token", "worker");
  t.regex(
    join.stdout,
    new RegExp(
      `To add a worker to this cluster, run the following command:\\n\\n    swarmd join --token ${inspected?.joinTokens.worker} ${host().replace(/\./g, "\\.")}\\n`,
    ),
  );
  const rotated = (await run("cluster", "join-token", "--rotate", "-q", "worker")).stdout.trim();
  t.regex(rotated, /^SWMTKN-1-/);
  t.not(rotated, inspected?.joinTokens.worker);
  t.is((await run("cluster", "join-token", "-q", "worker")).stdout.trim(), rotated);

  assertOneLineError(t, await run("cluster", "unlock-key"), 1, /autolock is off/);
  assertOneLineError(t, await run("cluster", "unlock"), 2, /unlock key/);
  assertOneLineError(
    t,
    await swarmctl(["cluster", "unlock"], { host: host(), input: `SWMKEY-1-${"A".repeat(43)}\n` }),
    1,
    /not locked/,
  );
  assertOneLineError(t, await run("cluster", "join-token", "admin"), 2, /admin/);
  assertOneLineError(t, await run("cluster", "update", "--dispatcher-heartbeat", "soon"), 2, /--dispatcher-heartbeat/);
});

test.serial("events streams store changes as they are made", async (t) => {
  t.timeout(30_000);
  const child = spawn(
    process.execPath,
    [swarmctlPath, "events", "--format", "json", "--filter", "type=secret", "--host", host()],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** The events printed so far: every complete line. */
  const streamed = (): { type: string; action: string; name: string }[] =>
    stdout
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { type: string; action: string; name: string });
  // The stream is open once a first change shows up in it: keep making one until it does.
  const file = join(mkdtempSync(join(tmpdir(), "events-")), "payload");
  writeFileSync(file, "s3cr3t-payload-4711");
  await until("the event stream to open", async () => {
    if (child.exitCode !== null) throw new Error(`swarmctl events exited: ${stderr}`);
    const name = `opener-${Date.now()}`;
    assertOk(t, await run("secret", "create", name, file));
    assertOk(t, await run("secret", "rm", name));
    return streamed().some((e) => e.name === name) ? true : undefined;
  });
  assertOk(t, await run("secret", "create", "evented", file));
  assertOk(t, await run("secret", "rm", "evented"));
  await until("the removal in the stream", () =>
    Promise.resolve(
      child.exitCode !== null || streamed().some((e) => e.action === "remove" && e.name === "evented")
        ? true
        : undefined,
    ),
  );
  t.is(child.exitCode, null, stderr);
  child.kill("SIGTERM");
  await exited;
  const events = streamed().filter((e) => e.name === "evented");
  t.deepEqual(
    events.map((e) => `${e.type} ${e.action} ${e.name}`),
    ["secret create evented", "secret remove evented"],
  );
  // Secret data never leaves the managers, not even through events.
  t.false(stdout.includes("s3cr3t-payload-4711"));
  t.false(stdout.includes(Buffer.from("s3cr3t-payload-4711").toString("base64")));
  assertOneLineError(t, await run("events", "--filter", "type=planet"), 2, /--filter/);
});

test.serial("version prints client and server parts; an unreachable or malformed host is one line", async (t) => {
  t.timeout(30_000);
  const version = await run("version");
  assertOk(t, version);
  t.regex(version.stdout, /^Client:\n Version: +\d+\.\d+\.\d+/);
  t.regex(version.stdout, /Server:\n API: +swarm\.v1\n Cluster ID: +\w{25}/);
  const json = JSON.parse((await run("version", "--format", "json")).stdout) as {
    client: { version: string };
    server: { clusterId: string } | null;
  };
  t.regex(json.client.version, /^\d+\.\d+\.\d+/);
  t.truthy(json.server?.clusterId);
  // Nothing listens there: the client part alone, and success.
  const alone = await swarmctl(["version"], { host: "127.0.0.1:1" });
  assertOk(t, alone);
  t.notRegex(alone.stdout, /Server:/);
  // One readable line: which address and why, no gRPC text.
  const refused = await swarmctl(["service", "ls"], { host: "127.0.0.1:1" });
  assertOneLineError(t, refused, 1, /^Error: cannot reach manager at 127\.0\.0\.1:1: connection refused \(/);
  t.notRegex(refused.stderr, /UNAVAILABLE|No connection established|Resolution note/);
  assertOneLineError(
    t,
    await swarmctl(["service", "ls"], { env: { SWARM_HOST: "unix:///nonexistent/control.sock" } }),
    1,
    /^Error: cannot reach manager at unix:\/\/\/nonexistent\/control\.sock: no such socket \(is swarmd running\?/,
  );
  assertOneLineError(t, await swarmctl(["service", "ls"], { host: "not a host" }), 2, /--host/);
  assertOneLineError(
    t,
    await swarmctl(["service", "ls", "--tlscert", "cert.pem"], { host: host() }),
    2,
    /give all three/,
  );
  assertOneLineError(t, await swarmctl(["version", "--bogus"]), 2, /Nonexistent flag: --bogus/);
});
