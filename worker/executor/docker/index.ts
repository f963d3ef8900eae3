// The face of worker/executor/docker: the Docker Engine executor, its container mapping, the
// engine probe swarmd uses to pick an executor, and test support for tests that need an engine.
export { DockerExecutor } from "./docker-executor.js";
export type { DockerExecutorOptions } from "./docker-executor.js";
export { DockerRuntime } from "./docker-runtime.js";
export { containerConfig, defaultPublishAddr } from "./container-config.js";
export { pingEngine, engineSocketPath, defaultSocketPath } from "./engine.js";
export { testImage, ensureEngine, ensureTestImage } from "./test-engine.js";
