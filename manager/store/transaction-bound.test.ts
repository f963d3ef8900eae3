// Goal: one store transaction never becomes a raft entry too large to replicate. A transaction
// above transactionBytesMax is refused with TransactionTooLargeError before anything is proposed;
// WriteTx.bytes measures a transaction as it grows, close to what is proposed; updateEach splits
// writes of many large objects into transactions that each fit.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { entryBytesMax } from "../../raft/index.js";
import { TransactionTooLargeError } from "./errors.js";
import { MemoryStore, transactionBytesMax, transactionBytesSoftMax } from "./store.js";
import { updateEach } from "./update-each.js";

/** A store whose proposals are applied at once and recorded by size. */
function recordingStore(): { store: MemoryStore; entries: number[] } {
  const store = new MemoryStore();
  const entries: number[] = [];
  store.setProposer({
    propose: (data) => {
      entries.push(data.length);
      return Promise.resolve(store.apply(data, entries.length));
    },
  });
  return { store, entries };
}

/** A task carrying `bytes` of environment in its spec, as a service with a large spec makes them. */
const bigTask = (id: string, bytes: number): swarm.v1.Task.$Properties => ({
  id,
  serviceId: "s1",
  spec: { container: { image: "redis:7", env: [`FILL=${"x".repeat(bytes)}`] } },
});

test("store refuses a transaction above transactionBytesMax before proposing it", async (t) => {
  const { store, entries } = recordingStore();
  const error = await t.throwsAsync(
    store.update((tx) => {
      for (let i = 0; i < 8; i++) tx.create("task", bigTask(`t${i}`, 256 * 1024));
    }),
    { instanceOf: TransactionTooLargeError },
  );
  t.is(error?.code, "TRANSACTION_TOO_LARGE");
  t.deepEqual(entries, [], "nothing was proposed");
  t.is(
    store.view((tx) => tx.count("task")),
    0,
  );
  // Just under the bound is fine.
  await store.update((tx) => {
    for (let i = 0; i < 5; i++) tx.create("task", bigTask(`t${i}`, 256 * 1024));
  });
  t.is(
    store.view((tx) => tx.count("task")),
    5,
  );
  t.true(entries[0]! <= transactionBytesMax + 64 && entries[0]! <= entryBytesMax);
});

test("WriteTx.bytes follows a transaction's encoded size as it grows", async (t) => {
  const { store, entries } = recordingStore();
  let measured = 0;
  await store.update((tx) => {
    t.is(tx.bytes(), 0);
    tx.create("task", bigTask("a", 10_000));
    const one = tx.bytes();
    t.true(one > 10_000 && one < 11_000, `${one}`);
    tx.update("task", { ...tx.get("task", "a")!, desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN });
    t.true(Math.abs(tx.bytes() - one) < 64, "a rewrite of one object replaces its size");
    tx.create("task", bigTask("b", 20_000));
    measured = tx.bytes();
  });
  t.true(Math.abs(measured - entries[0]!) < 128, `measured ${measured}, proposed ${entries[0]!}`);
});

test("updateEach writes many large objects in transactions that each fit in one raft entry", async (t) => {
  const { store, entries } = recordingStore();
  const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
  // 40 tasks of 200 KB: 8 MB, far over one entry.
  await updateEach(store, ids, (tx, id) => tx.create("task", bigTask(id, 200 * 1024)));
  t.is(
    store.view((tx) => tx.count("task")),
    40,
  );
  t.true(entries.length >= 6, `${entries.length} entries`);
  for (const size of entries) t.true(size <= transactionBytesSoftMax + 256 * 1024, `an entry of ${size} bytes`);
  // itemsMax bounds the count too.
  const before = entries.length;
  await updateEach(store, ids, (tx, id) => tx.remove("task", id), 7);
  t.true(entries.length - before >= 6);
  t.is(
    store.view((tx) => tx.count("task")),
    0,
  );
});
