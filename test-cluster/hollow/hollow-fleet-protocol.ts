// What a hollow fleet process (hollow-fleet-main.ts) tells its parent (hollow-fleet.ts), one JSON
// line per event on its stdout.

/** Environment variable carrying the worker join token to a fleet process. */
export const hollowTokenEnv = "SWARM_HOLLOW_TOKEN";

/** One line of a fleet process's stdout. */
export type FleetEvent =
  | { readonly event: "ready"; readonly count: number; readonly ms: number }
  | { readonly event: "exit"; readonly taskId: string; readonly exitCode: number }
  | { readonly event: "stats"; readonly connected: number; readonly running: number; readonly rssBytes: number }
  | {
      readonly event: "joining";
      readonly joined: number;
      readonly retries: number;
      /** The last failed attempt's error, if any. */
      readonly lastError: string;
    };
