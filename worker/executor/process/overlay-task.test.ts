// A process task on an overlay network needs the node's network agent (and root): without it the
// task is rejected with a reason saying so, and nothing is created; a task on no overlay network
// runs as before whatever the agent is.
import test from "ava";
import { TaskRejectedError } from "../errors.js";
import type { TaskNetworking } from "../../network/index.js";
import { ProcessExecutor } from "./process-executor.js";
import { cleanUp, never, shellTask, tempDir } from "./test-support.js";

test.after.always(cleanUp);

/** A network agent stand-in that refuses with `reason` and fails the test if asked for anything else. */
function refusingNetwork(reason: string | undefined, calls: string[]): TaskNetworking {
  const unexpected = (name: string) => (): Promise<never> => {
    calls.push(name);
    return Promise.reject(new Error(`${name} called`));
  };
  return {
    refusal: () => reason,
    enterNetns: unexpected("enterNetns"),
    dockerNetworks: unexpected("dockerNetworks"),
    connectContainer: unexpected("connectContainer"),
    containerStarted: unexpected("containerStarted"),
    releaseTask: () => {
      calls.push("releaseTask");
      return Promise.resolve();
    },
  };
}

function overlayTask(): ReturnType<typeof shellTask> {
  const context = shellTask("exit 0");
  return {
    ...context,
    task: { ...context.task, networks: [{ networkId: "net1", addresses: ["10.0.9.3/24"], aliases: [] }] },
  };
}

test("process runtime rejects a task on an overlay network when the node runs no network agent", async (t) => {
  const executor = new ProcessExecutor({ stateDir: tempDir() });
  const runtime = executor.runtime(overlayTask());
  const error = await t.throwsAsync(runtime.prepare(never), { instanceOf: TaskRejectedError });
  t.regex(error?.message ?? "", /network agent/);
  t.false((await runtime.inspect()).exists);
  executor.close();
});

test("process runtime rejects a task on an overlay network with the network agent's reason", async (t) => {
  const calls: string[] = [];
  const reason =
    "a process task on an overlay network runs in its own network namespace, which needs swarmd to run as root";
  const executor = new ProcessExecutor({ stateDir: tempDir(), network: refusingNetwork(reason, calls) });
  const runtime = executor.runtime(overlayTask());
  const error = await t.throwsAsync(runtime.prepare(never), { instanceOf: TaskRejectedError });
  t.is(error?.message, reason);
  t.deepEqual(calls, []);
  await runtime.remove();
  t.deepEqual(calls, ["releaseTask"]);
  executor.close();
});

test("process runtime runs a task on no overlay network as before beside a network agent", async (t) => {
  const calls: string[] = [];
  const executor = new ProcessExecutor({ stateDir: tempDir(), network: refusingNetwork("never asked", calls) });
  const runtime = executor.runtime(shellTask("exit 0"));
  await runtime.prepare(never);
  await runtime.start();
  t.is((await runtime.wait(never)).exitCode, 0);
  await runtime.remove();
  t.deepEqual(calls, []);
  executor.close();
});
