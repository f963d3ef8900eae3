// Generates histories of a correct atomic key-value store under random concurrency, to test and
// benchmark the checker: each operation takes effect at one random instant between its call and
// its return, in the order of those instants, so the history is linearizable by construction.
// Everything derives from a seed, so a failing test replays exactly.

import { mulberry32 } from "../../common/index.js";
import type { Operation } from "./history.js";

export { mulberry32 };

/** Shape of a simulated history. */
export interface RegisterSimulationOptions {
  /** Seed of the PRNG. */
  readonly seed: number;
  /** Number of operations. */
  readonly ops: number;
  /** Number of keys, chosen uniformly. */
  readonly keys: number;
  /** Average number of operations in flight on one key at any instant. */
  readonly concurrencyPerKey: number;
  /** Share of operations that never return (half of them take effect anyway). */
  readonly pendingRatio?: number;
  /**
   * When true, half of the failed cas omit the current value from their answer (the store in
   * raft/kv always reports it); such answers weaken the checker's pruning of pending writes.
   */
  readonly blindCasFailures?: boolean;
  /** Number of client ids to spread operations over (clients are not sequential here). */
  readonly clients?: number;
}

/** Time span of a simulated history; the unit is arbitrary. */
export const simulationSpan = 1_000_000;

/**
 * A linearizable history of gets (50 %), puts (30 %) and cas (20 %, half with the current value as
 * `expected`; a failed one reports the current value), every write with a value unique in the
 * history. Operations that never return have `ret: null`; half of them took effect.
 */
export function simulateRegisterHistory(options: RegisterSimulationOptions): Operation[] {
  const random = mulberry32(options.seed);
  const clients = options.clients ?? 100;
  const pendingRatio = options.pendingRatio ?? 0;
  // Mean duration so that ops/keys operations spread over the span overlap concurrencyPerKey-fold.
  const meanDuration = (options.concurrencyPerKey * simulationSpan * options.keys) / options.ops;
  const drafts = Array.from({ length: options.ops }, (_, i) => {
    const call = Math.floor(random() * simulationSpan);
    const duration = 1 + Math.floor(random() * 2 * meanDuration);
    const r = random();
    return {
      i,
      key: `k${Math.floor(random() * options.keys)}`,
      kind: r < 0.5 ? ("get" as const) : r < 0.8 ? ("put" as const) : ("cas" as const),
      call,
      ret: call + duration,
      effect: call + random() * duration,
      pending: random() < pendingRatio,
      tookEffect: random() < 0.5,
    };
  });
  const values = new Map<string, string | null>();
  const written = new Map<string, string[]>();
  const result: Operation[] = new Array<Operation>(options.ops);
  for (const d of [...drafts].sort((x, y) => x.effect - y.effect)) {
    const current = values.get(d.key) ?? null;
    const base = { clientId: d.i % clients, key: d.key, call: d.call, ret: d.pending ? null : d.ret };
    const applies = !d.pending || d.tookEffect;
    const value = `${d.key}:${d.i}`;
    let op: Operation;
    switch (d.kind) {
      case "get":
        op = d.pending ? { ...base, kind: "get" } : { ...base, kind: "get", output: { ok: true, value: current } };
        break;
      case "put":
        op = d.pending ? { ...base, kind: "put", value } : { ...base, kind: "put", value, output: { ok: true } };
        if (applies) values.set(d.key, value);
        break;
      case "cas": {
        const earlier = written.get(d.key) ?? [];
        const expected = random() < 0.5 ? current : (earlier[Math.floor(random() * earlier.length)] ?? null);
        const ok = current === expected;
        const blind = options.blindCasFailures === true && random() < 0.5;
        const output = ok ? { ok: true } : blind ? { ok: false } : { ok: false, value: current };
        op = d.pending ? { ...base, kind: "cas", expected, value } : { ...base, kind: "cas", expected, value, output };
        if (applies && ok) values.set(d.key, value);
        break;
      }
    }
    if (d.kind !== "get") {
      const list = written.get(d.key);
      if (list === undefined) written.set(d.key, [value]);
      else list.push(value);
    }
    result[d.i] = op;
  }
  return result;
}
