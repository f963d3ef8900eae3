// The face of the orchestrators.
export { reconcileReplicated, type ReplicatedPlan, type SlotTask } from "./reconcile-replicated.js";
export { shouldRestart, isTerminal, isFailure, restartDelayNsDefault } from "./restart-policy.js";
export { ReplicatedOrchestrator, newTask, type OrchestratorClock, systemOrchestratorClock } from "./replicated-orchestrator.js";
