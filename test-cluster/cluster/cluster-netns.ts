// The network of a local cluster whose nodes serve overlay networks. A node's network agent makes
// bridges, VXLAN devices, netfilter rules and task namespaces, none of which may touch the host's
// own network, and which must not meet another node's either (two nodes' bridges on one subnet in
// one namespace would share its routes and its connection tracking). So, as on real machines, each
// node gets a network namespace of its own, wired to a switch (a bridge in one more namespace) on
// an underlay in 198.18.0.0/24 that exists only inside these namespaces. The switch namespace has
// an address on the underlay too, from where the relay (netns-relay-main.ts) reaches the nodes.
// Control sockets are files, so swarmctl reaches the cluster from the host unchanged. Every name
// starts with `swcl-<pid>-<random>`; `removeClusterNet` kills what runs inside and removes it all.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";

/** Prefix of every cluster namespace's name: `swcl-<pid>-<random>-…`. */
export const clusterNetnsPrefix = "swcl-";

/** First three octets of a cluster's underlay; node i (from 0) has .(i+1). */
export const clusterUnderlayPrefix = "198.18.0";

/** The switch namespace's own underlay address (the relay's source). */
export const clusterSwitchAddr = `${clusterUnderlayPrefix}.254`;

/** Most nodes one cluster network holds (the underlay is a /24, .254 is the switch's). */
export const clusterNetNodesMax = 200;

/** Longest one namespace command may run, in ms. */
export const netnsCommandMsMax = 30_000;

/** Runs a command, resolving with stdout; rejects with stderr in the message. */
export function runCommand(
  program: string,
  args: readonly string[],
  timeoutMs = netnsCommandMsMax,
  input?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${program} ${args.join(" ")}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(input ?? "");
  });
}

/** Whether this process can give a cluster a network of its own (root, iproute2). */
export function canMakeClusterNet(): boolean {
  return process.getuid?.() === 0;
}

/** The namespaces of one cluster network. */
export class ClusterNet {
  constructor(
    /** The run-unique prefix of every name. */
    readonly id: string,
    /** How many node namespaces it has. */
    readonly nodes: number,
  ) {}

  /** A fresh, run-unique id. */
  static newId(): string {
    return `${clusterNetnsPrefix}${process.pid}-${randomBytes(2).toString("hex")}`;
  }

  /** The namespace holding the switch. */
  get switchNetns(): string {
    return `${this.id}-sw`;
  }

  /** Node i's namespace. */
  nodeNetns(i: number): string {
    return `${this.id}-n${i}`;
  }

  /** Node i's underlay address: the address its swarmd listens on and advertises. */
  nodeAddr(i: number): string {
    return `${clusterUnderlayPrefix}.${i + 1}`;
  }

  /** Creates the switch and every node namespace; on failure removes what it made. */
  async create(): Promise<void> {
    if (!Number.isInteger(this.nodes) || this.nodes < 1 || this.nodes > clusterNetNodesMax)
      throw new RangeError(`a cluster network holds 1..${clusterNetNodesMax} nodes, not ${this.nodes}`);
    try {
      const sw = this.switchNetns;
      await runCommand("ip", ["netns", "add", sw]);
      await runCommand(
        "ip",
        ["-n", sw, "-batch", "-"],
        netnsCommandMsMax,
        batch([
          "link set dev lo up",
          "link add name sw0 type bridge",
          `addr add ${clusterSwitchAddr}/24 dev sw0`,
          "link set dev sw0 up",
        ]),
      );
      for (let i = 0; i < this.nodes; i++) {
        const netns = this.nodeNetns(i);
        await runCommand("ip", ["netns", "add", netns]);
        await runCommand(
          "ip",
          ["-n", sw, "-batch", "-"],
          netnsCommandMsMax,
          batch([`link add name p${i} type veth peer name u0 netns ${netns}`, `link set dev p${i} master sw0 up`]),
        );
        await runCommand(
          "ip",
          ["-n", netns, "-batch", "-"],
          netnsCommandMsMax,
          batch(["link set dev lo up", `addr add ${this.nodeAddr(i)}/24 dev u0`, "link set dev u0 up"]),
        );
      }
    } catch (error) {
      await this.remove();
      throw error;
    }
  }

  /**
   * The command line that runs `argv` in node i's namespace (or the switch's, for -1), as the same
   * pid (nsenter execs it). Not `ip netns exec`: that also gives the process a mount namespace of
   * its own, and the namespaces a node's agent makes for its tasks would then exist only there,
   * invisible to the node's next start, to `swarmd leave` and to tests.
   */
  inNode(i: number, argv: readonly string[]): string[] {
    const netns = i < 0 ? this.switchNetns : this.nodeNetns(i);
    return ["nsenter", `--net=/run/netns/${netns}`, "--", ...argv];
  }

  /** Kills whatever still runs inside and deletes every namespace (nodes first); absent is fine. */
  async remove(): Promise<void> {
    for (let i = 0; i < this.nodes; i++) await removeNetns(this.nodeNetns(i));
    await removeNetns(this.switchNetns);
  }
}

/** Lines for `ip -batch -`. */
function batch(lines: readonly string[]): string {
  return `${lines.join("\n")}\n`;
}

/** Kills every process inside `netns` and deletes it; absent is fine. */
async function removeNetns(netns: string): Promise<void> {
  const pids = await runCommand("ip", ["netns", "pids", netns]).catch(() => "");
  for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  await runCommand("ip", ["netns", "delete", netns]).catch(() => undefined);
  rmSync(join("/etc/netns", netns), { recursive: true, force: true });
}
