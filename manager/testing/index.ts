// The face of manager/testing: doubles for manager integration tests.
export { FakeWorker } from "./fake-worker.js";
