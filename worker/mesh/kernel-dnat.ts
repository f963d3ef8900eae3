// The optional kernel data path: iptables DNAT rules in the nat table that send new TCP
// connections to a published port straight to an endpoint, as kube-proxy's iptables mode does, so
// the bytes never cross userspace. It needs root and covers only what the kernel can do alone:
// round robin over TCP without a PROXY header. Everything else (UDP, least-connections, PROXY
// protocol, ports with no endpoint) falls through to the userspace listener on the same port.
// Each mesh owns two chains named after its bind address, so several nodes on one host (127.0.0.x
// in tests) never touch each other's rules; they are replaced atomically with iptables-restore.
import { execFile } from "node:child_process";
import { isIPv4 } from "node:net";
import { promisify } from "node:util";
import { SwarmError } from "../../common/index.js";
import type { MeshEndpoint, MeshPort } from "./mesh-types.js";

const run = promisify(execFile);

/** How long an iptables call may wait for the xtables lock (seconds, iptables' own unit). */
export const iptablesLockWaitS = 5;

/** The kernel path could not be set up or changed. */
export class KernelPathError extends SwarmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("MESH_KERNEL_PATH", message, options);
  }
}

/** A published TCP port and the endpoints the kernel may send its new connections to. */
export interface KernelRoute {
  /** The published port (protocol tcp, no PROXY header). */
  readonly port: MeshPort;
  /** Endpoints that take new connections (not draining, serving the target port). */
  readonly endpoints: readonly MeshEndpoint[];
}

/** Whether the kernel path can run here: root, an IPv4 bind address, and a working iptables. */
export async function kernelPathAvailable(bindAddr: string): Promise<boolean> {
  if (process.getuid?.() !== 0 || !isIPv4(bindAddr)) return false;
  try {
    await run("iptables", ["-w", String(iptablesLockWaitS), "-t", "nat", "-S", "OUTPUT"]);
    return true;
  } catch {
    return false;
  }
}

/** The DNAT rules of one mesh: synced to the routes it is given, removed on close. */
export class KernelDnat {
  /** The chain holding the DNAT rules, jumped to from OUTPUT and PREROUTING. */
  readonly chain: string;
  /** The chain masquerading DNATed connections that leave the host (so replies come back through it). */
  readonly postChain: string;
  private hooked = false;

  constructor(private readonly bindAddr: string) {
    const hex = bindAddr
      .split(".")
      .map((b) => Number(b).toString(16).padStart(2, "0"))
      .join("");
    this.chain = `SWARM-INGRESS-${hex}`;
    this.postChain = `SWARM-INGRESS-POST-${hex}`;
  }

  /** Replaces every rule with those for `routes`, atomically. */
  async sync(routes: readonly KernelRoute[]): Promise<void> {
    const dest = this.bindAddr === "0.0.0.0" ? "-m addrtype --dst-type LOCAL" : `-d ${this.bindAddr}/32`;
    const lines = ["*nat", `:${this.chain} - [0:0]`, `:${this.postChain} - [0:0]`];
    for (const { port, endpoints } of routes) {
      endpoints.forEach((e, i) => {
        // nth over the packets that reach each rule: rule i takes 1 of every (n - i) new
        // connections left by the rules before it, which is exact round robin.
        const left = endpoints.length - i;
        const spread = left > 1 ? ` -m statistic --mode nth --every ${left} --packet 0` : "";
        lines.push(
          `-A ${this.chain} ${dest} -p tcp --dport ${port.publishedPort}${spread} -j DNAT --to-destination ${e.addr}:${e.ports[port.targetPort]}`,
        );
      });
    }
    lines.push(
      `-A ${this.postChain} ! -o lo -m conntrack --ctstate DNAT --ctorigdst ${this.bindAddr === "0.0.0.0" ? "0.0.0.0/0" : this.bindAddr} -j MASQUERADE`,
      "COMMIT",
      "",
    );
    await this.restore(lines.join("\n"));
    if (!this.hooked) {
      await this.hook("OUTPUT", this.chain);
      await this.hook("PREROUTING", this.chain);
      await this.hook("POSTROUTING", this.postChain);
      this.hooked = true;
    }
  }

  /** Removes the jumps and both chains; connections already DNATed carry on (conntrack keeps them). */
  async close(): Promise<void> {
    for (const [from, to] of [
      ["OUTPUT", this.chain],
      ["PREROUTING", this.chain],
      ["POSTROUTING", this.postChain],
    ] as const) {
      while (
        await this.iptables(["-D", from, "-j", to]).then(
          () => true,
          () => false,
        )
      );
    }
    for (const chain of [this.chain, this.postChain]) {
      await this.iptables(["-F", chain]).catch(() => {});
      await this.iptables(["-X", chain]).catch(() => {});
    }
    this.hooked = false;
  }

  /** Puts a jump to `to` first in `from` unless it is there already. */
  private async hook(from: string, to: string): Promise<void> {
    const present = await this.iptables(["-C", from, "-j", to]).then(
      () => true,
      () => false,
    );
    if (!present) await this.iptables(["-I", from, "1", "-j", to]);
  }

  private async iptables(args: readonly string[]): Promise<void> {
    try {
      await run("iptables", ["-w", String(iptablesLockWaitS), "-t", "nat", ...args]);
    } catch (error) {
      throw new KernelPathError(`iptables ${args.join(" ")} failed: ${String(error)}`, { cause: error });
    }
  }

  private restore(input: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        "iptables-restore",
        ["-w", String(iptablesLockWaitS), "--noflush"],
        (error, _stdout, stderr) => {
          if (error)
            reject(new KernelPathError(`iptables-restore failed: ${stderr || error.message}`, { cause: error }));
          else resolve();
        },
      );
      child.stdin?.end(input);
    });
  }
}
