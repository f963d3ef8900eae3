// One Compose service → a ServiceSpec as CreateService expects it, following Docker's stack
// conversion: entrypoint → command, command → args, env_file then environment (sorted KEY=VALUE),
// `labels` on the container and `deploy.labels` on the service.
import { asText } from "./as-text.js";
import { swarm } from "../../proto/index.js";
import { envFileBytesMax, parseEnvFile } from "./dotenv.js";
import { isDict, stringList, stringMap, type ConvertContext, type Dict } from "./convert-context.js";
import { convertDeploy } from "./convert-deploy.js";
import { convertMounts, convertReferences } from "./convert-mounts.js";
import { convertServiceNetworks } from "./convert-networks.js";
import type { StackNetwork, StackService } from "./model.js";
import { splitShellWords, SyntaxProblem } from "./short-syntax.js";
import type { PathStep } from "./stack-file-error.js";
import { parseBoolean, parseDurationNs, parseInteger } from "./units.js";

/** Service keys converted; the others are warned about and ignored. */
const serviceKeys = new Set([
  "image",
  "command",
  "entrypoint",
  "environment",
  "env_file",
  "ports",
  "deploy",
  "healthcheck",
  "labels",
  "volumes",
  "tmpfs",
  "secrets",
  "configs",
  "hostname",
  "user",
  "working_dir",
  "stop_grace_period",
  "stop_signal",
  "init",
  "read_only",
  "depends_on",
  "restart",
  "scale",
  "tty",
  "stdin_open",
  "extra_hosts",
  "dns",
  "dns_search",
  "dns_opt",
  "sysctls",
  "cap_add",
  "cap_drop",
  "group_add",
  "pids_limit",
  "ulimits",
  "oom_score_adj",
  "isolation",
  "logging",
  "platform",
  "networks",
  "network_mode",
]);
const healthKeys = new Set(["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"]);

/** What a service may refer to at the top level. */
export interface Declared {
  /** Service keys, for depends_on. */
  readonly services: ReadonlySet<string>;
  /** Top-level secret keys. */
  readonly secrets: ReadonlySet<string>;
  /** Top-level config keys. */
  readonly configs: ReadonlySet<string>;
  /** Top-level volume keys. */
  readonly volumes: ReadonlySet<string>;
  /** Top-level networks by key. */
  readonly networks: ReadonlyMap<string, StackNetwork>;
}

/** Converts `services.<name>`. */
export function convertService(ctx: ConvertContext, name: string, service: Dict, declared: Declared): StackService {
  const path: PathStep[] = ["services", name];
  ctx.warnUnknown(service, path, serviceKeys);
  if (service.image === undefined || asText(service.image) === "")
    ctx.fail(path, "image is required (building images is not supported)");
  const deploy = convertDeploy(ctx, service, path);
  const container: swarm.v1.ContainerSpec.$Properties = { image: asText(service.image) };
  const entrypoint = command(ctx, service.entrypoint, [...path, "entrypoint"]);
  const args = command(ctx, service.command, [...path, "command"]);
  if (entrypoint) container.command = entrypoint;
  if (args) container.args = args;
  const env = environment(ctx, service, path);
  if (env.length > 0) container.env = env;
  const labels = stringMap(service.labels);
  if (Object.keys(labels).length > 0) container.labels = labels;
  if (service.working_dir !== undefined) container.dir = asText(service.working_dir);
  if (service.user !== undefined) container.user = asText(service.user);
  if (service.hostname !== undefined) container.hostname = asText(service.hostname);
  if (service.stop_signal !== undefined) container.stopSignal = asText(service.stop_signal);
  if (service.stop_grace_period !== undefined)
    container.stopGracePeriodNs = ctx.read(service.stop_grace_period, [...path, "stop_grace_period"], parseDurationNs);
  for (const [key, field] of [
    ["init", "init"],
    ["read_only", "readOnly"],
    ["tty", "tty"],
    ["stdin_open", "openStdin"],
  ] as const) {
    if (service[key] !== undefined && ctx.read(service[key], [...path, key], parseBoolean)) container[field] = true;
  }
  const healthcheck = convertHealthcheck(ctx, service.healthcheck, [...path, "healthcheck"]);
  if (healthcheck) container.healthcheck = healthcheck;
  const mounts = convertMounts(ctx, service, path, declared.volumes);
  if (mounts.length > 0) container.mounts = mounts;
  const secrets = convertReferences(ctx, service, path, "secrets", declared.secrets).map((r) => ({
    secretName: r.name,
    file: r.file,
  }));
  if (secrets.length > 0) container.secrets = secrets;
  const configs = convertReferences(ctx, service, path, "configs", declared.configs).map((r) => ({
    configName: r.name,
    file: r.file,
  }));
  if (configs.length > 0) container.configs = configs;
  convertHostSettings(ctx, service, path, container);
  const pids =
    service.pids_limit !== undefined
      ? ctx.read(service.pids_limit, [...path, "pids_limit"], (v) => parseInteger(v, -1))
      : deploy.pidsLimit;
  if (pids !== undefined && pids > 0) container.pidsLimit = pids;

  const networks = convertServiceNetworks(ctx, name, service, path, declared.networks);
  const task: swarm.v1.TaskSpec.$Properties = {
    container,
    ...deploy.task,
    ...(networks.length > 0 ? { networks } : {}),
  };
  if (isDict(service.logging)) {
    ctx.warnUnknown(service.logging, [...path, "logging"], new Set(["driver", "options"]));
    if (service.logging.driver !== undefined)
      task.logDriver = { name: asText(service.logging.driver), options: stringMap(service.logging.options) };
  }
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name, ...(Object.keys(deploy.labels).length > 0 ? { labels: deploy.labels } : {}) },
    task,
    ...deploy.mode,
    ...(deploy.update ? { update: deploy.update } : {}),
    ...(deploy.rollback ? { rollback: deploy.rollback } : {}),
    ...(deploy.endpoint ? { endpoint: deploy.endpoint } : {}),
  };
  const dependsOn = isDict(service.depends_on) ? Object.keys(service.depends_on).sort() : [];
  for (const dependency of dependsOn) {
    if (!declared.services.has(dependency))
      ctx.fail([...path, "depends_on", dependency], `service ${JSON.stringify(dependency)} is not defined`);
    if (dependency === name) ctx.fail([...path, "depends_on", dependency], "a service cannot depend on itself");
  }
  return { name, spec, dependsOn };
}

function command(ctx: ConvertContext, value: unknown, path: readonly PathStep[]): string[] | undefined {
  if (value == null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  try {
    return splitShellWords(asText(value));
  } catch (error) {
    if (error instanceof SyntaxProblem) ctx.fail(path, error.message);
    throw error;
  }
}

/** env_file entries in order, then `environment`; a key without a value takes the variable's value, if set. */
function environment(ctx: ConvertContext, service: Dict, path: readonly PathStep[]): string[] {
  const env = new Map<string, string>();
  const files = Array.isArray(service.env_file) ? service.env_file : [];
  files.forEach((entry, i) => {
    const at = [...path, "env_file", i];
    const item = isDict(entry) ? entry : {};
    ctx.warnUnknown(item, at, new Set(["path", "required"]));
    const file = asText(item.path);
    const required = item.required === undefined || ctx.read(item.required, [...at, "required"], parseBoolean);
    let text: string;
    try {
      text = ctx.readNamedFile(file, at, envFileBytesMax).toString("utf8");
    } catch (error) {
      if (!required) return;
      throw error;
    }
    for (const [key, value] of parseEnvFile(file, text, ctx.lookup)) env.set(key, value);
  });
  const vars = isDict(service.environment) ? service.environment : {};
  for (const [key, value] of Object.entries(vars)) {
    if (value == null) {
      const fromEnv = ctx.lookup(key);
      if (fromEnv !== undefined) env.set(key, fromEnv);
      else env.delete(key);
    } else env.set(key, asText(value));
  }
  return [...env].map(([k, v]) => `${k}=${v}`).sort();
}

function convertHealthcheck(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
): swarm.v1.HealthConfig.$Properties | undefined {
  if (!isDict(value)) return undefined;
  ctx.warnUnknown(value, path, healthKeys);
  if (value.disable !== undefined && ctx.read(value.disable, [...path, "disable"], parseBoolean))
    return { test: ["NONE"] };
  const health: swarm.v1.HealthConfig.$Properties = {};
  if (typeof value.test === "string") health.test = ["CMD-SHELL", value.test];
  else if (Array.isArray(value.test)) {
    const test = value.test.map(String);
    if (!["NONE", "CMD", "CMD-SHELL"].includes(test[0] ?? ""))
      ctx.fail([...path, "test"], 'must start with "NONE", "CMD" or "CMD-SHELL"');
    health.test = test;
  }
  if (value.interval !== undefined)
    health.intervalNs = ctx.read(value.interval, [...path, "interval"], parseDurationNs);
  if (value.timeout !== undefined) health.timeoutNs = ctx.read(value.timeout, [...path, "timeout"], parseDurationNs);
  if (value.start_period !== undefined)
    health.startPeriodNs = ctx.read(value.start_period, [...path, "start_period"], parseDurationNs);
  if (value.start_interval !== undefined)
    health.startIntervalNs = ctx.read(value.start_interval, [...path, "start_interval"], parseDurationNs);
  if (value.retries !== undefined)
    health.retries = ctx.read(value.retries, [...path, "retries"], (v) => parseInteger(v));
  return health;
}

/** Host-level container settings the API carries: hosts, DNS, sysctls, capabilities, groups. */
function convertHostSettings(
  ctx: ConvertContext,
  service: Dict,
  path: readonly PathStep[],
  container: swarm.v1.ContainerSpec.$Properties,
): void {
  const hosts = stringList(service.extra_hosts).map((entry, i) => {
    // Compose writes "host:ip" (or "host=ip"); the API keeps /etc/hosts order, "ip host".
    const m = /^([^:=]+)[:=](.+)$/.exec(entry);
    if (!m) return ctx.fail([...path, "extra_hosts", i], `must be "host:ip", got ${JSON.stringify(entry)}`);
    return `${m[2]!} ${m[1]!}`;
  });
  if (hosts.length > 0) container.hosts = hosts;
  const dns: swarm.v1.DnsConfig.$Properties = {};
  for (const [key, field] of [
    ["dns", "nameservers"],
    ["dns_search", "search"],
    ["dns_opt", "options"],
  ] as const) {
    const list = stringList(service[key]);
    if (list.length > 0) dns[field] = list;
  }
  if (Object.keys(dns).length > 0) container.dnsConfig = dns;
  const sysctls = stringMap(service.sysctls);
  if (Object.keys(sysctls).length > 0) container.sysctls = sysctls;
  for (const [key, field] of [
    ["cap_add", "capabilityAdd"],
    ["cap_drop", "capabilityDrop"],
    ["group_add", "groups"],
  ] as const) {
    const list = stringList(service[key]);
    if (list.length > 0) container[field] = list;
  }
  const ulimits = convertUlimits(ctx, service.ulimits, [...path, "ulimits"]);
  if (ulimits.length > 0) container.ulimits = ulimits;
  if (service.oom_score_adj !== undefined) {
    const adj = ctx.read(service.oom_score_adj, [...path, "oom_score_adj"], (v) => parseInteger(v, -1000));
    if (adj > 1000) ctx.fail([...path, "oom_score_adj"], `must be from -1000 to 1000, got ${adj}`);
    if (adj !== 0) container.oomScoreAdj = adj;
  }
  if (service.isolation !== undefined) {
    const isolation = asText(service.isolation);
    // As the managers do: Linux nodes have the default isolation only.
    if (isolation !== "default")
      ctx.fail(
        [...path, "isolation"],
        `${JSON.stringify(isolation)} isolation exists on Windows only; Linux nodes run every container with the default isolation`,
      );
    container.isolation = swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT;
  }
}

/** `ulimits`: `nofile: 1024` (soft and hard) or `nofile: {soft: 1024, hard: 2048}`, sorted by name as Docker's stack deploy sends them. */
function convertUlimits(ctx: ConvertContext, value: unknown, path: readonly PathStep[]): swarm.v1.Ulimit.$Properties[] {
  if (!isDict(value)) return [];
  return Object.entries(value)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, limit]) => {
      const at = [...path, name];
      if (!isDict(limit)) {
        const both = ctx.read(limit, at, (v) => parseInteger(v, -1));
        return { name, soft: both, hard: both };
      }
      ctx.warnUnknown(limit, at, new Set(["soft", "hard"]));
      if (limit.soft === undefined || limit.hard === undefined) ctx.fail(at, "needs both soft and hard");
      const soft = ctx.read(limit.soft, [...at, "soft"], (v) => parseInteger(v, -1));
      const hard = ctx.read(limit.hard, [...at, "hard"], (v) => parseInteger(v, -1));
      return { name, soft, hard };
    });
}
