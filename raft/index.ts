// The face of raft/: the consensus engine (pure core, driver, storage, transport), the
// linearizability checker, and the test key-value store built on them.
export * from "./core/index.js";
export * from "./node/index.js";
export * from "./storage/index.js";
export * from "./transport/index.js";
export {
  checkLinearizable,
  type CheckResult,
  HistoryRecorder,
  mulberry32,
  type Operation,
  type OperationInput,
  type OperationOutput,
} from "./checker/index.js";
export { KvState, type KvCommand, type KvResult, encodeKvCommand } from "./kv/kv-state.js";
export { KvClient, type KvOutcome } from "./kv/kv-client.js";
export { KvCluster, type KvClusterOptions, freePort, freePorts } from "./kv/kv-cluster.js";
export { runWorkload, type WorkloadResult } from "./kv/kv-workload.js";
