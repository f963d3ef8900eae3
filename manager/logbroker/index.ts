// The face of the log broker: `Logs` for operators and `LogBroker` for workers, served by the leader.
export {
  LogBroker,
  type LogBrokerOptions,
  publishBatchMessagesMax,
  publishStartMsMax,
  subscriptionsMax,
} from "./log-broker.js";
export { SubscriptionNotFoundError, TooManySubscriptionsError } from "./errors.js";
export { type LeaderRouting, notLeaderDetails } from "./leader-routing.js";
export { type Selector, type SubscriptionRequest, selectorIdsMax, validateSubscribeRequest } from "./selector.js";
