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
export { TaskAllocator } from "./task-allocator.js";
