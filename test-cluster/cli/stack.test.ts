// Goal: the stack round trip against a real manager and agents: deploy from Compose files (a
// dependency first), ls, services, ps, a re-deploy that changes only what differs, --prune, rm,
// and one readable line with line number for an invalid file; the stack's own networks (the
// default one, aliases by short name, the host network) created with it and removed with it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { cliClusterForFile } from "./fixture.js";

const { run } = cliClusterForFile(test);
const dir = mkdtempSync(join(tmpdir(), "swarmctl-stack-"));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const stack = (webReplicas: number, withWorker: boolean): string => `
services:
  db:
    image: redis-server
    deploy:
      replicas: 1
  web:
    image: busybox
    command: ["sleep", "3600"]
    environment:
      DB: db
    depends_on: [db]
    deploy:
      replicas: ${webReplicas}
${withWorker ? '  worker:\n    image: busybox\n    command: ["sleep", "60"]\n' : ""}`;

test.serial("stack deploy, ls, services, ps, update, prune and rm", async (t) => {
  t.timeout(90_000);
  const file = join(dir, "stack.yml");
  writeFileSync(file, stack(2, true));
  const deploy = await run("stack", "deploy", "-c", file, "app");
  assertOk(t, deploy);
  // depends_on: db is created (and converges) before web.
  t.true(deploy.stdout.indexOf("Creating service app_db") < deploy.stdout.indexOf("Creating service app_web"));

  t.regex((await run("stack", "ls")).stdout, /^app +3$/m);
  const services = await run("stack", "services", "app");
  t.regex(services.stdout, /app_web +replicated +2\/2/);
  t.regex(services.stdout, /app_db +replicated +1\/1/);
  t.is((await run("stack", "ps", "app", "-q")).stdout.trim().split("\n").length, 4);

  // Unchanged files change nothing; a changed replica count updates web only; --prune removes worker.
  t.regex((await run("stack", "deploy", "-c", file, "app")).stdout, /Stack app is up to date/);
  writeFileSync(file, stack(3, false));
  const update = await run("stack", "deploy", "-c", file, "--prune", "app");
  assertOk(t, update);
  t.regex(update.stdout, /Updating service app_web/);
  t.regex(update.stdout, /Removing service app_worker/);
  t.notRegex(update.stdout, /app_db/);
  t.regex((await run("stack", "services", "app")).stdout, /app_web +replicated +3\/3/);

  const rm = await run("stack", "rm", "app");
  assertOk(t, rm);
  t.is((await run("stack", "ls", "--format", "json")).stdout.trim(), "[]");

  writeFileSync(file, "services:\n  web:\n    image: busybox\n    deploy:\n      replicas: many\n");
  assertOneLineError(
    t,
    await run("stack", "deploy", "-c", file, "app"),
    1,
    /stack\.yml:5: services\.web\.deploy\.replicas/,
  );
});

test.serial("stack networks: created with the stack, services on them by short name, removed with it", async (t) => {
  t.timeout(90_000);
  const file = join(dir, "voting.yml");
  // The voting app's shape: five services on two networks, each reaching the others by short name.
  writeFileSync(
    file,
    `
services:
  redis: { image: redis-server, networks: [frontend] }
  db: { image: busybox, networks: { backend: { aliases: [postgres] } } }
  vote: { image: busybox, networks: [frontend] }
  result: { image: busybox, networks: [backend] }
  worker: { image: busybox, networks: [frontend, backend] }
  probe: { image: busybox }
  edge: { image: busybox, network_mode: host }
networks:
  frontend: {}
  backend:
    driver_opts: { com.docker.network.driver.mtu: "1400" }
    ipam: { config: [{ subnet: 10.91.0.0/24 }] }
    labels: { tier: data }
`,
  );
  const deploy = await run("stack", "deploy", "-c", file, "vote");
  assertOk(t, deploy);
  t.regex(
    deploy.stdout,
    /^Creating network vote_backend\nCreating network vote_default\nCreating network vote_frontend\n/,
  );
  const ls = await run(
    "network",
    "ls",
    "--filter",
    "label=com.docker.stack.namespace=vote",
    "--format",
    "{{.Name}} {{.Subnet}}",
  );
  t.regex(ls.stdout, /^vote_backend 10\.91\.0\.0\/24\nvote_default \S+\nvote_frontend \S+\n$/);
  const [backend] = JSON.parse((await run("network", "inspect", "vote_backend")).stdout) as {
    id: string;
    mtu: number;
    spec: { annotations: { labels: Record<string, string> } };
  }[];
  t.is(backend?.mtu, 1400);
  t.is(backend?.spec.annotations.labels.tier, "data");
  const attachments = async (service: string): Promise<[string, string[]][]> =>
    (
      JSON.parse((await run("service", "inspect", "--format", "{{json .Spec.Task.Networks}}", service)).stdout) as
        { target: string; aliases?: string[] }[] | null
    )?.map((a) => [a.target, a.aliases ?? []]) ?? [];
  t.deepEqual(await attachments("vote_db"), [[backend!.id, ["postgres", "db"]]]);
  t.is((await attachments("vote_worker")).length, 2);
  t.deepEqual(await attachments("vote_edge"), [["host", []]]);
  t.is((await attachments("vote_probe"))[0]?.[1][0], "probe", "a service naming no network joins the default one");
  t.regex((await run("stack", "deploy", "-c", file, "vote")).stdout, /Stack vote is up to date/);
  const rm = await run("stack", "rm", "vote");
  assertOk(t, rm);
  t.regex(rm.stdout, /Removing network vote_backend/);
  t.is((await run("network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=vote")).stdout, "");
});
