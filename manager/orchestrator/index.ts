// The face of the orchestrators.
export { reconcileReplicated, type ReplicatedPlan, type SlotTask } from "./reconcile-replicated.js";
export { reconcileGlobal, type GlobalPlan } from "./reconcile-global.js";
export { shouldRestart, isTerminal, isFailure, restartDelayNsDefault } from "./restart-policy.js";
export { ServiceOrchestrator, newTask } from "./service-orchestrator.js";
export { TaskReaper, tasksToReap, taskHistoryLimitDefault } from "./task-reaper.js";
export { isTaskDirty, serviceSpecKey } from "./task-dirty.js";
export { dirtySlots, slotKey, Updater, updateDefaults } from "./updater.js";
export { UpdateSupervisor } from "./update-supervisor.js";
