// Goal: what a node reports stays small in the store: a status's texts are cut (the state still
// counts), a description over its bounds is refused naming the field.
import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { boundedStatus, checkDescription, statusTextBytesMax } from "./report-bounds.js";

test("boundedStatus cuts a huge message and error on a character boundary and keeps the state", (t) => {
  const status = boundedStatus({
    state: swarm.v1.TaskState.TASK_STATE_FAILED,
    message: "é".repeat(1_000_000),
    err: "x".repeat(3 * 1024 * 1024),
  });
  t.is(status.state, swarm.v1.TaskState.TASK_STATE_FAILED);
  t.true(Buffer.byteLength(status.message ?? "") <= statusTextBytesMax);
  t.true(Buffer.byteLength(status.err ?? "") <= statusTextBytesMax);
  t.false((status.message ?? "").includes("\uFFFD"));
  const small = { state: swarm.v1.TaskState.TASK_STATE_RUNNING, message: "started" };
  t.deepEqual(boundedStatus(small), small);
});

test("checkDescription refuses an oversized hostname, label or plugin list, naming the field", (t) => {
  const cases: [swarm.v1.NodeDescription.$Properties, string][] = [
    [{ hostname: "h".repeat(300) }, "description.hostname"],
    [{ engine: { labels: { big: "v".repeat(5000) } } }, 'description.engine.labels["big"]'],
    [
      { engine: { plugins: Array.from({ length: 300 }, () => ({ type: "Volume", name: "local" })) } },
      "description.engine.plugins",
    ],
  ];
  for (const [description, field] of cases) {
    const error = t.throws(() => checkDescription(description), { instanceOf: InvalidArgumentError });
    t.is(error?.field, field);
  }
  t.notThrows(() =>
    checkDescription({ hostname: "node-1", engine: { engineVersion: "26.1.5", labels: { zone: "a" } } }),
  );
});
