// The face of worker/network: the node's overlay networks (NetworkAgent), its DNS server, the
// network view they are driven by, and the hooks executors use to put tasks on overlay networks.
export {
  NetworkAgent,
  NetworkNotInViewError,
  dataPathPortDefault,
  networkWaitMs,
  reconvergePeriodMs,
  underlayMtuDefault,
  vxlanOverheadBytes,
  type NetworkAgentOptions,
  type NetworkAgentStats,
} from "./network-agent.js";
export { DnsServer, dnsPort, type DnsServerOptions, type DnsStats } from "./dns-server.js";
export { DnsThread, dnsThreadNice, type DnsThreadOptions } from "./dns-thread.js";
export { DnsRecords, dnsTaskTtlS, dnsVipTtlS } from "./dns-records.js";
export { dnsForwardInflightMax, dnsForwardTimeoutMs, readResolvConf, type Upstream } from "./dns-forwarder.js";
export { NetworkCommandError, execRunner, type CommandRunner } from "./command-runner.js";
export { KernelNames } from "./kernel-names.js";
export { encryptedPortOffset } from "./tunnel-step.js";
export {
  tunnelInterfaceName,
  uapiSocketDir,
  wireguardOverheadBytes,
  wireguardPortDefault,
  WireGuardTunnel,
  type TunnelStats,
  type WireGuardTunnelOptions,
} from "./wireguard-tunnel.js";
export { generateKeys, isWireGuardKey, loadOrCreateKeys, publicKeyOf, type WireGuardKeys } from "./wireguard-keys.js";
export { macOfIpv4, parseCidr, subnetContains } from "./ipv4.js";
export { deleteNetns, netnsExists, netnsWithPrefix } from "./task-netns.js";
export {
  overlayAttachments,
  type DockerAttachment,
  type OverlayAttachment,
  type PublishedPort,
  type TaskNetns,
  type TaskNetworking,
} from "./task-networking.js";
export {
  checkNetwork,
  type EndpointMode,
  type NetworkPeer,
  type NetworkService,
  type NetworkTask,
  type NetworkView,
  type OverlayNetwork,
  type ServiceBackend,
  type TunnelPeer,
} from "./view.js";
