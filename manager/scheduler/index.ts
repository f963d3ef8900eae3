// The scheduler component: store → view → plan → committed assignments.
export { TaskScheduler, assignmentsPerTransactionMax } from "./task-scheduler.js";
export { buildSchedulingView, toNodeView } from "./scheduling-view.js";
