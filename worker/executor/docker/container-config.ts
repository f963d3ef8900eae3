// Translates a task into the Docker Engine's container-create request. This is a pure function so
// the whole mapping (labels, templates, limits, ports, healthcheck) is tested without an engine.
import { posix } from "node:path";
import type { ContainerCreateOptions, HealthConfig, MountSettings } from "dockerode";
import { InvalidArgumentError } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { TaskContext } from "../executor.js";
import { taskFiles } from "../task-files-layout.js";
import { labelKeys } from "../executor.js";
import { expandTemplate, taskName } from "../templates.js";
import { genericResourceEnv } from "../generic-resource-env.js";
import { portEnv, type PortBinding } from "../task-ports.js";
import { hostPortsLabel, hostPortsLabelValue, networkMode } from "./host-network.js";
import type { DockerAttachment } from "../../network/index.js";

/** Where a container on overlay networks goes: its Docker networks (first one at create) and its DNS server. */
export interface OverlayPlacement {
  /** The Docker networks of its attachments, in order, with its address on each. */
  readonly networks: readonly DockerAttachment[];
  /** The node's DNS server (its own address on the first network). */
  readonly dns: string;
}

/** Address host-mode published ports bind on when the context names none. */
export const defaultPublishAddr = "127.0.0.1";

/** Nanoseconds in one second, for the engine's whole-second stop timeout. */
const nsPerSecond = 1e9;

/** The labels that mark a container as a task's: the spec's own labels plus ours, ours winning. */
export function taskLabels(context: TaskContext): Record<string, string> {
  const t = context.task;
  return {
    ...(t.spec?.container?.labels ?? {}),
    [labelKeys.managed]: "true",
    [labelKeys.taskId]: t.id ?? "",
    [labelKeys.taskName]: taskName(context),
    [labelKeys.serviceId]: t.serviceId ?? "",
    [labelKeys.serviceName]: t.serviceAnnotations?.name ?? "",
    [labelKeys.slot]: String(Number(t.slot ?? 0)),
    [labelKeys.nodeId]: t.nodeId ?? context.node.id,
  };
}

/** Docker's port key, e.g. "80/tcp". */
export function portKey(port: swarm.v1.IPortConfig): string {
  const protocol = port.protocol === swarm.v1.PortConfig.Protocol.PROTOCOL_UDP ? "udp" : "tcp";
  return `${Number(port.targetPort ?? 0)}/${protocol}`;
}

/**
 * The task's host-mode ports: the allocated ones from the task's endpoint, else the spec's.
 * Ingress-mode ports are left out because the routing mesh, not the container, answers them.
 */
export function hostModePorts(context: TaskContext): swarm.v1.IPortConfig[] {
  const endpoint = context.task.endpoint;
  const ports = (endpoint?.ports ?? []).length > 0 ? (endpoint?.ports ?? []) : (endpoint?.spec?.ports ?? []);
  return ports.filter((p) => p.publishMode === swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST);
}

/**
 * The task's ingress-mode ports, allocated ones first, else the spec's. The routing mesh answers
 * their published port on every node and forwards to the task, so the container publishes each
 * target port on the node's publish address with a port the engine picks (read back from inspect).
 */
export function ingressModePorts(context: TaskContext): swarm.v1.IPortConfig[] {
  const endpoint = context.task.endpoint;
  const ports = (endpoint?.ports ?? []).length > 0 ? (endpoint?.ports ?? []) : (endpoint?.spec?.ports ?? []);
  const seen = new Set<string>();
  return ports.filter((p) => {
    if (
      Number(p.publishMode ?? 0) !== Number(swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS) ||
      seen.has(portKey(p))
    )
      return false;
    seen.add(portKey(p));
    return true;
  });
}

/**
 * The container-create request for a task. Docker's restart policy is always "no": the
 * orchestrator decides whether a stopped task is replaced, by a new task with a new container.
 * `hostPorts` are the node ports picked for a task on the host network (see host-network.ts).
 * `overlay` puts the container on its first overlay's Docker network with the cluster's address
 * (the others are connected before start) and makes the node's DNS server its resolver: Docker's
 * embedded resolver forwards every name to it from the container's namespace. The task's aliases
 * are not given to Docker: Docker would answer them itself with this container's address alone,
 * hiding the VIP and the service's tasks on other nodes.
 */
export function containerConfig(
  context: TaskContext,
  hostPorts: readonly PortBinding[] = [],
  overlay?: OverlayPlacement,
): ContainerCreateOptions {
  const container = context.task.spec?.container;
  const field = "task.spec.container";
  if (container == null || (container.image ?? "") === "")
    throw new InvalidArgumentError(`${field}.image`, "a container task needs an image");

  const limits = context.task.spec?.resources?.limits;
  const nanoCpus = Number(limits?.nanoCpus ?? 0);
  const memory = Number(limits?.memoryBytes ?? 0);
  const pidsLimit = Number(container.pidsLimit ?? 0);
  const graceNs = Number(container.stopGracePeriodNs ?? 0);
  const command = container.command ?? [];
  const args = container.args ?? [];
  const dns = container.dnsConfig;
  const network = networkMode(context);
  // A container without a network of its own publishes nothing through the engine.
  const ports = network === "default" ? hostModePorts(context) : [];
  const publishAddr = context.publishAddr ?? defaultPublishAddr;

  const exposedPorts: Record<string, object> = {};
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of ports) {
    const key = portKey(port);
    exposedPorts[key] = {};
    const published = Number(port.publishedPort ?? 0);
    // An empty host port lets the engine pick a free one, as Docker does for host mode without a number.
    (portBindings[key] ??= []).push({ HostIp: publishAddr, HostPort: published > 0 ? String(published) : "" });
  }
  for (const port of network === "default" ? ingressModePorts(context) : []) {
    const key = portKey(port);
    exposedPorts[key] = {};
    (portBindings[key] ??= []).push({ HostIp: publishAddr, HostPort: "" });
  }
  const publishes = Object.keys(portBindings).length > 0;

  const hostname = container.hostname ?? "";
  const first = overlay?.networks[0];
  // The cluster's names first; the spec's own servers after it (asked when ours cannot answer).
  const nameservers = [...(overlay === undefined ? [] : [overlay.dns]), ...(dns?.nameservers ?? [])];
  return {
    name: taskName(context),
    Image: container.image ?? "",
    Labels: {
      ...taskLabels(context),
      ...(hostPorts.length > 0 ? { [hostPortsLabel]: hostPortsLabelValue(hostPorts) } : {}),
    },
    ...(command.length > 0 ? { Entrypoint: [...command] } : {}),
    ...(args.length > 0 ? { Cmd: [...args] } : {}),
    Env: taskEnv(context, hostPorts, publishAddr),
    ...((container.dir ?? "") !== "" ? { WorkingDir: container.dir } : {}),
    ...((container.user ?? "") !== "" ? { User: container.user } : {}),
    ...(hostname !== "" ? { Hostname: expandTemplate(hostname, context, `${field}.hostname`) } : {}),
    Tty: container.tty === true,
    OpenStdin: container.openStdin === true,
    ...((container.stopSignal ?? "") !== "" ? { StopSignal: container.stopSignal } : {}),
    ...(graceNs > 0 ? { StopTimeout: Math.ceil(graceNs / nsPerSecond) } : {}),
    ...(container.healthcheck != null ? { Healthcheck: healthConfig(container.healthcheck) } : {}),
    ...(publishes ? { ExposedPorts: exposedPorts } : {}),
    ...(first === undefined
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [first.network]: { IPAMConfig: { IPv4Address: first.addr } } } } }),
    HostConfig: {
      ...(network !== "default" ? { NetworkMode: network } : first !== undefined ? { NetworkMode: first.network } : {}),
      Mounts: [
        ...(container.mounts ?? []).map((m, i) => mountSettings(m, context, `${field}.mounts[${i}]`)),
        ...taskFileMounts(context),
      ],
      ...(container.init === true ? { Init: true } : {}),
      ReadonlyRootfs: container.readOnly === true,
      ...(nanoCpus > 0 ? { NanoCpus: nanoCpus } : {}),
      ...(memory > 0 ? { Memory: memory } : {}),
      ...(pidsLimit > 0 ? { PidsLimit: pidsLimit } : {}),
      ...((container.groups ?? []).length > 0 ? { GroupAdd: [...(container.groups ?? [])] } : {}),
      ...((container.capabilityAdd ?? []).length > 0 ? { CapAdd: [...(container.capabilityAdd ?? [])] } : {}),
      ...((container.capabilityDrop ?? []).length > 0 ? { CapDrop: [...(container.capabilityDrop ?? [])] } : {}),
      ...(Object.keys(container.sysctls ?? {}).length > 0 ? { Sysctls: { ...container.sysctls } } : {}),
      ...((container.ulimits ?? []).length > 0
        ? {
            Ulimits: (container.ulimits ?? []).map((u) => ({
              Name: u.name ?? "",
              Soft: Number(u.soft ?? 0),
              Hard: Number(u.hard ?? 0),
            })),
          }
        : {}),
      ...(Number(container.oomScoreAdj ?? 0) !== 0 ? { OomScoreAdj: Number(container.oomScoreAdj) } : {}),
      ...((container.hosts ?? []).length > 0
        ? { ExtraHosts: (container.hosts ?? []).flatMap((h, i) => extraHosts(h, `${field}.hosts[${i}]`)) }
        : {}),
      ...(nameservers.length > 0 ? { Dns: nameservers } : {}),
      ...((dns?.search ?? []).length > 0 ? { DnsSearch: [...(dns?.search ?? [])] } : {}),
      ...((dns?.options ?? []).length > 0 ? { DnsOptions: [...(dns?.options ?? [])] } : {}),
      ...logConfig(context),
      RestartPolicy: { Name: "no" },
      ...(publishes ? { PortBindings: portBindings } : {}),
    },
  };
}

/** The spec's environment, templates expanded, with the picked node ports' variables over it (as the process executor does). */
function taskEnv(context: TaskContext, hostPorts: readonly PortBinding[], publishAddr: string): string[] {
  // Assigned generic resources and picked ports win over the spec's entries of the same name.
  const ports = { ...genericResourceEnv(context.task), ...portEnv(hostPorts, publishAddr) };
  const own = (context.task.spec?.container?.env ?? []).map((entry, i) =>
    expandEnv(entry, context, `task.spec.container.env[${i}]`),
  );
  return [
    ...own.filter((entry) => !Object.hasOwn(ports, entry.split("=")[0] ?? "")),
    ...Object.entries(ports).map(([k, v]) => `${k}=${v}`),
  ];
}

/** Expands templates in the value of a KEY=VALUE entry; the key is taken literally. */
function expandEnv(entry: string, context: TaskContext, field: string): string {
  const eq = entry.indexOf("=");
  if (eq < 0) return entry;
  return `${entry.slice(0, eq + 1)}${expandTemplate(entry.slice(eq + 1), context, field)}`;
}

/** Docker's healthcheck, durations kept in nanoseconds as the engine wants them. */
function healthConfig(h: swarm.v1.IHealthConfig): HealthConfig {
  const startInterval = Number(h.startIntervalNs ?? 0);
  return {
    Test: [...(h.test ?? [])],
    Interval: Number(h.intervalNs ?? 0),
    Timeout: Number(h.timeoutNs ?? 0),
    Retries: Number(h.retries ?? 0),
    StartPeriod: Number(h.startPeriodNs ?? 0),
    // Engines before API 1.44 reject nothing here but ignore the field, so it is only sent when set.
    ...(startInterval > 0 ? { StartInterval: startInterval } : {}),
  };
}

/**
 * Read-only bind mounts of the task's secret and config files from its tmpfs files directory:
 * secrets at `/run/secrets/<target>` (or an absolute target), configs at their target.
 */
export function taskFileMounts(context: TaskContext): MountSettings[] {
  const filesDir = context.filesDir;
  if (filesDir === undefined) return [];
  return taskFiles(context.task).map((f) => ({
    Type: "bind",
    Source: posix.join(filesDir, f.relativePath),
    Target: f.containerPath,
    ReadOnly: true,
  }));
}

/** Docker's mount for one spec mount; bind and volume sources may be templates. */
function mountSettings(m: swarm.v1.IMount, context: TaskContext, field: string): MountSettings {
  const target = m.target ?? "";
  if (target === "") throw new InvalidArgumentError(`${field}.target`, "a mount needs a target path");
  const readOnly = m.readOnly === true;
  switch (m.type ?? swarm.v1.Mount.Type.TYPE_BIND) {
    case swarm.v1.Mount.Type.TYPE_TMPFS:
      return {
        Type: "tmpfs",
        Source: "",
        Target: target,
        ReadOnly: readOnly,
        TmpfsOptions: { SizeBytes: Number(m.tmpfsSizeBytes ?? 0), Mode: Number(m.tmpfsMode ?? 0) },
      };
    case swarm.v1.Mount.Type.TYPE_VOLUME: {
      const labels = m.volumeLabels ?? {};
      const driver = volumeDriver(m);
      const options = m.volumeNoCopy === true || Object.keys(labels).length > 0 || driver !== undefined;
      return {
        Type: "volume",
        Source: expandTemplate(m.source ?? "", context, `${field}.source`),
        Target: target,
        ReadOnly: readOnly,
        // Without a driver of its own the mount names none: a volume that exists already (made by
        // another driver, or by an earlier task) is then used as it is, as Docker does.
        ...(options
          ? {
              VolumeOptions: {
                NoCopy: m.volumeNoCopy === true,
                Labels: { ...labels },
                ...(driver !== undefined ? { DriverConfig: driver } : {}),
              } as NonNullable<MountSettings["VolumeOptions"]>,
            }
          : {}),
      };
    }
    case swarm.v1.Mount.Type.TYPE_BIND: {
      const source = expandTemplate(m.source ?? "", context, `${field}.source`);
      if (source === "") throw new InvalidArgumentError(`${field}.source`, "a bind mount needs a source path");
      const propagation = m.bindPropagation ?? "";
      if (propagation !== "" && !isPropagation(propagation))
        throw new InvalidArgumentError(
          `${field}.bindPropagation`,
          `unknown propagation ${JSON.stringify(propagation)}`,
        );
      return {
        Type: "bind",
        Source: source,
        Target: target,
        ReadOnly: readOnly,
        ...(propagation !== "" && isPropagation(propagation) ? { BindOptions: { Propagation: propagation } } : {}),
      };
    }
  }
}

/** The engine's volume driver config of a mount that names a driver or options; "local" when only options are given. */
function volumeDriver(m: swarm.v1.IMount): { Name: string; Options: Record<string, string> } | undefined {
  const name = m.volumeDriver ?? "";
  const options = m.volumeDriverOptions ?? {};
  if (name === "" && Object.keys(options).length === 0) return undefined;
  return { Name: name === "" ? "local" : name, Options: { ...options } };
}

/** A volume the node's engine must hold before the task's container is created. */
export interface VolumeCreate {
  /** Volume name (the mount's source, templates expanded). */
  readonly Name: string;
  /** Volume driver ("local" unless the mount names another). */
  readonly Driver: string;
  /** The driver's options, passed through untouched (e.g. type, o and device for an NFS share). */
  readonly DriverOpts: Record<string, string>;
  /** The volume's labels. */
  readonly Labels: Record<string, string>;
}

/**
 * The named volumes a task's mounts ask to be created with a driver, options or labels, as
 * SwarmKit's executor creates them on the node before the container: each node makes its own
 * copy of a volume on demand, and a volume that exists already is used as it is. Anonymous
 * volumes and named ones without settings are left to the engine, which creates them with its
 * defaults at container create.
 */
export function taskVolumes(context: TaskContext): VolumeCreate[] {
  const mounts = context.task.spec?.container?.mounts ?? [];
  const out: VolumeCreate[] = [];
  for (const [i, m] of mounts.entries()) {
    if ((m.type ?? swarm.v1.Mount.Type.TYPE_BIND) !== swarm.v1.Mount.Type.TYPE_VOLUME) continue;
    const name = expandTemplate(m.source ?? "", context, `task.spec.container.mounts[${i}].source`);
    const driver = volumeDriver(m);
    const labels = m.volumeLabels ?? {};
    if (name === "" || (driver === undefined && Object.keys(labels).length === 0)) continue;
    out.push({
      Name: name,
      Driver: driver?.Name ?? "local",
      DriverOpts: { ...driver?.Options },
      Labels: { ...labels },
    });
  }
  return out;
}

const propagations = ["private", "rprivate", "shared", "rshared", "slave", "rslave"] as const;

/** Whether `p` is one of the bind propagation modes Docker knows. */
function isPropagation(p: string): p is (typeof propagations)[number] {
  return (propagations as readonly string[]).includes(p);
}

/** Docker's "host:ip" entries for one /etc/hosts-style "IP host [alias...]" line. */
function extraHosts(line: string, field: string): string[] {
  const [ip, ...names] = line.trim().split(/\s+/);
  if (ip === undefined || ip === "" || names.length === 0)
    throw new InvalidArgumentError(field, `expected "IP host [alias...]", got ${JSON.stringify(line)}`);
  return names.map((name) => `${name}:${ip}`);
}

/** The task's log driver, when it names one; otherwise the engine's default applies. */
function logConfig(context: TaskContext): { LogConfig?: { Type: string; Config: Record<string, string> } } {
  const driver = context.task.logDriver ?? context.task.spec?.logDriver;
  const name = driver?.name ?? "";
  return name === "" ? {} : { LogConfig: { Type: name, Config: { ...(driver?.options ?? {}) } } };
}
