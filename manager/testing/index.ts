// The face of manager/testing: doubles for manager integration tests.
export { FakeWorker } from "./fake-worker.js";
export { threeManagerStore, type ThreeManagerOptions } from "./three-managers.js";
