// The face of the orchestrators.
export { reconcileReplicated, type ReplicatedPlan, type SlotTask } from "./reconcile-replicated.js";
export { reconcileGlobal, type GlobalPlan } from "./reconcile-global.js";
export { shouldRestart, isTerminal, isFailure, restartDelayNsDefault } from "./restart-policy.js";
export { ServiceOrchestrator, newTask, type OrchestratorClock, systemOrchestratorClock } from "./service-orchestrator.js";
export { TaskReaper, tasksToReap, taskHistoryLimitDefault } from "./task-reaper.js";
