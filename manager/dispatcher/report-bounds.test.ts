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

test("checkDescription refuses an oversized hostname, label, plugin list or network field, naming the field", (t) => {
  const cases: [swarm.v1.NodeDescription.$Properties, string][] = [
    [{ hostname: "h".repeat(300) }, "description.hostname"],
    [{ engine: { labels: { big: "v".repeat(5000) } } }, 'description.engine.labels["big"]'],
    [
      { engine: { plugins: Array.from({ length: 300 }, () => ({ type: "Volume", name: "local" })) } },
      "description.engine.plugins",
    ],
    [
      { localSubnets: Array.from({ length: 1025 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`) },
      "description.localSubnets",
    ],
    [{ localSubnets: ["1".repeat(100)] }, "description.localSubnets[0]"],
    [{ wireguardPublicKey: "k".repeat(300) }, "description.wireguardPublicKey"],
    [{ dataPathPort: 70_000 }, "description.dataPathPort"],
  ];
  for (const [description, field] of cases) {
    const error = t.throws(() => checkDescription(description), { instanceOf: InvalidArgumentError });
    t.is(error?.field, field);
  }
  t.notThrows(() =>
    checkDescription({
      hostname: "node-1",
      engine: { engineVersion: "26.1.5", labels: { zone: "a" } },
      dataPathPort: 4789,
      localSubnets: ["192.168.1.0/24"],
      wireguardPublicKey: "x".repeat(44),
    }),
  );
});
