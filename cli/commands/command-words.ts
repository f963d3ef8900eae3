// The command an argv names, as words: the key of swarmctl's V8 code cache (cli/bundle/). It lives in
// the bundle and is exported by swarmctl-main.ts, so the loader that runs the bundle asks the bundle for
// it instead of importing these modules itself: they reach common/, whose index loads grpc-js, and Node
// would load some 100 files beside the bundle on every start.
import { commandIdOf } from "./command-loaders.js";
import { splitGlobalFlags } from "./global-flags.js";

/** The command argv names, after any global flags ("service ls"; "" for `--version`, help or a typo). */
export function commandWordsOf(argv: readonly string[]): string {
  try {
    return (commandIdOf(splitGlobalFlags(argv).rest) ?? "").replaceAll(":", " ");
  } catch {
    return "";
  }
}
