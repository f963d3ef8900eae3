// The face of engineapi/: the Docker Engine API (its swarm routes) served from a swarm-ts node,
// translated to the local manager's gRPC services.
export { EngineApi, type EngineApiOptions } from "./engine-api.js";
export { apiVersionMax, apiVersionMin, formatApiVersion } from "./api-version.js";
export {
  admittedRoles,
  type EngineApiAddress,
  type EngineApiListener,
  parseEngineApiAddress,
  type ServingTls,
} from "./http/listeners.js";
export type { InProcessControl } from "./backend/cluster-client.js";
export type { EngineLog } from "./http/engine-handler.js";
export type {
  LocalNode,
  LocalRole,
  SwarmAddresses,
  SwarmInitRequest,
  SwarmJoinRequest,
  SwarmMembership,
} from "./routes/route.js";
