// The face of worker/agent: the node agent, its task database, the in-memory executor for tests
// and hollow workers, and the bounds the agent runs with.
export { Agent, type AgentOptions } from "./agent.js";
export {
  FakeEngineState,
  FakeExecutor,
  fakeKillExitCode,
  fakeStopExitCode,
  type FakeCall,
  type FakeContainer,
  type FakeScript,
} from "./fake-executor.js";
export {
  backoffMs,
  dispatcherCallTimeoutMs,
  leaderAddressOf,
  nodeIdMetadataKey,
  reconnectBackoffMsMax,
  reconnectBackoffMsMin,
  sessionOpenTimeoutMs,
  grpcDispatcherConnection,
  type AssignmentSet,
  type DispatcherConnect,
  type DispatcherConnection,
  type DispatcherStream,
} from "./session.js";
export { statusBatchMax, statusFlushMs, statusRetryMsMax, statusRetryMsMin } from "./status-reporter.js";
export {
  isTerminalState,
  stateName,
  stopGraceMsDefault,
  TaskController,
  type StatusListener,
} from "./task-controller.js";
export {
  nodeIdFileName,
  taskRecordVersion,
  tasksDirName,
  TaskDb,
  type AgentLog,
  type TaskRecord,
  type TaskRecords,
} from "./task-db.js";
export { MemoryTaskDb } from "./memory-task-db.js";
export { MemoryTaskFiles } from "./memory-task-files.js";
export { persistentFiles, tmpfsMagic } from "./persistent-files.js";
export {
  filesTmpfsOptions,
  removeTaskFilesRoot,
  taskFilesRoot,
  TaskFileNotFoundError,
  TaskFiles,
  type TaskFilesStore,
} from "./task-files.js";
export { localSubnets, overlayInterfacePrefixes, subnetOfInterfaceAddress } from "./local-subnets.js";
export { NetworkViewSet, type NodeNetworkView } from "./network-view.js";
