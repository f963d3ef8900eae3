// The face of worker/mesh: the routing mesh's data path and its contract with the endpoint feed.
export { IngressMesh, type IngressMeshOptions, type MeshStats } from "./ingress-mesh.js";
export type { EndpointStats } from "./endpoint-pool.js";
export type { ListenerStats, MeshLog } from "./mesh-listener.js";
export {
  bindRetryMs,
  connectTimeoutMs,
  failedBackoffMs,
  removedEndpointGraceMs,
  udpFlowIdleMs,
  udpFlowsMax,
} from "./mesh-bounds.js";
export { KernelPathError, iptablesLockWaitS, kernelPathAvailable } from "./kernel-dnat.js";
export { proxyV1Header, proxyV2Header, proxyV2Signature, type ProxiedAddresses } from "./proxy-header.js";
export type { MeshBalancing, MeshEndpoint, MeshPort, MeshProtocol, MeshService } from "./mesh-types.js";
