// The face of worker/executor/process: the embedded process executor.
export { ProcessExecutor, logStampPollMs, dockerArchitectures } from "./process-executor.js";
export type { ProcessExecutorOptions } from "./process-executor.js";
export { configsDirEnv, secretsDirEnv } from "./program.js";
export {
  parseProcessAllow,
  ProgramAllowList,
  processAllowPatternLengthMax,
  processAllowPatternsMax,
} from "./program-allow.js";
