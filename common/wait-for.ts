/**
 * Polls `probe` until it returns a value other than undefined, for tests and tools that wait on
 * asynchronous effects; throws naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<T> {
  const end = performance.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 10));
  }
}
