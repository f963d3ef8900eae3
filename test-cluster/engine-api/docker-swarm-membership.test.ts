// Goal: the docker CLI makes, joins and leaves swarms on swarmd as on dockerd. Two swarmd daemons
// start with `--engine-api` on empty state directories, in no swarm; `docker swarm init` makes the
// first a manager, `docker swarm join` the second a worker, `docker swarm leave` stops and erases
// each (the manager only with --force) while the daemons run on, and a second init makes a new
// cluster with the asked availability, on the daemon's own listen address. A join that fails
// leaves the daemon as it was.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { freePorts } from "../../raft/index.js";
import { swarmdScript } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import {
  configDirFor,
  docker,
  type DockerCli,
  dockerClis,
  type DockerResult,
  requireDockerClis,
} from "./docker-cli.js";
import { engineRequest } from "./engine-http.js";

/** One swarmd daemon of the test. */
interface Daemon {
  readonly name: string;
  readonly stateDir: string;
  readonly socket: string;
  /** host:port it listens on once in a swarm. */
  readonly addr: string;
  readonly child: ChildProcess;
}

function ok(t: ExecutionContext, result: DockerResult, what: string): string {
  t.is(result.code, 0, `${what}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

test("docker swarm init, join and leave make, join and erase swarmd nodes that run on in no swarm", async (t) => {
  t.timeout(240_000);
  requireDockerClis();
  const [d20, d28] = dockerClis as [DockerCli, DockerCli];
  const block = await claimLoopbackBlock("docker swarm membership test");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-membership-"));
  const daemons: Daemon[] = [];
  try {
    for (const [i, name] of ["first", "second"].entries()) {
      const host = block.addr(i + 1);
      const [port] = await freePorts(host, 1);
      const stateDir = join(baseDir, name);
      mkdirSync(stateDir, { mode: 0o700 });
      const socket = join(baseDir, `${name}.sock`);
      const log = openSync(join(baseDir, `${name}.log`), "a");
      const child = spawn(
        process.execPath,
        [
          swarmdScript,
          "run",
          "--state-dir",
          stateDir,
          "--engine-api",
          `unix://${socket}`,
          "--executor",
          "process",
          "--network-agent",
          "off",
          "--hostname",
          `${name}-${process.pid}`,
          "--log-level",
          "warn",
          "--listen-addr",
          `${host}:${port}`,
        ],
        { stdio: ["ignore", log, log] },
      );
      daemons.push({ name, stateDir, socket, addr: `${host}:${port}`, child });
    }
    const [first, second] = daemons as [Daemon, Daemon];
    const on = (daemon: Daemon, cli: DockerCli, ...args: string[]): Promise<DockerResult> =>
      docker(cli, { host: `unix://${daemon.socket}`, configDir: configDirFor(baseDir, cli) }, args);
    const state = async (daemon: Daemon): Promise<string> =>
      (await on(daemon, d28, "info", "--format", "{{.Swarm.LocalNodeState}}")).stdout.trim();
    for (const daemon of daemons)
      await until(`${daemon.name}'s Engine API`, async () =>
        (await engineRequest(daemon.socket, "HEAD", "/_ping").catch(() => null))?.headers.swarm === "inactive"
          ? true
          : undefined,
      );
    t.is(await state(first), "inactive");

    const initialised = ok(
      t,
      await on(first, d28, "swarm", "init", "--listen-addr", first.addr, "--advertise-addr", first.addr),
      "swarm init",
    );
    t.regex(initialised, /^Swarm initialized: current node \((\w+)\) is now a manager\./m);
    t.regex(initialised, new RegExp(`docker swarm join --token SWMTKN-1-\\S+ ${first.addr.replaceAll(".", "\\.")}`));
    t.is(await state(first), "active");
    const token = ok(t, await on(first, d28, "swarm", "join-token", "-q", "worker"), "join-token").trim();

    // A join that cannot reach its manager changes nothing.
    const unreachable = await on(second, d20, "swarm", "join", "--token", token, `${block.addr(200)}:9`);
    t.not(unreachable.code, 0);
    t.regex(unreachable.stderr, /^Error response from daemon: /);
    t.is(await state(second), "inactive");
    t.deepEqual(readdirSync(second.stateDir).sort(), ["swarmd.pid"]);

    const joined = ok(
      t,
      await on(second, d20, "swarm", "join", "--token", token, "--listen-addr", second.addr, first.addr),
      "swarm join",
    );
    t.is(joined.trim(), "This node joined a swarm as a worker.");
    await until("both nodes ready", async () => {
      const lines = (await on(first, d28, "node", "ls", "--format", "{{.Hostname}} {{.Status}}")).stdout.trim();
      return lines.split("\n").length === 2 && lines.split("\n").every((l) => l.endsWith(" Ready")) ? lines : undefined;
    });
    t.regex((await on(second, d28, "swarm", "init")).stderr, /This node is already part of a swarm/);

    t.is(ok(t, await on(second, d20, "swarm", "leave"), "worker leave").trim(), "Node left the swarm.");
    t.is(await state(second), "inactive");
    t.deepEqual(readdirSync(second.stateDir).sort(), ["swarmd.pid"]);
    await until("the worker down", async () => {
      const line = (await on(first, d28, "node", "ls", "--format", "{{.Hostname}} {{.Status}}")).stdout
        .split("\n")
        .find((l) => l.startsWith(`second-${process.pid} `));
      return line?.endsWith(" Down") ? line : undefined;
    });

    const refused = await on(first, d28, "swarm", "leave");
    t.regex(refused.stderr, /Removing the last manager erases all current state of the swarm/);
    t.is(await state(first), "active");
    t.is(ok(t, await on(first, d28, "swarm", "leave", "--force"), "manager leave").trim(), "Node left the swarm.");
    t.is(await state(first), "inactive");
    t.deepEqual(readdirSync(first.stateDir).sort(), ["swarmd.pid"]);

    // The daemon runs on: a new cluster, its first manager drained as asked, listening where the
    // daemon's own --listen-addr says (the CLI sends its default 0.0.0.0:2377).
    const again = ok(t, await on(first, d20, "swarm", "init", "--availability", "drain"), "second init");
    t.regex(again, /is now a manager/);
    t.is(
      (await on(first, d28, "info", "--format", "{{.Swarm.NodeAddr}}")).stdout.trim(),
      first.addr.slice(0, first.addr.lastIndexOf(":")),
    );
    t.is(
      ok(t, await on(first, d28, "node", "ls", "--format", "{{.Availability}} {{.ManagerStatus}}"), "node ls").trim(),
      "Drain Leader",
    );
  } finally {
    for (const daemon of daemons) {
      const exited = new Promise((resolve) => daemon.child.once("exit", resolve));
      if (daemon.child.exitCode === null && daemon.child.signalCode === null) {
        daemon.child.kill("SIGTERM");
        await exited;
      }
    }
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
});
