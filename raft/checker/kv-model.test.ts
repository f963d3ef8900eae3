import test from "ava";
import type { Operation } from "./history.js";
import { irrelevantKvOps, kvStep, KvPartitionModel } from "./kv-model.js";
import { mulberry32 } from "./register-simulation.js";

const op = (o: Omit<Operation, "clientId" | "key" | "call">): Operation => ({ clientId: 0, key: "k", call: 0, ...o });

test("kvStep follows the register's rules", (t) => {
  t.deepEqual(kvStep(null, op({ kind: "get", ret: 1, output: { ok: true, value: null } })), { ok: true, next: null });
  t.deepEqual(kvStep("a", op({ kind: "get", ret: 1, output: { ok: true, value: null } })), { ok: false });
  t.deepEqual(kvStep("a", op({ kind: "put", value: "b", ret: 1, output: { ok: true } })), { ok: true, next: "b" });
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "a", value: "b", ret: 1, output: { ok: true } })), {
    ok: true,
    next: "b",
  });
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "x", value: "b", ret: 1, output: { ok: true } })), { ok: false });
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "x", value: "b", ret: 1, output: { ok: false, value: "a" } })), {
    ok: true,
    next: "a",
  });
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "x", value: "b", ret: 1, output: { ok: false, value: "q" } })), {
    ok: false,
  });
  t.deepEqual(kvStep(null, op({ kind: "cas", value: "b", ret: 1, output: { ok: true } })), { ok: true, next: "b" });
  // Operations that never returned: any answer, only the effect counts.
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "a", value: "b", ret: null })), { ok: true, next: "b" });
  t.deepEqual(kvStep("a", op({ kind: "cas", expected: "x", value: "b", ret: null })), { ok: true, next: "a" });
  t.deepEqual(kvStep("a", op({ kind: "get", ret: null })), { ok: true, next: "a" });
});

test("KvPartitionModel agrees with kvStep on random operations and states", (t) => {
  const random = mulberry32(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const values = [null, "a", "b", "c"] as const;
  const written = ["a", "b", "c"] as const;
  const ops: Operation[] = [];
  for (let i = 0; i < 500; i++) {
    const ret = random() < 0.3 ? null : 1;
    const kind = pick(["get", "put", "cas"] as const);
    if (ret === null)
      ops.push(kind === "get" ? op({ kind, ret }) : op({ kind, value: pick(written), expected: pick(values), ret }));
    else if (kind === "get") ops.push(op({ kind, ret, output: { ok: true, value: pick(values) } }));
    else if (kind === "put") ops.push(op({ kind, value: pick(written), ret, output: { ok: true } }));
    else {
      const ok = random() < 0.5;
      ops.push(
        op({
          kind,
          value: pick(written),
          expected: pick(values),
          ret,
          output: ok || random() < 0.5 ? { ok } : { ok, value: pick(values) },
        }),
      );
    }
  }
  const model = new KvPartitionModel(ops);
  // State ids of every value: walk the model through puts.
  const idOf = new Map<string | null, number>([[null, model.initial]]);
  ops.forEach((o, i) => {
    if (o.kind === "put") idOf.set(o.value ?? null, model.step(model.initial, i));
  });
  for (const [value, id] of idOf) {
    t.is(model.stateValue(id), value);
    ops.forEach((o, i) => {
      const expected = kvStep(value, o);
      const next = model.step(id, i);
      t.is(
        next < 0 ? "impossible" : model.stateValue(next),
        expected.ok ? expected.next : "impossible",
        JSON.stringify({ value, o }),
      );
      if (model.readOnly(i)) t.true(next < 0 || next === id);
    });
  }
});

test("irrelevantKvOps drops pending gets and pending writes nobody observes", (t) => {
  const ops: Operation[] = [
    op({ kind: "get", ret: null }), // 0: pending get
    op({ kind: "put", value: "seen", ret: null }), // 1: observed by 3
    op({ kind: "put", value: "lost", ret: null }), // 2: never observed
    op({ kind: "get", ret: 1, output: { ok: true, value: "seen" } }),
    op({ kind: "cas", expected: "wanted", value: "x", ret: null }), // 4: its value x is unobserved
    op({ kind: "put", value: "wanted", ret: null }), // 5: a pending cas expects it
    op({ kind: "put", value: "reported", ret: null }), // 6: a failed cas reports it
    op({ kind: "cas", expected: "q", value: "y", ret: 1, output: { ok: false, value: "reported" } }),
  ];
  t.deepEqual([...irrelevantKvOps(ops)].sort(), [0, 2, 4]);
  // A failed cas without its value could notice any change: then only the pending get goes.
  ops.push(op({ kind: "cas", expected: "q", value: "z", ret: 1, output: { ok: false } }));
  t.deepEqual([...irrelevantKvOps(ops)], [0]);
});
