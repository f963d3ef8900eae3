// The face of manager/testing: doubles and fixtures for the manager's tests.
export { FakeWorker } from "./fake-worker.js";
export { threeManagerStore, type ThreeManagerOptions } from "./three-managers.js";
export { servedDispatcher } from "./served-dispatcher.js";
