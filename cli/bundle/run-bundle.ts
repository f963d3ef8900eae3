// Runs the bundled swarmctl (build-swarmctl.ts writes it) the way Node runs a CommonJS file, but compiled
// through vm.Script with V8's code cache (code-cache.ts): the first run compiles the bundle and, once
// its command is done, stores the code of every function it ran; later runs start from that code
// instead of parsing and compiling the bundle again.
import { statSync } from "node:fs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import {
  codeCacheCommandsMax,
  codeCacheDir,
  codeCacheFile,
  codeCacheHeader,
  readCodeCache,
  writeCodeCache,
} from "./code-cache.js";

/** The header line every bundle starts with (build-swarmctl.ts writes it): the SHA-256 of the rest. */
const bundleHeaderPattern = /^\/\/swarmctl-bundle sha256=([0-9a-f]{64})\n/;

/** What the bundle exports. */
interface SwarmctlBundle {
  /** Runs argv; resolves with the exit code, or null when the bundle does not answer argv (the lean one). */
  swarmctlMain(argv: readonly string[]): Promise<number | null>;
  /**
   * The command argv names (cli/commands/command-words.ts), the code cache's key: taken from the bundle,
   * since importing it here would load common/ and grpc-js beside the bundle on every start.
   */
  commandWordsOf(argv: readonly string[]): string;
}

/**
 * The parameter the bundle's dynamic imports call. V8 forgets a script's dynamic import loader when the
 * script comes from a code cache (Node 20), so the bundle cannot use import() itself: build-swarmctl.ts
 * rewrites import() into calls of this, an import() of this module resolving from the bundle's file.
 */
export const bundleImportName = "__swarmctlImport";

/**
 * Runs swarmctl from the bundle at bundlePath with argv; resolves with the exit code, or null when the
 * bundle does not answer argv (the lean bundle hands such invocations back).
 */
export async function runBundle(bundlePath: string, argv: readonly string[]): Promise<number | null> {
  // The bundle is ASCII (esbuild escapes the rest), so latin1 reads it without decoding UTF-8.
  const source = readFileSync(bundlePath, "latin1");
  const hash = bundleHeaderPattern.exec(source)?.[1];
  const dir = hash === undefined ? null : codeCacheDir();
  const file = dir === null ? null : codeCacheFile(dir, bundlePath);
  const header = hash === undefined ? "" : `${codeCacheHeader(hash)}size ${statSync(bundlePath).size}\n`;
  const cache = file === null ? undefined : readCodeCache(file, header);
  const cachedData = cache?.data;
  // On the first line, as Node's own module wrapper, so stack traces keep the bundle's line numbers.
  const wrapped = `(function (exports, require, module, __filename, __dirname, ${bundleImportName}) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Partial<SwarmctlBundle> };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  const bundleUrl = pathToFileURL(bundlePath);
  // Relative specifiers are the bundle's (build-swarmctl.ts writes them from its directory).
  const importForBundle = (specifier: string): Promise<unknown> =>
    import(specifier.startsWith(".") ? new URL(specifier, bundleUrl).href : specifier);
  const require = createRequire(bundlePath);
  init.call(module.exports, module.exports, require, module, bundlePath, dirname(bundlePath), importForBundle);
  const { swarmctlMain: main, commandWordsOf } = module.exports;
  if (typeof main !== "function" || typeof commandWordsOf !== "function")
    throw new Error(`${bundlePath} exports no swarmctlMain or commandWordsOf`);
  const code = await main(argv);
  // After the command, so the cache holds the functions it compiled, not only the bundle's top level.
  // A command the cache was not made by compiled functions it lacks: the cache is made again, and as
  // the functions it gave are compiled too, it then serves this command and all the earlier ones.
  const command = commandWordsOf(argv);
  const commands = cache === undefined || script.cachedDataRejected === true ? [] : cache.commands;
  if (file !== null && !commands.includes(command) && commands.length < codeCacheCommandsMax)
    writeCodeCache(file, header, [...commands, command], script.createCachedData());
  return code;
}
