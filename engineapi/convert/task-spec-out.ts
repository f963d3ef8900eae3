// swarm-ts's proto TaskSpec as Docker's TaskSpec JSON, in the field order and with the omissions of
// moby's Go types. The result is normalised for the docker CLI's read-modify-write: the container
// spec is always there (`service logs` dereferences it) and `Init` is a boolean, so what a client
// sends back converts to the same proto spec (task-spec-in.ts) and a resend changes nothing.
import type { swarm } from "../../proto/index.js";
import { type JsonOut, omitEmpty, omitEmptyMap } from "./go-json.js";
import { isolations, mountTypes, restartConditions } from "./enums.js";

type Spec = swarm.v1.TaskSpec.$Properties;
type Container = swarm.v1.ContainerSpec.$Properties;

/** Docker's TaskSpec for a proto TaskSpec (absent: an empty one with an empty container spec). */
export function taskSpecOut(spec: Spec | null | undefined): JsonOut {
  const container = spec?.container ?? {};
  const resources = resourcesOut(spec?.resources ?? null, Number(container.pidsLimit ?? 0));
  return {
    ContainerSpec: containerSpecOut(container),
    Resources: resources,
    RestartPolicy: spec?.restart ? restartPolicyOut(spec.restart) : undefined,
    Placement: spec?.placement ? placementOut(spec.placement) : undefined,
    Networks: omitEmpty((spec?.networks ?? []).map(networkAttachmentOut)),
    LogDriver: spec?.logDriver
      ? { Name: omitEmpty(spec.logDriver.name), Options: omitEmptyMap(spec.logDriver.options) }
      : undefined,
    ForceUpdate: Number(spec?.forceUpdate ?? 0),
    Runtime: "container",
  };
}

/** One `Networks` entry. */
export function networkAttachmentOut(n: swarm.v1.NetworkAttachmentConfig.$Properties): JsonOut {
  return { Target: omitEmpty(n.target), Aliases: omitEmpty([...(n.aliases ?? [])]) };
}

function containerSpecOut(c: Container): JsonOut {
  return {
    Image: omitEmpty(c.image),
    Labels: omitEmptyMap(c.labels),
    Command: omitEmpty([...(c.command ?? [])]),
    Args: omitEmpty([...(c.args ?? [])]),
    Hostname: omitEmpty(c.hostname),
    Env: omitEmpty([...(c.env ?? [])]),
    Dir: omitEmpty(c.dir),
    User: omitEmpty(c.user),
    Groups: omitEmpty([...(c.groups ?? [])]),
    Init: c.init ?? false,
    StopSignal: omitEmpty(c.stopSignal),
    TTY: omitEmpty(c.tty),
    OpenStdin: omitEmpty(c.openStdin),
    ReadOnly: omitEmpty(c.readOnly),
    Mounts: omitEmpty((c.mounts ?? []).map(mountOut)),
    StopGracePeriod: omitEmpty(Number(c.stopGracePeriodNs ?? 0)),
    Healthcheck: c.healthcheck ? healthcheckOut(c.healthcheck) : undefined,
    Hosts: omitEmpty([...(c.hosts ?? [])]),
    DNSConfig: c.dnsConfig
      ? {
          Nameservers: omitEmpty([...(c.dnsConfig.nameservers ?? [])]),
          Search: omitEmpty([...(c.dnsConfig.search ?? [])]),
          Options: omitEmpty([...(c.dnsConfig.options ?? [])]),
        }
      : undefined,
    Secrets: omitEmpty(
      (c.secrets ?? []).map((s) => ({
        File: fileTargetOut(s.file),
        SecretID: s.secretId ?? "",
        SecretName: s.secretName ?? "",
      })),
    ),
    Configs: omitEmpty(
      (c.configs ?? []).map((s) => ({
        File: fileTargetOut(s.file),
        ConfigID: s.configId ?? "",
        ConfigName: s.configName ?? "",
      })),
    ),
    Sysctls: omitEmptyMap(c.sysctls),
    CapabilityAdd: omitEmpty([...(c.capabilityAdd ?? [])]),
    CapabilityDrop: omitEmpty([...(c.capabilityDrop ?? [])]),
    Ulimits: omitEmpty(
      (c.ulimits ?? []).map((u) => ({ Name: u.name ?? "", Hard: Number(u.hard ?? 0), Soft: Number(u.soft ?? 0) })),
    ),
    Isolation: omitEmpty(Number(c.isolation ?? 0) === 0 ? "" : isolations.format(c.isolation)),
    OomScoreAdj: omitEmpty(Number(c.oomScoreAdj ?? 0)),
  };
}

function fileTargetOut(f: swarm.v1.FileTarget.$Properties | null | undefined): JsonOut | undefined {
  return f ? { Name: f.name ?? "", UID: f.uid ?? "", GID: f.gid ?? "", Mode: Number(f.mode ?? 0) } : undefined;
}

function healthcheckOut(h: swarm.v1.HealthConfig.$Properties): JsonOut {
  return {
    Test: omitEmpty([...(h.test ?? [])]),
    Interval: omitEmpty(Number(h.intervalNs ?? 0)),
    Timeout: omitEmpty(Number(h.timeoutNs ?? 0)),
    Retries: omitEmpty(Number(h.retries ?? 0)),
    StartPeriod: omitEmpty(Number(h.startPeriodNs ?? 0)),
    StartInterval: omitEmpty(Number(h.startIntervalNs ?? 0)),
  };
}

function mountOut(m: swarm.v1.Mount.$Properties): JsonOut {
  const type = mountTypes.format(m.type);
  return {
    Type: type,
    Source: omitEmpty(m.source),
    Target: omitEmpty(m.target),
    ReadOnly: omitEmpty(m.readOnly),
    BindOptions: m.bindPropagation ? { Propagation: m.bindPropagation } : undefined,
    VolumeOptions:
      m.volumeNoCopy || Object.keys(m.volumeLabels ?? {}).length > 0 || hasDriver(m)
        ? {
            NoCopy: omitEmpty(m.volumeNoCopy),
            Labels: omitEmptyMap(m.volumeLabels),
            DriverConfig: hasDriver(m)
              ? { Name: omitEmpty(m.volumeDriver), Options: omitEmptyMap(m.volumeDriverOptions) }
              : undefined,
          }
        : undefined,
    TmpfsOptions:
      Number(m.tmpfsSizeBytes ?? 0) !== 0 || Number(m.tmpfsMode ?? 0) !== 0
        ? { SizeBytes: omitEmpty(Number(m.tmpfsSizeBytes ?? 0)), Mode: omitEmpty(Number(m.tmpfsMode ?? 0)) }
        : undefined,
  };
}

/** Whether a mount names a volume driver or its options. */
function hasDriver(m: swarm.v1.Mount.$Properties): boolean {
  return (m.volumeDriver ?? "") !== "" || Object.keys(m.volumeDriverOptions ?? {}).length > 0;
}

function resourcesOut(r: swarm.v1.ResourceRequirements.$Properties | null, pids: number): JsonOut | undefined {
  if (!r && pids === 0) return undefined;
  const limits = r?.limits;
  const reservations = r?.reservations;
  return {
    Limits:
      limits || pids !== 0
        ? {
            NanoCPUs: omitEmpty(Number(limits?.nanoCpus ?? 0)),
            MemoryBytes: omitEmpty(Number(limits?.memoryBytes ?? 0)),
            Pids: omitEmpty(pids),
          }
        : undefined,
    Reservations: reservations
      ? {
          NanoCPUs: omitEmpty(Number(reservations.nanoCpus ?? 0)),
          MemoryBytes: omitEmpty(Number(reservations.memoryBytes ?? 0)),
          GenericResources: omitEmpty((reservations.generic ?? []).map(genericResourceOut)),
        }
      : undefined,
  };
}

/** One generic resource: named when it has a value, discrete (a count) otherwise. */
export function genericResourceOut(g: swarm.v1.GenericResource.$Properties): JsonOut {
  return g.value
    ? { NamedResourceSpec: { Kind: omitEmpty(g.kind), Value: g.value } }
    : { DiscreteResourceSpec: { Kind: omitEmpty(g.kind), Value: omitEmpty(Number(g.count ?? 0)) } };
}

function restartPolicyOut(p: swarm.v1.RestartPolicy.$Properties): JsonOut {
  return {
    Condition: restartConditions.format(p.condition),
    Delay: Number(p.delayNs ?? 0),
    MaxAttempts: Number(p.maxAttempts ?? 0),
    Window: Number(p.windowNs ?? 0),
  };
}

function placementOut(p: swarm.v1.Placement.$Properties): JsonOut {
  return {
    Constraints: omitEmpty([...(p.constraints ?? [])]),
    Preferences: omitEmpty(
      (p.preferences ?? []).map((s) => ({ Spread: { SpreadDescriptor: s.spreadDescriptor ?? "" } })),
    ),
    MaxReplicas: omitEmpty(Number(p.maxReplicas ?? 0)),
    Platforms: omitEmpty(
      (p.platforms ?? []).map((s) => ({ Architecture: omitEmpty(s.architecture), OS: omitEmpty(s.os) })),
    ),
  };
}
