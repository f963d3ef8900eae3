// The face of manager/: the replicated store, the Control API, and the leader-only components.
export * from "./store/index.js";
export * from "./controlapi/index.js";
export * from "./orchestrator/index.js";
export * from "./allocator/index.js";
export * from "./planner/index.js";
export * from "./scheduler/index.js";
export { leaderOnly, leadershipBarrierRetryMs, Manager, type ManagerOptions } from "./manager.js";
export { countingDispatcher, countingProposer, type ManagerMetrics, type SchedulerMetrics } from "./manager-metrics.js";
export * from "./dispatcher/index.js";
export { CoalescedPass, type LeaderComponent, type PassDebounce, runWatching } from "./component.js";
export * from "./membership/index.js";
export { type RootCaPems } from "./cluster/index.js";
export * from "./ca/index.js";
export * from "./logbroker/index.js";
export * from "./watch/index.js";
export * from "./backup/index.js";
