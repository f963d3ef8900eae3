// The face of the dispatcher.
export { Dispatcher, type DispatcherOptions, SessionInvalidError, heartbeatPeriodMsDefault, missedHeartbeatsMax, nodesPerHeartbeatSecond, statusUpdatesMax } from "./dispatcher.js";
