#!/usr/bin/env node
// Entry point of `swarmctl`, the operators' CLI (cli/commands/ holds its commands). The build bundles
// the CLI into swarmctl-bundle.cjs beside this file (cli/bundle/), and that bundle is what runs; the
// list commands operators run most are tried first in the much smaller swarmctl-lean.cjs (cli/lean/),
// which hands back what it does not answer. From the sources (tsx) the modules are loaded as they are.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { leanBundleFile, mayRunLean } from "./bundle/lean-bundle.js";
import { runBundle } from "./bundle/run-bundle.js";

const bundlePath = new URL("./swarmctl-bundle.cjs", import.meta.url);
const leanPath = new URL(`./${leanBundleFile}`, import.meta.url);
const argv = process.argv.slice(2);

/** Runs argv from the bundles: the lean one when it may answer, else (or when it hands argv back) the full one. */
async function runBundles(full: string, lean: string): Promise<number> {
  const code = mayRunLean(argv) && existsSync(lean) ? await runBundle(lean, argv) : null;
  // The full bundle answers every invocation; null would be a bundle without swarmctl's main.
  return code ?? (await runBundle(full, argv)) ?? 1;
}

process.exitCode = existsSync(bundlePath)
  ? await runBundles(fileURLToPath(bundlePath), fileURLToPath(leanPath))
  : await (await import("./commands/swarmctl-main.js")).swarmctlMain(argv);
