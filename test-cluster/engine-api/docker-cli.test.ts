// Goal: the real docker CLIs (20.10 and 28.2) drive a real swarm-ts cluster through its Engine API
// as they drive Docker Swarm: swarmd processes (a manager and two workers on a claimed loopback
// block, process executor) with `--engine-api` on the manager's unix socket and TCP (mutual TLS),
// and on a worker. Every command group runs with both clients: version and info, nodes,
// services (detached and attached, so the progress bars run to completion), secrets, configs,
// networks, swarm settings (init, join and leave answered as Docker answers a node in a swarm),
// events; then raw requests checked against Docker's own API schema, the calls of Traefik's and
// Portainer's Swarm providers replayed with a plain HTTP client, dockerode as a second client, a
// worker's answers, TLS with and without a client certificate, a manager restarted locked and
// unlocked with `docker swarm unlock`, one node promoted and demoted three times (by both CLIs and
// swarmctl) and removed, and, last, the root CA rotated by `docker swarm ca --rotate` three ways
// (a new root, and an external CA's root; an operator's root with a key not its own is refused),
// waiting on the progress bars.
import { X509Certificate } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { createRootCa } from "../../manager/index.js";
import { freePort } from "../../raft/index.js";
import { swarmctl } from "../cli/fixture.js";
import { type ClusterNode, LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import {
  configDirFor,
  docker,
  type DockerCli,
  dockerClis,
  dockerFollow,
  type DockerResult,
  type DockerTarget,
  jsonLines,
  requireDockerClis,
} from "./docker-cli.js";
import { engineRequest, engineStreamLines } from "./engine-http.js";
import { schemaProblems } from "./docker-schema.js";
import { startFakeCfssl } from "../scenarios/fake-cfssl.js";

let block: LoopbackBlock | undefined;
let cluster: LocalCluster | undefined;
let baseDir = "";
let tlsPort = 0;
/** The manager's and worker-1's Engine API sockets. */
const sockets = { manager: "", worker: "" };
/** A published port in the 30000s; every node has its own address, so only this run uses it there. */
const published = 30_000 + (process.pid % 2_000) + 300;

const manager = (): ClusterNode => cluster!.nodes.find((n) => n.name === "manager-1")!;
const target = (cli: DockerCli, socket = sockets.manager): DockerTarget => ({
  host: `unix://${socket}`,
  configDir: configDirFor(baseDir, cli),
});
const run = (cli: DockerCli, ...args: string[]): Promise<DockerResult> => docker(cli, target(cli), args);

function ok(t: ExecutionContext, result: DockerResult, what: string): string {
  t.is(result.code, 0, `${what} failed: ${result.stderr}\n${result.stdout.slice(-800)}`);
  return result.stdout;
}

function failed(t: ExecutionContext, result: DockerResult, pattern: RegExp, what: string): void {
  t.not(result.code, 0, `${what} should fail: ${result.stdout}`);
  t.regex(result.stderr, pattern, what);
}

test.before(async (t) => {
  t.timeout(180_000);
  requireDockerClis();
  block = await claimLoopbackBlock("engine-api docker-cli test");
  baseDir = mkdtempSync(join(tmpdir(), "swarm-engine-api-"));
  sockets.manager = join(baseDir, "manager.sock");
  sockets.worker = join(baseDir, "worker.sock");
  tlsPort = await freePort(block.addr(1));
  cluster = await LocalCluster.up({
    baseDir,
    managers: 1,
    workers: 2,
    executor: "process",
    block,
    logLevel: process.env.SWARM_ENGINE_API_LOG_LEVEL ?? "warn",
    nodeArgs: (node) => {
      if (node.name === "manager-1")
        return [
          "--engine-api",
          `unix://${sockets.manager}`,
          "--engine-api",
          `tcp://${node.ip}:${tlsPort}`,
          "--engine-api-san",
          node.ip,
        ];
      if (node.name === "worker-1") return ["--engine-api", `unix://${sockets.worker}`];
      return [];
    },
  });
  await until("the manager's Engine API", async () =>
    (await engineRequest(sockets.manager, "GET", "/_ping")).status === 200 ? true : undefined,
  );
});

test.after.always(async () => {
  await cluster?.down({ purge: true });
  if (baseDir && !process.env.SWARM_ENGINE_API_KEEP) rmSync(baseDir, { recursive: true, force: true });
  block?.release();
});

test.serial(
  "docker version, info and ping describe the serving manager; versions step down; other routes are refused",
  async (t) => {
    t.timeout(60_000);
    const ping = await engineRequest(sockets.manager, "HEAD", "/_ping");
    t.is(ping.status, 200);
    t.is(ping.headers["api-version"], "1.44");
    t.is(ping.headers.ostype, "linux");
    t.is(ping.headers.swarm, "active/manager");
    t.is(ping.headers["docker-experimental"], "false");
    for (const cli of dockerClis) {
      const versions = ok(
        t,
        await run(
          cli,
          "version",
          "--format",
          "{{.Client.APIVersion}} {{.Server.APIVersion}} {{.Server.Platform.Name}}",
        ),
        "version",
      );
      t.is(versions.trim(), `${cli.apiVersion} 1.44 swarm-ts`);
      const info = JSON.parse(ok(t, await run(cli, "info", "--format", "{{json .Swarm}}"), "info")) as {
        NodeID: string;
        LocalNodeState: string;
        ControlAvailable: boolean;
        Nodes: number;
        Managers: number;
      };
      t.is(info.LocalNodeState, "active");
      t.true(info.ControlAvailable);
      t.is(info.Nodes, 3);
      t.is(info.Managers, 1);
      t.regex(info.NodeID, /^\w{25}$/);
      failed(t, await run(cli, "ps"), /swarm-ts serves the swarm routes of the Docker Engine API only/, "docker ps");
    }
    const tooOld = await docker(dockerClis[1]!, target(dockerClis[1]!), ["version"], {
      env: { DOCKER_API_VERSION: "1.24" },
    });
    failed(t, tooOld, /client version 1\.24 is too old\. Minimum supported API version is 1\.40/, "version 1.24");
    const notFound = await engineRequest(sockets.manager, "GET", "/v1.44/no/such/route");
    t.is(notFound.status, 404);
    t.is(notFound.headers["content-type"], "application/json");
    t.deepEqual(notFound.json, { message: "page not found" });
  },
);

/** The node id of a cluster node, found by its address. */
async function nodeIdOf(cli: DockerCli, node: ClusterNode): Promise<string> {
  const ids = (await run(cli, "node", "ls", "-q")).stdout.trim().split("\n");
  const addrs = await Promise.all(
    ids.map(async (id) => (await run(cli, "node", "inspect", "--format", "{{.Status.Addr}}", id)).stdout.trim()),
  );
  return ids[addrs.indexOf(node.ip)] ?? "";
}

test.serial("docker node ls, inspect, update and ps describe and change the real nodes", async (t) => {
  t.timeout(120_000);
  const worker = await nodeIdOf(
    dockerClis[1]!,
    cluster!.nodes.find((n) => n.name === "worker-1")!,
  );
  t.regex(worker, /^\w{25}$/);
  for (const cli of dockerClis) {
    const nodes = jsonLines<{ ID: string; Hostname: string; Self: boolean; ManagerStatus: string; Status: string }>(
      ok(t, await run(cli, "node", "ls", "--format", "{{json .}}"), "node ls"),
    );
    t.is(nodes.length, 3);
    t.is(nodes.filter((n) => n.Self).length, 1);
    t.is(nodes.find((n) => n.Self)?.ManagerStatus, "Leader");
    t.true(nodes.every((n) => n.Status === "Ready"));
    const self = JSON.parse(ok(t, await run(cli, "node", "inspect", "self"), "node inspect self")) as {
      ID: string;
      Spec: { Role: string };
    }[];
    t.is(self[0]?.Spec.Role, "manager");
    const workers = ok(t, await run(cli, "node", "ls", "--filter", "role=worker", "-q"), "node ls -q")
      .trim()
      .split("\n");
    t.is(workers.length, 2);
    t.true(workers.includes(worker));
    ok(t, await run(cli, "node", "update", "--label-add", `zone=${cli.tag}`, worker), "node update");
    t.is(
      ok(
        t,
        await run(cli, "node", "inspect", "--format", '{{ index .Spec.Labels "zone" }}', worker),
        "inspect label",
      ).trim(),
      cli.tag,
    );
    const filtered = ok(
      t,
      await run(cli, "node", "ls", "--filter", `node.label=zone=${cli.tag}`, "-q"),
      "node ls node.label",
    );
    t.is(filtered.trim(), worker);
    ok(t, await run(cli, "node", "update", "--availability", "drain", worker), "drain");
    t.is(
      ok(t, await run(cli, "node", "inspect", "--format", "{{.Spec.Availability}}", worker), "availability").trim(),
      "drain",
    );
    ok(t, await run(cli, "node", "update", "--availability", "active", worker), "activate");
    const ps = ok(t, await run(cli, "node", "ps", "self", "--format", "{{json .}}"), "node ps self");
    t.true(jsonLines(ps).every((task) => typeof task.Name === "string"));
    failed(t, await run(cli, "node", "inspect", "no-such-node"), /no-such-node/, "inspect unknown node");
  }
});

test.serial(
  "docker service create, ls, ps, inspect, scale, update, rollback, logs and rm drive real tasks",
  async (t) => {
    t.timeout(300_000);
    for (const cli of dockerClis) {
      const web = `${cli.tag}-web`;
      const port = published + (cli.tag === "d20" ? 0 : 1);
      const detached = ok(
        t,
        await run(
          cli,
          "service",
          "create",
          "-d",
          "--name",
          web,
          "--replicas",
          "2",
          "-p",
          `${port}:80`,
          "--label",
          "tier=front",
          "--update-monitor",
          "200ms",
          "--rollback-monitor",
          "200ms",
          "process://sleep",
          "1000",
        ),
        "service create -d",
      );
      t.regex(detached.trim().split("\n").pop() ?? "", /^\w{25}$/);
      const attached = await run(
        cli,
        "service",
        "create",
        "--name",
        `${cli.tag}-echo`,
        "--replicas",
        "2",
        "--update-monitor",
        "200ms",
        "process://sh",
        "-c",
        "echo out-line; echo err-line >&2; sleep 1000",
      );
      t.regex(
        ok(t, attached, "service create (attached)"),
        /overall progress: 2 out of 2 tasks[\s\S]*verify: Service (\S+ )?converged/,
      );
      await until(`${web} 2/2`, async () => {
        const line = jsonLines<{ Name: string; Replicas: string; Ports: string }>(
          (await run(cli, "service", "ls", "--format", "{{json .}}")).stdout,
        ).find((s) => s.Name === web);
        return line?.Replicas === "2/2" ? line : undefined;
      });
      const listed = jsonLines<{ Name: string; Ports: string; Mode: string }>(
        ok(t, await run(cli, "service", "ls", "--filter", "label=tier=front", "--format", "{{json .}}"), "service ls"),
      );
      t.deepEqual(
        listed.map((s) => s.Name),
        [web],
      );
      t.is(listed.find((s) => s.Name === web)?.Ports, `*:${port}->80/tcp`);
      const tasks = jsonLines<{ Name: string; DesiredState: string; CurrentState: string }>(
        ok(t, await run(cli, "service", "ps", web, "--format", "{{json .}}"), "service ps"),
      );
      t.deepEqual(tasks.map((task) => task.Name).sort(), [`${web}.1`, `${web}.2`]);
      t.true(tasks.every((task) => task.DesiredState === "Running" && task.CurrentState.startsWith("Running")));
      const inspected = JSON.parse(ok(t, await run(cli, "service", "inspect", web), "service inspect")) as {
        Spec: {
          Name: string;
          Labels: Record<string, string>;
          Mode: { Replicated: { Replicas: number } };
          UpdateConfig: { Monitor: number };
        };
      }[];
      t.is(inspected[0]?.Spec.Mode.Replicated.Replicas, 2);
      t.deepEqual(inspected[0]?.Spec.Labels, { tier: "front" });
      t.is(inspected[0]?.Spec.UpdateConfig.Monitor, 200_000_000);
      t.regex(ok(t, await run(cli, "service", "inspect", "--pretty", web), "inspect --pretty"), /Replicas:\s+2/);

      t.regex(
        ok(t, await run(cli, "service", "scale", "-d", `${web}=3`), "scale -d"),
        new RegExp(`${web} scaled to 3`),
      );
      ok(
        t,
        await run(cli, "service", "update", "--update-monitor", "200ms", "--env-add", "STAGE=two", web),
        "update (attached)",
      );
      const afterUpdate = JSON.parse(
        ok(t, await run(cli, "service", "inspect", "--format", "{{json .}}", web), "inspect after update"),
      ) as { Spec: { TaskTemplate: { ContainerSpec: { Env: string[] } } }; UpdateStatus: { State: string } };
      t.deepEqual(afterUpdate.Spec.TaskTemplate.ContainerSpec.Env, ["STAGE=two"]);
      t.is(afterUpdate.UpdateStatus.State, "completed");
      t.regex(
        ok(t, await run(cli, "service", "rollback", web), "rollback (attached)"),
        /rollback: manually requested rollback|converged/,
      );
      const rolledBack = JSON.parse(
        ok(t, await run(cli, "service", "inspect", "--format", "{{json .}}", web), "inspect after rollback"),
      ) as {
        Spec: { TaskTemplate: { ContainerSpec: { Env?: string[] } } };
        UpdateStatus: { State: string };
      };
      t.is(rolledBack.Spec.TaskTemplate.ContainerSpec.Env, undefined);
      t.is(rolledBack.UpdateStatus.State, "rollback_completed");
      t.regex(
        ok(t, await run(cli, "service", "scale", `${web}=1`), "scale (attached)"),
        new RegExp(`${web} scaled to 1`),
      );

      const logs = await until(`${cli.tag}-echo's logs`, async () => {
        const result = await run(cli, "service", "logs", `${cli.tag}-echo`);
        return /out-line[\s\S]*out-line/.test(result.stdout) && /err-line[\s\S]*err-line/.test(result.stderr)
          ? result
          : undefined;
      });
      t.regex(logs.stdout, new RegExp(`^${cli.tag}-echo\\.[12]\\.\\w{12}@\\S+ +\\| out-line$`, "m"));
      t.regex(logs.stderr, /\| err-line$/m);
      const stamped = ok(
        t,
        await run(cli, "service", "logs", "--timestamps", "--no-task-ids", `${cli.tag}-echo`),
        "logs --timestamps",
      );
      t.regex(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S+ +\| out-line$/m);
      const follow = dockerFollow(cli, target(cli), ["service", "logs", "--follow", "--tail", "2", `${cli.tag}-echo`]);
      await until("followed log lines", () =>
        Promise.resolve(/out-line/.test(follow.output().stdout) ? true : undefined),
      );
      await follow.stop();
      const task = jsonLines<{ ID: string }>(
        (await run(cli, "service", "ps", "-q", "--no-trunc", "--format", "{{json .}}", `${cli.tag}-echo`)).stdout,
      )[0]!;
      t.regex(ok(t, await run(cli, "service", "logs", task.ID), "task logs"), /out-line/);

      failed(
        t,
        await run(cli, "service", "inspect", "no-such-service"),
        /no such service: no-such-service/i,
        "inspect unknown service",
      );
      ok(t, await run(cli, "service", "rm", web, `${cli.tag}-echo`), "service rm");
      t.notRegex((await run(cli, "service", "ls", "-q")).stdout, new RegExp(web));
    }
  },
);

test.serial("docker secret and config create, ls, inspect and rm; a used one cannot be removed", async (t) => {
  t.timeout(120_000);
  for (const cli of dockerClis) {
    for (const kind of ["secret", "config"] as const) {
      const name = `${cli.tag}-${kind}`;
      const id = ok(
        t,
        await docker(cli, target(cli), [kind, "create", "--label", "app=a", name, "-"], { input: `${kind} data\n` }),
        `${kind} create`,
      ).trim();
      t.regex(id, /^\w{25}$/);
      const listed = jsonLines<{ Name: string; ID: string }>(
        ok(t, await run(cli, kind, "ls", "--filter", "label=app=a", "--format", "{{json .}}"), `${kind} ls`),
      );
      t.true(listed.some((o) => o.Name === name && o.ID === id));
      const inspected = JSON.parse(ok(t, await run(cli, kind, "inspect", name), `${kind} inspect`)) as {
        ID: string;
        Spec: { Data?: string; Labels: Record<string, string> };
      }[];
      t.is(inspected[0]?.ID, id);
      t.deepEqual(inspected[0]?.Spec.Labels, { app: "a" });
      if (kind === "config") t.is(Buffer.from(inspected[0]?.Spec.Data ?? "", "base64").toString(), "config data\n");
      else t.is(inspected[0]?.Spec.Data, undefined);
      failed(
        t,
        await docker(cli, target(cli), [kind, "create", name, "-"], { input: "again" }),
        /already exists/,
        `duplicate ${kind}`,
      );
    }
    const user = `${cli.tag}-user`;
    ok(
      t,
      await run(
        cli,
        "service",
        "create",
        "-d",
        "--name",
        user,
        "--secret",
        `${cli.tag}-secret`,
        "--config",
        `${cli.tag}-config`,
        "process://sleep",
        "1000",
      ),
      "create with secret and config",
    );
    failed(t, await run(cli, "secret", "rm", `${cli.tag}-secret`), /in use/, "rm a used secret");
    ok(t, await run(cli, "service", "rm", user), "rm the user");
    ok(t, await run(cli, "secret", "rm", `${cli.tag}-secret`), "secret rm");
    ok(t, await run(cli, "config", "rm", `${cli.tag}-config`), "config rm");
    t.notRegex(
      (await run(cli, "secret", "ls", "-q")).stdout + (await run(cli, "config", "ls", "-q")).stdout,
      new RegExp(cli.tag),
    );
  }
});

test.serial(
  "docker network create, ls, inspect and rm drive overlay networks; bridge options are refused",
  async (t) => {
    t.timeout(90_000);
    for (const [i, cli] of dockerClis.entries()) {
      const name = `${cli.tag}-net`;
      const subnet = `198.18.${200 + i}.0/24`;
      const id = ok(
        t,
        await run(
          cli,
          "network",
          "create",
          "-d",
          "overlay",
          "--attachable",
          "--internal",
          "--opt",
          "com.docker.network.driver.mtu=1400",
          "--subnet",
          subnet,
          "--gateway",
          `198.18.${200 + i}.1`,
          "--label",
          "team=x",
          name,
        ),
        "network create",
      ).trim();
      const listed = jsonLines<{ Name: string; Driver: string; Scope: string }>(
        ok(t, await run(cli, "network", "ls", "--format", "{{json .}}"), "network ls"),
      );
      t.deepEqual(
        listed.find((n) => n.Name === name),
        { ...listed.find((n) => n.Name === name)!, Driver: "overlay", Scope: "swarm" },
      );
      t.true(listed.some((n) => n.Name === "host" && n.Scope === "local"));
      t.is(
        ok(t, await run(cli, "network", "ls", "--filter", "label=team=x", "-q"), "network ls --filter").trim(),
        id.slice(0, 12),
      );
      const inspected = JSON.parse(ok(t, await run(cli, "network", "inspect", name), "network inspect")) as {
        Id: string;
        Attachable: boolean;
        Internal: boolean;
        Options: Record<string, string>;
        IPAM: { Config: { Subnet: string; Gateway: string }[] };
      }[];
      t.is(inspected[0]?.Id, id);
      t.true(inspected[0]?.Attachable);
      t.true(inspected[0]?.Internal);
      t.is(inspected[0]?.Options["com.docker.network.driver.mtu"], "1400");
      t.regex(inspected[0]?.Options["com.docker.network.driver.overlay.vxlanid_list"] ?? "", /^\d+$/);
      t.deepEqual(inspected[0]?.IPAM.Config[0], { Subnet: subnet, Gateway: `198.18.${200 + i}.1` });
      // Without a subnet the network gets one from the cluster's default address pool.
      const pooled = `${cli.tag}-pooled`;
      ok(t, await run(cli, "network", "create", "-d", "overlay", "--opt", "encrypted", pooled), "pooled network");
      t.regex(
        ok(
          t,
          await run(cli, "network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", pooled),
          "pooled",
        ).trim(),
        /^10\.\d+\.\d+\.0\/24$/,
      );
      failed(
        t,
        await run(cli, "network", "create", "-d", "overlay", "--subnet", subnet, `${cli.tag}-dup`),
        /overlaps/,
        "overlap",
      );
      failed(
        t,
        await run(cli, "network", "create", `${cli.tag}-bridge`),
        /Driver: not supported by swarm-ts/,
        "bridge network",
      );
      failed(
        t,
        await run(
          cli,
          "network",
          "create",
          "-d",
          "overlay",
          "--opt",
          "com.docker.network.bridge.name=b",
          `${cli.tag}-b`,
        ),
        /bridge driver/,
        "bridge option",
      );
      failed(t, await run(cli, "network", "create", "-d", "overlay", "--ipv6", `${cli.tag}-v6`), /EnableIPv6/, "ipv6");
      // A service attaches by name; the CLI resolves it to the network's id, as Docker's does.
      const service = `${cli.tag}-netsvc`;
      ok(
        t,
        await run(
          cli,
          "service",
          "create",
          "--detach",
          "--name",
          service,
          "--network",
          name,
          "process://sleep",
          "1000",
        ),
        "service create --network",
      );
      t.is(
        ok(
          t,
          await run(
            cli,
            "service",
            "inspect",
            "--format",
            "{{range .Spec.TaskTemplate.Networks}}{{.Target}}{{end}}",
            service,
          ),
          "service inspect",
        ).trim(),
        id,
      );
      t.is(
        ok(
          t,
          await run(cli, "network", "ls", "--filter", "dangling=true", "--filter", `name=${cli.tag}-`, "-q"),
          "dangling",
        ).trim(),
        (await run(cli, "network", "ls", "--filter", `name=${pooled}`, "-q")).stdout.trim(),
      );
      failed(t, await run(cli, "network", "rm", name), /in use|used by/, "rm of a network in use");
      ok(t, await run(cli, "service", "rm", service), "service rm");
      ok(t, await run(cli, "network", "rm", pooled), "rm pooled");
      failed(t, await run(cli, "network", "rm", "host"), /pre-defined network/, "rm host");
      ok(t, await run(cli, "network", "rm", name), "network rm");
      failed(t, await run(cli, "network", "inspect", name), /No such network|not found/, "inspect removed network");
    }
  },
);

test.serial("docker swarm join-token, update, unlock-key and events", async (t) => {
  t.timeout(60_000);
  for (const cli of dockerClis) {
    const since = Math.floor(Date.now() / 1000) - 1;
    const join = ok(t, await run(cli, "swarm", "join-token", "worker"), "join-token");
    t.regex(join, new RegExp(`docker swarm join --token SWMTKN-1-\\S+ ${manager().addr.replace(/\./g, "\\.")}`));
    const before = ok(t, await run(cli, "swarm", "join-token", "-q", "worker"), "join-token -q").trim();
    ok(t, await run(cli, "swarm", "join-token", "--rotate", "worker"), "join-token --rotate");
    t.not(ok(t, await run(cli, "swarm", "join-token", "-q", "worker"), "rotated").trim(), before);
    ok(t, await run(cli, "swarm", "update", "--task-history-limit", cli.tag === "d20" ? "7" : "6"), "swarm update");
    t.is(
      ok(
        t,
        await run(cli, "info", "--format", "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}"),
        "info",
      ).trim(),
      cli.tag === "d20" ? "7" : "6",
    );
    failed(t, await run(cli, "swarm", "unlock-key"), /no unlock key is set/, "unlock-key without autolock");
    // init, join and leave answer as Docker answers a node in a swarm, the last manager's in particular
    // (a forced leave really leaves: docker-swarm-membership.test.ts).
    const inSwarm =
      'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
    t.is((await run(cli, "swarm", "init")).stderr.trim(), inSwarm);
    t.is((await run(cli, "swarm", "join", "--token", before, manager().addr)).stderr.trim(), inSwarm);
    const lastManager = await run(cli, "swarm", "leave");
    t.is(lastManager.code, 1);
    t.is(
      lastManager.stderr.trim(),
      "Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.",
    );
    const secret = `${cli.tag}-evt`;
    ok(t, await docker(cli, target(cli), ["secret", "create", secret, "-"], { input: "x" }), "secret for events");
    ok(t, await run(cli, "secret", "rm", secret), "secret rm for events");
    const events = await until("the secret's events", async () => {
      const listed = jsonLines<{ Type: string; Action: string; Actor: { Attributes: { name: string } } }>(
        (
          await run(
            cli,
            "system",
            "events",
            "--since",
            String(since),
            "--until",
            "0s",
            "--filter",
            "type=secret",
            "--format",
            "{{json .}}",
          )
        ).stdout,
      ).filter((e) => e.Actor.Attributes.name === secret);
      return listed.length >= 2 ? listed : undefined;
    });
    t.deepEqual(
      events.map((e) => e.Action),
      ["create", "remove"],
    );
    const live = dockerFollow(cli, target(cli), [
      "system",
      "events",
      "--filter",
      "type=config",
      "--format",
      "{{json .}}",
    ]);
    await until(
      "the live events stream",
      async () => {
        ok(
          t,
          await docker(cli, target(cli), ["config", "create", `${cli.tag}-live-${Date.now()}`, "-"], { input: "x" }),
          "config for events",
        );
        return /"Action":"create"/.test(live.output().stdout) ? true : undefined;
      },
      20_000,
      500,
    );
    await live.stop();
  }
});

test.serial("Engine API answers match Docker's API schema, with exact content types", async (t) => {
  t.timeout(60_000);
  const cli = dockerClis[1]!;
  ok(t, await run(cli, "network", "create", "-d", "overlay", "schema-net"), "network");
  ok(t, await docker(cli, target(cli), ["secret", "create", "schema-secret", "-"], { input: "s" }), "secret");
  ok(t, await docker(cli, target(cli), ["config", "create", "schema-config", "-"], { input: "c" }), "config");
  ok(
    t,
    await run(
      cli,
      "service",
      "create",
      // Detached: no test node here wires overlay networks into its tasks, so they never run.
      "--detach",
      "--name",
      "schema-web",
      "--network",
      "schema-net",
      "--secret",
      "schema-secret",
      "--config",
      "schema-config",
      "-p",
      `${published + 5}:80`,
      "--update-monitor",
      "200ms",
      "process://sleep",
      "1000",
    ),
    "service",
  );
  const get = async (operation: string, path: string): Promise<unknown> => {
    const answer = await engineRequest(sockets.manager, "GET", `/v1.44${path}`);
    t.is(answer.status, 200, `${path}: ${answer.text}`);
    t.is(answer.headers["content-type"], "application/json", path);
    t.deepEqual(schemaProblems(operation, answer.json), [], `${path} against Docker's schema`);
    return answer.json;
  };
  await get("GET /version 200", "/version");
  await get("GET /info 200", "/info");
  await get("GET /swarm 200", "/swarm");
  await get("GET /swarm/unlockkey 200", "/swarm/unlockkey");
  const nodes = (await get("GET /nodes 200", "/nodes")) as { ID: string }[];
  await get("GET /nodes/{id} 200", `/nodes/${nodes[0]!.ID}`);
  const services = (await get("GET /services 200", "/services?status=true")) as {
    ID: string;
    ServiceStatus: unknown;
  }[];
  t.truthy(services[0]?.ServiceStatus);
  await get("GET /services/{id} 200", "/services/schema-web?insertDefaults=true");
  await get("GET /services/{id} 200", "/services/schema-web");
  const tasks = await until("schema-web's tasks", async () => {
    const listed = (await get("GET /tasks 200", '/tasks?filters={"service":{"schema-web":true}}')) as { ID: string }[];
    return listed.length > 0 ? listed : undefined;
  });
  await get("GET /tasks/{id} 200", `/tasks/${tasks[0]!.ID}`);
  await get("GET /secrets 200", "/secrets");
  await get("GET /secrets/{id} 200", "/secrets/schema-secret");
  await get("GET /configs 200", "/configs");
  await get("GET /configs/{id} 200", "/configs/schema-config");
  await get("GET /networks 200", "/networks");
  await get("GET /networks/{id} 200", "/networks/schema-net");
  // Writes and streams answer in Docker's shapes too.
  const posted = async (operation: string, path: string, body: unknown, status: number): Promise<unknown> => {
    const answer = await engineRequest(sockets.manager, "POST", `/v1.44${path}`, body);
    t.is(answer.status, status, `${path}: ${answer.text}`);
    t.is(answer.headers["content-type"], "application/json", path);
    t.deepEqual(schemaProblems(operation, answer.json), [], `${path} against Docker's schema`);
    return answer.json;
  };
  const spec = { Name: "schema-api", TaskTemplate: { ContainerSpec: { Image: "process://sleep", Args: ["1000"] } } };
  const made = (await posted("POST /services/create 201", "/services/create", spec, 201)) as { ID: string };
  const current = (await get("GET /services/{id} 200", `/services/${made.ID}`)) as { Version: { Index: number } };
  await posted(
    "POST /services/{id}/update 200",
    `/services/${made.ID}/update?version=${current.Version.Index}`,
    spec,
    200,
  );
  await posted("POST /networks/create 201", "/networks/create", { Name: "schema-net-2", Driver: "overlay" }, 201);
  const untilSeconds = Math.floor(Date.now() / 1000) + 1;
  const events = await engineRequest(sockets.manager, "GET", `/v1.44/events?since=0&until=${untilSeconds}`);
  t.is(events.headers["content-type"], "application/json");
  const lines = events.text.split("\n").filter((line) => line !== "");
  t.true(lines.length > 0);
  for (const line of lines) t.deepEqual(schemaProblems("GET /events 200", JSON.parse(line)), [], line);
  const created = await engineRequest(sockets.manager, "POST", "/v1.44/secrets/create", {
    Name: "schema-secret-2",
    Data: "eA==",
  });
  t.is(created.status, 201);
  // Docker's swagger names this answer IdResponse (`Id`), but moby writes its own struct: `{"ID"}`.
  // swarm-ts answers as Docker's daemon does; Go clients read either spelling.
  t.deepEqual(Object.keys(created.json as object), ["ID"]);
  const badBody = await engineRequest(sockets.manager, "POST", "/v1.44/services/create", {
    Name: "refused",
    TaskTemplate: { ContainerSpec: { Image: "process://true", Privileges: { NoNewPrivileges: true } } },
  });
  t.is(badBody.status, 400);
  t.is(badBody.headers["content-type"], "application/json");
  t.regex(
    (badBody.json as { message: string }).message,
    /^TaskTemplate\.ContainerSpec\.Privileges\.NoNewPrivileges: not supported by swarm-ts/,
  );
  ok(t, await run(cli, "service", "rm", "schema-web", "schema-api"), "rm");
});

/** A GET as a tool's Go client sends it (`filters` as URL-encoded JSON), answered 200 in Docker's schema. */
async function toolGet(t: ExecutionContext, operation: string, path: string, filters?: object): Promise<unknown> {
  const query = filters
    ? `${path.includes("?") ? "&" : "?"}filters=${encodeURIComponent(JSON.stringify(filters))}`
    : "";
  const answer = await engineRequest(sockets.manager, "GET", `/v1.44${path}${query}`);
  t.is(answer.status, 200, `${path}${query}: ${answer.text}`);
  t.is(answer.headers["content-type"], "application/json", path);
  t.deepEqual(schemaProblems(operation, answer.json), [], `${path}${query} against Docker's schema`);
  return answer.json;
}

test.serial(
  "tools beyond the CLI: Traefik's and Portainer's API calls answer in Docker's schema, filters included",
  async (t) => {
    t.timeout(60_000);
    const cli = dockerClis[1]!;
    ok(t, await run(cli, "network", "create", "-d", "overlay", "tools-net"), "network");
    const create = async (name: string, labels: Record<string, string>): Promise<string> => {
      const answer = await engineRequest(sockets.manager, "POST", "/v1.44/services/create", {
        Name: name,
        Labels: labels,
        TaskTemplate: {
          ContainerSpec: { Image: "process://sleep", Args: ["1000"] },
          Networks: [{ Target: "tools-net" }],
        },
        Mode: { Replicated: { Replicas: 2 } },
        EndpointSpec: { Mode: "dnsrr" },
      });
      t.is(answer.status, 201, answer.text);
      return (answer.json as { ID: string }).ID;
    };
    const routed = await create("tools-routed", {
      "traefik.enable": "true",
      "traefik.http.routers.r.rule": "Host(`x`)",
    });
    await create("tools-hidden", { "traefik.enable": "false" });

    // Traefik's swarm provider: the version (for the network filter it may use), the services it
    // routes (label filter), the swarm-scoped networks and each, and a dnsrr service's tasks that
    // should run (service and desired-state filters).
    t.is(((await toolGet(t, "GET /version 200", "/version")) as { ApiVersion: string }).ApiVersion, "1.44");
    const services = (await toolGet(t, "GET /services 200", "/services", {
      label: { "traefik.enable=true": true },
    })) as { ID: string; Spec: { Labels: Record<string, string>; EndpointSpec: { Mode: string } } }[];
    t.deepEqual(
      services.map((s) => s.ID),
      [routed],
    );
    t.is(services[0]!.Spec.EndpointSpec.Mode, "dnsrr");
    const networks = (await toolGet(t, "GET /networks 200", "/networks", { scope: { swarm: true } })) as {
      Id: string;
      Name: string;
      Scope: string;
    }[];
    t.true(networks.every((n) => n.Scope === "swarm"));
    const toolsNet = networks.find((n) => n.Name === "tools-net");
    t.truthy(toolsNet);
    t.is(
      ((await toolGet(t, "GET /networks/{id} 200", `/networks/${toolsNet!.Id}`)) as { Name: string }).Name,
      "tools-net",
    );
    const tasks = (await toolGet(t, "GET /tasks 200", "/tasks", {
      service: { [routed]: true },
      "desired-state": { running: true },
    })) as { ServiceID: string; DesiredState: string; NetworksAttachments?: unknown[] }[];
    t.is(tasks.length, 2);
    t.true(tasks.every((task) => task.ServiceID === routed && task.DesiredState === "running"));
    // Its events: a service's, filtered by type and service name, as a stream of Docker events.
    let scaled: Promise<void> = Promise.resolve();
    const stream = await engineStreamLines(
      sockets.manager,
      `/v1.44/events?filters=${encodeURIComponent(JSON.stringify({ type: { service: true }, service: { "tools-routed": true } }))}`,
      (lines) => lines.length > 0,
      20_000,
      () => {
        // Once the stream is open, a scale of each service: only the routed one's event may come.
        scaled = (async () => {
          ok(t, await run(cli, "service", "scale", "-d", "tools-hidden=1"), "scale hidden");
          ok(t, await run(cli, "service", "scale", "-d", "tools-routed=1"), "scale routed");
        })();
      },
    );
    await scaled;
    t.is(stream.status, 200);
    t.is(stream.headers["content-type"], "application/json");
    t.is(stream.lines.length, 1);
    for (const line of stream.lines) t.deepEqual(schemaProblems("GET /events 200", line), [], JSON.stringify(line));
    t.like(stream.lines[0], {
      Type: "service",
      Action: "update",
      Actor: { ID: routed, Attributes: { name: "tools-routed" } },
    });

    // Portainer's view of a swarm endpoint: info, version, nodes, services with their task
    // counts, tasks, secrets, configs and networks.
    const info = (await toolGet(t, "GET /info 200", "/info")) as {
      Swarm: { ControlAvailable: boolean; NodeID: string };
    };
    t.true(info.Swarm.ControlAvailable);
    await toolGet(t, "GET /version 200", "/version");
    const nodes = (await toolGet(t, "GET /nodes 200", "/nodes")) as { ID: string }[];
    t.true(nodes.some((n) => n.ID === info.Swarm.NodeID));
    const withStatus = (await toolGet(t, "GET /services 200", "/services?status=true")) as {
      Spec: { Name: string };
      ServiceStatus: { DesiredTasks: number };
    }[];
    t.is(withStatus.find((s) => s.Spec.Name === "tools-routed")?.ServiceStatus.DesiredTasks, 1);
    t.true(((await toolGet(t, "GET /tasks 200", "/tasks")) as unknown[]).length >= 2);
    await toolGet(t, "GET /secrets 200", "/secrets");
    await toolGet(t, "GET /configs 200", "/configs");
    await toolGet(t, "GET /networks 200", "/networks");
    ok(t, await run(cli, "service", "rm", "tools-routed", "tools-hidden"), "service rm");
    await until("tools-net free", async () =>
      (await run(cli, "network", "rm", "tools-net")).code === 0 ? true : undefined,
    );
  },
);

test.serial(
  "dockerode drives the same API: conflicts, stale versions and filters answer with Docker's status codes",
  async (t) => {
    t.timeout(60_000);
    const client = new Docker({ socketPath: sockets.manager, version: "v1.44" });
    const spec = {
      Name: "dockerode-web",
      TaskTemplate: { ContainerSpec: { Image: "process://sleep", Args: ["1000"] } },
      Mode: { Replicated: { Replicas: 1 } },
    };
    const created = (await client.createService(spec)) as { ID?: string; id?: string };
    const service = client.getService(created.ID ?? created.id ?? "");
    const info = (await service.inspect()) as { Version: { Index: number } };
    const status = async (fn: () => Promise<unknown>): Promise<{ status: number; message: string }> => {
      try {
        await fn();
        return { status: 0, message: "" };
      } catch (error) {
        const e = error as { statusCode?: number; json?: { message?: string } };
        return { status: e.statusCode ?? -1, message: e.json?.message ?? "" };
      }
    };
    t.is((await status(() => client.createService(spec))).status, 409);
    await service.update({ ...spec, version: info.Version.Index, Labels: { a: "b" } });
    const stale = await status(() => service.update({ ...spec, version: info.Version.Index }));
    t.is(stale.status, 500);
    t.regex(stale.message, /update out of sequence/);
    t.is((await status(() => client.getService("no-such").inspect())).status, 404);
    t.is((await status(() => client.listServices({ filters: JSON.stringify({ colour: { red: true } }) }))).status, 400);
    const listed = (await client.listServices({ filters: JSON.stringify({ label: { "a=b": true } }) })) as {
      Spec: { Name: string };
    }[];
    t.deepEqual(
      listed.map((s) => s.Spec.Name),
      ["dockerode-web"],
    );
    await service.remove();
  },
);

test.serial(
  "a worker's Engine API answers info and ping, and refuses swarm routes as Docker's workers do",
  async (t) => {
    t.timeout(30_000);
    const cli = dockerClis[1]!;
    const info = JSON.parse(
      ok(t, await docker(cli, target(cli, sockets.worker), ["info", "--format", "{{json .Swarm}}"]), "worker info"),
    ) as {
      LocalNodeState: string;
      ControlAvailable: boolean;
    };
    t.is(info.LocalNodeState, "active");
    t.false(info.ControlAvailable);
    t.is((await engineRequest(sockets.worker, "HEAD", "/_ping")).headers.swarm, "active/worker");
    failed(
      t,
      await docker(cli, target(cli, sockets.worker), ["node", "ls"]),
      /This node is not a swarm manager/,
      "node ls on a worker",
    );
    const onWorker = (...args: string[]): Promise<DockerResult> => docker(cli, target(cli, sockets.worker), args);
    failed(t, await onWorker("swarm", "init"), /This node is already part of a swarm/, "swarm init on a worker");
    t.is((await run(cli, "node", "ls", "-q")).stdout.trim().split("\n").length, 3);
  },
);

test.serial(
  "over TCP with mutual TLS both CLIs work with an operator certificate and are refused without one",
  async (t) => {
    t.timeout(60_000);
    const certs = join(baseDir, "operator");
    const issued = await swarmctl(["cluster", "ca", "issue-client", "--name", "docker-tester", "--out", certs], {
      host: cluster!.controlTarget,
    });
    t.is(issued.code, 0, issued.stderr);
    const host = `tcp://${manager().ip}:${tlsPort}`;
    for (const cli of dockerClis) {
      const tls: DockerTarget = { host, configDir: configDirFor(baseDir, cli), certPath: certs };
      const version = ok(
        t,
        await docker(cli, tls, ["version", "--format", "{{.Server.APIVersion}}"]),
        "version over TLS",
      );
      t.is(version.trim(), "1.44");
      t.is(
        jsonLines(ok(t, await docker(cli, tls, ["node", "ls", "--format", "{{json .}}"]), "node ls over TLS")).length,
        3,
      );
      ok(
        t,
        await docker(cli, tls, ["service", "create", "-d", "--name", `${cli.tag}-tls`, "process://sleep", "1000"]),
        "service create over TLS",
      );
      t.regex(ok(t, await docker(cli, tls, ["service", "ls"]), "service ls over TLS"), new RegExp(`${cli.tag}-tls`));
      ok(t, await docker(cli, tls, ["service", "rm", `${cli.tag}-tls`]), "service rm over TLS");
      // No client certificate: the TLS handshake fails before any request.
      const bare = join(baseDir, `ca-only-${cli.tag}`);
      rmSync(bare, { recursive: true, force: true });
      mkdirSync(bare, { recursive: true });
      copyFileSync(join(certs, "ca.pem"), join(bare, "ca.pem"));
      const refused = await docker(cli, { host, configDir: configDirFor(baseDir, cli) }, ["version"], {
        env: { DOCKER_TLS: "1", DOCKER_CERT_PATH: bare },
      });
      t.not(refused.code, 0);
      t.notRegex(refused.stdout, /Server: swarm-ts/);
      // Plain HTTP on the TLS port is no way in either.
      const plain = await docker(cli, { host, configDir: configDirFor(baseDir, cli) }, ["version"]);
      t.notRegex(plain.stdout, /Server: swarm-ts/);
    }
    // A worker's node certificate is signed by the same CA but is no operator's: 403.
    const worker = cluster!.nodes.find((n) => n.name === "worker-1")!;
    const workerCerts = join(baseDir, "worker-certs");
    mkdirSync(workerCerts, { recursive: true });
    copyFileSync(join(worker.stateDir, "certificates", "ca.crt"), join(workerCerts, "ca.pem"));
    copyFileSync(join(worker.stateDir, "certificates", "node.crt"), join(workerCerts, "cert.pem"));
    copyFileSync(join(worker.stateDir, "certificates", "node.key"), join(workerCerts, "key.pem"));
    const asWorker = await docker(
      dockerClis[1]!,
      { host, configDir: configDirFor(baseDir, dockerClis[1]!), certPath: workerCerts },
      ["node", "ls"],
    );
    failed(t, asWorker, /swarm-worker may not use the Engine API/, "a worker's certificate");
  },
);

test.serial("a manager restarted locked answers docker swarm unlock", async (t) => {
  t.timeout(120_000);
  const cli = dockerClis[1]!;
  ok(t, await run(cli, "swarm", "update", "--autolock=true"), "autolock on");
  const key = ok(t, await run(cli, "swarm", "unlock-key", "-q"), "unlock-key").trim();
  t.regex(key, /^SWMKEY-1-/);
  const rotated = ok(
    t,
    await run(dockerClis[0]!, "swarm", "unlock-key", "--rotate", "-q"),
    "unlock-key --rotate",
  ).trim();
  t.not(rotated, key);
  await cluster!.stopNode(manager());
  await cluster!.restartNode(manager());
  for (const c of dockerClis) {
    await until("the locked manager's Engine API", async () => {
      const state = (await run(c, "info", "--format", "{{.Swarm.LocalNodeState}}")).stdout.trim();
      return state === "locked" ? true : undefined;
    });
    t.is((await engineRequest(sockets.manager, "HEAD", "/_ping")).status, 200);
    failed(t, await run(c, "service", "ls"), /Swarm is encrypted and needs to be unlocked/, "service ls while locked");
  }
  failed(
    t,
    await docker(cli, target(cli), ["swarm", "unlock"], { input: `${key}\n` }),
    /invalid key/,
    "unlock with the old key",
  );
  ok(
    t,
    await docker(dockerClis[0]!, target(dockerClis[0]!), ["swarm", "unlock"], { input: `${rotated}\n` }),
    "swarm unlock",
  );
  await until("the unlocked manager", async () => ((await run(cli, "node", "ls", "-q")).code === 0 ? true : undefined));
  t.is((await run(cli, "info", "--format", "{{.Swarm.LocalNodeState}}")).stdout.trim(), "active");
});

// Last: changing the raft group is what most often disturbs a small cluster.
test.serial("docker node promote, demote and rm change the cluster's membership", async (t) => {
  t.timeout(300_000);
  const gone = cluster!.nodes.find((n) => n.name === "worker-2")!;
  const goneId = await nodeIdOf(dockerClis[1]!, gone);
  t.regex(goneId, /^\w{25}$/);
  // One node is promoted and demoted three times, by each docker CLI and by swarmctl: a node
  // demoted once is promoted again like any worker. Every promotion follows a demotion, so the
  // raft group has just changed (and may be electing): the managers hold the call until a
  // leader is known, and the command succeeds the first time.
  const swarmctlRun = async (...args: string[]): Promise<DockerResult> => {
    const r = await swarmctl(args, { host: cluster!.controlTarget });
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  const byDocker = (cli: DockerCli) => (verb: string) => run(cli, "node", verb, goneId);
  const bySwarmctl = (verb: string) => swarmctlRun("node", verb, goneId);
  const rounds = [
    { promote: byDocker(dockerClis[0]!), demote: byDocker(dockerClis[1]!) },
    { promote: bySwarmctl, demote: bySwarmctl },
    { promote: byDocker(dockerClis[1]!), demote: byDocker(dockerClis[0]!) },
  ];
  const cli = dockerClis[1]!;
  // Around a role change the managers keep writing the node (its certificate, raft membership,
  // status), so the version the CLI read may be stale by the time it writes: "update out of
  // sequence", as Docker answers. An operator reads again and retries; so does the test, on that
  // answer only (never on "no leader is known").
  const retried = (change: (verb: string) => Promise<DockerResult>, verb: string): Promise<DockerResult> =>
    until(verb, async () => {
      const result = await change(verb);
      return result.code !== 0 && /out of sequence/.test(result.stderr) ? undefined : result;
    });
  for (const { promote, demote } of rounds) {
    t.regex(ok(t, await retried(promote, "promote"), "promote"), /promoted to a manager/);
    await until(
      `${goneId} a reachable manager`,
      async () => {
        const status = (
          await run(cli, "node", "inspect", "--format", "{{.ManagerStatus.Reachability}}", goneId)
        ).stdout.trim();
        return status === "reachable" ? true : undefined;
      },
      90_000,
    );
    const demoted = await retried(demote, "demote");
    t.regex(ok(t, demoted, "demote"), /demoted in the swarm/);
    await until(
      `${goneId} a worker again`,
      async () => {
        const role = (
          await run(cli, "node", "inspect", "--format", "{{if .ManagerStatus}}manager{{else}}worker{{end}}", goneId)
        ).stdout.trim();
        return role === "worker" ? true : undefined;
      },
      90_000,
    );
  }
  // The node leaves the cluster's books: refused while it is up, removed once it is down.
  failed(t, await run(cli, "node", "rm", goneId), /not down/, "node rm of a live node");
  await cluster!.stopNode(gone);
  await until(`${gone.name} down`, async () =>
    (await run(cli, "node", "inspect", "--format", "{{.Status.State}}", goneId)).stdout.trim() === "down"
      ? true
      : undefined,
  );
  ok(t, await run(cli, "node", "rm", goneId), "node rm of a down node");
  t.notRegex((await run(cli, "node", "ls", "-q")).stdout, new RegExp(goneId));
});

/** Every node's id. */
const nodeIds = async (cli: DockerCli): Promise<string[]> =>
  (await run(cli, "node", "ls", "-q")).stdout.trim().split("\n");

/** The certificates of a PEM text, as DER. */
const certificatesDer = (pem: string): Buffer[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map((m) =>
    Buffer.from(new X509Certificate(m[0]).raw),
  );

// After the membership changes, on the nodes left: a root rotation re-issues every node's
// certificate, so the cluster rotates once per client (a few seconds each) and no other test
// runs on the new roots.
test.serial(
  "docker swarm ca prints the root; --rotate to a new or an external CA's root waits until every node holds it",
  async (t) => {
    t.timeout(300_000);
    const [d20, d28] = [dockerClis[0]!, dockerClis[1]!];
    const shown = ok(t, await run(d28, "swarm", "ca"), "swarm ca");
    const oldRoot = certificatesDer(shown);
    t.is(oldRoot.length, 1);
    t.true(
      oldRoot[0]!.equals(certificatesDer(readFileSync(join(manager().stateDir, "certificates", "ca.crt"), "utf8"))[0]!),
    );
    // The operator's root, and a key that is not its own.
    const operatorRoot = await createRootCa();
    const strangerKey = (await createRootCa()).keyPem;
    const files = { cert: join(baseDir, "operator-root.pem") };
    const wrongKey = join(baseDir, "stranger-key.pem");
    writeFileSync(files.cert, operatorRoot.certPem);
    writeFileSync(wrongKey, strangerKey, { mode: 0o600 });
    failed(
      t,
      await run(d20, "swarm", "ca", "--ca-cert", files.cert),
      /requires the `--rotate` flag/,
      "--ca-cert alone",
    );
    failed(
      t,
      await run(d28, "swarm", "ca", "--rotate", "--ca-cert", files.cert, "--ca-key", wrongKey),
      /CAConfig\.SigningCAKey: is not the key of/,
      "a root with another's key",
    );
    failed(
      t,
      await run(
        d28,
        "swarm",
        "ca",
        "--rotate",
        "--ca-cert",
        files.cert,
        "--external-ca",
        "protocol=acme,url=https://x",
      ),
      /protocol/i,
      "an external CA of an unknown protocol",
    );
    const nodeRoots = async (cli: DockerCli): Promise<{ trust: Buffer[]; issuerKey: string }[]> =>
      jsonLines<{ TrustRoot: string; CertIssuerPublicKey: string }>(
        ok(
          t,
          await run(cli, "node", "inspect", "--format", "{{json .Description.TLSInfo}}", ...(await nodeIds(cli))),
          "node inspect",
        ),
      ).map((info) => ({ trust: certificatesDer(info.TrustRoot), issuerKey: info.CertIssuerPublicKey }));
    /** Checks that the rotation ended with `root` everywhere: printed, the cluster's, every node's. */
    const finished = async (cli: DockerCli, printed: string, root: Buffer): Promise<void> => {
      const last = certificatesDer(printed).at(-1);
      t.true(last?.equals(root), `${cli.tag} printed the new root`);
      t.true(certificatesDer(ok(t, await run(cli, "swarm", "ca"), "swarm ca"))[0]?.equals(root));
      t.is((await run(cli, "info", "--format", "{{.Swarm.Cluster.RootRotationInProgress}}")).stdout.trim(), "false");
      const issuerKey = new X509Certificate(root).publicKey.export({ type: "spki", format: "der" }).toString("base64");
      for (const node of await nodeRoots(cli)) {
        t.is(node.trust.length, 1, "the node trusts the new root alone");
        t.true(node.trust[0]?.equals(root));
        t.is(node.issuerKey, issuerKey);
      }
    };
    // 28.2 rotates to a root the managers make and follows the progress bars to the end.
    const rotated = ok(t, await run(d28, "swarm", "ca", "--rotate"), "swarm ca --rotate");
    // Without a terminal the progress bars print their names and the desired root's digest as it changes.
    t.regex(rotated, /rotated TLS certificates/);
    t.regex(rotated, /desired root digest: sha256:/);
    const newRoot = certificatesDer(rotated).at(-1)!;
    t.false(newRoot.equals(oldRoot[0]!));
    await finished(d28, rotated, newRoot);
    // 20.10 rotates to a root whose key only the operator's CA service holds; it signs every node's certificate.
    const external = await createRootCa("external-root");
    const cfssl = await startFakeCfssl(external, block!.addr(250));
    t.teardown(() => cfssl.close());
    const externalFile = join(baseDir, "external-root.pem");
    writeFileSync(externalFile, external.certPem);
    const byExternal = ok(
      t,
      await run(
        d20,
        "swarm",
        "ca",
        "--rotate",
        "--ca-cert",
        externalFile,
        "--external-ca",
        `protocol=cfssl,url=${cfssl.url}`,
      ),
      "--ca-cert --external-ca",
    );
    await finished(d20, byExternal, Buffer.from(new X509Certificate(external.certPem).raw));
    const ids = await nodeIds(d28);
    t.true(
      ids.every((id) => cfssl.signed.includes(id)),
      `the external CA signed every node: ${cfssl.signed.join()}`,
    );
    const shownCas = JSON.parse(
      ok(t, await run(d28, "info", "--format", "{{json .Swarm.Cluster.Spec.CAConfig.ExternalCAs}}"), "info"),
    ) as { Protocol: string; URL: string; CACert: string }[];
    t.deepEqual(
      shownCas.map((ca) => [
        ca.Protocol,
        ca.URL,
        certificatesDer(ca.CACert)[0]?.equals(new X509Certificate(external.certPem).raw),
      ]),
      [["cfssl", cfssl.url, true]],
    );
    // A later read-modify-write of the swarm settings starts no rotation.
    ok(t, await run(d28, "swarm", "update", "--cert-expiry", "2000h"), "swarm update --cert-expiry");
    t.is((await run(d28, "info", "--format", "{{.Swarm.Cluster.RootRotationInProgress}}")).stdout.trim(), "false");
    t.is(
      (await run(d28, "info", "--format", "{{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}")).stdout.trim(),
      "2000h0m0s",
    );
  },
);
