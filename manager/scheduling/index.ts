// The scheduler component: store → view → plan → committed assignments.
export { TaskScheduler, assignmentsPerTransactionMax } from "./task-scheduler.js";
export { buildSchedulingView } from "./scheduling-view.js";
