// The face of proto/: the generated message classes (namespace `swarm.v1`) and the typed gRPC
// definitions, clients and server interfaces of every service of the cluster API.
export { swarm } from "./gen/swarm.js";
export * from "./gen/services.js";
export {
  callUnary,
  type ControlMethod,
  type ControlRequest,
  type ControlResponse,
  type RequestOf,
  type ResponseOf,
  type UnaryCallOptions,
  type UnaryMethodOf,
} from "./unary-call.js";
