#!/usr/bin/env node
// Entry point of `swarmctl`, the operators' CLI (cli/commands/ holds its commands). The build bundles
// the CLI into swarmctl-bundle.cjs beside this file (cli/bundle/), and that bundle is what runs; from
// the sources (tsx) the modules are loaded as they are.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runBundle } from "./bundle/run-bundle.js";

const bundlePath = new URL("./swarmctl-bundle.cjs", import.meta.url);

process.exitCode = existsSync(bundlePath)
  ? await runBundle(fileURLToPath(bundlePath), process.argv.slice(2))
  : await (await import("./commands/swarmctl-main.js")).swarmctlMain(process.argv.slice(2));
