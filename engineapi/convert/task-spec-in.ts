// Docker's TaskSpec (a service's `TaskTemplate`) as swarm-ts's proto TaskSpec. Every field Docker
// defines is either stored or refused by name when it carries a value (the JsonObject reader
// refuses unknown ones), so a client's read-modify-write never loses anything. Durations are
// nanoseconds on both sides.
import type { swarm } from "../../proto/index.js";
import { InvalidFieldError, UnsupportedFieldError } from "../http-error.js";
import { isolations, mountTypes, restartConditions } from "./enums.js";
import type { JsonObject } from "./json-reader.js";

/** Docker's restart delay when a policy leaves it unset (swarmkit's default), in nanoseconds. */
export const restartDelayNsDefault = 5_000_000_000;

/** Bind propagations Docker accepts. */
const propagations = ["rprivate", "private", "rshared", "shared", "rslave", "slave"];

const nonNegative = { min: 0 };

/** Converts `TaskTemplate`; the container spec is required (swarm-ts runs containers and processes only). */
export function taskSpecIn(o: JsonObject): swarm.v1.TaskSpec.$Properties {
  o.refuse("PluginSpec", "plugin tasks");
  o.refuse("NetworkAttachmentSpec", "network attachment tasks");
  const runtime = o.string("Runtime");
  if (runtime !== "" && runtime !== "container")
    throw new UnsupportedFieldError(o.field("Runtime"), `runtime "${runtime}"`, 'use "container"');
  const containerJson = o.object("ContainerSpec");
  if (!containerJson) throw new InvalidFieldError(o.field("ContainerSpec"), "is required");
  const container = containerSpecIn(containerJson);
  const spec: swarm.v1.TaskSpec.$Properties = { container };
  const resources = o.object("Resources");
  if (resources) {
    const { requirements, pids } = resourcesIn(resources);
    spec.resources = requirements;
    if (pids !== 0) container.pidsLimit = pids;
  }
  const restart = o.object("RestartPolicy");
  if (restart) spec.restart = restartPolicyIn(restart);
  const placement = o.object("Placement");
  if (placement) spec.placement = placementIn(placement);
  const networks = networkAttachmentsIn(o, "Networks");
  if (networks.length > 0) spec.networks = networks;
  const logDriver = o.object("LogDriver");
  if (logDriver) {
    spec.logDriver = { name: logDriver.string("Name"), options: logDriver.stringMap("Options") };
    logDriver.finish();
  }
  const forceUpdate = o.int("ForceUpdate", nonNegative);
  if (forceUpdate !== 0) spec.forceUpdate = forceUpdate;
  o.finish();
  return spec;
}

/** Converts `Networks` entries of a task template or (older clients) of the service spec. */
export function networkAttachmentsIn(o: JsonObject, key: string): swarm.v1.NetworkAttachmentConfig.$Properties[] {
  return o.objects(key).map((n) => {
    const target = n.string("Target");
    if (!target) throw new InvalidFieldError(n.field("Target"), "is required");
    const aliases = n.strings("Aliases");
    n.refuse("DriverOpts", "per-attachment driver options");
    n.finish();
    return { target, ...(aliases.length > 0 ? { aliases } : {}) };
  });
}

function containerSpecIn(o: JsonObject): swarm.v1.ContainerSpec.$Properties {
  const image = o.string("Image");
  if (!image) throw new InvalidFieldError(o.field("Image"), "is required");
  privilegesIn(o.object("Privileges"));
  const spec: swarm.v1.ContainerSpec.$Properties = {
    image,
    labels: o.stringMap("Labels"),
    command: o.strings("Command"),
    args: o.strings("Args"),
    hostname: o.string("Hostname"),
    env: o.strings("Env"),
    dir: o.string("Dir"),
    user: o.string("User"),
    groups: o.strings("Groups"),
    init: o.bool("Init"),
    stopSignal: o.string("StopSignal"),
    tty: o.bool("TTY"),
    openStdin: o.bool("OpenStdin"),
    readOnly: o.bool("ReadOnly"),
    mounts: o.objects("Mounts").map(mountIn),
    stopGracePeriodNs: o.int("StopGracePeriod", nonNegative),
    hosts: o.strings("Hosts"),
    secrets: o.objects("Secrets").map(secretReferenceIn),
    configs: o.objects("Configs").map(configReferenceIn),
    sysctls: o.stringMap("Sysctls"),
    capabilityAdd: o.strings("CapabilityAdd"),
    capabilityDrop: o.strings("CapabilityDrop"),
    ulimits: o.objects("Ulimits").map(ulimitIn),
    // The managers refuse process and hyperv, naming the field: every node runs Linux.
    isolation: isolations.parse(o.field("Isolation"), o.string("Isolation")),
    oomScoreAdj: o.int("OomScoreAdj", { min: -1000, max: 1000 }),
  };
  const health = o.object("Healthcheck");
  if (health) spec.healthcheck = healthcheckIn(health);
  const dns = o.object("DNSConfig");
  if (dns) {
    spec.dnsConfig = {
      nameservers: dns.strings("Nameservers"),
      search: dns.strings("Search"),
      options: dns.strings("Options"),
    };
    dns.finish();
  }
  o.finish();
  return spec;
}

function ulimitIn(o: JsonObject): swarm.v1.Ulimit.$Properties {
  const ulimit = { name: o.string("Name"), soft: o.int("Soft", { min: -1 }), hard: o.int("Hard", { min: -1 }) };
  if (!ulimit.name) throw new InvalidFieldError(o.field("Name"), "is required");
  o.finish();
  return ulimit;
}

/**
 * Privileges swarm-ts cannot apply (credential specs, SELinux labels, seccomp and AppArmor
 * profiles, no-new-privileges): the CLI always sends the object, with nulls and `false`, and a
 * "default" seccomp or AppArmor mode is what a container gets anyway.
 */
function privilegesIn(o: JsonObject | null): void {
  if (!o) return;
  o.refuse("CredentialSpec");
  o.refuse("SELinuxContext");
  o.refuse("NoNewPrivileges");
  for (const key of ["Seccomp", "AppArmor"]) {
    const profile = o.object(key);
    if (!profile) continue;
    const mode = profile.string("Mode");
    if (mode !== "" && mode !== "default") throw new UnsupportedFieldError(profile.field("Mode"), `mode "${mode}"`);
    profile.refuse("Profile");
    profile.finish();
  }
  o.finish();
}

function healthcheckIn(o: JsonObject): swarm.v1.HealthConfig.$Properties {
  const health = {
    test: o.strings("Test"),
    intervalNs: o.int("Interval", nonNegative),
    timeoutNs: o.int("Timeout", nonNegative),
    retries: o.int("Retries", { min: 0, max: 2 ** 31 - 1 }),
    startPeriodNs: o.int("StartPeriod", nonNegative),
    startIntervalNs: o.int("StartInterval", nonNegative),
  };
  o.finish();
  return health;
}

function mountIn(o: JsonObject): swarm.v1.Mount.$Properties {
  const typeText = o.string("Type");
  if (["npipe", "cluster", "image"].includes(typeText))
    throw new UnsupportedFieldError(o.field("Type"), `mount type "${typeText}"`);
  const type = mountTypes.parse(o.field("Type"), typeText);
  const consistency = o.string("Consistency");
  if (consistency !== "" && consistency !== "default")
    throw new UnsupportedFieldError(o.field("Consistency"), `consistency "${consistency}"`);
  o.refuse("ClusterOptions");
  o.refuse("ImageOptions");
  const mount: swarm.v1.Mount.$Properties = {
    type,
    source: o.string("Source"),
    target: o.string("Target"),
    readOnly: o.bool("ReadOnly"),
  };
  if (!mount.target) throw new InvalidFieldError(o.field("Target"), "is required");
  const bind = o.object("BindOptions");
  if (bind) {
    const propagation = bind.string("Propagation");
    if (propagation !== "" && !propagations.includes(propagation))
      throw new InvalidFieldError(bind.field("Propagation"), `"${propagation}" is none of ${propagations.join(", ")}`);
    mount.bindPropagation = propagation;
    for (const key of ["NonRecursive", "CreateMountpoint", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"])
      bind.refuse(key);
    bind.finish();
  }
  const volume = o.object("VolumeOptions");
  if (volume) {
    mount.volumeNoCopy = volume.bool("NoCopy");
    mount.volumeLabels = volume.stringMap("Labels");
    volume.refuse("Subpath");
    const driver = volume.object("DriverConfig");
    if (driver) {
      mount.volumeDriver = driver.string("Name");
      mount.volumeDriverOptions = driver.stringMap("Options");
      driver.finish();
    }
    volume.finish();
  }
  const tmpfs = o.object("TmpfsOptions");
  if (tmpfs) {
    mount.tmpfsSizeBytes = tmpfs.int("SizeBytes", nonNegative);
    mount.tmpfsMode = tmpfs.int("Mode", { min: 0, max: 0o7777 });
    tmpfs.refuse("Options", "tmpfs mount options");
    tmpfs.finish();
  }
  o.finish();
  return mount;
}

function fileTargetIn(o: JsonObject | null): swarm.v1.FileTarget.$Properties | undefined {
  if (!o) return undefined;
  const file = {
    name: o.string("Name"),
    uid: o.string("UID"),
    gid: o.string("GID"),
    mode: o.int("Mode", { min: 0, max: 0o7777 }),
  };
  o.finish();
  return file;
}

function secretReferenceIn(o: JsonObject): swarm.v1.SecretReference.$Properties {
  const ref: swarm.v1.SecretReference.$Properties = {
    secretId: o.string("SecretID"),
    secretName: o.string("SecretName"),
  };
  if (!ref.secretId) throw new InvalidFieldError(o.field("SecretID"), "is required");
  const file = fileTargetIn(o.object("File"));
  if (file) ref.file = file;
  o.finish();
  return ref;
}

function configReferenceIn(o: JsonObject): swarm.v1.ConfigReference.$Properties {
  // A runtime target is an empty object when set, so "empty" does not mean "unset" here.
  const runtime = o.raw("Runtime");
  if (runtime !== null && runtime !== undefined)
    throw new UnsupportedFieldError(o.field("Runtime"), "runtime config targets (credential specs)");
  const ref: swarm.v1.ConfigReference.$Properties = {
    configId: o.string("ConfigID"),
    configName: o.string("ConfigName"),
  };
  if (!ref.configId) throw new InvalidFieldError(o.field("ConfigID"), "is required");
  const file = fileTargetIn(o.object("File"));
  if (file) ref.file = file;
  o.finish();
  return ref;
}

function resourcesIn(o: JsonObject): { requirements: swarm.v1.ResourceRequirements.$Properties; pids: number } {
  const requirements: swarm.v1.ResourceRequirements.$Properties = {};
  let pids = 0;
  const limits = o.object("Limits");
  if (limits) {
    requirements.limits = {
      nanoCpus: limits.int("NanoCPUs", nonNegative),
      memoryBytes: limits.int("MemoryBytes", nonNegative),
    };
    pids = limits.int("Pids", nonNegative);
    limits.refuse("GenericResources", "generic resource limits");
    limits.finish();
  }
  const reservations = o.object("Reservations");
  if (reservations) {
    requirements.reservations = {
      nanoCpus: reservations.int("NanoCPUs", nonNegative),
      memoryBytes: reservations.int("MemoryBytes", nonNegative),
      generic: reservations.objects("GenericResources").map(genericResourceIn),
    };
    reservations.finish();
  }
  o.finish();
  return { requirements, pids };
}

function genericResourceIn(o: JsonObject): swarm.v1.GenericResource.$Properties {
  const named = o.object("NamedResourceSpec");
  const discrete = o.object("DiscreteResourceSpec");
  if (!!named === !!discrete)
    throw new InvalidFieldError(o.path, "needs exactly one of NamedResourceSpec and DiscreteResourceSpec");
  let resource: swarm.v1.GenericResource.$Properties;
  if (named) {
    resource = { kind: named.string("Kind"), value: named.string("Value") };
    named.finish();
  } else {
    resource = { kind: discrete!.string("Kind"), count: discrete!.int("Value", nonNegative) };
    discrete!.finish();
  }
  if (!resource.kind) throw new InvalidFieldError(o.path, "needs a Kind");
  o.finish();
  return resource;
}

function restartPolicyIn(o: JsonObject): swarm.v1.RestartPolicy.$Properties {
  const policy = {
    condition: restartConditions.parse(o.field("Condition"), o.string("Condition")),
    // Unset means Docker's 5 s; stored explicitly, since a proto number has no "unset".
    delayNs: o.intOrNull("Delay", nonNegative) ?? restartDelayNsDefault,
    maxAttempts: o.int("MaxAttempts", nonNegative),
    windowNs: o.int("Window", nonNegative),
  };
  o.finish();
  return policy;
}

function placementIn(o: JsonObject): swarm.v1.Placement.$Properties {
  const placement: swarm.v1.Placement.$Properties = {
    constraints: o.strings("Constraints"),
    preferences: o.objects("Preferences").map((p) => {
      const spread = p.object("Spread");
      const descriptor = spread?.string("SpreadDescriptor") ?? "";
      spread?.finish();
      p.finish();
      if (!descriptor) throw new InvalidFieldError(p.field("Spread.SpreadDescriptor"), "is required");
      return { spreadDescriptor: descriptor };
    }),
    platforms: o.objects("Platforms").map((p) => {
      const platform = { architecture: p.string("Architecture"), os: p.string("OS") };
      p.finish();
      return platform;
    }),
    maxReplicas: o.int("MaxReplicas", nonNegative),
  };
  o.finish();
  return placement;
}
