// The face of the dispatcher.
export {
  Dispatcher,
  type DispatcherOptions,
  SessionInvalidError,
  heartbeatPeriodMsDefault,
  missedHeartbeatsMax,
  nodeIdOf,
  nodesPerHeartbeatSecond,
  statusUpdatesMax,
} from "./dispatcher.js";
