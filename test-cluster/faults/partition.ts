// Network partitions between nodes of a LocalCluster. Nodes share the loopback interface and dial
// from 127.0.0.1 whatever address they listen on, so a rule on source addresses would match
// nothing; instead each node runs in its own cgroup and the rules drop what a node's sockets send
// to the other side's address (`iptables -m cgroup --path … -d …`). The answers on connections a
// node opened carry 127.0.0.1 as destination, so each of its connections is also marked
// (CONNMARK, from its cgroup) and packets from the other side on a marked connection are dropped:
// without that, a manager could still push to a "partitioned" worker. Dropping (not rejecting)
// makes the partition silent, as a real one is. Every rule lives in our own chain, removed in
// teardown.
import { execFileSync } from "node:child_process";
import { SwarmError } from "../../common/index.js";
import type { ClusterNode } from "../cluster/local-cluster.js";

/** Our iptables chain, jumped to from OUTPUT. */
export const faultChain = "SWARM-TEST-FAULTS";

/** The machine cannot partition nodes (no iptables, no cgroup2, not root). */
export class PartitionUnavailableError extends SwarmError {
  constructor(why: string) {
    super("PARTITION_UNAVAILABLE", `cannot partition nodes: ${why}`);
  }
}

function iptables(args: readonly string[]): boolean {
  try {
    execFileSync("iptables", ["-w", ...args], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A set of partitions made by one test; heal() removes exactly its rules. */
export class Partitions {
  private readonly rules: string[][] = [];

  constructor() {
    if (!iptables(["-L", faultChain, "-n"]) && !iptables(["-N", faultChain]))
      throw new PartitionUnavailableError("iptables refused to create its chain (are we root?)");
    if (!iptables(["-C", "OUTPUT", "-j", faultChain]) && !iptables(["-I", "OUTPUT", "-j", faultChain]))
      throw new PartitionUnavailableError("iptables refused the jump to its chain");
  }

  /** Cuts every node of `a` off from every node of `b`, both ways. */
  cut(a: readonly ClusterNode[], b: readonly ClusterNode[]): void {
    for (const x of a) {
      for (const y of b) {
        this.add(x, y);
        this.add(y, x);
      }
    }
  }

  /** Removes every rule this object added; the chain itself stays while others use it. */
  heal(): void {
    for (const rule of this.rules.splice(0)) iptables(["-D", faultChain, ...rule]);
    // The last user also removes the jump and the chain, so nothing is left behind.
    if (chainEmpty()) {
      while (iptables(["-D", "OUTPUT", "-j", faultChain]));
      iptables(["-X", faultChain]);
    }
  }

  private add(from: ClusterNode, to: ClusterNode): void {
    if (!from.cgroup)
      throw new PartitionUnavailableError(`${from.name} runs in no cgroup of its own (cgroup2 not writable)`);
    const mark = connectionMark(from);
    // The mark goes first: a node's next packet marks its connection even when a later rule drops it.
    // Only packets in a connection's original direction mark it: the other side's answers on the
    // same connection (same conntrack entry) must not overwrite the mark of the node that opened it.
    this.insert([
      "-m",
      "cgroup",
      "--path",
      from.cgroup,
      "-m",
      "conntrack",
      "--ctdir",
      "ORIGINAL",
      "-j",
      "CONNMARK",
      "--set-mark",
      mark,
    ]);
    this.append(["-m", "cgroup", "--path", from.cgroup, "-d", to.ip, "-j", "DROP"]);
    this.append(["-m", "connmark", "--mark", mark, "-s", to.ip, "-j", "DROP"]);
  }

  private insert(rule: string[]): void {
    if (!iptables(["-I", faultChain, "1", ...rule]))
      throw new PartitionUnavailableError(`iptables refused ${rule.join(" ")}`);
    this.rules.push(rule);
  }

  private append(rule: string[]): void {
    if (!iptables(["-A", faultChain, ...rule]))
      throw new PartitionUnavailableError(`iptables refused ${rule.join(" ")}`);
    this.rules.push(rule);
  }
}

/** Base of the connection marks; the node's last address byte is added. */
export const connectionMarkBase = 0x5a0000;

/** The connection mark of one node's connections. */
function connectionMark(node: ClusterNode): string {
  return `0x${(connectionMarkBase + Number(node.ip.split(".")[3] ?? 0)).toString(16)}`;
}

function chainEmpty(): boolean {
  try {
    // iptables-nft cannot list cgroup matches back ("incompatible"): an error means rules remain.
    return (
      execFileSync("iptables", ["-w", "-S", faultChain], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
        .trim()
        .split("\n").length <= 1
    );
  } catch {
    return false;
  }
}
