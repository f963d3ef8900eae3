// Test support for this folder's engine tests: tasks with unique ids and names, so test files
// running in parallel processes never collide, and cleanup of everything one file created.
import { randomBytes } from "node:crypto";
import type { TestFn } from "ava";
import Docker from "dockerode";
import type { swarm } from "../../../proto/index.js";
import type { TaskContext, TaskRuntime } from "../executor.js";
import { defaultSocketPath } from "./engine.js";
import { ensureEngine, testImage } from "./test-engine.js";

/** Label marking the containers of one test file's run, for cleanup. */
export const testRunLabel = "io.swarm-ts.test.run";

/** A direct engine client for assertions on what the executor created. */
export const testDocker = new Docker({ socketPath: defaultSocketPath });

/** A run of one test file: makes its task contexts and removes their containers. */
export class TestRun {
  /** This run's id, the value of {@link testRunLabel} on its containers. */
  readonly id = randomBytes(6).toString("hex");
  private count = 0;

  /** A task running `container` (image defaults to the test image) with a fresh id and slot 1. */
  context(container: swarm.v1.IContainerSpec, extra: Partial<swarm.v1.ITask> = {}, publishAddr?: string): TaskContext {
    this.count += 1;
    const id = `${this.id}${String(this.count).padStart(4, "0")}`;
    const spec = extra.spec ?? {};
    return {
      task: {
        id,
        serviceId: `svc${this.id}`,
        slot: 1,
        nodeId: "node1",
        serviceAnnotations: { name: `test-${this.id}` },
        ...extra,
        spec: {
          ...spec,
          container: { image: testImage, ...container, labels: { ...container.labels, [testRunLabel]: this.id } },
        },
      },
      node: { id: "node1", hostname: "test-host" },
      ...(publishAddr === undefined ? {} : { publishAddr }),
    };
  }

  /** Force-removes every container of this run. */
  async cleanup(): Promise<void> {
    const containers = await testDocker.listContainers({
      all: true,
      filters: { label: [`${testRunLabel}=${this.id}`] },
    });
    await Promise.all(
      containers.map((c) =>
        testDocker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
  }
}

/** A test file's run on the real engine: the engine is ensured before its tests, its containers removed after. */
export function engineTestRun(test: TestFn): TestRun {
  const run = new TestRun();
  test.before(async () => {
    await ensureEngine();
  });
  test.after.always(async () => {
    await run.cleanup();
  });
  return run;
}

/** Prepares and starts a task's container, the first two steps of most engine tests. */
export async function prepareAndStart(runtime: TaskRuntime, signal: AbortSignal): Promise<void> {
  await runtime.prepare(signal);
  await runtime.start();
}
