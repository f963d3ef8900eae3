#!/usr/bin/env node
// Entry point of `swarmd`, the node daemon (cli/daemon/ holds its parts).
import { swarmdMain } from "./daemon/swarmd-main.js";

process.exitCode = await swarmdMain(process.argv.slice(2));
