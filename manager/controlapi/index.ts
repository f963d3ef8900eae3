// The face of the Control API.
export { createControlApi, type ControlApiOptions } from "./control-api.js";
export { FailedPreconditionError } from "./resolve.js";
export { toServiceError, unary } from "./grpc-errors.js";
export {
  type PlacementChecks,
  validateServiceSpec,
  validateDataSpec,
  validateName,
  validateImage,
  modeOf,
  nameLengthMax,
  replicasMax,
  secretBytesMax,
  configBytesMax,
} from "./validate.js";
export {
  addrPoolsMax,
  dataPathPortMax,
  dataPathPortMin,
  validateNetworkConfig,
  validateNetworkSpec,
} from "./validate-network.js";
