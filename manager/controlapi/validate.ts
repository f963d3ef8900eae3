// Validation of the specs operators send. Every check throws InvalidArgumentError naming the
// field by its path in the request (e.g. "spec.task.container.image"), so the CLI can print one
// readable line; nothing is written unless every check passed.
import {
  InvalidArgumentError,
  isPredefinedNetwork,
  isProcessImage,
  programOfProcessImage,
  timerDelayMsMax,
} from "../../common/index.js";
import { swarm } from "../../proto/index.js";

/** Longest object name (Docker's limit for service names is 63, a DNS label). */
export const nameLengthMax = 63;
/** Most replicas a replicated service may ask for. */
export const replicasMax = 1_000_000;
/** Largest secret, as Docker allows (500 KiB). */
export const secretBytesMax = 500 * 1024;
/** Largest config (1000 KiB). */
export const configBytesMax = 1000 * 1024;
/** Most labels on one object. */
export const labelsMax = 256;

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
// name[:tag][@digest], with an optional registry host[:port]/ prefix and path components.
const imagePattern =
  /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/;

/** Checks an object name. */
export function validateName(field: string, name: string | null | undefined): void {
  if (!name) throw new InvalidArgumentError(field, "is required");
  if (name.length > nameLengthMax) throw new InvalidArgumentError(field, `must be at most ${nameLengthMax} characters`);
  if (!namePattern.test(name))
    throw new InvalidArgumentError(
      field,
      `"${name}" must start with a letter or digit and contain only letters, digits, "_", "." and "-"`,
    );
}

/** Checks labels. */
export function validateLabels(field: string, labels: Record<string, string> | null | undefined): void {
  const keys = Object.keys(labels ?? {});
  if (keys.length > labelsMax) throw new InvalidArgumentError(field, `at most ${labelsMax} labels`);
  for (const key of keys) if (key === "") throw new InvalidArgumentError(field, "a label key must not be empty");
}

function nonNegative(field: string, value: number | null | undefined): void {
  if (value != null && (!Number.isFinite(value) || value < 0))
    throw new InvalidArgumentError(field, "must not be negative");
}

/**
 * Longest duration a service spec may give (stop grace period, healthcheck timings, restart delay
 * and window, update and rollback delay and monitor), in nanoseconds: what one Node.js timer holds
 * (2³¹−1 ms, about 24.8 days). Longer ones make no sense for these settings and, before this
 * bound, overflowed the timers armed with them.
 */
export const specDurationNsMax = timerDelayMsMax * 1e6;

/** Checks a duration of a service spec: not negative, at most specDurationNsMax. */
function duration(field: string, value: number | null | undefined): void {
  nonNegative(field, value);
  if (value != null && Number(value) > specDurationNsMax)
    throw new InvalidArgumentError(
      field,
      `must be at most ${Math.floor(timerDelayMsMax / 3_600_000)} h (${specDurationNsMax} ns), got ${value} ns`,
    );
}

/** Checks an image reference such as "redis:7", "registry:5000/team/app@sha256:…". */
export function validateImage(field: string, image: string | null | undefined): void {
  if (!image) throw new InvalidArgumentError(field, "is required");
  if (isProcessImage(image)) {
    if (programOfProcessImage(image) === undefined) {
      throw new InvalidArgumentError(
        field,
        `"${image}" must name a program: process://NAME or process:///ABSOLUTE/PATH`,
      );
    }
    return;
  }
  if (!imagePattern.test(image)) throw new InvalidArgumentError(field, `"${image}" is not a valid image reference`);
}

/** Placement syntax checks, supplied by the scheduler that interprets the texts. */
export interface PlacementChecks {
  /** Validates a constraint such as "node.labels.zone==a"; throws InvalidArgumentError naming field. */
  readonly constraintCheck: (text: string, field: string) => void;
  /** Validates a spread descriptor such as "node.labels.zone"; throws InvalidArgumentError naming field. */
  readonly spreadCheck: (text: string, field: string) => void;
}

/** Checks a service spec. */
export function validateServiceSpec(
  spec: swarm.v1.ServiceSpec.$Properties | null | undefined,
  options: PlacementChecks,
): void {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  validateName("spec.annotations.name", spec.annotations?.name);
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  const task = spec.task;
  if (!task?.container) throw new InvalidArgumentError("spec.task.container", "is required");
  const c = task.container;
  validateImage("spec.task.container.image", c.image);
  for (const [i, env] of (c.env ?? []).entries()) {
    if (!env.includes("=") || env.startsWith("="))
      throw new InvalidArgumentError(`spec.task.container.env[${i}]`, `"${env}" must be KEY=VALUE`);
  }
  duration("spec.task.container.stopGracePeriodNs", c.stopGracePeriodNs);
  for (const [i, m] of (c.mounts ?? []).entries()) {
    if (!m.target?.startsWith("/"))
      throw new InvalidArgumentError(`spec.task.container.mounts[${i}].target`, "must be an absolute path");
    if (m.type === swarm.v1.Mount.Type.TYPE_BIND && !m.source?.startsWith("/")) {
      throw new InvalidArgumentError(
        `spec.task.container.mounts[${i}].source`,
        "a bind mount needs an absolute host path",
      );
    }
  }
  const hc = c.healthcheck;
  if (hc)
    for (const f of ["intervalNs", "timeoutNs", "startPeriodNs", "startIntervalNs"] as const)
      duration(`spec.task.container.healthcheck.${f}`, hc[f]);
  const res = task.resources;
  for (const kind of ["limits", "reservations"] as const) {
    nonNegative(`spec.task.resources.${kind}.nanoCpus`, res?.[kind]?.nanoCpus);
    nonNegative(`spec.task.resources.${kind}.memoryBytes`, res?.[kind]?.memoryBytes);
  }
  const limits = res?.limits;
  const reservations = res?.reservations;
  if (limits?.memoryBytes && reservations?.memoryBytes && reservations.memoryBytes > limits.memoryBytes) {
    throw new InvalidArgumentError("spec.task.resources.reservations.memoryBytes", "must not exceed the memory limit");
  }
  if (limits?.nanoCpus && reservations?.nanoCpus && reservations.nanoCpus > limits.nanoCpus) {
    throw new InvalidArgumentError("spec.task.resources.reservations.nanoCpus", "must not exceed the CPU limit");
  }
  duration("spec.task.restart.delayNs", task.restart?.delayNs);
  duration("spec.task.restart.windowNs", task.restart?.windowNs);
  for (const [i, constraint] of (task.placement?.constraints ?? []).entries()) {
    options.constraintCheck(constraint, `spec.task.placement.constraints[${i}]`);
  }
  for (const [i, p] of (task.placement?.preferences ?? []).entries()) {
    options.spreadCheck(p.spreadDescriptor ?? "", `spec.task.placement.preferences[${i}].spreadDescriptor`);
  }
  const modes = [spec.replicated, spec.global, spec.replicatedJob, spec.globalJob].filter((m) => m != null).length;
  if (modes > 1)
    throw new InvalidArgumentError("spec.mode", "set only one of replicated, global, replicatedJob, globalJob");
  if (spec.replicated && (spec.replicated.replicas ?? 0) > replicasMax) {
    throw new InvalidArgumentError("spec.replicated.replicas", `must be at most ${replicasMax}`);
  }
  for (const which of ["update", "rollback"] as const) {
    const u = spec[which];
    if (!u) continue;
    duration(`spec.${which}.delayNs`, u.delayNs);
    duration(`spec.${which}.monitorNs`, u.monitorNs);
    if (u.maxFailureRatio != null && (u.maxFailureRatio < 0 || u.maxFailureRatio > 1)) {
      throw new InvalidArgumentError(`spec.${which}.maxFailureRatio`, "must be between 0 and 1");
    }
  }
  validateEndpoint(spec.endpoint);
  validateNetworks(spec);
}

/**
 * A task's network attachments: each names a network; a predefined one (host, none) stands alone,
 * as the container then has no network of its own to join others with; and a task without any
 * network (none) cannot be reached on a published port.
 */
function validateNetworks(spec: swarm.v1.ServiceSpec.$Properties): void {
  const networks = spec.task?.networks ?? [];
  const seen = new Set<string>();
  for (const [i, n] of networks.entries()) {
    const target = n.target ?? "";
    const at = `spec.task.networks[${i}].target`;
    if (target === "") throw new InvalidArgumentError(at, "names no network");
    if (seen.has(target)) throw new InvalidArgumentError(at, `network ${target} is attached twice`);
    seen.add(target);
    if (isPredefinedNetwork(target) && networks.length > 1)
      throw new InvalidArgumentError(at, `the ${target} network cannot be combined with other networks`);
    if (target === "none" && (spec.endpoint?.ports ?? []).length > 0)
      throw new InvalidArgumentError(at, "a task on the none network cannot publish ports");
  }
}

function validateEndpoint(endpoint: swarm.v1.EndpointSpec.$Properties | null | undefined): void {
  const seen = new Set<string>();
  for (const [i, port] of (endpoint?.ports ?? []).entries()) {
    const at = `spec.endpoint.ports[${i}]`;
    if (!port.targetPort || port.targetPort < 1 || port.targetPort > 65535)
      throw new InvalidArgumentError(`${at}.targetPort`, "must be between 1 and 65535");
    if (port.publishedPort != null && (port.publishedPort < 0 || port.publishedPort > 65535)) {
      throw new InvalidArgumentError(`${at}.publishedPort`, "must be between 0 and 65535");
    }
    if (port.publishedPort) {
      const key = `${port.protocol ?? 0}/${port.publishedPort}`;
      if (seen.has(key))
        throw new InvalidArgumentError(`${at}.publishedPort`, `port ${port.publishedPort} is published twice`);
      seen.add(key);
    }
    if (
      endpoint?.mode === swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR &&
      (port.publishMode ?? 0) === swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS
    ) {
      throw new InvalidArgumentError(`${at}.publishMode`, "ingress ports need VIP mode; use host mode with dnsrr");
    }
    const proxy = Number(port.proxyProtocol ?? 0);
    if (!isEnumValue(swarm.v1.PortConfig.ProxyProtocol, proxy))
      throw new InvalidArgumentError(`${at}.proxyProtocol`, `unknown value ${proxy}`);
    // Only the routing mesh writes the header, and only on a TCP stream.
    if (
      proxy !== 0 &&
      (Number(port.publishMode ?? 0) !== Number(swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS) ||
        Number(port.protocol ?? 0) !== Number(swarm.v1.PortConfig.Protocol.PROTOCOL_TCP))
    ) {
      throw new InvalidArgumentError(
        `${at}.proxyProtocol`,
        "needs publish mode ingress and protocol tcp (host-mode ports bypass the routing mesh)",
      );
    }
  }
  const balancing = Number(endpoint?.balancing ?? 0);
  if (!isEnumValue(swarm.v1.EndpointSpec.Balancing, balancing))
    throw new InvalidArgumentError("spec.endpoint.balancing", `unknown value ${balancing}`);
}

/** Whether `value` is one of a protobuf enum's numbers (decoding keeps unknown numbers as they are). */
function isEnumValue(values: object, value: number): boolean {
  return Object.values(values).includes(value);
}

/** The mode name of a spec, for checks that a mode never changes after create. */
export function modeOf(spec: swarm.v1.ServiceSpec.$Properties): string {
  if (spec.global) return "global";
  if (spec.replicatedJob) return "replicated-job";
  if (spec.globalJob) return "global-job";
  return "replicated";
}

/** Checks a secret or config spec. */
export function validateDataSpec(
  kind: "secret" | "config",
  spec: { annotations?: swarm.v1.Annotations.$Properties | null; data?: Uint8Array | null } | null | undefined,
): void {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  validateName("spec.annotations.name", spec.annotations?.name);
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  const max = kind === "secret" ? secretBytesMax : configBytesMax;
  const size = spec.data?.length ?? 0;
  if (size === 0) throw new InvalidArgumentError("spec.data", "must not be empty");
  if (size > max) throw new InvalidArgumentError("spec.data", `must be at most ${max} bytes, got ${size}`);
}
