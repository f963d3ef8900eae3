import test from "ava";
import type { Operation } from "./history.js";
import { kvStep, type KeyState, KvPartitionModel } from "./kv-model.js";
import { simulateRegisterHistory } from "./register-simulation.js";
import { searchLinearization } from "./search.js";

/** Checks that `order` is a valid linearization of `ops`: every returned op once, real time kept, answers right. */
function isWitness(ops: readonly Operation[], order: readonly number[]): string | null {
  if (new Set(order).size !== order.length) return "an op appears twice";
  for (const [i, op] of ops.entries()) if (op.ret !== null && !order.includes(i)) return `returned op ${i} missing`;
  let state: KeyState = null;
  let latestCall = -Infinity;
  for (const [position, i] of order.entries()) {
    const op = ops[i]!;
    // An op placed later must not have returned before an earlier-placed op was called.
    if (op.ret !== null && op.ret < latestCall) return `op ${i} at ${position} returned before an earlier op's call`;
    latestCall = Math.max(latestCall, op.call);
    const step = kvStep(state, op);
    if (!step.ok) return `op ${i} at ${position} cannot answer from ${JSON.stringify(state)}`;
    state = step.next;
  }
  return null;
}

test("searchLinearization returns a valid witness for a simulated key", (t) => {
  const history = simulateRegisterHistory({ seed: 9, ops: 600, keys: 1, concurrencyPerKey: 8, pendingRatio: 0.05 });
  const outcome = searchLinearization(history, new KvPartitionModel(history), 1_000_000);
  if (outcome.kind !== "linearizable") return t.fail(outcome.kind);
  t.is(isWitness(history, outcome.order), null);
});

test("searchLinearization stops at its budget with unknown", (t) => {
  const history = simulateRegisterHistory({ seed: 9, ops: 600, keys: 1, concurrencyPerKey: 8 });
  const outcome = searchLinearization(history, new KvPartitionModel(history), 10);
  t.deepEqual(outcome, { kind: "unknown", explored: 10 });
});

test("searchLinearization succeeds at once when no operation returned", (t) => {
  const ops: Operation[] = [{ clientId: 0, kind: "put", key: "k", value: "v", call: 0, ret: null }];
  t.deepEqual(searchLinearization(ops, new KvPartitionModel(ops), 1), { kind: "linearizable", explored: 0, order: [] });
});
