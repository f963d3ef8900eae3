// Healthchecks of real processes: healthy, unhealthy, start period, timeout, NONE, and an exit
// before the first success.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import type { swarm } from "../../../proto/index.js";
import { ExitedEarlyError, UnhealthyError } from "../errors.js";
import { cleanUp, never, newExecutor, shellTask, tempDir } from "./test-support.js";

test.after.always(cleanUp);

const ms = (n: number): number => n * 1e6;
const check = (test: string[], extra: swarm.v1.IHealthConfig = {}): swarm.v1.IHealthConfig => ({
  test,
  intervalNs: ms(50),
  timeoutNs: ms(2000),
  retries: 2,
  ...extra,
});

test("process runtime turns healthy after a passing check run with the task's env and dir", async (t) => {
  t.timeout(10_000);
  const dir = tempDir("swarm-cwd-");
  const runtime = newExecutor().runtime(
    shellTask("sleep 30", {
      env: ["MARK=yes"],
      dir,
      healthcheck: check(["CMD-SHELL", `test "$MARK" = yes && test "$(pwd)" = ${dir}`]),
    }),
  );
  await runtime.prepare(never);
  await runtime.start();
  t.is((await runtime.inspect()).health, "starting");
  await runtime.healthy(never);
  t.is((await runtime.inspect()).health, "healthy");
  await runtime.terminate();
});

test("process runtime turns unhealthy after retries failing checks", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(shellTask("sleep 30", { healthcheck: check(["CMD", "/bin/false"]) }));
  await runtime.prepare(never);
  await runtime.start();
  await t.throwsAsync(runtime.healthy(never), { instanceOf: UnhealthyError });
  await t.throwsAsync(runtime.wait(never), { instanceOf: UnhealthyError });
  t.is((await runtime.inspect()).health, "unhealthy");
  await runtime.terminate();
});

test("process runtime wait rejects when a healthy task turns unhealthy", async (t) => {
  t.timeout(10_000);
  const dir = tempDir("swarm-cwd-");
  writeFileSync(join(dir, "ok"), "");
  const runtime = newExecutor().runtime(
    shellTask("sleep 30", { dir, healthcheck: check(["CMD-SHELL", "test -f ok"]) }),
  );
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  rmSync(join(dir, "ok"));
  await t.throwsAsync(runtime.wait(never), { instanceOf: UnhealthyError });
  await runtime.terminate();
});

test("process runtime ignores failures during the start period", async (t) => {
  t.timeout(10_000);
  const dir = tempDir("swarm-cwd-");
  const config = check(["CMD-SHELL", "test -f ready"], { retries: 1, startPeriodNs: ms(3000) });
  const runtime = newExecutor().runtime(shellTask("sleep 0.5; touch ready; sleep 30", { dir, healthcheck: config }));
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  t.is((await runtime.inspect()).health, "healthy");
  await runtime.terminate();
});

test("process runtime counts a check that times out as failed", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(
    shellTask("sleep 30", { healthcheck: check(["CMD", "sleep", "5"], { timeoutNs: ms(100), retries: 1 }) }),
  );
  await runtime.prepare(never);
  await runtime.start();
  const began = Date.now();
  await t.throwsAsync(runtime.healthy(never), { instanceOf: UnhealthyError });
  // Before the 5 s the check would have taken: it was cut off at its timeout.
  t.true(Date.now() - began < 4_500);
  await runtime.terminate();
});

test("process runtime without a check or with NONE is healthy once started", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(shellTask("sleep 30", { healthcheck: { test: ["NONE"] } }));
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  t.is((await runtime.inspect()).health, "none");
  await runtime.terminate();
});

test("process runtime reports an exit before the first passing check", async (t) => {
  t.timeout(10_000);
  const runtime = newExecutor().runtime(
    shellTask("exit 4", { healthcheck: check(["CMD", "/bin/true"], { intervalNs: ms(2000) }) }),
  );
  await runtime.prepare(never);
  await runtime.start();
  const error = await t.throwsAsync(runtime.healthy(never), { instanceOf: ExitedEarlyError });
  t.is(error?.exitCode, 4);
});
