// The face of the scheduler: a pure function from a cluster view and pending tasks to a plan.
export { planTasks, recentFailuresAvoidMinDefault, type PinnedTask, type PlanOptions } from "./plan-tasks.js";
export {
  parseConstraint,
  parseSpreadDescriptor,
  matchConstraint,
  readAttribute,
  constraintLengthCharsMax,
  type Constraint,
  type NodeAttribute,
} from "./constraint.js";
export {
  explainRejections,
  platformMatches,
  runtimeMatches,
  filterKinds,
  type ExplainedTask,
  type FilterKind,
  type RejectionCounts,
} from "./filters.js";
export {
  generateSchedulingWorkload,
  mulberry32,
  workloadZones,
  type WorkloadOptions,
  type SchedulingWorkload,
} from "./workload.js";
export type {
  Assignment,
  AssignedTaskView,
  GenericResourceView,
  HostPort,
  NodeAvailability,
  NodeRole,
  NodeState,
  NodeView,
  PendingTask,
  PlacementView,
  Plan,
  PlatformView,
  PortProtocol,
  ResourceAmounts,
  SchedulingView,
  Unplaced,
} from "./types.js";
