// Runs a 3-member etcd cluster (Debian's etcd-server) on loopback as the reference system, with
// fsync on as etcd always does.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../raft/index.js";
import { benchAddr } from "./bench-addresses.js";

/** How long etcd may take to elect a leader. */
export const etcdStartMsMax = 30_000;

/** A running etcd cluster. */
export class EtcdCluster {
  private constructor(
    private readonly children: ChildProcess[],
    /** Client URLs of the members. */
    readonly endpoints: string[],
  ) {}

  /** Process ids of the members (for /proc). */
  get pids(): number[] {
    return this.children.map((c) => c.pid ?? 0);
  }

  /** Whether the etcd binary is installed. */
  static available(): boolean {
    return spawnSync("etcd", ["--version"]).status === 0;
  }

  /** Starts `size` members under dir and waits until the cluster answers. */
  static async start(dir: string, size = 3): Promise<EtcdCluster> {
    const members = [];
    for (let i = 1; i <= size; i++) {
      const host = await benchAddr(10 + i);
      members.push({ name: `etcd${i}`, host, client: await freePort(host), peer: await freePort(host) });
    }
    const initial = members.map((m) => `${m.name}=http://${m.host}:${m.peer}`).join(",");
    const children = members.map((m) => {
      const data = join(dir, m.name);
      mkdirSync(data, { recursive: true });
      return spawn(
        "etcd",
        [
          ...["--name", m.name, "--data-dir", data],
          ...[
            "--listen-client-urls",
            `http://${m.host}:${m.client}`,
            "--advertise-client-urls",
            `http://${m.host}:${m.client}`,
          ],
          ...[
            "--listen-peer-urls",
            `http://${m.host}:${m.peer}`,
            "--initial-advertise-peer-urls",
            `http://${m.host}:${m.peer}`,
          ],
          ...["--initial-cluster", initial, "--initial-cluster-state", "new", "--initial-cluster-token", "bench"],
          ...["--log-level", "error", "--logger", "zap"],
        ],
        {
          stdio: ["ignore", "ignore", "pipe"],
          env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === "x64" ? "" : process.arch },
        },
      );
    });
    const cluster = new EtcdCluster(
      children,
      members.map((m) => `http://${m.host}:${m.client}`),
    );
    const end = performance.now() + etcdStartMsMax;
    for (;;) {
      const ok = await Promise.all(
        cluster.endpoints.map((e) =>
          fetch(`${e}/health`)
            .then((r) => r.ok)
            .catch(() => false),
        ),
      );
      if (ok.every(Boolean)) return cluster;
      if (performance.now() > end) {
        await cluster.close();
        throw new Error("etcd did not become healthy");
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Stops every member. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGKILL");
          }),
      ),
    );
  }
}
