// Goal: the reused writer only saves allocations: every encode returns bytes of its own, equal to
// what a fresh protobufjs writer makes, nested and oversized encodes included.
import protobuf from "protobufjs/minimal.js";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { ScratchWriter, scratchWriterBytesInitial, scratchWriterBytesKept } from "./scratch-writer.js";

const task = (id: string, labelBytes = 10): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "svc",
  slot: 3,
  annotations: { name: `web.${id}`, labels: { note: "x".repeat(labelBytes) } },
  status: { state: swarm.v1.TaskState.TASK_STATE_RUNNING, message: "started" },
});

test("ScratchWriter encodes as a fresh writer does and returns bytes later encodes leave alone", (t) => {
  const scratch = new ScratchWriter();
  const first = scratch.encode((w) => swarm.v1.Task.encode(task("a"), w));
  const copy = Buffer.from(first);
  const second = scratch.encode((w) => swarm.v1.Task.encode(task("bb", 500), w));
  t.deepEqual(first, copy);
  t.deepEqual(first, swarm.v1.Task.encode(task("a")).finish());
  t.deepEqual(second, swarm.v1.Task.encode(task("bb", 500)).finish());
});

test("ScratchWriter gives a nested encode a writer of its own", (t) => {
  const scratch = new ScratchWriter();
  let inner: Uint8Array = new Uint8Array(0);
  const outer = scratch.encode((w) => {
    w.uint32((1 << 3) | 2).string("outer");
    inner = scratch.encode((own) => own.uint32((1 << 3) | 2).string("inner"));
    w.uint32((2 << 3) | 2).bytes(inner);
  });
  const expected = protobuf.Writer.create();
  expected.uint32((1 << 3) | 2).string("outer");
  expected.uint32((2 << 3) | 2).bytes(
    protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .string("inner")
      .finish(),
  );
  t.deepEqual(outer, expected.finish());
});

test("ScratchWriter encodes past its buffer, and past the size it keeps, correctly", (t) => {
  const scratch = new ScratchWriter();
  for (const bytes of [scratchWriterBytesInitial * 2, scratchWriterBytesKept + 1024, 100]) {
    const big = task("big", bytes);
    t.deepEqual(
      scratch.encode((w) => swarm.v1.Task.encode(big, w)),
      swarm.v1.Task.encode(big).finish(),
    );
  }
});
