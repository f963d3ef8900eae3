// A process task's own network namespace, named so that a restarted agent finds it again
// (`ip netns add <prefix><taskId>`, a bind mount under /run/netns), and its /etc files: `ip netns
// exec` bind-mounts /etc/netns/<name>/* over /etc/*, so the task's resolv.conf names the node's DNS
// server and its hosts file its own name, with no mount namespace of our own to manage.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandRunner } from "./command-runner.js";

/** Where `ip netns` keeps named namespaces. */
export const netnsRunDir = "/run/netns";

/** Where `ip netns exec` finds per-namespace /etc files. */
export const etcNetnsDir = "/etc/netns";

/** What goes into the task's /etc. */
export interface TaskNetnsFiles {
  /** resolv.conf contents. */
  readonly resolvConf: string;
  /** hosts contents. */
  readonly hosts: string;
}

/** The resolv.conf of a task: the node's DNS server, the host's search list, and ndots:0. */
export function taskResolvConf(nameserver: string, search: readonly string[]): string {
  // ndots:0: a name is tried as written first, so `db` reaches the cluster before any search domain.
  return [
    `nameserver ${nameserver}`,
    ...(search.length > 0 ? [`search ${search.join(" ")}`] : []),
    "options ndots:0",
    "",
  ].join("\n");
}

/** The hosts file of a task: loopback and the task's own addresses under its names. */
export function taskHosts(addrs: readonly string[], names: readonly string[]): string {
  const own = names.filter((n) => n !== "").join(" ");
  return [
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    ...(own === "" ? [] : addrs.map((a) => `${a}\t${own}`)),
    "",
  ].join("\n");
}

/** Whether the named namespace exists. */
export function netnsExists(name: string): boolean {
  return existsSync(join(netnsRunDir, name));
}

/** Creates the namespace (loopback up) unless it exists, and writes its /etc files. */
export async function ensureNetns(
  run: CommandRunner,
  name: string,
  files: TaskNetnsFiles,
  etcDir = etcNetnsDir,
): Promise<void> {
  if (!netnsExists(name)) {
    await run("ip", ["netns", "add", name]);
    await run("ip", ["-n", name, "link", "set", "dev", "lo", "up"]);
  }
  const dir = join(etcDir, name);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(join(dir, "resolv.conf"), files.resolvConf, { mode: 0o644 });
  writeFileSync(join(dir, "hosts"), files.hosts, { mode: 0o644 });
}

/**
 * Deletes the namespace and its /etc files. Processes still inside are killed first, by pid, so a
 * namespace never outlives its task; its veths go with it.
 */
export async function deleteNetns(run: CommandRunner, name: string, etcDir = etcNetnsDir): Promise<void> {
  if (netnsExists(name)) {
    const pids = await run("ip", ["netns", "pids", name]).catch(() => "");
    for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // Gone already.
      }
    }
    await run("ip", ["netns", "delete", name]).catch(() => undefined);
  }
  rmSync(join(etcDir, name), { recursive: true, force: true });
}

/** Names of existing namespaces starting with `prefix`. */
export function netnsWithPrefix(prefix: string): string[] {
  try {
    return readdirSync(netnsRunDir).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
}
