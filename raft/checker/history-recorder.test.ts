import test from "ava";
import { AssertionFailedError } from "../../common/index.js";
import { HistoryRecorder } from "./history-recorder.js";

test("HistoryRecorder records calls, answers and operations that never returned", (t) => {
  let now = 0;
  const recorder = new HistoryRecorder(() => now);
  const a = recorder.invoke(1, { kind: "put", key: "k", value: "v" });
  now = 5;
  const b = recorder.invoke(2, { kind: "get", key: "k" });
  const c = recorder.invoke(3, { kind: "cas", key: "k", expected: null, value: "w" }, 6);
  now = 9;
  recorder.complete(b, { ok: true, value: "v" });
  recorder.complete(a, { ok: true }, 7);
  t.is(recorder.size, 3);
  t.deepEqual(recorder.history(), [
    { clientId: 1, kind: "put", key: "k", value: "v", call: 0, ret: 7, output: { ok: true } },
    { clientId: 2, kind: "get", key: "k", call: 5, ret: 9, output: { ok: true, value: "v" } },
    { clientId: 3, kind: "cas", key: "k", expected: null, value: "w", call: 6, ret: null },
  ]);
  t.is(c, 2);
});

test("HistoryRecorder refuses to complete an operation twice, unknown, or before its call", (t) => {
  const recorder = new HistoryRecorder(() => 10);
  const id = recorder.invoke(1, { kind: "get", key: "k" });
  t.throws(() => recorder.complete(id, { ok: true, value: null }, 9), { instanceOf: AssertionFailedError });
  recorder.complete(id, { ok: true, value: null });
  t.throws(() => recorder.complete(id, { ok: true, value: null }), { instanceOf: AssertionFailedError });
  t.throws(() => recorder.complete(7, { ok: true, value: null }), { instanceOf: AssertionFailedError });
});
