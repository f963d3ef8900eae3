// The face of worker/: the node agent, the executors it drives, and their shared contract.
export {
  Agent,
  type AgentOptions,
  FakeEngineState,
  FakeExecutor,
  fakeKillExitCode,
  type DispatcherConnect,
  type DispatcherConnection,
  type DispatcherStream,
  localSubnets,
  MemoryTaskDb,
  MemoryTaskFiles,
  NetworkViewSet,
  type NodeNetworkView,
  persistentFiles,
  removeTaskFilesRoot,
  TaskDb,
  TaskFiles,
  taskFilesRoot,
  tmpfsMagic,
} from "./agent/index.js";
export {
  DockerExecutor,
  engineSocketPath,
  ensureEngine,
  ensureTestImage,
  pingEngine,
  testImage,
} from "./executor/docker/index.js";
export {
  ImageUnavailableError,
  labelKeys,
  ProgramNotAllowedError,
  TaskRejectedError,
  WrongRuntimeError,
  type Executor,
  type TaskRuntime,
} from "./executor/index.js";
export { parseProcessAllow, ProcessExecutor } from "./executor/process/index.js";
export { IngressMesh, type IngressMeshOptions, kernelPathAvailable, type MeshStats } from "./mesh/index.js";
export {
  DnsRecords,
  DnsServer,
  DnsThread,
  dnsThreadNice,
  NetworkAgent,
  type NetworkAgentOptions,
  type NetworkAgentStats,
  type NetworkView,
  type OverlayNetwork,
  type TaskNetworking,
  type TunnelPeer,
  tunnelInterfaceName,
  uapiSocketDir,
  WireGuardTunnel,
} from "./network/index.js";
