// A concurrent client workload against a KvCluster that records a history for the linearizability
// checker. Each client runs one operation at a time; an operation whose answer never came (a
// timeout across a failover) is recorded as never returned, so it may or may not have happened.
import { HistoryRecorder, type Operation, type OperationInput } from "../checker/index.js";
import { KvClient } from "./kv-client.js";
import { realClock } from "../../common/index.js";

/** Options of a workload run. */
export interface WorkloadOptions {
  /** Raft id → HTTP address of every member. */
  readonly servers: ReadonlyMap<number, string>;
  /** Concurrent clients. */
  readonly clients: number;
  /** Keys the clients spread over. */
  readonly keys: number;
  /** How long to run at least, in ms. */
  readonly durationMs: number;
  /**
   * Keeps the clients running until it settles as well (e.g. until a fault schedule is done), so a
   * slow machine stretches the run instead of cutting what it was meant to exercise.
   */
  readonly until?: Promise<unknown>;
  /** Most time one operation may take, retries included. */
  readonly operationMsMax: number;
  /** Deterministic choice of operations. */
  readonly random: () => number;
}

/** What a workload run produced. */
export interface WorkloadResult {
  /** Every operation, for the checker. */
  readonly history: Operation[];
  /** Writes (put, cas) that were acknowledged. */
  readonly ackedWrites: number;
  /** Operations that never got an answer. */
  readonly unknown: number;
}

/** Runs clients until the duration ends and `until` settled; resolves with the recorded history. */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const recorder = new HistoryRecorder(() => realClock.monotonicMs());
  const end = realClock.monotonicMs() + options.durationMs;
  let settled = options.until === undefined;
  void options.until?.finally(() => (settled = true)).catch(() => undefined);
  let ackedWrites = 0;
  let unknown = 0;
  let unique = 0;
  const clients = Array.from(
    { length: options.clients },
    (_, i) => new KvClient(options.servers, `client-${i}-${Math.floor(options.random() * 1e9)}`),
  );
  await Promise.all(
    clients.map(async (client, clientId) => {
      while (realClock.monotonicMs() < end || !settled) {
        const key = `k${Math.floor(options.random() * options.keys)}`;
        const roll = options.random();
        const value = `v${++unique}`;
        const input: OperationInput =
          roll < 0.4
            ? { kind: "get", key }
            : roll < 0.8
              ? { kind: "put", key, value }
              : { kind: "cas", key, expected: `v${Math.max(1, unique - Math.floor(options.random() * 8))}`, value };
        const opId = recorder.invoke(clientId, input);
        const deadline = realClock.monotonicMs() + options.operationMsMax;
        if (input.kind === "get") {
          const outcome = await client.get(key, deadline);
          if (outcome.ok) recorder.complete(opId, { ok: true, value: outcome.value });
          else unknown++;
        } else {
          const outcome =
            input.kind === "put"
              ? await client.put(key, input.value, deadline)
              : await client.cas(key, input.expected, input.value, deadline);
          if (outcome.ok) {
            recorder.complete(
              opId,
              outcome.value.ok ? { ok: true } : { ok: false, value: outcome.value.value ?? null },
            );
            if (outcome.value.ok) ackedWrites++;
          } else {
            unknown++;
          }
        }
      }
      client.close();
    }),
  );
  return { history: recorder.history(), ackedWrites, unknown };
}
