// The face of the Control API.
export { createControlApi, type ControlApiOptions } from "./control-api.js";
export { FailedPreconditionError } from "./resolve.js";
export { removeNodeObject, updateNodeSpec } from "./node-methods.js";
export { unary } from "./grpc-errors.js";
export {
  type PlacementChecks,
  validateServiceSpec,
  validateDataSpec,
  validateNodeSpec,
  validateName,
  validateImage,
  validateLabels,
  checkStringMap,
  checkStringList,
  checkString,
  checkList,
  checkInteger,
  checkEnum,
  modeOf,
  nameLengthMax,
  replicasMax,
  secretBytesMax,
  configBytesMax,
  serviceSpecBytesMax,
  labelsBytesMax,
  labelsMax,
  labelKeyBytesMax,
  labelValueBytesMax,
  nodeNameBytesMax,
  hostnameBytesMax,
} from "./validate.js";
export { type ControlMethod, controlRequestValidators } from "./validate-requests.js";
export {
  addrPoolsMax,
  dataPathPortMax,
  dataPathPortMin,
  validateNetworkConfig,
  validateNetworkSpec,
} from "./validate-network.js";
