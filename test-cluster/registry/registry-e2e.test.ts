// Goal: images through real registries (Debian's docker-registry) with real swarmd processes on the
// real Docker Engine. One manager and one worker share the host's engine (their containers carry
// their node ids), so the "node lacks the image" case is made by removing the image from the engine
// before the tasks start: both nodes then pull by digest. Covered: pinning on create (the
// registry's digest recorded, a moved tag not followed by new tasks on either node, `--force`
// re-pinning to the moved tag), a TLS registry whose CA the engine reads from certs.d, a private
// (htpasswd) registry refused without `--with-registry-auth` with the operator's message and pulled
// with it (swarmctl, and the docker CLI through the Engine API), credentials absent from `service
// inspect`, the Engine API's service JSON and every file under the nodes' state dirs, and an
// unreachable registry leaving the image unpinned with the CLI's warning.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { type CliResult, swarmctl } from "../cli/fixture.js";
import { engineRequest } from "../engine-api/engine-http.js";
import { type SlowLink, startSlowLink } from "./slow-link.js";
import { pushImage, startRegistry, type TestRegistry } from "./test-registry.js";

const run = promisify(execFile);
const prefix = `swreg${process.pid}`;
const docker = new Docker();
/** busybox's sleep, as PID 1, ignores SIGTERM: stop tasks with SIGKILL at once, not after the 10 s grace. */
const quickStop = ["--stop-grace-period", "0s"];

let block: LoopbackBlock | undefined;
let cluster: LocalCluster | undefined;
let tls: TestRegistry | undefined;
let auth: TestRegistry | undefined;
let plain: TestRegistry | undefined;
/** The plain registry behind a slow link, so that a pull through it lasts seconds. */
let slow: SlowLink | undefined;
/** The slow link's rate, in bytes per second: about 6 s for the slow image's random layer. */
const slowLinkBytesPerSecond = 256 * 1024;
/** The slow image's random (so incompressible) layer, in bytes. */
const slowLayerBytes = 1_500_000;
let baseDir = "";
let socket = "";
/** Local images this file made, removed at the end. */
const madeImages: string[] = [];

const ctl = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
  swarmctl(args, {
    host: cluster!.controlTarget,
    env: { DOCKER_CONFIG: join(baseDir, "no-docker-config"), ...env },
    pin: true,
  });

/** An image of its own for `variant` (a label makes its config, so its digest, differ). */
async function makeImage(variant: string): Promise<{ name: string; id: string }> {
  const container = await docker.createContainer({ Image: testImage, Cmd: ["true"], name: `${prefix}-mk-${variant}` });
  try {
    const name = `${prefix}/img:${variant}`;
    const made = (await container.commit({
      repo: `${prefix}/img`,
      tag: variant,
      changes: `LABEL variant=${variant}`,
    })) as {
      Id: string;
    };
    madeImages.push(name);
    return { name, id: made.Id };
  } finally {
    await container.remove({ force: true });
  }
}

/** Removes every local tag and digest reference of `repo` (a registry repository), so a task must pull it. */
async function forgetLocally(repo: string): Promise<void> {
  for (const image of await docker.listImages({ filters: { reference: [repo] } }))
    for (const ref of [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])])
      if (ref.startsWith(`${repo}:`) || ref.startsWith(`${repo}@`))
        await docker
          .getImage(ref)
          .remove({ noprune: true })
          .catch(() => undefined);
}

/** The running containers of a service: node id, image id, container id. */
async function runningImages(service: string): Promise<{ node: string; image: string; container: string }[]> {
  const containers = await docker.listContainers({ filters: { label: [`io.swarm-ts.service.name=${service}`] } });
  return containers.map((c) => ({ node: c.Labels["io.swarm-ts.node.id"] ?? "", image: c.ImageID, container: c.Id }));
}

function ok(t: ExecutionContext, result: CliResult): string {
  t.is(result.code, 0, `${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The service's image as `service inspect` shows it. */
async function specImage(service: string): Promise<string> {
  return (await ctl(["service", "inspect", "--format", "{{.Spec.Task.Container.Image}}", service])).stdout.trim();
}

test.before(async (t) => {
  t.timeout(240_000);
  await ensureEngine();
  block = await claimLoopbackBlock("registry e2e test");
  baseDir = mkdtempSync(join(tmpdir(), "swarm-registry-e2e-"));
  socket = join(baseDir, "engine.sock");
  tls = await startRegistry({ mode: "tls", block, host: 250 });
  auth = await startRegistry({ mode: "auth", block, host: 251 });
  plain = await startRegistry({ mode: "plain", block, host: 247 });
  slow = await startSlowLink(plain.host, block.addr(248), slowLinkBytesPerSecond);
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 1,
    executor: "docker",
    block,
    logLevel: "warn",
    nodeArgs: (node) => [
      "--network-agent",
      "off",
      ...(node.name === "manager-1" ? ["--engine-api", `unix://${socket}`] : []),
    ],
  });
});

test.after.always(async () => {
  await cluster?.down({ purge: true });
  const engine = new Docker();
  for (const container of await engine.listContainers({ all: true, filters: { name: [prefix] } }).catch(() => []))
    await engine
      .getContainer(container.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const registry of [tls, auth]) if (registry) await forgetLocally(`${registry.host}/${prefix}/app`);
  for (const host of [plain?.host, slow?.host]) if (host) await forgetLocally(`${host}/${prefix}/slow`);
  for (const image of madeImages)
    await engine
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  await slow?.stop();
  for (const registry of [tls, auth, plain]) await registry?.stop();
  if (baseDir) rmSync(baseDir, { recursive: true, force: true });
  block?.release();
});

test.serial(
  "a pinned service runs the same digest on both nodes after its tag moved, and --force pins the new one",
  async (t) => {
    t.timeout(240_000);
    const repo = `${tls!.host}/${prefix}/app`;
    const v1 = await makeImage("v1");
    const v2 = await makeImage("v2");
    const digest1 = await pushImage(docker, tls!, v1.name, `${prefix}/app`, "latest");
    const service = `${prefix}-pinned`;
    const created = await ctl([
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--name",
      service,
      "--replicas",
      "2",
      "--update-parallelism",
      "0",
      `${repo}:latest`,
      "sleep",
      "3600",
    ]);
    ok(t, created);
    t.is(created.stderr, "", "a reachable registry pins without a warning");
    t.is(await specImage(service), `${repo}:latest@${digest1}`);
    await until(
      "both tasks running v1",
      async () => {
        const running = await runningImages(service);
        return running.length === 2 && running.every((r) => r.image === v1.id) ? running : undefined;
      },
      120_000,
    );

    // The tag moves and the engine forgets the repository; a forced redeploy that does not ask the
    // registry again starts new tasks on both nodes, which must pull the pinned digest.
    const digest2 = await pushImage(docker, tls!, v2.name, `${prefix}/app`, "latest");
    t.not(digest2, digest1);
    await forgetLocally(repo);
    const before = new Set((await runningImages(service)).map((r) => r.container));
    ok(t, await ctl(["service", "update", "--detach", "--force", "--no-resolve-image", service]));
    const again = await until(
      "two new tasks running",
      async () => {
        const running = await runningImages(service);
        return running.length === 2 && running.every((r) => !before.has(r.container)) ? running : undefined;
      },
      120_000,
    );
    t.deepEqual([...new Set(again.map((r) => r.image))], [v1.id], "every new task runs the pinned v1");
    t.is(new Set(again.map((r) => r.node)).size, 2, "on both nodes");
    t.is(await specImage(service), `${repo}:latest@${digest1}`);

    // --force asks the registry again: the tasks move to v2.
    const forced = await ctl(["service", "update", "--detach", "--force", service]);
    ok(t, forced);
    t.is(await specImage(service), `${repo}:latest@${digest2}`);
    await until(
      "every task running v2",
      async () => {
        const running = await runningImages(service);
        return running.length === 2 && running.every((r) => r.image === v2.id) ? running : undefined;
      },
      180_000,
    );
    ok(t, await ctl(["service", "rm", service]));
  },
);

test.serial("a private registry refuses a service without --with-registry-auth and serves it with", async (t) => {
  t.timeout(240_000);
  const repo = `${auth!.host}/${prefix}/app`;
  const v3 = await makeImage("v3");
  const digest = await pushImage(docker, auth!, v3.name, `${prefix}/app`, "1.0");
  await forgetLocally(repo);
  const { username, password } = auth!.credentials!;
  const encoded = Buffer.from(`${username}:${password}`).toString("base64");
  const configDir = join(baseDir, "docker-config");
  rmSync(configDir, { recursive: true, force: true });
  await run("mkdir", ["-p", configDir]);
  writeFileSync(join(configDir, "config.json"), JSON.stringify({ auths: { [auth!.host]: { auth: encoded } } }));

  // Without credentials: unpinned with the warning, and the task refused with what to do.
  const bare = `${prefix}-bare`;
  const refused = await ctl([
    "service",
    "create",
    "--detach",
    ...quickStop,
    "--name",
    bare,
    `${repo}:1.0`,
    "sleep",
    "3600",
  ]);
  ok(t, refused);
  t.regex(refused.stderr, /could not be accessed on a registry to record its digest.*asks for credentials/);
  const message = await until(
    "the task rejected",
    async () => {
      const ps = (await ctl(["service", "ps", "--no-trunc", bare])).stdout;
      return /Rejected/.test(ps) ? ps : undefined;
    },
    120_000,
  );
  t.regex(message, /the registry asks for credentials and the service has none.*--with-registry-auth/);
  ok(t, await ctl(["service", "rm", bare]));

  // With them: pinned (the manager read the registry with the service's credentials) and running.
  const service = `${prefix}-private`;
  const created = await ctl(
    [
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--with-registry-auth",
      "--name",
      service,
      `${repo}:1.0`,
      "sleep",
      "3600",
    ],
    { DOCKER_CONFIG: configDir },
  );
  ok(t, created);
  t.is(created.stderr, "");
  t.is(await specImage(service), `${repo}:1.0@${digest}`);
  await until(
    "the private task running",
    async () => {
      const running = await runningImages(service);
      return running.length === 1 && running[0]!.image === v3.id ? running : undefined;
    },
    120_000,
  );

  // An update without the flag keeps the stored credentials: a forced redeploy pulls again.
  await forgetLocally(repo);
  ok(t, await ctl(["service", "update", "--detach", "--force", service]));
  await until(
    "the redeployed task running",
    async () => {
      const containers = await docker.listContainers({ filters: { label: [`io.swarm-ts.service.name=${service}`] } });
      return containers.length === 1 && containers[0]!.ImageID === v3.id && containers[0]!.Created > 0
        ? true
        : undefined;
    },
    120_000,
  );

  // The docker CLI through the Engine API: X-Registry-Auth and /distribution pin it the same way.
  const viaDocker = `${prefix}-docker`;
  const dockerEnv = { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: configDir };
  await run(
    "/usr/bin/docker",
    [
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--with-registry-auth",
      "--name",
      viaDocker,
      `${repo}:1.0`,
      "sleep",
      "3600",
    ],
    { env: dockerEnv },
  );
  const { stdout: dockerImage } = await run(
    "/usr/bin/docker",
    ["service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", viaDocker],
    { env: dockerEnv },
  );
  t.is(dockerImage.trim(), `${repo}:1.0@${digest}`);
  await until(
    "the docker CLI's task running",
    async () => ((await runningImages(viaDocker)).length === 1 ? true : undefined),
    120_000,
  );

  // The credentials are nowhere to be read: not in inspect, not in the Engine API, not on disk.
  const secrets = [password, encoded, Buffer.from(JSON.stringify({ username })).toString("base64url").slice(0, 12)];
  const inspected = (await ctl(["service", "inspect", service])).stdout;
  const engineJson = (await engineRequest(socket, "GET", `/services/${viaDocker}`)).text;
  const tasksJson = (await engineRequest(socket, "GET", "/tasks")).text;
  for (const text of [inspected, engineJson, tasksJson, (await ctl(["service", "ps", "--no-trunc", service])).stdout])
    for (const secret of [password, encoded]) t.false(text.includes(secret));
  t.false(inspected.includes("pullOptions"), "inspect shows no pull options");
  for (const node of cluster!.nodes)
    for (const file of filesUnder(node.stateDir)) {
      const bytes = readFileSync(file);
      for (const secret of secrets) t.false(bytes.includes(Buffer.from(secret)), `${file} holds a credential`);
    }
  ok(t, await ctl(["service", "rm", service, viaDocker]));
});

test.serial(
  "an unreachable registry leaves the image unpinned with a warning; --no-resolve-image asks nothing",
  async (t) => {
    t.timeout(60_000);
    const gone = `${block!.addr(252)}:9/${prefix}/app:1.0`;
    const created = await ctl([
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--name",
      `${prefix}-gone`,
      gone,
      "sleep",
      "1",
    ]);
    ok(t, created);
    t.regex(
      created.stderr,
      /^image .* could not be accessed on a registry to record its digest \(.*cannot be reached/m,
    );
    t.is(await specImage(`${prefix}-gone`), gone);
    const quiet = await ctl([
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--no-resolve-image",
      "--name",
      `${prefix}-quiet`,
      gone,
      "sleep",
      "1",
    ]);
    ok(t, quiet);
    t.is(quiet.stderr, "");
    ok(t, await ctl(["service", "rm", `${prefix}-gone`, `${prefix}-quiet`]));
  },
);

test.serial("a slow pull shows its layers in service ps while the task prepares", async (t) => {
  t.timeout(180_000);
  // An image whose top layer is random bytes, pushed, then removed from the engine with that
  // layer: a task must fetch the layer again, through the slow link.
  const container = await docker.createContainer({
    Image: testImage,
    Cmd: ["sh", "-c", `head -c ${slowLayerBytes} /dev/urandom > /blob`],
    name: `${prefix}-mk-slow`,
  });
  let source = "";
  try {
    await container.start();
    await container.wait();
    source = `${prefix}/img:slow`;
    await container.commit({ repo: `${prefix}/img`, tag: "slow" });
  } finally {
    await container.remove({ force: true });
  }
  await pushImage(docker, plain!, source, `${prefix}/slow`, "1");
  await docker.getImage(source).remove({ force: true });
  await docker.getImage(`${plain!.host}/${prefix}/slow:1`).remove({ force: true });

  const service = `${prefix}-slow`;
  ok(
    t,
    await ctl([
      "service",
      "create",
      "--detach",
      ...quickStop,
      "--name",
      service,
      `${slow!.host}/${prefix}/slow:1`,
      "sleep",
      "3600",
    ]),
  );
  const preparing = await until(
    "the pull's progress in CURRENT STATE",
    async () => {
      const state = (await ctl(["service", "ps", "--format", "{{.CurrentState}}", service])).stdout.trim();
      return /^Preparing .* \(\d+\/\d+ layers pulled\)$/.test(state) ? state : undefined;
    },
    120_000,
  );
  t.log(`seen: ${preparing}`);
  await until(
    "the task running",
    async () => ((await runningImages(service)).length === 1 ? true : undefined),
    120_000,
  );
  t.regex(
    (await ctl(["service", "ps", "--format", "{{.CurrentState}}", service])).stdout,
    /^Running [^(]*$/,
    "a running task shows no pull progress",
  );
  ok(t, await ctl(["service", "rm", service]));
});

/** Every regular file under `dir`. */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile()) files.push(path);
    }
  };
  walk(dir);
  return files;
}
