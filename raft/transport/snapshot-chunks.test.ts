// Goal: a snapshot split into chunks reassembles exactly, and every way a stream can be wrong
// (corrupt data, lost or repeated chunk, wrong recipient, no metadata, too big, data after the
// end) is refused with SnapshotRefusedError.
import test from "ava";
import type { swarm } from "../../proto/index.js";
import { makeMessage, type Message } from "../core/index.js";
import { SnapshotRefusedError } from "./errors.js";
import { SnapshotAssembler, snapshotChunks } from "./snapshot-chunks.js";

function snapshotMessage(data: Uint8Array): Message {
  return makeMessage({
    type: "snapshot",
    from: 1,
    to: 2,
    term: 4,
    snapshot: { meta: { index: 99, term: 3, conf: { voters: [1, 2, 3], learners: [] } }, data },
  });
}

const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

function assemble(chunks: Iterable<swarm.v1.SnapshotChunk.$Properties>, self = 2): SnapshotAssembler {
  const assembler = new SnapshotAssembler(self, 1 << 20);
  for (const chunk of chunks) assembler.add(chunk);
  return assembler;
}

test("snapshot chunks reassemble into the same message", (t) => {
  const m = snapshotMessage(pattern(10_000));
  const chunks = [...snapshotChunks(m, 3_000)];
  t.deepEqual(
    chunks.map((c) => [c.offset, c.data?.length, c.last, c.metadata !== undefined]),
    [
      [0, 3_000, false, true],
      [3_000, 3_000, false, false],
      [6_000, 3_000, false, false],
      [9_000, 1_000, true, false],
    ],
  );
  const assembler = assemble(chunks);
  t.true(assembler.complete);
  t.deepEqual(assembler.message(), m);
});

test("snapshot chunks of an empty snapshot are one first-and-last chunk", (t) => {
  const m = snapshotMessage(new Uint8Array(0));
  const chunks = [...snapshotChunks(m, 3_000)];
  t.is(chunks.length, 1);
  t.true(chunks[0]!.last);
  t.deepEqual(assemble(chunks).message(), m);
});

test("snapshot assembler refuses corrupted data by its CRC-32C", (t) => {
  const chunks = [...snapshotChunks(snapshotMessage(pattern(5_000)), 2_000)];
  const bad = new Uint8Array(chunks[1]!.data!);
  bad[17]! ^= 1;
  chunks[1] = { ...chunks[1]!, data: bad };
  t.throws(() => assemble(chunks), { instanceOf: SnapshotRefusedError, message: /CRC-32C/ });
});

test("snapshot assembler refuses a lost or repeated chunk by its offset", (t) => {
  const chunks = [...snapshotChunks(snapshotMessage(pattern(5_000)), 2_000)];
  t.throws(() => assemble([chunks[0]!, chunks[2]!]), { instanceOf: SnapshotRefusedError, message: /offset/ });
  t.throws(() => assemble([chunks[0]!, chunks[0]!]), { instanceOf: SnapshotRefusedError, message: /offset/ });
});

test("snapshot assembler refuses a stream for another member", (t) => {
  const chunks = [...snapshotChunks(snapshotMessage(pattern(100)), 2_000)];
  t.throws(() => assemble(chunks, 3), { instanceOf: SnapshotRefusedError });
});

test("snapshot assembler refuses a first chunk without metadata", (t) => {
  const [first] = snapshotChunks(snapshotMessage(pattern(100)), 2_000);
  const { metadata: _metadata, ...bare } = first!;
  t.throws(() => assemble([bare]), { instanceOf: SnapshotRefusedError, message: /metadata/ });
});

test("snapshot assembler refuses a sender that changes mid-stream", (t) => {
  const chunks = [...snapshotChunks(snapshotMessage(pattern(5_000)), 2_000)];
  chunks[1] = { ...chunks[1]!, term: 5 };
  t.throws(() => assemble(chunks), { instanceOf: SnapshotRefusedError });
});

test("snapshot assembler refuses a snapshot above its byte bound", (t) => {
  const assembler = new SnapshotAssembler(2, 4_000);
  const chunks = [...snapshotChunks(snapshotMessage(pattern(5_000)), 2_000)];
  assembler.add(chunks[0]!);
  assembler.add(chunks[1]!);
  t.throws(() => assembler.add(chunks[2]!), { instanceOf: SnapshotRefusedError, message: /larger/ });
});

test("snapshot assembler refuses data after the last chunk", (t) => {
  const chunks = [...snapshotChunks(snapshotMessage(pattern(100)), 2_000)];
  const assembler = assemble(chunks);
  t.throws(() => assembler.add({ ...chunks[0]!, offset: 100 }), { instanceOf: SnapshotRefusedError });
});
