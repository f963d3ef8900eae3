// What a task may ask of a container that a plain host process cannot have. The process executor
// honours the image (as process://PROGRAM), command, args, env, dir, user, stop signal and grace
// period, health check, secrets and configs (as files), labels, resources.limits and pids_limit
// (cgroups), its networks, and bind and tmpfs mounts (task-mounts.ts, as root); every other setting is listed here with why, and a task asking for
// any of them is rejected with them all named, never run without them.
import { swarm } from "../../../proto/index.js";
import { mountRefusal, thisHost } from "./task-mounts.js";
import type { MountHost } from "./task-mounts.js";

/**
 * The settings of a task that the process executor cannot honour, each as "field: why" with the
 * field named as in the task spec (e.g. "container.mounts[0]: volume mounts need …"); empty when it
 * can run the task as written. Mounts are checked against `host` (root, existing paths).
 */
export function unsupportedSettings(spec: swarm.v1.ITaskSpec | null | undefined, host: MountHost = thisHost): string[] {
  const c = spec?.container ?? {};
  const out: string[] = [];
  const field = (name: string, why: string): void => {
    out.push(`container.${name}: ${why}`);
  };
  const set = (list: readonly unknown[] | null | undefined): boolean => (list ?? []).length > 0;
  (c.mounts ?? []).forEach((m, i) => {
    const why = mountRefusal(m, host);
    if (why !== undefined) field(`mounts[${i}]`, why);
  });
  if ((c.hostname ?? "") !== "") field("hostname", "a host process has the node's hostname");
  if (set(c.groups)) field("groups", "a host process gets the groups of its user only");
  if (set(c.capabilityAdd) || set(c.capabilityDrop))
    field(set(c.capabilityAdd) ? "capabilityAdd" : "capabilityDrop", "a host process has its user's capabilities");
  if (Object.keys(c.sysctls ?? {}).length > 0)
    field("sysctls", "kernel parameters are the node's, shared by every process");
  if (set(c.hosts)) field("hosts", "a host process reads the node's /etc/hosts");
  const dns = c.dnsConfig;
  if (dns && (set(dns.nameservers) || set(dns.search) || set(dns.options)))
    field("dnsConfig", "a host process uses the node's resolver settings");
  if (c.readOnly === true) field("readOnly", "a host process has no root filesystem of its own");
  if (c.tty === true) field("tty", "a host process's output goes to log files, not a terminal");
  if (c.openStdin === true) field("openStdin", "a host process's stdin is /dev/null");
  if (c.init === true) field("init", "the executor's shim waits for the program; there is no PID 1 to replace");
  if (set(c.ulimits)) field("ulimits", "resource limits of host processes are not set by the process executor");
  if (Number(c.oomScoreAdj ?? 0) !== 0) field("oomScoreAdj", "the process executor does not tune the OOM killer");
  if (Number(c.isolation ?? 0) !== Number(swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT))
    field("isolation", "only the default isolation exists on Linux");
  if ((spec?.logDriver?.name ?? "") !== "")
    out.push("logDriver: a host process's output is kept in the executor's own log files, not a log driver");
  return out;
}
