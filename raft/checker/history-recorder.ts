// Records what concurrent clients asked and heard, for the linearizability checker. The clock is
// injected so that tests and simulations can use their own time, and a real-process test can pass
// performance.now.
import { assert } from "../../common/index.js";
import type { Operation, OperationInput, OperationOutput } from "./history.js";

interface Recording {
  readonly clientId: number;
  readonly input: OperationInput;
  readonly call: number;
  ret: number | null;
  output: OperationOutput | undefined;
}

/**
 * Collects operations as clients invoke them and as answers arrive. An operation that is never
 * completed (the client crashed, timed out or got an error whose effect is unknown) stays in the
 * history with `ret: null`, which tells the checker it may or may not have taken effect.
 */
export class HistoryRecorder {
  private readonly recordings: Recording[] = [];

  /** @param clock returns the current time; it must never go backwards. */
  constructor(private readonly clock: () => number) {}

  /** Notes that `clientId` sent `input` now (or at `at`); returns the id to complete it with. */
  invoke(clientId: number, input: OperationInput, at: number = this.clock()): number {
    this.recordings.push({ clientId, input, call: at, ret: null, output: undefined });
    return this.recordings.length - 1;
  }

  /**
   * Notes the answer to operation `opId`, received now (or at `at`). Completing twice, or with a
   * time before the call, is a bug in the caller.
   */
  complete(opId: number, output: OperationOutput, at: number = this.clock()): void {
    const recording = this.recordings[opId];
    assert(recording !== undefined, `unknown operation id ${opId}`);
    assert(recording.ret === null, `operation ${opId} completed twice`);
    assert(at >= recording.call, `operation ${opId} completed at ${at}, before its call at ${recording.call}`);
    recording.ret = at;
    recording.output = output;
  }

  /** Number of operations invoked so far. */
  get size(): number {
    return this.recordings.length;
  }

  /** The operations so far, in invocation order; those never completed have `ret: null`. */
  history(): Operation[] {
    return this.recordings.map((r) => {
      const base = { clientId: r.clientId, key: r.input.key, call: r.call, ret: r.ret };
      const output = r.output === undefined ? {} : { output: r.output };
      switch (r.input.kind) {
        case "get":
          return { ...base, kind: "get", ...output };
        case "put":
          return { ...base, kind: "put", value: r.input.value, ...output };
        case "cas":
          return { ...base, kind: "cas", expected: r.input.expected, value: r.input.value, ...output };
      }
    });
  }
}
