// Validation of a service spec: its name and labels, mode and task counts, the task template
// (container, resources, restart policy, placement, networks, log driver), rolling update and
// rollback settings, and published ports. Every field the proto has is checked here: its enum
// values, its range, its size; the spec as a whole must also encode within serviceSpecBytesMax,
// since every one of its tasks carries a copy into the raft log.
import { InvalidArgumentError, isPredefinedNetwork } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  aliasesMax,
  constraintBytesMax,
  constraintsMax,
  genericResourceBytesMax,
  genericResourceCountMax,
  genericResourcesMax,
  logDriverBytesMax,
  memoryBytesMax,
  nanoCpusMax,
  networkAttachmentsMax,
  networkRefBytesMax,
  platformFieldBytesMax,
  platformsMax,
  portNameBytesMax,
  portsMax,
  preferencesMax,
  replicasMax,
  restartAttemptsMax,
  serviceSpecBytesMax,
} from "./limits.js";
import { validateContainer } from "./validate-container.js";
import {
  checkDurationNs,
  checkEnum,
  checkInteger,
  checkList,
  checkRatio,
  checkString,
  checkStringList,
  checkStringMap,
  validateLabels,
  validateName,
} from "./validate-fields.js";

/** Placement syntax checks, supplied by the scheduler that interprets the texts. */
export interface PlacementChecks {
  /** Validates a constraint such as "node.labels.zone==a"; throws InvalidArgumentError naming field. */
  readonly constraintCheck: (text: string, field: string) => void;
  /** Validates a spread descriptor such as "node.labels.zone"; throws InvalidArgumentError naming field. */
  readonly spreadCheck: (text: string, field: string) => void;
}

/** Checks a service spec; every error names its field by its path from `spec`. */
export function validateServiceSpec(
  spec: swarm.v1.ServiceSpec.$Properties | null | undefined,
  options: PlacementChecks,
): asserts spec is swarm.v1.ServiceSpec.$Properties {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  validateName("spec.annotations.name", spec.annotations?.name);
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  validateTask(spec.task, options);
  validateMode(spec);
  for (const which of ["update", "rollback"] as const) validateUpdateConfig(`spec.${which}`, spec[which]);
  validateEndpoint(spec.endpoint);
  validateAttachments("spec.networks", spec.networks);
  validateAttachments("spec.task.networks", spec.task?.networks);
  validateNetworkUse(spec);
  const bytes = swarm.v1.ServiceSpec.encode(spec).finish().length;
  if (bytes > serviceSpecBytesMax)
    throw new InvalidArgumentError("spec", `must encode to at most ${serviceSpecBytesMax} bytes, got ${bytes}`);
}

function validateMode(spec: swarm.v1.ServiceSpec.$Properties): void {
  const modes = [spec.replicated, spec.global, spec.replicatedJob, spec.globalJob].filter((m) => m != null).length;
  if (modes > 1)
    throw new InvalidArgumentError("spec.mode", "set only one of replicated, global, replicatedJob, globalJob");
  checkInteger("spec.replicated.replicas", spec.replicated?.replicas, replicasMax);
  checkInteger("spec.replicatedJob.maxConcurrent", spec.replicatedJob?.maxConcurrent, replicasMax);
  checkInteger("spec.replicatedJob.totalCompletions", spec.replicatedJob?.totalCompletions, replicasMax);
}

function validateTask(task: swarm.v1.TaskSpec.$Properties | null | undefined, options: PlacementChecks): void {
  if (!task?.container) throw new InvalidArgumentError("spec.task.container", "is required");
  validateContainer("spec.task.container", task.container);
  validateResources(task.resources);
  const restart = task.restart;
  checkEnum("spec.task.restart.condition", swarm.v1.RestartPolicy.Condition, restart?.condition);
  checkDurationNs("spec.task.restart.delayNs", restart?.delayNs);
  checkDurationNs("spec.task.restart.windowNs", restart?.windowNs);
  checkInteger("spec.task.restart.maxAttempts", restart?.maxAttempts, restartAttemptsMax);
  validatePlacement(task.placement, options);
  checkInteger("spec.task.forceUpdate", task.forceUpdate, Number.MAX_SAFE_INTEGER);
  checkString("spec.task.logDriver.name", task.logDriver?.name, logDriverBytesMax);
  checkStringMap("spec.task.logDriver.options", task.logDriver?.options);
}

function validateResources(res: swarm.v1.ResourceRequirements.$Properties | null | undefined): void {
  for (const kind of ["limits", "reservations"] as const) {
    const at = `spec.task.resources.${kind}`;
    checkInteger(`${at}.nanoCpus`, res?.[kind]?.nanoCpus, nanoCpusMax);
    checkInteger(`${at}.memoryBytes`, res?.[kind]?.memoryBytes, memoryBytesMax);
    for (const [i, g] of checkList(`${at}.generic`, res?.[kind]?.generic, genericResourcesMax).entries()) {
      // Sizes first, so that an oversized field is named even in an entry that is wrong otherwise.
      checkString(`${at}.generic[${i}].value`, g.value, genericResourceBytesMax);
      checkInteger(`${at}.generic[${i}].count`, g.count, genericResourceCountMax);
      checkString(`${at}.generic[${i}].kind`, g.kind, genericResourceBytesMax, { required: true });
    }
  }
  // As SwarmKit's: a task reserves counts of kinds; named units are the nodes' to assign, and the
  // engine has no generic resource limits.
  if ((res?.limits?.generic ?? []).length > 0)
    throw new InvalidArgumentError("spec.task.resources.limits.generic", "generic resources are reservations only");
  for (const [i, g] of (res?.reservations?.generic ?? []).entries()) {
    if (g.value)
      throw new InvalidArgumentError(
        `spec.task.resources.reservations.generic[${i}].value`,
        "a task reserves a count of a kind, not a named unit",
      );
    if (!(Number(g.count ?? 0) >= 1))
      throw new InvalidArgumentError(`spec.task.resources.reservations.generic[${i}].count`, "must be at least 1");
  }
  const limits = res?.limits;
  const reservations = res?.reservations;
  if (limits?.memoryBytes && reservations?.memoryBytes && reservations.memoryBytes > limits.memoryBytes) {
    throw new InvalidArgumentError("spec.task.resources.reservations.memoryBytes", "must not exceed the memory limit");
  }
  if (limits?.nanoCpus && reservations?.nanoCpus && reservations.nanoCpus > limits.nanoCpus) {
    throw new InvalidArgumentError("spec.task.resources.reservations.nanoCpus", "must not exceed the CPU limit");
  }
}

function validatePlacement(
  placement: swarm.v1.Placement.$Properties | null | undefined,
  options: PlacementChecks,
): void {
  const at = "spec.task.placement";
  for (const [i, constraint] of checkStringList(
    `${at}.constraints`,
    placement?.constraints,
    constraintsMax,
    constraintBytesMax,
  ).entries())
    options.constraintCheck(constraint, `${at}.constraints[${i}]`);
  for (const [i, p] of checkList(`${at}.preferences`, placement?.preferences, preferencesMax).entries()) {
    const field = `${at}.preferences[${i}].spreadDescriptor`;
    options.spreadCheck(checkString(field, p.spreadDescriptor, constraintBytesMax), field);
  }
  for (const [i, p] of checkList(`${at}.platforms`, placement?.platforms, platformsMax).entries()) {
    checkString(`${at}.platforms[${i}].os`, p.os, platformFieldBytesMax);
    checkString(`${at}.platforms[${i}].architecture`, p.architecture, platformFieldBytesMax);
  }
  checkInteger(`${at}.maxReplicas`, placement?.maxReplicas, replicasMax);
}

function validateUpdateConfig(field: string, u: swarm.v1.UpdateConfig.$Properties | null | undefined): void {
  checkInteger(`${field}.parallelism`, u?.parallelism, replicasMax);
  checkDurationNs(`${field}.delayNs`, u?.delayNs);
  checkEnum(`${field}.failureAction`, swarm.v1.UpdateConfig.FailureAction, u?.failureAction);
  checkDurationNs(`${field}.monitorNs`, u?.monitorNs);
  checkRatio(`${field}.maxFailureRatio`, u?.maxFailureRatio);
  checkEnum(`${field}.order`, swarm.v1.UpdateConfig.Order, u?.order);
}

/** A service's or task's network attachments: bounded, each naming a network, its aliases DNS names. */
function validateAttachments(
  field: string,
  attachments: readonly swarm.v1.NetworkAttachmentConfig.$Properties[] | null | undefined,
): void {
  for (const [i, n] of checkList(field, attachments, networkAttachmentsMax).entries()) {
    checkString(`${field}[${i}].target`, n.target, networkRefBytesMax);
    checkStringList(`${field}[${i}].aliases`, n.aliases, aliasesMax, networkRefBytesMax);
  }
}

/**
 * A task's network attachments: each names a network, once; a predefined one (host, none) stands
 * alone, as the container then has no network of its own to join others with; and a task without
 * any network (none) cannot be reached on a published port.
 */
function validateNetworkUse(spec: swarm.v1.ServiceSpec.$Properties): void {
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
  const mode = checkEnum("spec.endpoint.mode", swarm.v1.EndpointSpec.ResolutionMode, endpoint?.mode);
  checkEnum("spec.endpoint.balancing", swarm.v1.EndpointSpec.Balancing, endpoint?.balancing);
  const seen = new Set<string>();
  for (const [i, port] of checkList("spec.endpoint.ports", endpoint?.ports, portsMax).entries()) {
    const at = `spec.endpoint.ports[${i}]`;
    checkString(`${at}.name`, port.name, portNameBytesMax);
    const protocol = checkEnum(`${at}.protocol`, swarm.v1.PortConfig.Protocol, port.protocol);
    const publishMode = checkEnum(`${at}.publishMode`, swarm.v1.PortConfig.PublishMode, port.publishMode);
    const proxy = checkEnum(`${at}.proxyProtocol`, swarm.v1.PortConfig.ProxyProtocol, port.proxyProtocol);
    if (!port.targetPort || port.targetPort < 1 || port.targetPort > 65535 || !Number.isInteger(port.targetPort))
      throw new InvalidArgumentError(`${at}.targetPort`, "must be between 1 and 65535");
    const published = checkInteger(`${at}.publishedPort`, port.publishedPort, 65535);
    if (published !== 0) {
      const key = `${protocol}/${published}`;
      if (seen.has(key)) throw new InvalidArgumentError(`${at}.publishedPort`, `port ${published} is published twice`);
      seen.add(key);
    }
    const ingress = publishMode === swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS;
    if (mode === swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR && ingress)
      throw new InvalidArgumentError(`${at}.publishMode`, "ingress ports need VIP mode; use host mode with dnsrr");
    // Only the routing mesh writes the header, and only on a TCP stream.
    if (
      proxy !== swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_NONE &&
      (!ingress || protocol !== swarm.v1.PortConfig.Protocol.PROTOCOL_TCP)
    )
      throw new InvalidArgumentError(
        `${at}.proxyProtocol`,
        "needs publish mode ingress and protocol tcp (host-mode ports bypass the routing mesh)",
      );
  }
}
