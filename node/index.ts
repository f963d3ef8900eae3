// The face of node/: one running node (manager part and/or agent) over its state directory.
export {
  ClusterNotReadyError,
  clusterReadyMsMax,
  type JoinTokens,
  listenAddrDefault,
  managerPortDefault,
  type MeshDatapath,
  meshDatapaths,
  type NodeLog,
  normaliseAddr,
  roleChangeRetryMs,
  SwarmNode,
  type SwarmNodeOptions,
} from "./swarm-node.js";
export {
  createExecutor,
  EngineUnreachableError,
  type ExecutorChoice,
  executorChoices,
  parseExecutorChoice,
  parseProcessAllow,
} from "./executor-choice.js";
export {
  networkAgentChoices,
  type NetworkAgentChoice,
  networkAgentUnavailable,
  parseNetworkAgentChoice,
  parseNetworkPrefix,
} from "./network-choice.js";
export { feedNetworkAgent, toNetworkView } from "./network-feed.js";
export {
  NodeStateExistsError,
  NoNodeStateError,
  type NodeRole,
  type NodeStateFile,
  readNodeState,
} from "./node-state.js";
export { leaveCluster, ManagerLeaveRefusedError } from "./leave.js";
export * from "./certs/index.js";
export {
  forceNewClusterBackupPrefix,
  forcedLeaderMsMax,
  NotAManagerStateError,
  rewriteAsNewCluster,
  type RewriteOptions,
} from "./force-new-cluster.js";
export {
  type MetricsSource,
  NodeMetrics,
  proposalSecondsBuckets,
  schedulerPassSecondsBuckets,
  taskStateLabel,
} from "./metrics-node.js";
export { metricsPath, type MetricsServer, parseMetricsAddr, serveMetrics } from "./metrics-server.js";
export {
  engineApiCertFile,
  engineApiCertificate,
  engineApiKeyFile,
  type EngineApiTls,
  servingNamesFor,
} from "./engine-api-certificate.js";
// The cluster's overlay settings are checked before swarmd starts, with the manager's own rules.
export { validateNetworkConfig } from "../manager/index.js";
// For tests and benchmarks: a root CA made on the spot, and a store holding its cluster.
export { testClusterStore, type TestPki, testPki } from "./certs/test-pki.js";
