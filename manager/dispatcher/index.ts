// The face of the dispatcher.
export {
  Dispatcher,
  type DispatcherOptions,
  SessionInvalidError,
  heartbeatPeriodMsDefault,
  leaderChangeGraceMs,
  missedHeartbeatsMax,
  nodeIdOf,
  nodesPerHeartbeatSecond,
  statusUpdatesMax,
} from "./dispatcher.js";
