// Validation of the specs operators send. Every check throws InvalidArgumentError naming the
// field by its path in the request (e.g. "spec.task.container.image"), so the CLI can print one
// readable line; nothing is written unless every check passed. The checks live by subject
// (validate-fields.ts: the building blocks, names, labels and images; validate-service.ts and
// validate-container.ts: service specs; validate-requests.ts: every Control request); this module
// is their face, and holds the smaller specs: nodes, secrets and configs (networks: validate-network.ts).
import { InvalidArgumentError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { configBytesMax, nodeNameBytesMax, secretBytesMax } from "./limits.js";
import { checkEnum, checkString, validateLabels, validateName } from "./validate-fields.js";

export * from "./limits.js";
export {
  byteLength,
  checkDurationNs,
  checkEnum,
  checkInteger,
  checkList,
  checkRatio,
  checkString,
  checkStringList,
  checkStringMap,
  validateImage,
  validateLabels,
  validateName,
} from "./validate-fields.js";
export { type PlacementChecks, validateServiceSpec } from "./validate-service.js";
export { isKnownSignal } from "./signals.js";

/** The mode name of a spec, for checks that a mode never changes after create. */
export function modeOf(spec: swarm.v1.ServiceSpec.$Properties): string {
  if (spec.global) return "global";
  if (spec.replicatedJob) return "replicated-job";
  if (spec.globalJob) return "global-job";
  return "replicated";
}

/** Checks a secret or config spec: name, labels, and data within Docker's size. */
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

/** A node name: empty (the hostname is shown), or a host name's characters. */
const nodeNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Checks a node spec: name, labels, desired role and availability. */
export function validateNodeSpec(spec: swarm.v1.NodeSpec.$Properties | null | undefined): void {
  if (!spec) throw new InvalidArgumentError("spec", "is required");
  checkString("spec.annotations.name", spec.annotations?.name, nodeNameBytesMax, {
    pattern: nodeNamePattern,
    patternHint: 'must start with a letter or digit and contain only letters, digits, "_", "." and "-"',
  });
  validateLabels("spec.annotations.labels", spec.annotations?.labels);
  checkEnum("spec.desiredRole", swarm.v1.NodeSpec.Role, spec.desiredRole);
  checkEnum("spec.availability", swarm.v1.NodeSpec.Availability, spec.availability);
}
