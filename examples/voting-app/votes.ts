// What the voting app's three programs share: the two options, the Redis keys and the connections.
// Docker's example-voting-app keeps votes in a Redis list (vote → worker) and in a PostgreSQL
// table (worker → result); here the "db" service is a second redis-server, whose hash of voter →
// vote plays the table with one row per voter.
import { Redis } from "ioredis";

/** The two options and their labels (the original's defaults). */
export const options = { a: "Cats", b: "Dogs" } as const;

/** An option's key. */
export type Option = keyof typeof options;

/** The Redis list vote pushes onto and the worker pops from. */
export const queueKey = "votes";

/** The db's hash of voter id → option: a voter who votes again changes their row. */
export const tableKey = "votes";

/** Longest a voter id may be, in characters (it comes from a cookie). */
export const voterIdCharsMax = 64;

/** A Redis connection by host name (the service's short name on the stack's network) and port. */
export function connect(url: string): Redis {
  // Retried forever, one attempt a second: the other service may start after this one.
  return new Redis(url, { maxRetriesPerRequest: 2, retryStrategy: () => 1_000 });
}

/** Whether `value` is an option's key. */
export function isOption(value: unknown): value is Option {
  return value === "a" || value === "b";
}

/** Stops `server` and the connections on SIGTERM, so a task stops promptly. */
export function stopOnSigterm(close: () => Promise<unknown>): void {
  process.once("SIGTERM", () => {
    void close().finally(() => process.exit(0));
  });
}
