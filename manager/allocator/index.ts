// The face of the allocator.
export {
  allocateEndpoint,
  portTableOf,
  PortConflictError,
  dynamicPortFirst,
  dynamicPortLast,
  dynamicPortRangeDefault,
  dynamicPortRangeOf,
  type DynamicPortRange,
  type PortTable,
} from "./port-allocator.js";
export { needsNoAllocation, pendingSchedulingMessage } from "./allocation-free.js";
export { TaskAllocator } from "./task-allocator.js";
export {
  AddressPool,
  AddressTable,
  addressTableOf,
  allocateSubnet,
  allocateVni,
  holdsAddresses,
  nodeHoldings,
  poolOf,
  serviceHoldings,
  taskHoldings,
  type AddressOwner,
  type AddressSource,
  type Holdings,
} from "./ipam.js";
export {
  addressOf,
  type Cidr,
  cidrContains,
  cidrLast,
  cidrsOverlap,
  formatCidr,
  formatIpv4,
  parseCidr,
  parseIpv4,
} from "./ipv4.js";
export {
  dataPathPortDefault,
  defaultAddrPoolsDefault,
  encryptedOption,
  isEncryptedSpec,
  isOverlayNetwork,
  mtuMaxOf,
  mtuMin,
  mtuOption,
  resolveMtu,
  resolveNetworkConfig,
  subnetSizeDefault,
  underlayMtuMax,
  vniFirstDefault,
  vniMax,
  vxlanIdOption,
  vxlanOverheadBytes,
  wireguardOverheadBytes,
  wireguardPortDefault,
  type ResolvedNetworkConfig,
} from "./network-config.js";
export { tunnelPool, withTunnelAddr } from "./tunnel-addresses.js";
export { allocateNetworkResources, NetworkPoolExhaustedError, type NetworkResources } from "./network-resources.js";
export {
  keptVirtualIps,
  overlayAttachmentsOf,
  serviceOverlays,
  usesVip,
  vipNetworkIds,
  type NetworkLookup,
  type OverlayAttachment,
} from "./service-networks.js";
