// Goal: `swarmctl service …` against a real manager and agents: create with Docker's flags
// converges with progress, ls/ps/inspect show it (table, --quiet, --format json, templates),
// update/scale/rollback converge, rm removes, and every kind of mistake gives one readable line.
import test from "ava";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { cliClusterForFile } from "./fixture.js";

const { run } = cliClusterForFile(test);

test.serial("service create converges with progress and ls, ps and inspect show the service", async (t) => {
  t.timeout(60_000);
  const created = await run(
    "service",
    "create",
    "--name",
    "web",
    "--replicas",
    "3",
    "-p",
    "8080:80",
    "--publish",
    "published=9090,target=90,protocol=udp",
    "-e",
    "MODE=fast",
    "--label",
    "team=a",
    "--limit-memory",
    "64M",
    "--reserve-cpu",
    "0.5",
    "--restart-delay",
    "1m30s",
    "--update-order",
    "start-first",
    "--health-cmd",
    "true",
    "--health-interval",
    "10s",
    "--mount",
    "type=tmpfs,target=/scratch",
    "--constraint",
    "node.role!=manager-x",
    "busybox",
    "sleep",
    "-x",
    "100",
  );
  assertOk(t, created);
  const [id, ...progress] = created.stdout.split("\n");
  t.regex(id ?? "", /^[0-9a-z]{25}$/);
  t.true(progress.includes("overall progress: 3 out of 3 tasks"));
  t.regex(created.stdout, /^3\/3: running +\[=+>\]$/m);
  t.true(progress.includes("verify: Service converged"));

  const ls = await run("service", "ls");
  assertOk(t, ls);
  t.regex(ls.stdout, /^ID +NAME +MODE +REPLICAS +IMAGE +PORTS$/m);
  t.regex(ls.stdout, /^\w{12} +web +replicated +3\/3 +busybox +\*:8080->80\/tcp, \*:9090->90\/udp$/m);
  t.is((await run("service", "ls", "-q")).stdout, `${id}\n`);
  const json = JSON.parse((await run("service", "ls", "--format", "json")).stdout) as Record<string, string>[];
  t.like(json[0], { Name: "web", Mode: "replicated", Replicas: "3/3" });
  t.is((await run("service", "ls", "--format", "{{.Name}}|{{.Replicas}}", "--filter", "name=web")).stdout, "web|3/3\n");

  const ps = await run("service", "ps", "web");
  assertOk(t, ps);
  t.regex(ps.stdout, /^ID +NAME +IMAGE +NODE +DESIRED STATE +CURRENT STATE +ERROR +PORTS$/m);
  t.regex(ps.stdout, /^\w{12} +web\.1 +busybox +(manager|worker)-host +Running +Running .* ago/m);
  t.is((await run("service", "ps", "-q", "web")).stdout.trim().split("\n").length, 3);

  const inspect = await run("service", "inspect", "web", id!.slice(0, 6));
  assertOk(t, inspect);
  const [byName, byPrefix] = JSON.parse(inspect.stdout) as {
    id: string;
    spec: {
      annotations: { labels: Record<string, string> };
      task: {
        container: {
          args: string[];
          env: string[];
          mounts: unknown[];
          healthcheck: { test: string[]; intervalNs: number };
        };
        resources: { limits: { memoryBytes: number }; reservations: { nanoCpus: number } };
        restart: { delayNs: number };
      };
      update: { order: string };
    };
  }[];
  t.is(byName?.id, id);
  t.is(byPrefix?.id, id);
  const spec = byName!.spec;
  t.deepEqual(spec.task.container.args, ["sleep", "-x", "100"]);
  t.deepEqual(spec.task.container.env, ["MODE=fast"]);
  t.deepEqual(spec.annotations.labels, { team: "a" });
  t.is(spec.task.resources.limits.memoryBytes, 64 * 1024 * 1024);
  t.is(spec.task.resources.reservations.nanoCpus, 0.5e9);
  t.is(spec.task.restart.delayNs, 90e9);
  t.deepEqual(spec.task.container.healthcheck.test, ["CMD-SHELL", "true"]);
  t.is(spec.task.container.healthcheck.intervalNs, 10e9);
  t.is(spec.update.order, "ORDER_START_FIRST");
  t.is(
    (await run("service", "inspect", "--format", "{{.Spec.Annotations.Name}} {{json .Spec.Task.Container.Env}}", "web"))
      .stdout,
    'web ["MODE=fast"]\n',
  );
});

test.serial("service update, scale and rollback converge and change the spec", async (t) => {
  t.timeout(90_000);
  const update = await run(
    "service",
    "update",
    "--image",
    "busybox:1.36",
    "--env-add",
    "B=2",
    "--env-rm",
    "MODE",
    "--publish-rm",
    "80",
    "--label-rm",
    "team",
    "--update-monitor",
    "0s",
    "--restart-delay",
    "0s",
    "web",
  );
  assertOk(t, update);
  t.regex(update.stdout, /^web\n/);
  t.regex(update.stdout, /verify: Service converged/);
  const after = JSON.parse((await run("service", "inspect", "web")).stdout) as {
    spec: {
      task: { container: { image: string; env: string[] } };
      endpoint: { ports: unknown[] };
      annotations: { labels?: object };
    };
  }[];
  t.is(after[0]?.spec.task.container.image, "busybox:1.36");
  t.deepEqual(after[0]?.spec.task.container.env, ["B=2"]);
  t.is(after[0]?.spec.endpoint.ports.length, 1);

  const scale = await run("service", "scale", "web=1");
  assertOk(t, scale);
  t.regex(scale.stdout, /^web scaled to 1\n/);
  t.regex(scale.stdout, /overall progress: 1 out of 1 tasks/);
  t.is(
    (await run("service", "ps", "-q", "--filter", "desired-state=running", "web")).stdout.trim().split("\n").length,
    1,
  );

  const rollback = await run("service", "rollback", "web");
  assertOk(t, rollback);
  t.regex(rollback.stdout, /verify: Service converged/);
  t.is((await run("service", "ls", "--format", "{{.Replicas}}")).stdout, "3/3\n");
  // Rolling back swaps the spec with the previous one, so `update --rollback` goes back to the scale.
  const viaUpdate = await run("service", "update", "--rollback", "web");
  assertOk(t, viaUpdate);
  t.regex(viaUpdate.stdout, /^web\n/);
  t.regex(viaUpdate.stdout, /rollback: manually requested rollback/);
  t.regex(viaUpdate.stdout, /verify: Service converged/);
  t.is((await run("service", "ls", "--format", "{{.Replicas}}")).stdout, "1/1\n");

  const detached = await run("service", "update", "-d", "--force", "web");
  assertOk(t, detached);
  t.is(detached.stdout, "web\n");
});

test.serial("service commands report bad flags, bad values and server refusals in one line", async (t) => {
  t.timeout(60_000);
  assertOneLineError(t, await run("service", "create", "--bogus", "busybox"), 2, /Nonexistent flag: --bogus/);
  assertOneLineError(t, await run("service", "create", "--replicas", "x", "busybox"), 2, /--replicas/);
  assertOneLineError(
    t,
    await run("service", "create", "--limit-memory", "12X", "busybox"),
    2,
    /--limit-memory: must be a size such as "64M" or "1g", got "12X"/,
  );
  assertOneLineError(t, await run("service", "create", "--publish", "80:x", "busybox"), 2, /--publish/);
  assertOneLineError(
    t,
    await run("service", "create", "--mode", "global", "--replicas", "2", "busybox"),
    2,
    /--replicas/,
  );
  assertOneLineError(
    t,
    await run("service", "create", "--name", "bad", "Not_An_Image!"),
    1,
    /spec\.task\.container\.image/,
  );
  assertOneLineError(t, await run("service", "create", "--name", "web", "busybox"), 1, /already exists/);
  assertOneLineError(
    t,
    await run("service", "update", "--reserve-memory", "2G", "--limit-memory", "1G", "-d", "web"),
    1,
    /reservations\.memoryBytes/,
  );
  assertOneLineError(t, await run("service", "inspect", "nope"), 1, /nope not found/);
  assertOneLineError(t, await run("service", "scale", "web"), 2, /SERVICE=REPLICAS/);
  assertOneLineError(t, await run("service", "bogus"), 2, /command "service bogus" not found/);
  assertOneLineError(t, await run("service", "ls", "--filter", "colour=red"), 2, /--filter/);
});

test.serial(
  "service create of a global service converges; service rm removes several and reports the missing one",
  async (t) => {
    t.timeout(60_000);
    const global = await run("service", "create", "--name", "agent", "--mode", "global", "busybox");
    assertOk(t, global);
    t.regex(global.stdout, /overall progress: 2 out of 2 tasks/);
    t.is(
      (await run("service", "ls", "--filter", "mode=global", "--format", "{{.Name}} {{.Mode}} {{.Replicas}}")).stdout,
      "agent global 2/2\n",
    );
    const rm = await run("service", "rm", "agent", "web", "nope");
    assertOneLineError(t, { ...rm, stderr: rm.stderr.split("\n")[0]! }, 1, /nope not found/);
    t.is(rm.stdout, "agent\nweb\n");
    t.is((await run("service", "ls", "-q")).stdout, "");
  },
);

test.serial("service logs streams every task's lines with Docker's prefix", async (t) => {
  t.timeout(30_000);
  const created = await run("service", "create", "--name", "talker", "--replicas", "2", "busybox");
  assertOk(t, created);
  const logs = await run("service", "logs", "--tail", "5", "talker");
  assertOk(t, logs);
  // The fake executor writes one line per started task; each is prefixed "talker.<slot>.<task id>@<host>    | ".
  const lines = logs.stdout.split("\n").filter((l) => l !== "");
  t.is(lines.length, 2, logs.stdout);
  for (const line of lines) t.regex(line, /^talker\.[12]\.(\w+)@\S+ +\| fake task (\w+) started$/);
  for (const line of lines) {
    const [, prefixId, lineId] = /^talker\.\d\.(\w+)@\S+ +\| fake task (\w+) started$/.exec(line) ?? [];
    t.is(prefixId, lineId);
  }
  const raw = await run("service", "logs", "--raw", "--tail", "0", "talker");
  assertOk(t, raw);
  t.is(raw.stdout, "");
  assertOneLineError(t, await run("service", "logs", "--tail", "many", "talker"), 2, /--tail/);
  assertOneLineError(t, await run("service", "logs", "--since", "yesterday", "talker"), 2, /--since/);
});
