import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { formatOperation, validateHistory, type Operation } from "./history.js";

const fieldOf = (
  t: {
    throws: (fn: () => unknown, e: { instanceOf: typeof InvalidArgumentError }) => InvalidArgumentError | undefined;
  },
  history: unknown[],
): string | undefined =>
  t.throws(() => validateHistory(history as Operation[]), { instanceOf: InvalidArgumentError })?.field;

test("validateHistory accepts well-formed operations", (t) => {
  t.notThrows(() =>
    validateHistory([
      { clientId: 0, kind: "get", key: "k", call: 0, ret: 1, output: { ok: true, value: null } },
      { clientId: 0, kind: "put", key: "k", value: "v", call: 0, ret: null },
      { clientId: 0, kind: "cas", key: "k", value: "v", call: 0, ret: 0, output: { ok: false, value: "x" } },
      { clientId: 0, kind: "cas", key: "k", expected: "x", value: "v", call: 0, ret: 1, output: { ok: true } },
    ]),
  );
});

test("validateHistory names the malformed field", (t) => {
  const ok = { clientId: 0, kind: "get", key: "k", call: 0, ret: 1, output: { ok: true, value: "v" } };
  t.is(fieldOf(t, [ok, { ...ok, kind: "delete" }]), "history[1].kind");
  t.is(fieldOf(t, [{ ...ok, key: 3 }]), "history[0].key");
  t.is(fieldOf(t, [{ ...ok, call: Number.NaN }]), "history[0].call");
  t.is(fieldOf(t, [{ ...ok, ret: -1 }]), "history[0].ret");
  t.is(fieldOf(t, [{ ...ok, output: undefined }]), "history[0].output");
  t.is(fieldOf(t, [{ ...ok, ret: null }]), "history[0].output");
  t.is(fieldOf(t, [{ ...ok, output: { ok: true } }]), "history[0].output.value");
  t.is(fieldOf(t, [{ ...ok, output: { ok: false, value: "v" } }]), "history[0].output.ok");
  t.is(fieldOf(t, [{ ...ok, kind: "put", value: "v", output: { ok: false } }]), "history[0].output.ok");
  t.is(fieldOf(t, [{ ...ok, kind: "cas", output: { ok: true } }]), "history[0].value");
  t.is(fieldOf(t, [{ ...ok, kind: "cas", value: "w", expected: 4, output: { ok: true } }]), "history[0].expected");
  t.is(fieldOf(t, [{ ...ok, kind: "cas", value: "w", output: { ok: true, value: "x" } }]), "history[0].output.value");
});

test("formatOperation describes an operation on one line", (t) => {
  t.is(
    formatOperation({ clientId: 2, kind: "get", key: "k", call: 1, ret: 3, output: { ok: true, value: null } }, 4),
    '#4 client 2 get("k") → null [call 1, ret 3]',
  );
  t.is(
    formatOperation({ clientId: 1, kind: "put", key: "k", value: "v", call: 1, ret: null }),
    'client 1 put("k", "v") → ? [call 1, never returned]',
  );
  t.is(
    formatOperation({
      clientId: 1,
      kind: "cas",
      key: "k",
      expected: "a",
      value: "b",
      call: 1,
      ret: 2,
      output: { ok: false, value: "c" },
    }),
    'client 1 cas("k", "a" → "b") → failed (value "c") [call 1, ret 2]',
  );
});
