// The network namespace of a local cluster whose nodes serve overlay networks. Its nodes' network
// agents make bridges, VXLAN devices, netfilter rules and task namespaces; none of that may touch
// the host's own network, so the whole cluster runs in a namespace of its own, where every loopback
// address is local (its `lo` holds 127.0.0.0/8) and the nodes reach each other exactly as they do
// on the host. Control sockets are files, so swarmctl reaches the cluster from outside unchanged;
// published ports are reached through a relay (netns-relay.ts) or from inside (`ip netns exec`).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";

/** Prefix of every cluster namespace's name: `swcl-<pid>-<random>`. */
export const clusterNetnsPrefix = "swcl-";

/** Longest one namespace command may run, in ms. */
export const netnsCommandMsMax = 30_000;

/** Runs a command, resolving with stdout; rejects with stderr in the message. */
export function runCommand(program: string, args: readonly string[], timeoutMs = netnsCommandMsMax): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${program} ${args.join(" ")}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** A fresh, run-unique namespace name. */
export function clusterNetnsName(): string {
  return `${clusterNetnsPrefix}${process.pid}-${randomBytes(2).toString("hex")}`;
}

/** Whether this process can give a cluster a namespace of its own (root, iproute2). */
export function canMakeClusterNetns(): boolean {
  return process.getuid?.() === 0;
}

/** Creates the namespace with its loopback interface up. */
export async function createClusterNetns(name: string): Promise<void> {
  await runCommand("ip", ["netns", "add", name]);
  try {
    await runCommand("ip", ["-n", name, "link", "set", "lo", "up"]);
  } catch (error) {
    await removeClusterNetns(name);
    throw error;
  }
}

/**
 * The command line that runs `argv` inside the namespace, as the same pid (nsenter execs it). Not
 * `ip netns exec`: that also gives the process a mount namespace of its own, and the namespaces
 * a node's agent makes for its tasks would then exist only there, invisible to the node's next
 * start, to `swarmd leave` and to tests.
 */
export function inNetns(name: string, argv: readonly string[]): string[] {
  return ["nsenter", `--net=/run/netns/${name}`, "--", ...argv];
}

/** Kills whatever still runs inside the namespace and deletes it; absent is fine. */
export async function removeClusterNetns(name: string): Promise<void> {
  const pids = await runCommand("ip", ["netns", "pids", name]).catch(() => "");
  for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  await runCommand("ip", ["netns", "delete", name]).catch(() => undefined);
  rmSync(join("/etc/netns", name), { recursive: true, force: true });
}
