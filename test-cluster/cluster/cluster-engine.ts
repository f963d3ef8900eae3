// A Docker Engine of a local overlay cluster's own: a second dockerd, started inside one node's
// network namespace, so that node runs its tasks as real containers on the real engine while its
// bridges, VXLAN devices, netfilter rules and containers all live in that namespace, on the
// cluster's underlay, as on a separate machine. The host's dockerd cannot serve such a node: its
// containers live in the host's namespace, from where a VXLAN device reaches the namespaced nodes
// only through a link and a route added to the host (docs/architecture.md, "Mixed clusters in
// tests"). This engine has its own data root, exec root (its containerd runs there), socket,
// pidfile and config file, no default bridge, and the vfs storage driver (no overlay mounts on the
// host to leak); it imports the busybox test image itself. Everything lives in one directory,
// which `stop()` removes after the engine has removed its containers and exited.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import Docker from "dockerode";
import { ensureTestImage, pingEngine } from "../../worker/index.js";
import { runCommand } from "./cluster-netns.js";

/** Longest a node engine may take to answer its first ping (a loaded 2-core machine), in ms. */
export const nodeEngineStartMsMax = 60_000;

/** Longest a node engine may take to exit after SIGTERM before it is killed, in ms. */
export const nodeEngineStopMsMax = 30_000;

/** Poll period while an engine starts or stops, in ms. */
const enginePollMs = 100;

/** A dockerd running in a node's network namespace. */
export class NodeEngine {
  private constructor(
    /** Directory holding the engine's data, exec root, socket and log. */
    readonly dir: string,
    /** Pid of the dockerd. */
    readonly pid: number,
  ) {}

  /** The engine's socket: the node's swarmd gets `DOCKER_HOST=unix://<this>`. */
  static socketIn(dir: string): string {
    return join(dir, "docker.sock");
  }

  /** The engine's socket. */
  get socketPath(): string {
    return NodeEngine.socketIn(this.dir);
  }

  /** The engine recorded in `dir` by an earlier start (a detached cluster's), or null. */
  static found(dir: string): NodeEngine | null {
    try {
      const pid = Number(readFileSync(join(dir, "dockerd.pid"), "utf8").trim());
      return Number.isInteger(pid) && pid > 0 ? new NodeEngine(dir, pid) : null;
    } catch {
      return null;
    }
  }

  /**
   * Starts dockerd in `dir` under `inNode` (the command line prefix that enters the node's
   * namespace), waits for it to answer and gives it the test image. On failure stops what started.
   */
  static async start(dir: string, inNode: (argv: readonly string[]) => string[]): Promise<NodeEngine> {
    await mkdir(join(dir, "data"), { recursive: true, mode: 0o700 });
    await mkdir(join(dir, "exec"), { recursive: true, mode: 0o700 });
    // An empty config file: the host's /etc/docker/daemon.json (its data root, bridge, …) is not ours.
    writeFileSync(join(dir, "daemon.json"), "{}\n");
    const log = openSync(join(dir, "dockerd.log"), "a", 0o600);
    const [command, ...args] = inNode([
      "dockerd",
      "--config-file",
      join(dir, "daemon.json"),
      "--data-root",
      join(dir, "data"),
      "--exec-root",
      join(dir, "exec"),
      "--pidfile",
      join(dir, "dockerd.pid"),
      "--host",
      `unix://${NodeEngine.socketIn(dir)}`,
      "--bridge",
      "none",
      "--storage-driver",
      "vfs",
      "--log-level",
      "warn",
    ]);
    const child = spawn(command!, args, { stdio: ["ignore", log, log] });
    closeSync(log);
    child.on("error", () => undefined);
    const engine = new NodeEngine(dir, child.pid ?? 0);
    try {
      const end = Date.now() + nodeEngineStartMsMax;
      while (!(await pingEngine(engine.socketPath))) {
        if (child.exitCode !== null || Date.now() > end)
          throw new Error(
            `the node's dockerd did not answer within ${nodeEngineStartMsMax} ms: ${tail(join(dir, "dockerd.log"))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, enginePollMs));
      }
      await ensureTestImage(new Docker({ socketPath: engine.socketPath }));
      return engine;
    } catch (error) {
      await engine.stop();
      throw error;
    }
  }

  /**
   * Removes every container the engine still has, stops it (SIGTERM; SIGKILL after
   * {@link nodeEngineStopMsMax}) and deletes its directory. Never throws.
   */
  async stop(): Promise<void> {
    const docker = new Docker({ socketPath: this.socketPath });
    if (await pingEngine(this.socketPath)) {
      const containers = await docker.listContainers({ all: true }).catch(() => []);
      await Promise.all(
        containers.map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
      );
    }
    if (this.pid > 0) {
      signal(this.pid, "SIGTERM");
      const end = Date.now() + nodeEngineStopMsMax;
      while (alive(this.pid) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, enginePollMs));
      signal(this.pid, "SIGKILL");
    }
    // A mount the engine left behind (a container's shm) would make the removal fail: lazily unmounted first.
    const mounts = await runCommand("findmnt", ["-rn", "-o", "TARGET"]).catch(() => "");
    for (const target of mounts
      .split("\n")
      .filter((m) => m.startsWith(`${this.dir}/`))
      .reverse())
      await runCommand("umount", ["-l", target]).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Whether a process is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal; a process gone already is fine. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** The last lines of a log, for an error message. */
function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-5).join("\n");
  } catch {
    return "(no log)";
  }
}
