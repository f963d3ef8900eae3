// The face of worker/executor: the contract every runtime implements and its errors.
export * from "./errors.js";
export * from "./executor.js";
export * from "./templates.js";
export * from "./task-files-layout.js";
