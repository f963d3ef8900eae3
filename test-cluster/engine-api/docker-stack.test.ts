// Goal: `docker stack deploy|ls|services|ps|rm` with both real CLIs on a swarm-ts manager whose
// tasks are containers on the real dockerd (28.2 validates image references in Compose files,
// so stacks use the local busybox image rather than process:// programs). A Compose file of two
// services, an overlay network of the stack and an external one, a secret and a config: the first
// deploy creates everything with the stack's labels; a second deploy of the same file updates
// every object and restarts no task; changed secret data is refused as Docker refuses it; `stack
// rm` removes it all and the tasks' containers go.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { configDirFor, docker, dockerClis, type DockerResult, jsonLines, requireDockerClis } from "./docker-cli.js";
import { engineRequest } from "./engine-http.js";

let block: LoopbackBlock | undefined;
let cluster: LocalCluster | undefined;
let baseDir = "";
let socket = "";
/** Run-unique prefix of every stack, network and container this file makes. */
const prefix = `ea${process.pid % 100_000}`;
/** A published port in the 30000s, on the manager's own loopback address. */
const published = 30_000 + (process.pid % 2_000) + 500;

function ok(t: ExecutionContext, result: DockerResult, what: string): string {
  t.is(result.code, 0, `${what} failed: ${result.stderr}\n${result.stdout.slice(-800)}`);
  return result.stdout;
}

function composeFile(stack: string, external: string, port: number): string {
  return `version: "3.8"
services:
  web:
    image: ${testImage}
    command: ["sleep", "1000"]
    ports: ["${port}:80"]
    networks: [front]
    secrets: [s1]
    configs: [c1]
    deploy:
      replicas: 2
      labels: { role: web }
  worker:
    image: ${testImage}
    command: ["sleep", "1000"]
    networks: [front, outside]
networks:
  front:
    driver: overlay
  outside:
    external: true
    name: ${external}
secrets:
  s1:
    file: ./s1-${stack}.txt
configs:
  c1:
    file: ./c1-${stack}.txt
`;
}

/** This run's network-agent prefix: two characters that no concurrent run is likely to share. */
const netPrefix = `e${(process.pid % 36).toString(36)}`;
/** The overlays' pool: a /24 of 198.19.0.0/16 picked by pid. */
const overlayPool = `198.19.${process.pid % 250}.0/24`;

test.before(async (t) => {
  t.timeout(180_000);
  requireDockerClis();
  await ensureEngine();
  block = await claimLoopbackBlock("engine-api docker-stack test");
  baseDir = mkdtempSync(join(tmpdir(), "swarm-engine-api-stack-"));
  socket = join(baseDir, "manager.sock");
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 0,
    executor: "docker",
    block,
    logLevel: "warn",
    // One node on the host's own engine: its network agent makes the stack's overlays as Docker
    // bridge networks there, under a run-unique prefix, on a pool inside RFC 2544's range; `swarmd
    // leave` (down with purge) removes them.
    nodeArgs: ["--engine-api", `unix://${socket}`, "--network-agent", "auto", "--network-prefix", netPrefix],
    startArgs: (_node, verb) =>
      verb === "init" ? ["--default-addr-pool", overlayPool, "--default-addr-pool-mask-length", "26"] : [],
  });
  await until("the Engine API", async () =>
    (await engineRequest(socket, "GET", "/_ping")).status === 200 ? true : undefined,
  );
});

test.after.always(async () => {
  await cluster?.down({ purge: true });
  // Whatever a failed test left on the engine goes too (everything here carries the prefix).
  const engine = new Docker();
  for (const container of await engine.listContainers({ all: true, filters: { name: [prefix] } }).catch(() => []))
    await engine
      .getContainer(container.Id)
      .remove({ force: true })
      .catch(() => undefined);
  if (baseDir) rmSync(baseDir, { recursive: true, force: true });
  block?.release();
});

for (const cli of dockerClis) {
  test.serial(
    `docker stack deploy twice, ls, services, ps and rm with the ${cli.tag === "d20" ? "20.10" : "28.2"} CLI`,
    async (t) => {
      t.timeout(240_000);
      const stack = `${prefix}${cli.tag}`;
      const target = { host: `unix://${socket}`, configDir: configDirFor(baseDir, cli) };
      const run = (...args: string[]): Promise<DockerResult> => docker(cli, target, args, { cwd: baseDir });
      const external = `${stack}-ext`;
      writeFileSync(join(baseDir, `s1-${stack}.txt`), "secret one\n");
      writeFileSync(join(baseDir, `c1-${stack}.txt`), "config one\n");
      const file = join(baseDir, `${stack}.yml`);
      writeFileSync(file, composeFile(stack, external, published + (cli.tag === "d20" ? 0 : 1)));
      ok(t, await run("network", "create", "-d", "overlay", external), "external network");

      const first = ok(t, await run("stack", "deploy", "-c", file, stack), "stack deploy");
      t.regex(first, new RegExp(`Creating network ${stack}_front`));
      t.regex(first, new RegExp(`Creating secret ${stack}_s1`));
      t.regex(first, new RegExp(`Creating config ${stack}_c1`));
      t.regex(first, new RegExp(`Creating service ${stack}_web`));
      const services = await until(
        `${stack}'s services running`,
        async () => {
          const listed = jsonLines<{ Name: string; Replicas: string; Ports: string }>(
            (await run("stack", "services", stack, "--format", "{{json .}}")).stdout,
          );
          const replicas = Object.fromEntries(listed.map((s) => [s.Name, s.Replicas]));
          return replicas[`${stack}_web`] === "2/2" && replicas[`${stack}_worker`] === "1/1" ? listed : undefined;
        },
        120_000,
      );
      t.regex(services.find((s) => s.Name === `${stack}_web`)?.Ports ?? "", /->80\/tcp/);
      const stacks = jsonLines<{ Name: string; Services: string }>(
        ok(t, await run("stack", "ls", "--format", "{{json .}}"), "stack ls"),
      );
      t.is(stacks.find((s) => s.Name === stack)?.Services, "2");
      const tasks = jsonLines<{ ID: string; Name: string; CurrentState: string }>(
        ok(t, await run("stack", "ps", stack, "--format", "{{json .}}"), "stack ps"),
      );
      t.deepEqual(tasks.map((task) => task.Name).sort(), [`${stack}_web.1`, `${stack}_web.2`, `${stack}_worker.1`]);
      t.true(tasks.every((task) => task.CurrentState.startsWith("Running")));
      const labels = JSON.parse(
        ok(t, await run("service", "inspect", "--format", "{{json .Spec.Labels}}", `${stack}_web`), "labels"),
      ) as Record<string, string>;
      t.is(labels["com.docker.stack.namespace"], stack);
      t.is(labels.role, "web");
      const networkLabels = ok(
        t,
        await run("network", "inspect", "--format", "{{json .Labels}}", `${stack}_front`),
        "network labels",
      );
      t.regex(networkLabels, new RegExp(`"com.docker.stack.namespace":"${stack}"`));

      // Deployed again unchanged: every object is updated, no task is replaced.
      const versions = async (): Promise<string> =>
        (await run("service", "inspect", "--format", "{{.Version.Index}}", `${stack}_web`)).stdout.trim();
      const before = await versions();
      const second = ok(t, await run("stack", "deploy", "-c", file, stack), "stack deploy again");
      t.regex(second, new RegExp(`Updating service ${stack}_web`));
      t.not(await versions(), before);
      // A later change the orchestrator handles after the redeploy (commits apply in order): once the
      // scale has converged, a redeploy that dirtied the tasks would have started replacing them.
      ok(t, await run("service", "scale", "-d", `${stack}_web=3`), "scale");
      await until(`${stack}_web at 3`, async () =>
        jsonLines<{ Name: string; Replicas: string }>(
          (await run("stack", "services", stack, "--format", "{{json .}}")).stdout,
        ).find((s) => s.Name === `${stack}_web`)?.Replicas === "3/3"
          ? true
          : undefined,
      );
      const after = jsonLines<{ ID: string; Name: string; DesiredState: string }>(
        (await run("stack", "ps", stack, "--format", "{{json .}}")).stdout,
      );
      const kept = after.filter((task) => task.Name !== `${stack}_web.3`).map((task) => task.ID);
      t.deepEqual(kept.sort(), tasks.map((task) => task.ID).sort());
      const updateState = (
        await run(
          "service",
          "inspect",
          "--format",
          "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}",
          `${stack}_web`,
        )
      ).stdout.trim();
      t.is(updateState, "");

      // A secret's data cannot change under a running stack (Docker: only labels may be updated).
      writeFileSync(join(baseDir, `s1-${stack}.txt`), "secret two\n");
      const changed = await run("stack", "deploy", "-c", file, stack);
      t.not(changed.code, 0);
      t.regex(changed.stderr, /data cannot change/);

      ok(t, await run("stack", "rm", stack), "stack rm");
      await until(`${stack} gone`, async () => {
        const left = (await run("stack", "ls", "--format", "{{.Name}}")).stdout.split("\n").includes(stack);
        const tasksLeft = (
          await run("service", "ls", "--filter", `label=com.docker.stack.namespace=${stack}`, "-q")
        ).stdout.trim();
        return !left && tasksLeft === "" ? true : undefined;
      });
      t.notRegex((await run("secret", "ls", "--format", "{{.Name}}")).stdout, new RegExp(`${stack}_s1`));
      t.notRegex((await run("network", "ls", "--format", "{{.Name}}")).stdout, new RegExp(`${stack}_front`));
      const engine = new Docker();
      await until(`${stack}'s containers removed`, async () =>
        (await engine.listContainers({ all: true, filters: { name: [stack] } })).length === 0 ? true : undefined,
      );
      ok(t, await run("network", "rm", external), "external network rm");
    },
  );
}
