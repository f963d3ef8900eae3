#!/usr/bin/env node
// Entry point of `swarmctl`, the operators' CLI (cli/commands/ holds its commands).
import { swarmctlMain } from "./commands/swarmctl-main.js";

process.exitCode = await swarmctlMain(process.argv.slice(2));
