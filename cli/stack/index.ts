// The face of cli/stack: Compose stack files → service, secret, config and network specs, and the
// plan that deploys them.
export {
  loadStack,
  loadStackTree,
  stackFileBytesMax,
  stackFilesMax,
  type LoadStackOptions,
  type LoadedTree,
} from "./load-stack.js";
export { applyProfiles, allProfiles } from "./profiles.js";
export { stackConfigText } from "./stack-config.js";
export {
  defaultNetworkKey,
  type LoadedStack,
  type StackService,
  type StackDataObject,
  type StackNetwork,
  type StackVolume,
} from "./model.js";
export { StackFileError, formatPath, type StackWarning, type SourcePos, type PathStep } from "./stack-file-error.js";
export {
  namespaceStack,
  resolveReferences,
  stackNamespaceLabel,
  stackObjectName,
  validateStackName,
  stackNameLengthMax,
  type NamedStack,
  type NamedService,
  type NamedData,
  type NamedNetwork,
  type ReferenceIds,
} from "./namespace.js";
export { planStack, canonicalJson, type StackAction, type CurrentObjects, type PlanOptions } from "./plan-stack.js";
export { parseDurationNs, parseBytes, parseNanoCpus, durationNsMax } from "./units.js";
export { composeSchemaFile } from "./compose-schema.js";
export {
  deployStack,
  type DeployOptions,
  type ServiceProblem,
  StackConvergeError,
  type StackControl,
  taskFailuresMaxDefault,
  waveConvergeMsDefault,
} from "./deploy-stack.js";
export { healthPollMs } from "./service-health.js";
export { stackControlOf } from "./stack-control.js";
