import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { encodeKvCommand, KvState, parseKvCommand } from "./kv-state.js";

test("KvState applies put and cas, and a retried command applies once", (t) => {
  const kv = new KvState();
  t.deepEqual(kv.apply(encodeKvCommand({ op: "put", key: "k", value: "1", client: "a", seq: 1 })), { ok: true });
  t.deepEqual(kv.apply(encodeKvCommand({ op: "cas", key: "k", expected: "1", value: "2", client: "b", seq: 1 })), {
    ok: true,
  });
  t.deepEqual(kv.apply(encodeKvCommand({ op: "cas", key: "k", expected: "1", value: "3", client: "b", seq: 2 })), {
    ok: false,
    value: "2",
  });
  // Client a retries its first put after the others: it must not overwrite "2".
  t.deepEqual(kv.apply(encodeKvCommand({ op: "put", key: "k", value: "1", client: "a", seq: 1 })), { ok: true });
  t.is(kv.get("k"), "2");
});

test("KvState snapshot and restore keep data and deduplication", (t) => {
  const kv = new KvState();
  kv.apply(encodeKvCommand({ op: "put", key: "k", value: "v", client: "a", seq: 7 }));
  const copy = new KvState();
  copy.restore(kv.snapshot());
  t.is(copy.get("k"), "v");
  copy.apply(encodeKvCommand({ op: "put", key: "k", value: "old", client: "a", seq: 7 }));
  t.is(copy.get("k"), "v");
});

test("parseKvCommand names the bad field", (t) => {
  const error = t.throws(() => parseKvCommand({ op: "put", key: "k", value: 3, client: "a", seq: 1 }), {
    instanceOf: InvalidArgumentError,
  });
  t.is(error.field, "value");
  t.is(
    t.throws(() => parseKvCommand({ op: "put", key: "k", value: "v", client: "a", seq: 0 }), {
      instanceOf: InvalidArgumentError,
    }).field,
    "seq",
  );
});
