import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import type { Operation } from "./history.js";
import { kvStep, type KeyState } from "./kv-model.js";
import { checkLinearizable, explanationOpsMax, type CheckResult } from "./linearizability.js";
import { mulberry32, simulateRegisterHistory } from "./register-simulation.js";

// Builders: times are [call, ret]; ret null means the operation never returned.
function get(key: string, value: string | null, call: number, ret: number | null, clientId = 0): Operation {
  return ret === null
    ? { clientId, kind: "get", key, call, ret }
    : { clientId, kind: "get", key, call, ret, output: { ok: true, value } };
}
function put(key: string, value: string, call: number, ret: number | null, clientId = 0): Operation {
  return ret === null
    ? { clientId, kind: "put", key, value, call, ret }
    : { clientId, kind: "put", key, value, call, ret, output: { ok: true } };
}
function cas(
  key: string,
  expected: string | null,
  value: string,
  call: number,
  ret: number | null,
  ok = true,
  current?: string | null,
): Operation {
  const base = { clientId: 0, kind: "cas" as const, key, expected, value, call, ret };
  if (ret === null) return base;
  return { ...base, output: current === undefined ? { ok } : { ok, value: current } };
}

function verdict(history: readonly Operation[]): CheckResult["verdict"] {
  return checkLinearizable(history).verdict;
}

test("checkLinearizable accepts an empty history", (t) => {
  const result = checkLinearizable([]);
  t.is(result.verdict, "linearizable");
  t.true(result.ok);
  t.is(result.partitions, 0);
});

test("checkLinearizable accepts sequential puts and gets", (t) => {
  t.is(
    verdict([get("k", null, 0, 1), put("k", "a", 2, 3), get("k", "a", 4, 5), put("k", "b", 6, 7), get("k", "b", 8, 9)]),
    "linearizable",
  );
});

test("checkLinearizable accepts a get concurrent with a put seeing either value", (t) => {
  // The get overlaps the put, so it may take effect before or after it.
  const before = [put("k", "a", 0, 1), put("k", "b", 2, 6), get("k", "a", 3, 5)];
  const after = [put("k", "a", 0, 1), put("k", "b", 2, 6), get("k", "b", 3, 5)];
  t.is(verdict(before), "linearizable");
  t.is(verdict(after), "linearizable");
});

test("checkLinearizable treats operations touching at one instant as concurrent", (t) => {
  // The put returns at 5 and the get is called at 5: either order is allowed.
  t.is(verdict([put("k", "a", 0, 1), put("k", "b", 2, 5), get("k", "a", 5, 6)]), "linearizable");
});

test("checkLinearizable finds a stale read after a completed write", (t) => {
  const result = checkLinearizable([put("k", "a", 0, 1), put("k", "b", 2, 3), get("k", "a", 4, 5)]);
  t.is(result.verdict, "violation");
  t.false(result.ok);
});

test("checkLinearizable finds a read of a value never written", (t) => {
  t.is(verdict([put("k", "a", 0, 1), get("k", "zzz", 2, 3)]), "violation");
  t.is(verdict([get("k", "a", 0, 1)]), "violation");
});

test("checkLinearizable finds a read of an absent key after a write", (t) => {
  t.is(verdict([put("k", "a", 0, 1), get("k", null, 2, 3)]), "violation");
});

test("checkLinearizable accepts cas successes and failures that match the value", (t) => {
  t.is(
    verdict([
      cas("k", null, "a", 0, 1), // absent → a
      cas("k", "x", "b", 2, 3, false, "a"),
      cas("k", "a", "b", 4, 5),
      cas("k", "a", "c", 6, 7, false),
      get("k", "b", 8, 9),
    ]),
    "linearizable",
  );
});

test("checkLinearizable finds a cas that succeeded on the wrong value", (t) => {
  t.is(verdict([put("k", "a", 0, 1), cas("k", "x", "b", 2, 3)]), "violation");
});

test("checkLinearizable finds a cas that failed although the value matched", (t) => {
  t.is(verdict([put("k", "a", 0, 1), cas("k", "a", "b", 2, 3, false)]), "violation");
});

test("checkLinearizable finds a failed cas reporting a wrong current value", (t) => {
  t.is(verdict([put("k", "a", 0, 1), cas("k", "x", "b", 2, 3, false, "q")]), "violation");
});

test("checkLinearizable accepts two concurrent cas of which only one succeeds", (t) => {
  t.is(
    verdict([put("k", "a", 0, 1), cas("k", "a", "b", 2, 6), cas("k", "a", "c", 3, 5, false, "b"), get("k", "b", 7, 8)]),
    "linearizable",
  );
  // Both succeeding from the same value is impossible.
  t.is(verdict([put("k", "a", 0, 1), cas("k", "a", "b", 2, 6), cas("k", "a", "c", 3, 5)]), "violation");
});

test("checkLinearizable finds a lost write", (t) => {
  // put b returned ok; a later, non-overlapping get returns the older value.
  t.is(verdict([put("k", "a", 0, 1), put("k", "b", 2, 3), get("k", "b", 4, 5), get("k", "a", 6, 7)]), "violation");
});

test("checkLinearizable accepts a write that never returned and took effect", (t) => {
  t.is(
    verdict([put("k", "a", 0, 1), put("k", "b", 2, null), get("k", "b", 10, 11), get("k", "b", 12, 13)]),
    "linearizable",
  );
});

test("checkLinearizable accepts a write that never returned and never took effect", (t) => {
  t.is(
    verdict([put("k", "a", 0, 1), put("k", "b", 2, null), get("k", "a", 10, 11), get("k", "a", 12, 13)]),
    "linearizable",
  );
});

test("checkLinearizable accepts a write that never returned taking effect long after its call", (t) => {
  t.is(
    verdict([put("k", "a", 0, 1), put("k", "b", 2, null), get("k", "a", 10, 11), get("k", "b", 12, 13)]),
    "linearizable",
  );
});

test("checkLinearizable accepts a cas that never returned, with or without effect", (t) => {
  t.is(verdict([put("k", "a", 0, 1), cas("k", "a", "b", 2, null), get("k", "b", 3, 4)]), "linearizable");
  t.is(verdict([put("k", "a", 0, 1), cas("k", "a", "b", 2, null), get("k", "a", 3, 4)]), "linearizable");
  // A pending cas can only write when its expected value is current.
  t.is(verdict([put("k", "a", 0, 1), cas("k", "x", "b", 2, null), get("k", "b", 3, 4)]), "violation");
});

test("checkLinearizable finds a pending write seen and then the older value seen again", (t) => {
  t.is(verdict([put("k", "a", 0, 1), put("k", "b", 2, null), get("k", "b", 3, 4), get("k", "a", 5, 6)]), "violation");
});

test("checkLinearizable does not let a write take effect before its call", (t) => {
  t.is(verdict([put("k", "a", 0, 1), get("k", "b", 2, 3), put("k", "b", 4, null)]), "violation");
  t.is(verdict([put("k", "a", 0, 1), get("k", "b", 2, 3), put("k", "b", 4, 5)]), "violation");
});

test("checkLinearizable ignores a get that never returned", (t) => {
  t.is(verdict([put("k", "a", 0, 1), get("k", null, 2, null)]), "linearizable");
});

test("checkLinearizable checks each key on its own and names the failing one", (t) => {
  // Each key alone is fine except "bad"; across keys, values do not interfere.
  const history = [
    put("x", "1", 0, 1),
    put("y", "1", 0, 1),
    get("x", "1", 2, 3),
    get("y", "1", 2, 3),
    put("bad", "a", 0, 1),
    put("bad", "b", 2, 3),
    get("bad", "a", 4, 5),
    put("x", "2", 4, 8),
    get("x", "1", 5, 6),
    get("x", "2", 9, 10),
  ];
  const result = checkLinearizable(history);
  t.is(result.verdict, "violation");
  t.is(result.partitions, 3);
  if (result.verdict !== "violation") return;
  t.is(result.failingKey, "bad");
  t.is(verdict(history.filter((op) => op.key !== "bad")), "linearizable");
});

test("checkLinearizable explains a violation with the longest prefix and the blocking operation", (t) => {
  const history = [put("k", "a", 0, 1), put("k", "b", 2, 3), get("k", "b", 4, 5), get("k", "a", 6, 7)];
  const result = checkLinearizable(history);
  if (result.verdict !== "violation") return t.fail(`expected a violation, got ${result.verdict}`);
  const v = result.violation;
  t.is(v.key, "k");
  t.is(v.prefixLength, 3);
  t.deepEqual(
    v.prefixTail.map((n) => n.index),
    [0, 1, 2],
  );
  t.is(v.valueAfterPrefix, "b");
  t.is(v.blocking.index, 3);
  t.deepEqual(
    v.candidates.map((n) => n.index),
    [3],
  );
  t.regex(v.message, /key "k" is not linearizable/);
  t.regex(v.message, /#3 client 0 get\("k"\) → "a" \[call 6, ret 7\]/);
});

test("checkLinearizable keeps an explanation short", (t) => {
  // A long correct prefix, then a stale read: the explanation lists only the last operations.
  const history: Operation[] = [];
  for (let i = 0; i < 100; i++) history.push(put("k", `v${i}`, 2 * i, 2 * i + 1));
  history.push(get("k", "v3", 500, 501));
  const result = checkLinearizable(history);
  if (result.verdict !== "violation") return t.fail(`expected a violation, got ${result.verdict}`);
  t.is(result.violation.prefixLength, 100);
  t.is(result.violation.prefixTail.length, explanationOpsMax);
  t.is(result.violation.prefixTail.at(-1)?.index, 99);
});

test("checkLinearizable rejects a malformed history or budget", (t) => {
  t.is(
    t.throws(() => checkLinearizable([{ clientId: 0, kind: "put", key: "k", call: 0, ret: 1, output: { ok: true } }]), {
      instanceOf: InvalidArgumentError,
    }).field,
    "history[0].value",
  );
  t.is(
    t.throws(() => checkLinearizable([get("k", null, 0, 1)], { exploredStatesMax: 0 }), {
      instanceOf: InvalidArgumentError,
    }).field,
    "exploredStatesMax",
  );
});

/**
 * Reference: Wing–Gong without memoisation or pruning, over every order allowed by real time,
 * pending operations optional. Exponential; for histories of a handful of operations.
 */
function bruteForce(history: readonly Operation[]): boolean {
  const keys = new Set(history.map((op) => op.key));
  return [...keys].every((key) => {
    const ops = history.filter((op) => op.key === key);
    const done = new Array<boolean>(ops.length).fill(false);
    const search = (state: KeyState): boolean => {
      const open = ops.filter((op, i) => !done[i] && op.ret !== null);
      if (open.length === 0) return true;
      const deadline = Math.min(...open.map((op) => op.ret!));
      return ops.some((op, i) => {
        if (done[i] || op.call > deadline) return false;
        const step = kvStep(state, op);
        if (!step.ok) return false;
        done[i] = true;
        const found = search(step.next);
        done[i] = false;
        return found;
      });
    };
    return search(null);
  });
}

test("checkLinearizable agrees with a brute-force search on small random histories", (t) => {
  // Few values and short times make many overlaps, repeated values and pending operations: the
  // corners where the pruning rules would go wrong if they were unsound.
  t.timeout(60_000);
  const random = mulberry32(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const values = ["a", "b", "c"];
  let violations = 0;
  for (let round = 0; round < 5000; round++) {
    const history: Operation[] = [];
    const count = 1 + Math.floor(random() * 8);
    for (let i = 0; i < count; i++) {
      const call = Math.floor(random() * 10);
      const ret = random() < 0.25 ? null : call + Math.floor(random() * 5);
      const kind = pick(["get", "put", "cas"] as const);
      const key = random() < 0.8 ? "k" : "j";
      if (kind === "get") history.push(get(key, pick([null, ...values]), call, ret));
      else if (kind === "put") history.push(put(key, pick(values), call, ret));
      else {
        const ok = random() < 0.5;
        const current = ok || random() < 0.5 ? undefined : pick([null, ...values]);
        history.push(cas(key, pick([null, ...values]), pick(values), call, ret, ok, current));
      }
    }
    const expected = bruteForce(history) ? "linearizable" : "violation";
    if (expected === "violation") violations++;
    const actual = verdict(history);
    if (actual !== expected)
      return t.fail(`round ${round}: expected ${expected}, got ${actual} for ${JSON.stringify(history)}`);
  }
  // Both outcomes must be well represented, or the comparison proves little.
  t.true(violations > 500 && violations < 4500, `${violations} violations of 5000`);
});

/** Makes one read stale: it returns the value of a write that a later, completed write overwrote before the read began. */
function corruptOneRead(history: Operation[]): number {
  const writes = history.filter((op) => op.kind === "put" && op.ret !== null);
  for (const [i, op] of history.entries()) {
    if (op.kind !== "get" || op.ret === null) continue;
    const older = writes.find(
      (w1) => w1.key === op.key && writes.some((w2) => w2.key === op.key && w1.ret! < w2.call && w2.ret! < op.call),
    );
    if (older === undefined || older.value === op.output?.value) continue;
    history[i] = { ...op, output: { ok: true, value: older.value ?? null } };
    return i;
  }
  throw new Error("no read to corrupt");
}

test("checkLinearizable decides a 5,000-operation history over 20 keys within seconds", (t) => {
  // A correct atomic register with about 10 operations in flight per key and 2 % of operations
  // never returning; then the same history with one stale read.
  t.timeout(60_000);
  const history = simulateRegisterHistory({ seed: 42, ops: 5000, keys: 20, concurrencyPerKey: 10, pendingRatio: 0.02 });
  let started = performance.now();
  const good = checkLinearizable(history);
  const goodMs = performance.now() - started;
  t.is(good.verdict, "linearizable");
  t.is(good.partitions, 20);
  // Seconds, not the minutes of an exponential search; generous, for a loaded machine shares its cores.
  t.true(goodMs < 30_000, `took ${goodMs.toFixed(0)} ms`);

  const corrupted = corruptOneRead(history);
  started = performance.now();
  const bad = checkLinearizable(history);
  const badMs = performance.now() - started;
  t.is(bad.verdict, "violation");
  t.true(badMs < 30_000, `took ${badMs.toFixed(0)} ms`);
  if (bad.verdict !== "violation") return;
  t.is(bad.failingKey, history[corrupted]!.key);
});

test("checkLinearizable decides histories whose failed cas do not report the value", (t) => {
  // Without reported values the pruning of pending writes is off; the search must cope anyway.
  t.timeout(60_000);
  const history = simulateRegisterHistory({
    seed: 5,
    ops: 5000,
    keys: 20,
    concurrencyPerKey: 10,
    pendingRatio: 0.02,
    blindCasFailures: true,
  });
  t.is(verdict(history), "linearizable");
  corruptOneRead(history);
  t.is(verdict(history), "violation");
});

test("checkLinearizable answers unknown, not violation, when the budget runs out", (t) => {
  const history = simulateRegisterHistory({ seed: 3, ops: 2000, keys: 2, concurrencyPerKey: 10, pendingRatio: 0.02 });
  const unlimited = checkLinearizable(history);
  t.is(unlimited.verdict, "linearizable");
  t.true(unlimited.explored > 100);
  const result = checkLinearizable(history, { exploredStatesMax: 100 });
  t.is(result.verdict, "unknown");
  t.false(result.ok);
  if (result.verdict !== "unknown") return;
  t.is(result.reason, "budget");
  t.true(result.explored <= 100);
  t.true(["k0", "k1"].includes(result.undecidedKey));
  // Under a budget, a corrupted history is never called linearizable.
  corruptOneRead(history);
  t.not(checkLinearizable(history, { exploredStatesMax: 100 }).verdict, "linearizable");
});
