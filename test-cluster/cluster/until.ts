// Polling for the tests and scenarios that watch real processes: ask until there is an answer.

/** Pause between two probes. */
export const untilPollMs = 100;
/** Default time to wait before giving up. */
export const untilMsDefault = 60_000;

/** Polls `probe` until it returns a value (errors count as "not yet"); throws naming `what` and the last error on timeout. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = untilMsDefault,
  pollMs = untilPollMs,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = "";
    } catch (error) {
      last = `: ${(error as Error).message}`;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
