// The linearizability checker for key-value histories: record with HistoryRecorder, check with
// checkLinearizable.
export {
  type Operation,
  type OperationKind,
  type OperationInput,
  type OperationOutput,
  type NumberedOperation,
  validateHistory,
  formatOperation,
} from "./history.js";
export { HistoryRecorder } from "./history-recorder.js";
export { type KeyState, type KvStepResult, kvInitialState, kvStep, KvPartitionModel } from "./kv-model.js";
export { type SearchOp, type SearchModel, type SearchOutcome, searchLinearization } from "./search.js";
export {
  type Verdict,
  type CheckOptions,
  type CheckResult,
  type ViolationExplanation,
  checkLinearizable,
  exploredStatesMax,
  explanationOpsMax,
} from "./linearizability.js";
export {
  type RegisterSimulationOptions,
  mulberry32,
  simulateRegisterHistory,
  simulationSpan,
} from "./register-simulation.js";
