// Turns the flags of `service create` / `service update` into changes of a ServiceSpec. Create
// starts from an empty spec; update starts from the service's current spec and applies removals
// (`--env-rm` …) before additions, as Docker does. The CLI only parses: the server validates the
// result and names the field it rejects.
import { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import {
  type FileReference,
  hostLineMatches,
  parseEnv,
  parseExtraHost,
  parseUlimit,
  parseFileReference,
  parseLabel,
  parseMount,
  parsePlacementPref,
  parsePublish,
  publishKey,
} from "./parse-options.js";
import { editGenericResources } from "./generic-resource-flags.js";
import type { SpecFlagValues } from "./service-flags.js";
import { readEnvFile } from "./env-file.js";
import { parseBytes, parseDurationNs, parseNanoCpus } from "./units.js";

type Spec = swarm.v1.ServiceSpec.$Properties;

/** Finds secrets and configs by name or id, for `--secret` and `--config`, and networks for `--network-rm`. */
export interface ReferenceResolver {
  /** The id and name of a secret or config; rejects when there is none. */
  resolve(kind: "secret" | "config", ref: string): Promise<{ id: string; name: string }>;
  /** The id of a network named by name, id or id prefix, or null (the managers store attachments by id). */
  networkId?(ref: string): Promise<string | null>;
}

/** Default file mode of a secret or config inside the container (0444, as Docker). */
export const referenceModeDefault = 0o444;

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The mode oneof of a new spec from `--mode`, `--replicas` and `--max-concurrent`. */
export function modeOf(flags: SpecFlagValues): Pick<Spec, "replicated" | "global" | "replicatedJob" | "globalJob"> {
  const replicas = num(flags.replicas);
  const maxConcurrent = num(flags["max-concurrent"]);
  switch (str(flags.mode) ?? "replicated") {
    case "global":
    case "global-job":
      if (replicas !== undefined) throw new UsageError("--replicas", `cannot be used with --mode ${str(flags.mode)}`);
      return flags.mode === "global" ? { global: {} } : { globalJob: {} };
    case "replicated-job":
      return { replicatedJob: { totalCompletions: replicas ?? 1, maxConcurrent: maxConcurrent ?? replicas ?? 1 } };
    default:
      if (maxConcurrent !== undefined)
        throw new UsageError("--max-concurrent", "applies to --mode replicated-job only");
      return { replicated: { replicas: replicas ?? 1 } };
  }
}

/** Applies every flag that changes the spec; `update` says whether the list flags add to an existing spec. */
export async function applySpecFlags(spec: Spec, flags: SpecFlagValues, resolver: ReferenceResolver): Promise<void> {
  spec.annotations ??= {};
  spec.task ??= {};
  const task = spec.task;
  task.container ??= {};
  const c = task.container;

  if (num(flags.replicas) !== undefined || num(flags["max-concurrent"]) !== undefined) applyScale(spec, flags);
  if (str(flags.image) !== undefined) c.image = str(flags.image)!;
  if (str(flags.args) !== undefined) c.args = splitWords(str(flags.args)!);
  if (str(flags.entrypoint) !== undefined) c.command = splitWords(str(flags.entrypoint)!);
  if (str(flags.hostname) !== undefined) c.hostname = str(flags.hostname)!;
  if (str(flags.user) !== undefined) c.user = str(flags.user)!;
  if (str(flags.workdir) !== undefined) c.dir = str(flags.workdir)!;
  if (str(flags["stop-signal"]) !== undefined) c.stopSignal = str(flags["stop-signal"])!;
  if (str(flags["stop-grace-period"]) !== undefined)
    c.stopGracePeriodNs = parseDurationNs("--stop-grace-period", str(flags["stop-grace-period"])!);
  if (typeof flags.init === "boolean") c.init = flags.init;
  if (typeof flags["read-only"] === "boolean") c.readOnly = flags["read-only"];
  if (num(flags["limit-pids"]) !== undefined) c.pidsLimit = num(flags["limit-pids"])!;
  if (typeof flags.tty === "boolean") c.tty = flags.tty;
  if (str(flags.isolation) !== undefined) c.isolation = isolationOf(str(flags.isolation)!);
  if (str(flags["oom-score-adj"]) !== undefined) c.oomScoreAdj = oomScoreAdjOf(str(flags["oom-score-adj"])!);
  applyContainerLists(c, flags);
  applyLogDriver(task, flags);

  // Lists: removals first, then additions (an added key replaces an existing one).
  const envRm = new Set(list(flags["env-rm"]));
  const env = (c.env ?? []).filter((e) => !envRm.has(e.split("=")[0]!));
  // As Docker: the files first, in order, then --env, a later entry replacing an earlier one.
  const fromFiles = list(flags["env-file"]).flatMap((file) => readEnvFile(file));
  for (const added of [...fromFiles, ...list(flags.env)]) {
    const entry = parseEnv(added);
    if (entry === null) continue;
    const key = entry.split("=")[0]!;
    const at = env.findIndex((e) => e.split("=")[0] === key);
    if (at === -1) env.push(entry);
    else env[at] = entry;
  }
  c.env = env;
  spec.annotations.labels = editLabels("--label", spec.annotations.labels, list(flags.label), list(flags["label-rm"]));
  c.labels = editLabels(
    "--container-label",
    c.labels,
    list(flags["container-label"]),
    list(flags["container-label-rm"]),
  );

  const mountRm = new Set(list(flags["mount-rm"]));
  c.mounts = [...(c.mounts ?? []).filter((m) => !mountRm.has(m.target ?? "")), ...list(flags.mount).map(parseMount)];

  c.secrets = await editReferences(
    "secret",
    c.secrets ?? [],
    list(flags.secret),
    list(flags["secret-rm"]),
    resolver,
    (source) => source,
  );
  c.configs = await editReferences(
    "config",
    c.configs ?? [],
    list(flags.config),
    list(flags["config-rm"]),
    resolver,
    (source) => `/${source}`,
  );

  applyResources(task, flags);
  applyRestart(task, flags);
  applyPlacement(task, flags);
  // The managers store attachments by network id: a name given to --network-rm matches its id too.
  const networkRm = new Set<string>();
  for (const ref of list(flags["network-rm"])) {
    networkRm.add(ref);
    const id = await resolver.networkId?.(ref);
    if (id) networkRm.add(id);
  }
  task.networks = [
    ...(task.networks ?? []).filter((n) => !networkRm.has(n.target ?? "")),
    ...list(flags.network).map(parseNetwork),
  ];
  applyHealth(c, flags);
  spec.update = applyUpdateConfig("update", spec.update ?? {}, flags);
  spec.rollback = applyUpdateConfig("rollback", spec.rollback ?? {}, flags);
  applyEndpoint(spec, flags);
}

/** Lowest and highest `--oom-score-adj`, as the kernel takes it. */
const oomScoreAdjMax = 1000;

function isolationOf(value: string): swarm.v1.ContainerSpec.Isolation {
  const I = swarm.v1.ContainerSpec.Isolation;
  // The managers refuse process and hyperv, naming the field: every node of a cluster runs Linux.
  return value === "process" ? I.ISOLATION_PROCESS : value === "hyperv" ? I.ISOLATION_HYPERV : I.ISOLATION_DEFAULT;
}

function oomScoreAdjOf(text: string): number {
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= -oomScoreAdjMax && n <= oomScoreAdjMax))
    throw new UsageError("--oom-score-adj", `"${text}" is not an integer from -${oomScoreAdjMax} to ${oomScoreAdjMax}`);
  return n;
}

/**
 * The list and map settings of a container (DNS, extra hosts, groups, sysctls, ulimits,
 * capabilities): removals first, then additions, an added entry replacing one with the same key.
 * On create the lists start empty, so only the additions count.
 */
function applyContainerLists(c: swarm.v1.ContainerSpec.$Properties, flags: SpecFlagValues): void {
  const dns = { ...c.dnsConfig };
  dns.nameservers = editList(dns.nameservers, list(flags.dns), list(flags["dns-rm"]));
  dns.options = editList(dns.options, list(flags["dns-option"]), list(flags["dns-option-rm"]));
  dns.search = editList(dns.search, list(flags["dns-search"]), list(flags["dns-search-rm"]));
  if (dns.nameservers.length + dns.options.length + dns.search.length > 0 || c.dnsConfig) c.dnsConfig = dns;
  const hostRm = list(flags["host-rm"]);
  const hosts = (c.hosts ?? []).filter((line) => !hostRm.some((r) => hostLineMatches(line, r)));
  for (const added of list(flags.host)) {
    const line = parseExtraHost("--host", added);
    if (!hosts.includes(line)) hosts.push(line);
  }
  c.hosts = hosts;
  c.groups = editList(c.groups, list(flags.group), list(flags["group-rm"]));
  const sysctls = { ...c.sysctls };
  for (const key of list(flags["sysctl-rm"])) delete sysctls[key];
  for (const entry of list(flags.sysctl)) {
    const [key, value] = parseLabel("--sysctl", entry);
    if (!entry.includes("=")) throw new UsageError("--sysctl", `"${entry}" is not KEY=VALUE`);
    sysctls[key] = value;
  }
  c.sysctls = sysctls;
  const ulimitRm = new Set(list(flags["ulimit-rm"]));
  const ulimits = (c.ulimits ?? []).filter((u) => !ulimitRm.has(u.name ?? ""));
  for (const added of list(flags.ulimit).map((u) => parseUlimit("--ulimit", u))) {
    const at = ulimits.findIndex((u) => u.name === added.name);
    if (at === -1) ulimits.push(added);
    else ulimits[at] = added;
  }
  c.ulimits = ulimits;
  // As Docker: adding a capability also takes it off the dropped list, and dropping one takes it
  // off the added list, so an update can reverse an earlier choice.
  const capAdd = list(flags["cap-add"]).map(capabilityName);
  const capDrop = list(flags["cap-drop"]).map(capabilityName);
  c.capabilityAdd = editList(c.capabilityAdd, capAdd, capDrop);
  c.capabilityDrop = editList(c.capabilityDrop, capDrop, capAdd);
}

/** A capability as Docker writes it in a spec: upper case with the CAP_ prefix ("ALL" stays as it is). */
function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper === "ALL" || upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

/** The list without the removed values, then with the added ones not already there. */
function editList(
  current: readonly string[] | null | undefined,
  add: readonly string[],
  remove: readonly string[],
): string[] {
  const out = (current ?? []).filter((x) => !remove.includes(x));
  for (const x of add) if (!out.includes(x)) out.push(x);
  return out;
}

/** `--log-driver` sets the driver with exactly the `--log-opt` options; `--log-opt` alone edits the current driver's. */
function applyLogDriver(task: swarm.v1.TaskSpec.$Properties, flags: SpecFlagValues): void {
  const name = str(flags["log-driver"]);
  const opts = list(flags["log-opt"]);
  if (name === undefined && opts.length === 0) return;
  if (name === undefined && (task.logDriver?.name ?? "") === "")
    throw new UsageError("--log-opt", "needs --log-driver (options belong to a driver)");
  const options: Record<string, string> = name === undefined ? { ...task.logDriver?.options } : {};
  for (const entry of opts) {
    if (!entry.includes("=")) throw new UsageError("--log-opt", `"${entry}" is not KEY=VALUE`);
    const [key, value] = parseLabel("--log-opt", entry);
    options[key] = value;
  }
  task.logDriver = { name: name ?? task.logDriver?.name ?? "", options };
}

function applyScale(spec: Spec, flags: SpecFlagValues): void {
  const replicas = num(flags.replicas);
  const maxConcurrent = num(flags["max-concurrent"]);
  if (spec.global || spec.globalJob) throw new UsageError("--replicas", "a global service has no replica count");
  if (spec.replicatedJob) {
    if (replicas !== undefined) spec.replicatedJob.totalCompletions = replicas;
    if (maxConcurrent !== undefined) spec.replicatedJob.maxConcurrent = maxConcurrent;
    return;
  }
  if (maxConcurrent !== undefined) throw new UsageError("--max-concurrent", "applies to replicated jobs only");
  spec.replicated = { replicas: replicas ?? 1 };
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

function editLabels(
  flag: string,
  labels: Record<string, string> | null | undefined,
  add: readonly string[],
  remove: readonly string[],
): Record<string, string> {
  const out = { ...labels };
  for (const key of remove) delete out[key];
  for (const entry of add) {
    const [key, value] = parseLabel(flag, entry);
    out[key] = value;
  }
  return out;
}

type Reference = swarm.v1.SecretReference.$Properties & swarm.v1.ConfigReference.$Properties;

async function editReferences<R extends swarm.v1.SecretReference.$Properties | swarm.v1.ConfigReference.$Properties>(
  kind: "secret" | "config",
  current: readonly R[],
  add: readonly string[],
  remove: readonly string[],
  resolver: ReferenceResolver,
  targetOf: (source: string) => string,
): Promise<R[]> {
  const nameOf = (r: R): string =>
    (kind === "secret" ? (r as Reference).secretName : (r as Reference).configName) ?? "";
  const kept = current.filter((r) => !remove.includes(nameOf(r)));
  for (const text of add) {
    const ref: FileReference = parseFileReference(`--${kind}`, text, { modeDefault: referenceModeDefault, targetOf });
    const found = await resolver.resolve(kind, ref.source);
    const entry = (
      kind === "secret"
        ? { secretId: found.id, secretName: found.name, file: ref.file }
        : { configId: found.id, configName: found.name, file: ref.file }
    ) as R;
    const at = kept.findIndex((r) => nameOf(r) === found.name);
    if (at === -1) kept.push(entry);
    else kept[at] = entry;
  }
  return kept;
}

/** `--network NAME` or Docker's long form `name=NAME,alias=A[,alias=B]`. */
function parseNetwork(value: string): swarm.v1.NetworkAttachmentConfig.$Properties {
  if (!value.includes("=")) return { target: value };
  let target = "";
  const aliases: string[] = [];
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === "name" || key === "target") target = v;
    else if (key === "alias") aliases.push(v);
    else throw new UsageError("--network", `unknown option ${JSON.stringify(key)} (name, alias)`);
  }
  if (target === "") throw new UsageError("--network", `${JSON.stringify(value)} names no network (name=…)`);
  return aliases.length > 0 ? { target, aliases } : { target };
}

function applyResources(task: swarm.v1.TaskSpec.$Properties, flags: SpecFlagValues): void {
  const set = (kind: "limits" | "reservations", field: "nanoCpus" | "memoryBytes", value: number): void => {
    task.resources ??= {};
    task.resources[kind] = { ...task.resources[kind], [field]: value };
  };
  const cpu = (flag: "limit-cpu" | "reserve-cpu"): string | undefined => str(flags[flag]);
  if (cpu("limit-cpu") !== undefined) set("limits", "nanoCpus", parseNanoCpus("--limit-cpu", cpu("limit-cpu")!));
  if (cpu("reserve-cpu") !== undefined)
    set("reservations", "nanoCpus", parseNanoCpus("--reserve-cpu", cpu("reserve-cpu")!));
  if (str(flags["limit-memory"]) !== undefined)
    set("limits", "memoryBytes", parseBytes("--limit-memory", str(flags["limit-memory"])!));
  if (str(flags["reserve-memory"]) !== undefined)
    set("reservations", "memoryBytes", parseBytes("--reserve-memory", str(flags["reserve-memory"])!));
  const generic = editGenericResources(
    task.resources?.reservations?.generic,
    list(flags["generic-resource"]),
    list(flags["generic-resource-rm"]),
  );
  if (generic !== undefined) {
    task.resources ??= {};
    task.resources.reservations = { ...task.resources.reservations, generic };
  }
}

function applyRestart(task: swarm.v1.TaskSpec.$Properties, flags: SpecFlagValues): void {
  const C = swarm.v1.RestartPolicy.Condition;
  const r = { ...task.restart };
  const condition = str(flags["restart-condition"]);
  if (condition !== undefined)
    r.condition =
      condition === "none"
        ? C.RESTART_CONDITION_NONE
        : condition === "on-failure"
          ? C.RESTART_CONDITION_ON_FAILURE
          : C.RESTART_CONDITION_ANY;
  if (str(flags["restart-delay"]) !== undefined)
    r.delayNs = parseDurationNs("--restart-delay", str(flags["restart-delay"])!);
  if (str(flags["restart-window"]) !== undefined)
    r.windowNs = parseDurationNs("--restart-window", str(flags["restart-window"])!);
  if (num(flags["restart-max-attempts"]) !== undefined) r.maxAttempts = num(flags["restart-max-attempts"])!;
  if (Object.keys(r).length > 0) task.restart = r;
}

function applyPlacement(task: swarm.v1.TaskSpec.$Properties, flags: SpecFlagValues): void {
  const p = { ...task.placement };
  const constraintRm = list(flags["constraint-rm"]);
  p.constraints = [...(p.constraints ?? []).filter((x) => !constraintRm.includes(x)), ...list(flags.constraint)];
  const prefRm = list(flags["placement-pref-rm"]).map((x) => parsePlacementPref(x).spreadDescriptor);
  p.preferences = [
    ...(p.preferences ?? []).filter((x) => !prefRm.includes(x.spreadDescriptor)),
    ...list(flags["placement-pref"]).map(parsePlacementPref),
  ];
  if (num(flags["replicas-max-per-node"]) !== undefined) p.maxReplicas = num(flags["replicas-max-per-node"])!;
  task.placement = p;
}

function applyHealth(c: swarm.v1.ContainerSpec.$Properties, flags: SpecFlagValues): void {
  if (flags["no-healthcheck"] === true) {
    if (str(flags["health-cmd"]) !== undefined)
      throw new UsageError("--no-healthcheck", "cannot be combined with --health-cmd");
    c.healthcheck = { test: ["NONE"] };
    return;
  }
  const h = { ...c.healthcheck };
  if (str(flags["health-cmd"]) !== undefined) h.test = ["CMD-SHELL", str(flags["health-cmd"])!];
  for (const [flag, field] of [
    ["health-interval", "intervalNs"],
    ["health-timeout", "timeoutNs"],
    ["health-start-period", "startPeriodNs"],
    ["health-start-interval", "startIntervalNs"],
  ] as const) {
    if (str(flags[flag]) !== undefined) h[field] = parseDurationNs(`--${flag}`, str(flags[flag])!);
  }
  if (num(flags["health-retries"]) !== undefined) h.retries = num(flags["health-retries"])!;
  if (Object.keys(h).length > 0) c.healthcheck = h;
}

function applyUpdateConfig(
  which: "update" | "rollback",
  current: swarm.v1.UpdateConfig.$Properties,
  flags: SpecFlagValues,
): swarm.v1.UpdateConfig.$Properties {
  const U = swarm.v1.UpdateConfig;
  const u = { ...current };
  const flag = (name: string): unknown => flags[`${which}-${name}` as keyof SpecFlagValues];
  if (num(flag("parallelism")) !== undefined) u.parallelism = num(flag("parallelism"))!;
  if (str(flag("delay")) !== undefined) u.delayNs = parseDurationNs(`--${which}-delay`, str(flag("delay"))!);
  if (str(flag("monitor")) !== undefined) u.monitorNs = parseDurationNs(`--${which}-monitor`, str(flag("monitor"))!);
  const action = str(flag("failure-action"));
  if (action !== undefined)
    u.failureAction =
      action === "continue"
        ? U.FailureAction.FAILURE_ACTION_CONTINUE
        : action === "rollback"
          ? U.FailureAction.FAILURE_ACTION_ROLLBACK
          : U.FailureAction.FAILURE_ACTION_PAUSE;
  const ratio = str(flag("max-failure-ratio"));
  if (ratio !== undefined) {
    const value = /^\d*\.?\d+$/.test(ratio) ? Number(ratio) : NaN;
    if (!(value >= 0 && value <= 1))
      throw new UsageError(`--${which}-max-failure-ratio`, `"${ratio}" is not a fraction between 0 and 1`);
    u.maxFailureRatio = value;
  }
  const order = str(flag("order"));
  if (order !== undefined) u.order = order === "start-first" ? U.Order.ORDER_START_FIRST : U.Order.ORDER_STOP_FIRST;
  return u;
}

function applyEndpoint(spec: Spec, flags: SpecFlagValues): void {
  const e = { ...spec.endpoint };
  const mode = str(flags["endpoint-mode"]);
  if (mode !== undefined)
    e.mode =
      mode === "dnsrr"
        ? swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR
        : swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_VIP;
  const balancing = str(flags["endpoint-balancing"]);
  if (balancing !== undefined)
    e.balancing =
      balancing === "least-connections"
        ? swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS
        : swarm.v1.EndpointSpec.Balancing.BALANCING_ROUND_ROBIN;
  const removed = new Set(
    list(flags["publish-rm"]).map((x) =>
      x.includes("/") || !/^\d+$/.test(x) ? publishKey(parsePublish(x)) : `${x}/tcp`,
    ),
  );
  const ports = (e.ports ?? []).filter((p) => !removed.has(publishKey(p)));
  for (const added of list(flags.publish).map(parsePublish)) {
    const at = ports.findIndex((p) => publishKey(p) === publishKey(added));
    if (at === -1) ports.push(added);
    else ports[at] = added;
  }
  e.ports = ports;
  spec.endpoint = e;
}
