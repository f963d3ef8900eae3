// Stopping through DockerRuntime: shutdown honours the stop grace, terminate kills at once.
// Busybox `sleep` as PID 1 has no SIGTERM handler and the kernel ignores unhandled signals for
// PID 1, so a prompt stop needs `init: true` (docker-init forwards the signal to sleep).
import test from "ava";
import { waitFor } from "../../../common/index.js";
import { DockerExecutor } from "./docker-executor.js";
import { engineTestRun, prepareAndStart } from "./test-tasks.js";

const run = engineTestRun(test);
const executor = new DockerExecutor();

test("DockerRuntime shutdown kills a container ignoring SIGTERM after the grace period", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sh", "-c", 'trap "" TERM; sleep 100'] }));
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.healthy(signal);
  const started = performance.now();
  await runtime.shutdown(2_000);
  const elapsed = performance.now() - started;
  t.true(elapsed >= 1_800, `took ${elapsed} ms`);
  t.true(elapsed < 8_000, `took ${elapsed} ms`);
  const status = await runtime.inspect();
  t.false(status.running);
  t.is(status.exitCode, 137);
  await runtime.shutdown(2_000);
});

test("DockerRuntime shutdown stops a container that obeys SIGTERM promptly", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(run.context({ command: ["sleep", "100"], init: true }));
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.healthy(signal);
  const started = performance.now();
  await runtime.shutdown(10_000);
  const elapsed = performance.now() - started;
  // Well before the 10 s grace: the signal was obeyed (a loaded machine makes even a prompt stop slow).
  t.true(elapsed < 8_000, `took ${elapsed} ms`);
  const status = await runtime.inspect();
  t.false(status.running);
  t.is(status.exitCode, 143);
});

test("DockerRuntime shutdown sends the spec's stop signal", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(
    run.context({
      command: ["sh", "-c", 'trap "exit 7" INT; trap "" TERM; echo trapped; sleep 100 & wait'],
      stopSignal: "SIGINT",
    }),
  );
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.healthy(signal);
  // The signal comes once the shell says its traps are installed.
  await waitFor(
    "the shell to print trapped",
    async () => {
      const lines: string[] = [];
      for await (const l of runtime.logs({ follow: false }, signal)) lines.push(l.line);
      return lines.includes("trapped") ? true : undefined;
    },
    { timeoutMs: 10_000, pollMs: 50 },
  );
  await runtime.shutdown(10_000);
  t.is((await runtime.inspect()).exitCode, 7);
});

test("DockerRuntime terminate kills at once and wait reports the SIGKILL", async (t) => {
  t.timeout(20_000);
  const runtime = executor.runtime(
    run.context({ command: ["sh", "-c", 'trap "" TERM; sleep 100'], stopGracePeriodNs: 30_000_000_000 }),
  );
  const signal = AbortSignal.timeout(15_000);
  await prepareAndStart(runtime, signal);
  await runtime.healthy(signal);
  const waiting = runtime.wait(signal);
  const started = performance.now();
  await runtime.terminate();
  t.deepEqual(await waiting, { exitCode: 137 });
  // At once, not after the 30 s grace (a loaded engine makes even a kill take seconds).
  t.true(performance.now() - started < 15_000);
});
