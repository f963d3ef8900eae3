// Healthchecks through DockerRuntime: healthy() waits for a passing check, and a failing one
// makes healthy() and wait() throw UnhealthyError.
import test from "ava";
import { UnhealthyError } from "../errors.js";
import { DockerExecutor } from "./docker-executor.js";
import { engineTestRun, prepareAndStart } from "./test-tasks.js";

const run = engineTestRun(test);
const executor = new DockerExecutor();

/** A fast healthcheck running `command`: every 200 ms, unhealthy after one failure. */
function check(command: string[]): { test: string[]; intervalNs: number; timeoutNs: number; retries: number } {
  return { test: ["CMD", ...command], intervalNs: 200_000_000, timeoutNs: 2_000_000_000, retries: 1 };
}

test("DockerRuntime healthy resolves once a passing healthcheck reports healthy", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sleep", "30"], init: true, healthcheck: check(["true"]) }));
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  t.not((await runtime.inspect()).health, "none");
  await runtime.healthy(signal);
  t.is((await runtime.inspect()).health, "healthy");
  await runtime.terminate();
});

test("DockerRuntime healthy throws UnhealthyError when the healthcheck fails", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(
    run.context({ command: ["sleep", "30"], init: true, healthcheck: check(["false"]) }),
  );
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await t.throwsAsync(runtime.healthy(signal), { instanceOf: UnhealthyError });
  t.is((await runtime.inspect()).health, "unhealthy");
  await runtime.terminate();
});

test("DockerRuntime wait throws UnhealthyError when a running task turns unhealthy", async (t) => {
  t.timeout(20_000);
  // Healthy while /ok exists; the command removes it after a second. The test image has no /tmp
  // and no rm link, so the file is at the root and busybox is called by name.
  const context = run.context({
    command: ["sh", "-c", "echo > /ok; sleep 1; busybox rm /ok; exec sleep 30"],
    init: true,
    healthcheck: check(["cat", "/ok"]),
  });
  const runtime = executor.runtime(context);
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.healthy(signal);
  await t.throwsAsync(runtime.wait(signal), { instanceOf: UnhealthyError });
  t.true((await runtime.inspect()).running, "the engine does not stop an unhealthy container; the controller does");
  await runtime.terminate();
});

test("DockerRuntime wait stops waiting when its signal aborts", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sleep", "30"], init: true, healthcheck: check(["true"]) }));
  await runtime.prepare(AbortSignal.timeout(15_000));
  await runtime.start();
  const controller = new AbortController();
  const waiting = runtime.wait(controller.signal);
  // A real timer on purpose: the abort must come while the wait is under way on the real dockerd,
  // which says nothing when it is; the container sleeps 30 s, so the wait cannot end before it.
  setTimeout(() => controller.abort(new Error("stop waiting")), 300);
  await t.throwsAsync(waiting, { message: "stop waiting" });
  t.true((await runtime.inspect()).running);
  await runtime.terminate();
});
