// Validation of a task's container: image, command, environment, mounts, the secret and config
// files it is granted, health check, stop signal and the kernel-facing settings. What a worker
// would refuse only once the task reaches it (a target climbing out of its directory, a uid that is
// not a number, an unknown signal) is refused here, at the API, with the field named.
import { posix } from "node:path";
import { decodeRegistryAuth, InvalidArgumentError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  argBytesMax,
  argvItemsMax,
  capabilitiesMax,
  capabilityBytesMax,
  dnsEntriesMax,
  dnsEntryBytesMax,
  fileModeMax,
  fileOwnerIdMax,
  fileReferencesMax,
  groupsMax,
  healthRetriesMax,
  hostLineBytesMax,
  hostnameBytesMax,
  hostsMax,
  memoryBytesMax,
  mountsMax,
  nameLengthMax,
  objectRefBytesMax,
  oomScoreAdjMax,
  pathBytesMax,
  pidsLimitMax,
  signalBytesMax,
  tmpfsModeMax,
  ulimitNameBytesMax,
  ulimitsMax,
  userBytesMax,
  volumeDriverBytesMax,
} from "./limits.js";
import { isKnownSignal } from "./signals.js";
import {
  checkDurationNs,
  checkEnum,
  checkInteger,
  checkList,
  checkString,
  checkStringList,
  checkStringMap,
  quoted,
  validateImage,
} from "./validate-fields.js";

const MountType = swarm.v1.Mount.Type;
const Isolation = swarm.v1.ContainerSpec.Isolation;

/** The resources a ulimit may name, as Docker (and setrlimit(2)) call them. */
const ulimitNames: ReadonlySet<string> = new Set([
  "as",
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
]);
/** A volume driver name: a plugin reference's characters (name[:tag], optionally with a registry path). */
const volumeDriverPattern = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;

/** Bind propagation modes Docker accepts ("" keeps the engine's default). */
const bindPropagations: ReadonlySet<string> = new Set([
  "",
  "private",
  "rprivate",
  "shared",
  "rshared",
  "slave",
  "rslave",
]);
/** The first word of a health check's test, as Docker defines it. */
const healthTestKinds: ReadonlySet<string> = new Set(["NONE", "CMD", "CMD-SHELL"]);
/** Where a relative secret target lands inside a container. */
const secretDir = "/run/secrets";

/** Checks a container spec at `field` (e.g. "spec.task.container"). */
export function validateContainer(field: string, c: swarm.v1.ContainerSpec.$Properties): void {
  validateImage(`${field}.image`, c.image);
  // Credentials must decode, so a node's pull never fails on their form; they are checked, never echoed.
  decodeRegistryAuth(c.pullOptions?.registryAuth ?? "", `${field}.pullOptions.registryAuth`);
  checkStringMap(`${field}.labels`, c.labels);
  checkStringList(`${field}.command`, c.command, argvItemsMax, argBytesMax);
  checkStringList(`${field}.args`, c.args, argvItemsMax, argBytesMax);
  for (const [i, env] of checkStringList(`${field}.env`, c.env, argvItemsMax, argBytesMax).entries()) {
    if (!env.includes("=") || env.startsWith("="))
      throw new InvalidArgumentError(`${field}.env[${i}]`, `${quoted(env)} must be KEY=VALUE`);
  }
  const dir = checkString(`${field}.dir`, c.dir, pathBytesMax);
  if (dir !== "" && !dir.startsWith("/")) throw new InvalidArgumentError(`${field}.dir`, "must be an absolute path");
  checkString(`${field}.user`, c.user, userBytesMax);
  checkStringList(`${field}.groups`, c.groups, groupsMax, userBytesMax);
  checkString(`${field}.hostname`, c.hostname, hostnameBytesMax);
  for (const [i, m] of checkList(`${field}.mounts`, c.mounts, mountsMax).entries())
    validateMount(`${field}.mounts[${i}]`, m);
  validateFileReferences(field, "secrets", c.secrets);
  validateFileReferences(field, "configs", c.configs);
  const signal = checkString(`${field}.stopSignal`, c.stopSignal, signalBytesMax);
  if (signal !== "" && !isKnownSignal(signal))
    throw new InvalidArgumentError(`${field}.stopSignal`, `${quoted(signal)} is not a known signal`);
  checkDurationNs(`${field}.stopGracePeriodNs`, c.stopGracePeriodNs);
  if (c.healthcheck) validateHealthcheck(`${field}.healthcheck`, c.healthcheck);
  checkStringList(`${field}.hosts`, c.hosts, hostsMax, hostLineBytesMax);
  const dns = c.dnsConfig;
  if (dns) {
    checkStringList(`${field}.dnsConfig.nameservers`, dns.nameservers, dnsEntriesMax, dnsEntryBytesMax);
    checkStringList(`${field}.dnsConfig.search`, dns.search, dnsEntriesMax, dnsEntryBytesMax);
    checkStringList(`${field}.dnsConfig.options`, dns.options, dnsEntriesMax, dnsEntryBytesMax);
  }
  checkStringMap(`${field}.sysctls`, c.sysctls);
  const capability = { pattern: /^[A-Za-z0-9_]+$/, patternHint: "is not a capability name" };
  checkStringList(`${field}.capabilityAdd`, c.capabilityAdd, capabilitiesMax, capabilityBytesMax, capability);
  checkStringList(`${field}.capabilityDrop`, c.capabilityDrop, capabilitiesMax, capabilityBytesMax, capability);
  checkInteger(`${field}.pidsLimit`, c.pidsLimit, pidsLimitMax);
  validateUlimits(`${field}.ulimits`, c.ulimits);
  // Every node runs Linux, whose only isolation is the default (namespaces and cgroups); Docker's
  // engine refuses the others there too, but only once the task reaches a node.
  if (checkEnum(`${field}.isolation`, Isolation, c.isolation) !== Isolation.ISOLATION_DEFAULT)
    throw new InvalidArgumentError(
      `${field}.isolation`,
      "process and hyperv isolation exist on Windows only; Linux nodes run every container with the default isolation",
    );
  checkInteger(`${field}.oomScoreAdj`, c.oomScoreAdj, oomScoreAdjMax, -oomScoreAdjMax);
}

/** Checks resource limits: known names, each once, soft not above hard (setrlimit's own rule). */
function validateUlimits(field: string, ulimits: readonly swarm.v1.Ulimit.$Properties[] | null | undefined): void {
  const seen = new Map<string, number>();
  for (const [i, u] of checkList(field, ulimits, ulimitsMax).entries()) {
    const at = `${field}[${i}]`;
    const name = checkString(`${at}.name`, u.name, ulimitNameBytesMax);
    if (!ulimitNames.has(name))
      throw new InvalidArgumentError(`${at}.name`, `${quoted(name)} is not one of ${[...ulimitNames].join(", ")}`);
    const previous = seen.get(name);
    if (previous !== undefined)
      throw new InvalidArgumentError(`${at}.name`, `${name} is also set by ulimits[${previous}]`);
    seen.set(name, i);
    // -1 is "unlimited" to the engine (RLIM_INFINITY), as `--ulimit nofile=-1` says.
    const soft = checkInteger(`${at}.soft`, u.soft, Number.MAX_SAFE_INTEGER, -1);
    const hard = checkInteger(`${at}.hard`, u.hard, Number.MAX_SAFE_INTEGER, -1);
    if (hard !== -1 && (soft === -1 || soft > hard))
      throw new InvalidArgumentError(`${at}.soft`, `the soft limit ${soft} is above the hard limit ${hard}`);
  }
}

/** Checks one mount: its type, an absolute target, and only the options its type has. */
function validateMount(field: string, m: swarm.v1.Mount.$Properties): void {
  const type = checkEnum(`${field}.type`, MountType, m.type);
  const target = checkString(`${field}.target`, m.target, pathBytesMax);
  if (!target.startsWith("/")) throw new InvalidArgumentError(`${field}.target`, "must be an absolute path");
  const source = checkString(`${field}.source`, m.source, pathBytesMax);
  if (type === MountType.TYPE_BIND && !source.startsWith("/"))
    throw new InvalidArgumentError(`${field}.source`, "a bind mount needs an absolute host path");
  if (type === MountType.TYPE_TMPFS && source !== "")
    throw new InvalidArgumentError(`${field}.source`, "a tmpfs mount has no source");
  if (checkInteger(`${field}.tmpfsSizeBytes`, m.tmpfsSizeBytes, memoryBytesMax) !== 0 && type !== MountType.TYPE_TMPFS)
    throw new InvalidArgumentError(`${field}.tmpfsSizeBytes`, "applies to tmpfs mounts only");
  if (checkInteger(`${field}.tmpfsMode`, m.tmpfsMode, tmpfsModeMax) !== 0 && type !== MountType.TYPE_TMPFS)
    throw new InvalidArgumentError(`${field}.tmpfsMode`, "applies to tmpfs mounts only");
  const propagation = checkString(`${field}.bindPropagation`, m.bindPropagation, userBytesMax);
  if (!bindPropagations.has(propagation))
    throw new InvalidArgumentError(
      `${field}.bindPropagation`,
      `${quoted(propagation)} is not one of ${[...bindPropagations].filter((p) => p !== "").join(", ")}`,
    );
  if (propagation !== "" && type !== MountType.TYPE_BIND)
    throw new InvalidArgumentError(`${field}.bindPropagation`, "applies to bind mounts only");
  checkStringMap(`${field}.volumeLabels`, m.volumeLabels);
  const driver = checkString(`${field}.volumeDriver`, m.volumeDriver, volumeDriverBytesMax, {
    pattern: volumeDriverPattern,
    patternHint: "is not a volume driver name",
  });
  checkStringMap(`${field}.volumeDriverOptions`, m.volumeDriverOptions);
  const hasOptions = Object.keys(m.volumeDriverOptions ?? {}).length > 0;
  if (type !== MountType.TYPE_VOLUME) {
    const volumeOnly = m.volumeNoCopy
      ? "volumeNoCopy"
      : Object.keys(m.volumeLabels ?? {}).length > 0
        ? "volumeLabels"
        : driver !== ""
          ? "volumeDriver"
          : hasOptions
            ? "volumeDriverOptions"
            : null;
    if (volumeOnly !== null) throw new InvalidArgumentError(`${field}.${volumeOnly}`, "applies to volume mounts only");
  } else if (source === "" && (driver !== "" || hasOptions))
    // An anonymous volume is created by the engine with its defaults; options need a name to create.
    throw new InvalidArgumentError(`${field}.source`, "a volume with a driver or driver options needs a name");
}

/**
 * Checks the secret or config references of a container: each names its object and a file target
 * that stays inside the task's directory, owned by numeric ids, with plain permission bits; no two
 * land on the same path.
 */
function validateFileReferences(
  field: string,
  kind: "secrets" | "configs",
  refs: readonly (swarm.v1.SecretReference.$Properties | swarm.v1.ConfigReference.$Properties)[] | null | undefined,
): void {
  const targets = new Map<string, number>();
  for (const [i, ref] of checkList(`${field}.${kind}`, refs, fileReferencesMax).entries()) {
    const at = `${field}.${kind}[${i}]`;
    const isSecret = kind === "secrets";
    const r = ref as swarm.v1.SecretReference.$Properties & swarm.v1.ConfigReference.$Properties;
    // That the id names an existing object is checked against the store (control-api.ts).
    checkString(isSecret ? `${at}.secretId` : `${at}.configId`, isSecret ? r.secretId : r.configId, objectRefBytesMax);
    const name = checkString(
      isSecret ? `${at}.secretName` : `${at}.configName`,
      isSecret ? r.secretName : r.configName,
      nameLengthMax,
    );
    const file = ref.file ?? {};
    const target = checkString(`${at}.file.name`, file.name, pathBytesMax);
    if (target.split("/").includes(".."))
      throw new InvalidArgumentError(`${at}.file.name`, `${quoted(target)} must not contain ".."`);
    if (target.endsWith("/") || (target !== "" && posix.normalize(`/${target}`) === "/"))
      throw new InvalidArgumentError(`${at}.file.name`, `${quoted(target)} is not a file path`);
    for (const id of ["uid", "gid"] as const) {
      const text = checkString(`${at}.file.${id}`, file[id], 10);
      if (text !== "" && (!/^\d+$/.test(text) || Number(text) > fileOwnerIdMax))
        throw new InvalidArgumentError(
          `${at}.file.${id}`,
          `${quoted(text)} must be a numeric id from 0 to ${fileOwnerIdMax}`,
        );
    }
    checkInteger(`${at}.file.mode`, file.mode, fileModeMax);
    // Where the file appears in the container, as the worker lays it out: a secret's relative
    // target under /run/secrets, a config's at the root; the default target is the object's name.
    const effective = target || (isSecret ? name : `/${name}`);
    const path = effective.startsWith("/")
      ? posix.normalize(effective)
      : posix.join(isSecret ? secretDir : "/", effective);
    const previous = targets.get(path);
    if (previous !== undefined)
      throw new InvalidArgumentError(`${at}.file.name`, `${path} is also the target of ${kind}[${previous}]`);
    targets.set(path, i);
  }
}

/** Checks a health check: the test's form, its timings and retries. */
function validateHealthcheck(field: string, hc: swarm.v1.HealthConfig.$Properties): void {
  const test = checkStringList(`${field}.test`, hc.test, argvItemsMax, argBytesMax);
  if (test.length > 0) {
    const kind = test[0]!;
    if (!healthTestKinds.has(kind))
      throw new InvalidArgumentError(`${field}.test[0]`, `${quoted(kind)} must be NONE, CMD or CMD-SHELL`);
    if (kind === "NONE" && test.length > 1) throw new InvalidArgumentError(`${field}.test`, "NONE takes no arguments");
    if (kind !== "NONE" && test.length < 2) throw new InvalidArgumentError(`${field}.test`, `${kind} needs a command`);
  }
  for (const f of ["intervalNs", "timeoutNs", "startPeriodNs", "startIntervalNs"] as const)
    checkDurationNs(`${field}.${f}`, hc[f]);
  checkInteger(`${field}.retries`, hc.retries, healthRetriesMax);
}
