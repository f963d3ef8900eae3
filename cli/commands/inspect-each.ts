// The shape every `inspect` shares: fetch each named object, print them as one JSON array (as
// `docker inspect` does) or each through --format; a missing one is an error after the others.
import { formatEach } from "../output/print.js";
import { forEachRef } from "./for-each-ref.js";

/** Fetches each reference as a plain object and prints them; rejects if any lookup failed. */
export async function inspectEach(
  refs: readonly string[],
  fetch: (ref: string) => Promise<Record<string, unknown>>,
  format: string | undefined,
  out: (text: string) => void,
): Promise<void> {
  const found: Record<string, unknown>[] = [];
  let failure: Error | null = null;
  // forEachRef reports each failure on stderr and goes on, which is what inspect wants too.
  await forEachRef(refs, async (ref) => {
    found.push(await fetch(ref));
  }).catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });
  if (format && format !== "json") out(formatEach(format, found));
  else out(`${JSON.stringify(found, null, 2)}\n`);
  if (failure !== null) throw failure as Error;
}
